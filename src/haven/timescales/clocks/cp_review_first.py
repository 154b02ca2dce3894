"""STATUTORY.md §1 row 6: first child protection review conference within 3 months of the ICPC [S].

Calendar months, clamped to the month end (ICPC on 30 November: due 28/29 February). Confirmed only
through safeguarding-partnership procedures that quote WT23 [S].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(initial_conference: date, calendar: WorkingDayCalendar) -> date:
    return add_months(initial_conference, 3)


RULES = (
    Rule(
        id="cp-review-first",
        version=1,
        title="Hold the first child protection review conference",
        source=f"{WT23_CHAPTER_3} (child protection review conferences); {WT_EARLIER}",
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="Initial child protection conference",
        confirmation=Confirmation.SECONDARY,
    ),
)
