"""STATUTORY.md §1 row 20: the initial health assessment before the first review [C/S].

CPPCR reg 7: the health assessment is done before the child is placed or, if that is not
practicable, before the first review [C]; HLTH15 gives it as within 20 working days of becoming
looked after, the date of the first review (``lac-review-first``) [S].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_7, CPPCR_REG_33, HLTH15
from haven.timescales.rules import Confirmation, DayType, Rule


def due(became_looked_after: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(became_looked_after, 20)


RULES = (
    Rule(
        id="initial-health-assessment",
        version=1,
        title="Complete the initial health assessment",
        source=f"{CPPCR_REG_7}; {CPPCR_REG_33}, reg 33(1); {HLTH15}",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Child became looked after",
        confirmation=Confirmation.CONFIRMED,
    ),
)
