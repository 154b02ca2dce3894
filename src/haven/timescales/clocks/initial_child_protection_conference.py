"""STATUTORY.md §1 row 4: hold the initial child protection conference within 15 working days.

Counted from the strategy discussion at which the s47 enquiry began (where there were several
strategy discussions, the one that began the enquiry). The timescale is confirmed by the CIN
census (field InitialCPCtarget; CINVAL 8675Q) [C] and via safeguarding-partnership procedures for
WT23 [S]. The WT23 paragraph number is not yet checked [U].
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(strategy_discussion: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(strategy_discussion, 15)


RULES = (
    Rule(
        id="initial-child-protection-conference",
        version=1,
        title="Hold the initial child protection conference",
        source=(
            f"{WT23_CHAPTER_3} (initial child protection conferences); {WT_EARLIER}; "
            "CIN census InitialCPCtarget, CINVAL 8675Q"
        ),
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Strategy discussion at which the s47 enquiry began",
        confirmation=Confirmation.CONFIRMED,
    ),
)
