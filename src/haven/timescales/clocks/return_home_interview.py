"""STATUTORY.md §1 row 24: a return home interview within 72 hours of a missing child's return,
offered to every child on return and carried out by someone independent [C].

Counted in hours from the moment the child returned (or was found), as elapsed time: across a
change of the clocks the interview is still due 72 hours later, so its local time moves by the
hour the clocks moved (10:00 on the Saturday before the clocks go forward is due at 11:00 on the
Tuesday). Weekends and bank holidays are not skipped: children come back at any hour. A moment
without a time zone is refused rather than guessed at, as is a Europe/London time in the hour
skipped when the clocks go forward; in the hour repeated when they go back, ``fold`` tells the
first from the second.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from haven.timescales.calendar import WorkingDayCalendar
from haven.timescales.clocks._sources import MISS14, MISS14_IN_FORCE
from haven.timescales.rules import Confirmation, DayType, Rule

LONDON = ZoneInfo("Europe/London")
HOURS = 72
#: A return known only by its date is counted from midday.
DATE_ONLY_AT = time(12, 0)


def due_at(returned: datetime) -> datetime:
    """The moment the interview falls due, in Europe/London time."""
    if returned.tzinfo is None or returned.utcoffset() is None:
        raise ValueError("the moment of return needs a time zone")
    if returned.tzinfo == LONDON and not _exists(returned):
        raise ValueError(f"{returned:%H:%M on %d %B %Y} did not happen: the clocks went forward")
    return (returned.astimezone(UTC) + timedelta(hours=HOURS)).astimezone(LONDON)


def _exists(local: datetime) -> bool:
    """Whether a Europe/London wall-clock time happened (not in the hour skipped in spring)."""
    back = local.astimezone(UTC).astimezone(LONDON)
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def due(returned_on: date, calendar: WorkingDayCalendar) -> date:
    return due_at(datetime.combine(returned_on, DATE_ONLY_AT, LONDON)).date()


RULES = (
    Rule(
        id="return-home-interview",
        version=1,
        title="Return home interview after a missing episode",
        source=MISS14,
        effective_from=MISS14_IN_FORCE,
        effective_to=None,
        day_type=DayType.HOURS,
        due=due,
        due_at=due_at,
        starts="The child returned or was found",
        confirmation=Confirmation.CONFIRMED,
    ),
)
