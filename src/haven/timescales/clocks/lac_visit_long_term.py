"""STATUTORY.md §1 row 14 (third part): visits at intervals of not more than 3 months [C].

CPPCR reg 28(2): after the first year of the placement, where the placement is intended to
last until the child is 18, the child is visited within 3 calendar months of the last visit,
clamped to the month end. The caller picks this rule only for such a placement; otherwise the
6-week interval (rule ``lac-visit-first-year``) continues.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_28
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_visit: date, calendar: WorkingDayCalendar) -> date:
    return add_months(last_visit, 3)


RULES = (
    Rule(
        id="lac-visit-long-term",
        version=1,
        title="Visit the child in a placement meant to last until 18 (every 3 months)",
        source=f"{CPPCR_REG_28}, reg 28(2)",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last visit to the child",
        confirmation=Confirmation.CONFIRMED,
    ),
)
