"""STATUTORY.md §1 row 11, as a local setting: the placement plan [U].

CPPCR reg 9: the placement plan is prepared before the placement or, if that is not practicable,
within a set number of working days of its start. The spec reads the number as 5 but has not
checked it against the regulation [U], so Haven makes it a setting
(``LocalTimescales.placement_plan_working_days``, default 5). A plan made before the placement
meets the rule; the caller opens this clock for each placement made without one.

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, CPPCR_REG_9, HAVEN_LOCAL_DEFAULT
from haven.timescales.rules import Confirmation, DayType, Rule


def due(placement_started: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().placement_plan_working_days
    return calendar.add_working_days(placement_started, days)


RULES = (
    Rule(
        id="placement-plan",
        version=1,
        title="Prepare the placement plan",
        source=(
            f"{CPPCR_REG_9}, within 5 working days as read, not yet checked; "
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_PLACEMENT_PLAN_WORKING_DAYS, default 5 "
            "working days)"
        ),
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The placement started",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
