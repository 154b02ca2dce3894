"""STATUTORY.md §1 row 29: the leaving-care needs assessment within 3 months [C].

CPPCR regs 42 to 44: an eligible child's needs are assessed within 3 calendar months of their
16th birthday or, if they became eligible later, of the day they did (clamped to the month end);
the pathway plan follows and a personal adviser is appointed. The caller works out the start date
(eligibility is reg 40: 13 weeks looked after since 14, row 28).
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REGS_42_44
from haven.timescales.rules import Confirmation, DayType, Rule


def due(sixteenth_birthday_or_eligible: date, calendar: WorkingDayCalendar) -> date:
    return add_months(sixteenth_birthday_or_eligible, 3)


RULES = (
    Rule(
        id="leaving-care-needs-assessment",
        version=1,
        title="Assess the needs of an eligible child",
        source=CPPCR_REGS_42_44,
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The child's 16th birthday, or the day they became an eligible child if later",
        confirmation=Confirmation.CONFIRMED,
    ),
)
