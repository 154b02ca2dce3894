"""Local: a manager considers a strategy discussion for a child missing again and again [U].

When a child goes missing (or away from placement) for the third time in 90 days, their
worker's manager considers whether a strategy discussion is needed, within a set number of
working days (``LocalTimescales.repeat_missing_review_working_days``, default 1) of the episode
that made it the third. MISS14 expects repeat episodes to be escalated and risk assessed; the
count and the interval are local procedure, prompted by Ofsted's finding in Northamptonshire that
the response to children who go missing did not make them safer.
"""

from datetime import date

from haven.timescales import local
from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import HAVEN_LOCAL_DEFAULT, LOCAL_IN_FORCE, MISS14
from haven.timescales.rules import Confirmation, DayType, Rule

#: Episodes, and the days they fall within, that prompt the review.
EPISODES = 3
WITHIN_DAYS = 90


def due(third_episode: date, calendar: WorkingDayCalendar) -> date:
    days = local.current().repeat_missing_review_working_days
    return calendar.add_working_days(third_episode, days)


RULES = (
    Rule(
        id="repeat-missing-review",
        version=1,
        title="Consider a strategy discussion: missing 3 times in 90 days",
        source=(
            f"{HAVEN_LOCAL_DEFAULT} (setting HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS, default 1 "
            f"working day); {MISS14} expects repeat episodes to be escalated; Ofsted found in "
            "Northamptonshire that the response to missing children did not make them safer"
        ),
        effective_from=LOCAL_IN_FORCE,
        effective_to=None,
        day_type=DayType.LOCAL,
        due=due,
        starts="The child went missing for the third time in 90 days",
        confirmation=Confirmation.UNCONFIRMED,
    ),
)
