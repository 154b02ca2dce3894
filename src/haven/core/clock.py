"""Time through one door.

Domain code asks this module for the time so that tests can move it (time-machine moves
it for everything, including this). Statutory dates are London-local dates.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_frozen: ContextVar[dt.datetime | None] = ContextVar("haven_clock_frozen", default=None)


def now() -> dt.datetime:
    """The current instant, timezone-aware (UTC)."""
    frozen = _frozen.get()
    return frozen if frozen is not None else dt.datetime.now(tz=dt.UTC)


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Run code as if it were ``moment`` (scenarios replay a journey on its own dates)."""
    if moment.tzinfo is None:
        raise ValueError("frozen_at needs a timezone-aware moment")
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)


def today() -> dt.date:
    """Today's date in England (Europe/London), the date statutory clocks count in."""
    return now().astimezone(LONDON).date()


def local(moment: dt.datetime) -> dt.datetime:
    """A moment as London local time."""
    return moment.astimezone(LONDON)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()
