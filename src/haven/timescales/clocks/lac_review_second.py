"""STATUTORY.md §1 row 12 (second part): second looked-after review within 3 months [C].

Calendar months from the date the first review was held, clamped to the month end. The paragraph
of reg 33 is as read from LA manuals [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR, CPPCR_IN_FORCE
from haven.timescales.rules import Confirmation, DayType, Rule


def due(first_review: date, calendar: WorkingDayCalendar) -> date:
    return add_months(first_review, 3)


RULES = (
    Rule(
        id="lac-review-second",
        version=1,
        title="Hold the second looked-after review",
        source=f"{CPPCR}, reg 33(2)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="First looked-after review",
        confirmation=Confirmation.CONFIRMED,
    ),
)
