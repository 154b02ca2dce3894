"""STATUTORY.md §1 row 30: review the pathway plan at intervals of not more than 6 months [U].

CPPCR reg 44 and the Care Leavers (England) Regulations 2010: within 6 calendar months of the plan
being prepared and of its last review as held, clamped to the month end. The interval is not yet
checked against the regulations [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import (
    ANNEX_A_CARE_LEAVERS,
    CLR,
    CPPCR_IN_FORCE,
    CPPCR_REGS_42_44,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(plan_made_or_last_review: date, calendar: WorkingDayCalendar) -> date:
    return add_months(plan_made_or_last_review, 6)


RULES = (
    Rule(
        id="pathway-plan-review",
        version=1,
        title="Review the pathway plan",
        source=f"{CPPCR_REGS_42_44}, reg 44; {CLR}; {ANNEX_A_CARE_LEAVERS}",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The pathway plan was prepared, or its last review",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
