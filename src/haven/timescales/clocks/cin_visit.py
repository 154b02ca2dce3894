"""Local: visit the child on a child in need plan, and see them [U].

Due a set number of weeks (``LocalTimescales.cin_visit_weeks``, default 4) after the plan started,
and again that many weeks after each visit at which the child was seen: calendar days, 7 to a week,
with the day of the plan or visit as day 0. The due date is not moved off a weekend or a bank
holiday. STATUTORY.md §1 row 9: there is no national frequency; councils set it locally (typically
every 4 to 6 weeks).

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import (
    ANNEX_A_CIN_SEEN,
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    LOCAL_SAFEGUARDING_PROCEDURES,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(plan_started_or_last_seen: date, calendar: WorkingDayCalendar) -> date:
    return add_days(plan_started_or_last_seen, local.current().cin_visit_weeks * 7)


RULES = (
    Rule(
        id="cin-visit",
        version=1,
        title="Visit the child on a child in need plan",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_CIN_VISIT_WEEKS, default 4 weeks); "
            f"{LOCAL_SAFEGUARDING_PROCEDURES}; {ANNEX_A_CIN_SEEN}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The child in need plan started, or the last visit at which the child was seen",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
