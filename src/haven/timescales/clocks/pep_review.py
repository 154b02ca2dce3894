"""Local: review the personal education plan each school term [U].

STATUTORY.md §1 row 23 (second part): EDU18 says the PEP is reviewed each school term, as read
from LA manuals [U]. Terms differ from school to school, so Haven counts weeks from the last review
as held (``LocalTimescales.pep_review_weeks``, default 13, about a term), not moved off a weekend,
a bank holiday or a school holiday.

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_weeks
from haven.timescales.clocks._sources import EDU18, HAVEN_LOCAL_DEFAULT, LOCAL_IN_FORCE
from haven.timescales.rules import Confirmation, DayType, Rule


def due(pep_made_or_last_review: date, calendar: WorkingDayCalendar) -> date:
    return add_weeks(pep_made_or_last_review, local.current().pep_review_weeks)


RULES = (
    Rule(
        id="pep-review",
        version=1,
        title="Review the personal education plan",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_PEP_REVIEW_WEEKS, default 13 weeks); "
            f"{EDU18} (reviewed each school term, as read, not yet checked)"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The personal education plan was made, or its last review",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
