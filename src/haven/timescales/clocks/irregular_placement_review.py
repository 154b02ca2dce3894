"""Local: a named senior officer reviews a placement in an unregistered setting [U].

Due a set number of calendar days (``LocalTimescales.irregular_placement_review_days``, default 7)
after the child was placed in a setting not registered with Ofsted, and again that many days after
each review as it was actually held, for as long as the placement lasts. No national timescale
exists; the default is Haven's, prompted by Ofsted's findings in Northamptonshire.

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar, add_days
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    OFSTED_NORTHAMPTONSHIRE,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(placed_or_last_review: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().irregular_placement_review_days
    return add_days(placed_or_last_review, days)


RULES = (
    Rule(
        id="irregular-placement-review",
        version=1,
        title="Senior review of a placement in an unregistered setting",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS, default 7 "
            f"days); {OFSTED_NORTHAMPTONSHIRE}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts=(
            "The child was placed in the unregistered setting, or the last review of the placement"
        ),
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
