"""STATUTORY.md §1 row 12 (first part): first looked-after review within 20 working days [C].

Counted from the day the child became looked after (day 0). An earlier review is required if the
IRO directs it or in the other reg 33(3) situations; Haven records those as reviews brought forward,
not through this rule. The split of reg 33 into paragraphs is as read from LA manuals [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import CPPCR, CPPCR_IN_FORCE
from haven.timescales.rules import Confirmation, DayType, Rule


def due(became_looked_after: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(became_looked_after, 20)


RULES = (
    Rule(
        id="lac-review-first",
        version=1,
        title="Hold the first looked-after review",
        source=f"{CPPCR}, reg 33(1)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Child became looked after",
        confirmation=Confirmation.CONFIRMED,
    ),
)
