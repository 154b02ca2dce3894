"""STATUTORY.md §1 row 21 (first part): review health assessment every 6 months under 5 [S].

HLTH15: a child who was under 5 on the date of the last health assessment has the next within 6
calendar months of it, clamped to the month end. The caller picks by the child's age on the date
of the last assessment; from 5, ``review-health-assessment-5-and-over`` (12 months) applies. Haven
dates the rule from CPPCR, whose reg 7 requires the reviews; the interval is from HLTH15 [S].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_7, HLTH15
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_assessment: date, calendar: WorkingDayCalendar) -> date:
    return add_months(last_assessment, 6)


RULES = (
    Rule(
        id="review-health-assessment-under-5",
        version=1,
        title="Review the health of a looked-after child under 5",
        source=f"{HLTH15}; {CPPCR_REG_7}",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last health assessment, when the child was under 5 on that day",
        confirmation=Confirmation.SECONDARY,
    ),
)
