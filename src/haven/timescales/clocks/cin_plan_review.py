"""Local: review the child in need plan [U].

Due a set number of calendar months (``LocalTimescales.cin_review_months``, default 3) after the
plan started, and again that many months after each review as it was actually held. Months are
clamped to the month end (a plan started on 30 November is due for review on 28/29 February) and
the due date is not moved off a weekend or a bank holiday. STATUTORY.md §1 row 9: there is no
national frequency; councils set it locally (typically every 3 months).

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    LOCAL_SAFEGUARDING_PROCEDURES,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(plan_started_or_last_review: date, calendar: WorkingDayCalendar) -> date:
    return add_months(plan_started_or_last_review, local.current().cin_review_months)


RULES = (
    Rule(
        id="cin-plan-review",
        version=1,
        title="Review the child in need plan",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_CIN_REVIEW_MONTHS, default 3 months); "
            f"{LOCAL_SAFEGUARDING_PROCEDURES}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The child in need plan started, or its last review",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
