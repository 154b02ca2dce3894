"""STATUTORY.md §1 row 1: decide the response to a referral within 1 working day [C].

The day the referral is received is day 0, so a referral received on a Friday, at a weekend or on a
bank holiday is due on the next working day. The decision is the type of response: immediate
protection, s17 assessment, s47 enquiries, or no further action/signposting. The WT23 paragraph
number is not yet checked [U]; KCSIE 2024 para 229 repeats the requirement.
"""

from datetime import date

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import WT13_IN_FORCE, WT23_CHAPTER_3, WT_EARLIER
from haven.timescales.rules import Confirmation, DayType, Rule


def due(received: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(received, 1)


RULES = (
    Rule(
        id="referral-decision",
        version=1,
        title="Decide the response to a referral",
        source=f"{WT23_CHAPTER_3}; KCSIE 2024 para 229; {WT_EARLIER}",
        effective_from=WT13_IN_FORCE,
        effective_to=None,
        day_type=DayType.WORKING_DAYS,
        due=due,
        starts="Referral received",
        confirmation=Confirmation.CONFIRMED,
    ),
)
