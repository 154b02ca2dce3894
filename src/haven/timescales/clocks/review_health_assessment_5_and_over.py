"""STATUTORY.md §1 row 21 (second part): review health assessment every 12 months from 5 [S].

HLTH15: a child who was 5 or over on the date of the last health assessment has the next within
12 calendar months of it (29 February + 12 months = 28 February). The caller picks by the child's
age on the date of the last assessment; under 5, ``review-health-assessment-under-5`` (6 months)
applies. Haven dates the rule from CPPCR, whose reg 7 requires the reviews; the interval is from
HLTH15 [S].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_7, HLTH15
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_assessment: date, calendar: WorkingDayCalendar) -> date:
    return add_months(last_assessment, 12)


RULES = (
    Rule(
        id="review-health-assessment-5-and-over",
        version=1,
        title="Review the health of a looked-after child aged 5 or over",
        source=f"{HLTH15}; {CPPCR_REG_7}",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last health assessment, when the child was 5 or over on that day",
        confirmation=Confirmation.SECONDARY,
    ),
)
