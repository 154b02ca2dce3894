"""STATUTORY.md §1 row 23 (first part): the personal education plan within 10 working days [S].

EDU18 (via LA manuals): the PEP is started as part of the care plan before the child becomes
looked after or, after an emergency placement, within 10 working days, so that it is available at
the first review (20 working days). The caller opens this clock when no PEP was started before.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import CPPCR_IN_FORCE, EDU18
from haven.timescales.rules import Confirmation, DayType, Rule


def due(became_looked_after: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(became_looked_after, 10)


RULES = (
    Rule(
        id="pep",
        version=1,
        title="Start the personal education plan",
        source=EDU18,
        effective_from=CPPCR_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Child became looked after",
        confirmation=Confirmation.SECONDARY,
    ),
)
