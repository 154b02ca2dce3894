"""STATUTORY.md §1 row 22: the strengths and difficulties questionnaire every year [S].

HLTH15 and the SSDA903 return (table OC2, ``SDQ_SCORE``): a looked-after child aged 4 to 16 has an
SDQ within 12 calendar months of the last (29 February + 12 months = 28 February). The caller
opens the clock only for a child of those ages; when the first SDQ is due is not set here.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar, add_months
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, HLTH15, SSDA903_OC2
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_sdq: date, calendar: WorkingDayCalendar) -> date:
    return add_months(last_sdq, 12)


RULES = (
    Rule(
        id="sdq",
        version=1,
        title="Complete the strengths and difficulties questionnaire",
        source=f"{HLTH15}; {SSDA903_OC2}",
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.CALENDAR,
        due=due,
        starts="The last SDQ, for a child aged 4 to 16",
        confirmation=Confirmation.SECONDARY,
    ),
)
