"""STATUTORY.md §1 row 7: later child protection review conferences at most 6 months apart [S].

Counted from the previous review conference, as it was actually held (a cadence counts from the
last time it was met). Confirmed only through safeguarding-partnership procedures [S].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(previous_review: date, calendar: WorkingDayCalendar) -> date:
    return add_months(previous_review, 6)


RULES = (
    Rule(
        id="cp-review-subsequent",
        version=1,
        title="Hold the next child protection review conference",
        source=f"{WT23_CHAPTER_3} (child protection review conferences); {WT_EARLIER}",
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="Previous child protection review conference",
        confirmation=Confirmation.SECONDARY,
    ),
)
