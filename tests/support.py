"""Helpers shared by tests across apps."""

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.test import Client

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


def client_for(user: Any) -> Client:
    """A test client signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client


def assert_refused_with_errors(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again, each error linked to its field, and nothing written but the logged
    read of the page shown again (``before``: ``row_counts()`` taken before the post)."""
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    for anchor in anchors:
        assert f'href="#{anchor}"' in html, anchor
        assert f'id="{anchor}"' in html, anchor
    after = row_counts()
    assert after.pop("audit.AccessEvent") == before.pop("audit.AccessEvent") + 1
    assert after == before
    return html
