"""Local: visit the child on a child protection plan, and see them [U].

Due a set number of working days (``LocalTimescales.cp_visit_working_days``, default 10) after the
plan started, and again that many working days after each visit at which the child was seen. A
visit at which the child was not seen does not restart the clock. STATUTORY.md §1 row 8: there is
no national frequency; the child protection plan or local safeguarding procedures set it (commonly
every 10 working days or every 28 days, with the child seen, and seen alone).

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import (
    ANNEX_A_CP_VISITS,
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    LOCAL_SAFEGUARDING_PROCEDURES,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(plan_started_or_last_seen: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().cp_visit_working_days
    return calendar.add_working_days(plan_started_or_last_seen, days)


RULES = (
    Rule(
        id="cp-visit",
        version=1,
        title="Visit the child on a child protection plan",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_CP_VISIT_WORKING_DAYS, default 10 working "
            f"days); {LOCAL_SAFEGUARDING_PROCEDURES}; {ANNEX_A_CP_VISITS}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The child protection plan started, or the last visit at which the child was seen",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
