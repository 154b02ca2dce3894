"""Helpers shared by tests across apps."""

import datetime as dt
import re
from collections.abc import Iterable

from django.apps import apps

from haven.timescales.calendar import default_calendar


def row_counts() -> dict[str, int]:
    """Rows in every Haven table, audit and access log included: bad input changes none."""
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m.__module__.startswith("haven.")
    }


def working_days_after(start: dt.date, n: int) -> dt.date:
    """Counted a day at a time with the shipped calendar's idea of a working day, so a test
    checks the calendar's arithmetic against a second, naive count."""
    calendar, day = default_calendar(), start
    while n:
        day += dt.timedelta(days=1)
        n -= calendar.is_working_day(day)
    return day


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """The names that appear in ``text`` as words (any case). A random token in the page, such
    as a CSRF value or a nonce, can hold a short name's letters, so a bare substring test
    would fail now and then for no fault of the page."""
    return [n for n in names if re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)]
