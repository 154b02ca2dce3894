"""STATUTORY.md §1 row 14 (first part): visit within 1 week of any placement starting [C].

CPPCR reg 28(2): 7 calendar days from the day the placement started (day 0), not moved off a
weekend or a bank holiday. Every placement starts this clock, not only the first. A child living
with a parent under a full care order is visited within a week of the order (reg 28(5), row 17);
the caller starts this rule from the date of the order for that case.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_28
from haven.timescales.rules import Confirmation, DayType, Rule


def due(placement_started: date, calendar: WorkingDayCalendar) -> date:
    return add_days(placement_started, 7)


RULES = (
    Rule(
        id="lac-visit-first-week",
        version=1,
        title="Visit the child in a new placement",
        source=f"{CPPCR_REG_28}, reg 28(2)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The placement started",
        confirmation=Confirmation.CONFIRMED,
    ),
)
