"""Local: a manager reviews the risk to a child whose case is waiting for allocation [U].

Due a set number of working days (``LocalTimescales.unallocated_review_working_days``, default 5)
after the case joined the allocation queue, and again that many working days after each review as
it was actually held, until the case is allocated. The review is dated and records the risk rating,
the rationale, the interim actions and who will see the child meanwhile. No national timescale
exists: Ofsted found unallocated cases in Northamptonshire with no risk review at all, and councils
set the interval in local procedure. One rule serves the first and later reviews because the
interval is the same; the caller starts it from the later of the two dates.

The interval is read when the due date is worked out, so a changed setting applies to clocks opened
after the change; an open deadline keeps the due date it was given.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    OFSTED_NORTHAMPTONSHIRE,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(joined_or_last_review: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().unallocated_review_working_days
    return calendar.add_working_days(joined_or_last_review, days)


RULES = (
    Rule(
        id="unallocated-risk-review",
        version=1,
        title="Risk review of a case waiting for allocation",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS, default 5 "
            f"working days); {OFSTED_NORTHAMPTONSHIRE}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The case joined the allocation queue, or its last risk review",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
