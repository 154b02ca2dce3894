"""STATUTORY.md §1 row 12 (third part): later looked-after reviews at most 6 months apart [C].

Calendar months from the previous review as actually held, clamped to the month end. The paragraph
of reg 33 is as read from LA manuals [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR, CPPCR_IN_FORCE
from haven.timescales.rules import Confirmation, DayType, Rule


def due(previous_review: date, calendar: WorkingDayCalendar) -> date:
    return add_months(previous_review, 6)


RULES = (
    Rule(
        id="lac-review-subsequent",
        version=1,
        title="Hold the next looked-after review",
        source=f"{CPPCR}, reg 33(2)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="Previous looked-after review (the second or a later one)",
        confirmation=Confirmation.CONFIRMED,
    ),
)
