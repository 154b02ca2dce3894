"""Local: hold the next core group meeting [U].

Due a set number of weeks (``LocalTimescales.core_group_weeks``, default 6) after the last core
group meeting as it was actually held: calendar days, 7 to a week, not moved off a weekend or a
bank holiday. The first core group after the initial child protection conference is the national
rule ``first-core-group`` (10 working days); this rule is every later meeting. STATUTORY.md §1
row 5: after the first, the core group meets regularly, at a frequency set locally (commonly every
4 to 6 weeks).

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    LOCAL_SAFEGUARDING_PROCEDURES,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_core_group: date, calendar: WorkingDayCalendar) -> date:
    return add_days(last_core_group, local.current().core_group_weeks * 7)


RULES = (
    Rule(
        id="core-group",
        version=1,
        title="Hold the next core group meeting",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_CORE_GROUP_WEEKS, default 6 weeks); "
            f"{LOCAL_SAFEGUARDING_PROCEDURES}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The last core group meeting",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
