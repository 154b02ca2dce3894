"""STATUTORY.md §1 rows 15 and 16 (first part): weekly visits until the first review [C].

CPPCR reg 28(3) and (4): a child placed with a parent before the assessment is complete (reg 19),
with a connected person who has temporary approval (reg 24), or at home with a parent under an
interim care order is visited within 7 calendar days of the last visit until the first review.
After it, reg 19 placements go to 6 weeks (``lac-visit-first-year``) and reg 24 and interim care
order placements to 4 weeks (``lac-visit-four-weekly``).
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_28
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_visit: date, calendar: WorkingDayCalendar) -> date:
    return add_days(last_visit, 7)


RULES = (
    Rule(
        id="lac-visit-weekly",
        version=1,
        title="Visit the child weekly until the first review",
        source=(
            f"{CPPCR_REG_28}, reg 28(3) and (4) (placements under regs 19 and 24, and at home "
            "under an interim care order)"
        ),
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last visit to the child, until the first looked-after review",
        confirmation=Confirmation.CONFIRMED,
    ),
)
