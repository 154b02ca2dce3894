"""STATUTORY.md §1 row 2: conclude the child and family assessment within 45 working days [C].

Counted from the referral, not from the start of the assessment. WT23 asks for assessments
proportionate to need, so many conclude sooner; 45 working days is the maximum. The older 10-day
initial and 35-day core assessments (WT10) were merged by WT13 and are not modelled. The CIN census
tests the same clock (CINVAL 8670Q). The WT23 paragraph number is not yet checked [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(referral: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(referral, 45)


RULES = (
    Rule(
        id="child-and-family-assessment",
        version=1,
        title="Conclude the child and family assessment",
        source=f"{WT23_CHAPTER_3} (assessment of children in need); {WT_EARLIER}",
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Referral received",
        confirmation=Confirmation.CONFIRMED,
    ),
)
