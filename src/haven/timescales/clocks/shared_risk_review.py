"""Local: a worker looks at a child's link with a child at high risk of exploitation [U].

When a child who has been screened for exploitation shares a place or a peer group with a child
judged at high risk, each child's allocated worker is told, and considers what it means for their
child within a set number of working days (``LocalTimescales.shared_risk_review_working_days``,
default 1). Working Together 2023 asks for a response to harm outside the home that looks beyond
the single child; Ofsted found in Northamptonshire that screening for exploitation was scattered
across agencies and not joined up.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import (
    HAVEN_LOCAL_DEFAULT,
    LOCAL_IN_FORCE,
    OFSTED_EXPLOITATION,
    WT23_HARM_OUTSIDE_HOME,
)
from haven.timescales.rules import Confirmation, DayType, Rule


def due(told_on: date, calendar: WorkingDayCalendar) -> date:
    return calendar.add_working_days(told_on, local.current().shared_risk_review_working_days)


RULES = (
    Rule(
        id="shared-risk-review",
        version=1,
        title="Consider a shared risk of exploitation",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_SHARED_RISK_REVIEW_WORKING_DAYS, default 1 "
            f"working day); {WT23_HARM_OUTSIDE_HOME}; {OFSTED_EXPLOITATION}"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The child shares a place or peer group with a child at high risk of exploitation",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
