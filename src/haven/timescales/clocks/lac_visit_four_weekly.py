"""STATUTORY.md §1 row 16 (second part): visits every 4 weeks after the first review [C].

CPPCR reg 28(4): after the first review, a child placed with a connected person who has temporary
approval (reg 24), or at home with a parent under an interim care order, is visited within 4 weeks
(28 calendar days) of the last visit.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_weeks
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_28
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_visit: date, calendar: WorkingDayCalendar) -> date:
    return add_weeks(last_visit, 4)


RULES = (
    Rule(
        id="lac-visit-four-weekly",
        version=1,
        title="Visit the child every 4 weeks after the first review",
        source=(
            f"{CPPCR_REG_28}, reg 28(4) (placements under reg 24, and at home under an interim "
            "care order)"
        ),
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last visit to the child, after the first looked-after review",
        confirmation=Confirmation.CONFIRMED,
    ),
)
