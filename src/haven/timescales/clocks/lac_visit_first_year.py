"""STATUTORY.md §1 row 14 (second part): visits at intervals of not more than 6 weeks [C].

CPPCR reg 28(2): after the first visit in a placement, the child is visited within 6 weeks (42
calendar days) of the last visit, for the first year of the placement, and after that too
unless the placement is intended to last until the child is 18 (rule ``lac-visit-long-term``).
The same 6-week interval applies after the first review to a child placed with a parent before
assessment (reg 28(3), row 15) and to a child living with a parent under a full care order (reg
28(5), row 17); the caller uses this rule for those cases rather than a duplicate one.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_28
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_visit: date, calendar: WorkingDayCalendar) -> date:
    return add_days(last_visit, 42)


RULES = (
    Rule(
        id="lac-visit-first-year",
        version=1,
        title="Visit the looked-after child (every 6 weeks)",
        source=f"{CPPCR_REG_28}, reg 28(2), (3) and (5)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last visit to the child",
        confirmation=Confirmation.CONFIRMED,
    ),
)
