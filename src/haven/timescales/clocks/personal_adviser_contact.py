"""Local: the personal adviser keeps in touch with the care leaver [U].

Due a set number of weeks (``LocalTimescales.pa_contact_weeks``, default 8) after the adviser's
last contact with the young person, in calendar days, 7 to a week. STATUTORY.md §1 row 31 gives no
national frequency; Ofsted's Annex A list 9 reports each care leaver's latest date of contact.

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_weeks
from haven.timescales.clocks._sources import (
    ANNEX_A_CARE_LEAVERS,
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(last_contact: date, calendar: WorkingDayCalendar) -> date:
    return add_weeks(last_contact, local.current().pa_contact_weeks)


RULES = (
    Rule(
        id="personal-adviser-contact",
        version=1,
        title="Keep in touch with the care leaver",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_PA_CONTACT_WEEKS, default 8 weeks); "
            f"{ANNEX_A_CARE_LEAVERS}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The personal adviser's last contact with the young person",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
