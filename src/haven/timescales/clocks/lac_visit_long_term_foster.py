"""STATUTORY.md §1 row 18: visits every 6 months in a long-term foster placement [U].

CPPCR reg 28 as amended in 2015: after the first year, a child in a long-term foster placement who
is of sufficient understanding and agrees may be visited within 6 calendar months of the last
visit, clamped to the month end. The caller picks this rule only where the child has agreed;
otherwise ``lac-visit-long-term`` (3 months) applies. The amendment, its paragraph and its date
are not yet checked against the instrument [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import (
    CPPCR_2015_AMENDMENT,
    CPPCR_2015_AMENDMENT_IN_FORCE,
    CPPCR_REG_28,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_visit: date, calendar: WorkingDayCalendar) -> date:
    return add_months(last_visit, 6)


RULES = (
    Rule(
        id="lac-visit-long-term-foster",
        version=1,
        title="Visit the child in a long-term foster placement who agrees (every 6 months)",
        source=f"{CPPCR_REG_28}, {CPPCR_2015_AMENDMENT}",
        effective_from=CPPCR_2015_AMENDMENT_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last visit to the child, after the first year, where the child agrees",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
