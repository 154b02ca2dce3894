"""STATUTORY.md §1 row 10: the care plan within 10 working days of the first placement [S].

CPPCR reg 4: the care plan is prepared before the child is first placed or, if that is not
practicable, within 10 working days of the start of the first placement (as read from LA manuals
[S]). A plan made before the placement meets the rule, so the caller opens this clock only for a
placement made without one. The permanence plan, due by the second review, is not this rule.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_4
from haven.timescales.rules import Confirmation, DayType, Rule


def due(first_placement_started: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(first_placement_started, 10)


RULES = (
    Rule(
        id="care-plan",
        version=1,
        title="Prepare the care plan",
        source=CPPCR_REG_4,
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="The child's first placement started",
        confirmation=Confirmation.SECONDARY,
    ),
)
