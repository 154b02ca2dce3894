"""STATUTORY.md §1 row 5: first core group meeting within 10 working days of the ICPC [S].

Confirmed only through safeguarding-partnership procedures that quote WT18/WT23 [S]. Later core
groups follow a local cadence (commonly every 4 to 6 weeks) [local]; that cadence is a setting,
not this rule.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(initial_conference: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(initial_conference, 10)


RULES = (
    Rule(
        id="first-core-group",
        version=1,
        title="Hold the first core group meeting",
        source=f"{WT23_CHAPTER_3} (the child protection plan); {WT_EARLIER}",
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Initial child protection conference",
        confirmation=Confirmation.SECONDARY,
    ),
)
