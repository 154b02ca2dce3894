"""Local: a case waiting too long for allocation goes to the head of service [U].

Due a set number of working days (``LocalTimescales.unallocated_escalation_working_days``, default
10) after the case joined the allocation queue. A case still unallocated at the end of that day has
waited longer than the council allows, and the head of service decides what happens next. Risk
reviews meanwhile do not restart this clock. No national timescale exists; the threshold is set in
local procedure, for the reason given in ``unallocated_risk_review``.

The threshold is read when the due date is worked out, so a changed setting applies to clocks
opened after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    OFSTED_NORTHAMPTONSHIRE,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(joined_queue: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().unallocated_escalation_working_days
    return calendar.add_working_days(joined_queue, days)


RULES = (
    Rule(
        id="unallocated-escalation",
        version=1,
        title="Escalate a case waiting too long for allocation",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS, default "
            f"10 working days); {OFSTED_NORTHAMPTONSHIRE}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The case joined the allocation queue",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
