"""Signing in and out, session time-outs, the keepalive, and that every page needs a sign-in."""

import datetime as dt
import importlib.util
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from conftest import PASSWORD
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent

SIGN_IN = "/accounts/sign-in/"
SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"


def _load_settings_module() -> Any:
    spec = importlib.util.spec_from_file_location("haven_settings_probe", SETTINGS_FILE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_session_length_comes_from_haven_session_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HAVEN_SESSION_SECONDS", "900")
    monkeypatch.setenv("HAVEN_SESSION_WARNING_SECONDS", "60")
    probe = _load_settings_module()
    assert probe.SESSION_COOKIE_AGE == 900
    assert probe.SESSION_WARNING_SECONDS == 60
    assert probe.SESSION_SAVE_EVERY_REQUEST is True
    monkeypatch.delenv("HAVEN_SESSION_SECONDS")
    assert _load_settings_module().SESSION_COOKIE_AGE == 30 * 60


def test_signing_in_and_out_is_audited(council: Any) -> None:
    user = council.users["social_worker"]
    client = Client()
    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("deadlines:my-work")
    signed_in = AuditEvent.objects.filter(verb=AuditVerb.USER_SIGNED_IN)
    assert [(e.actor_id, e.subject_id) for e in signed_in] == [(user.pk, str(user.pk))]

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    signed_out = AuditEvent.objects.filter(verb=AuditVerb.USER_SIGNED_OUT)
    assert [(e.actor_id, e.subject_id) for e in signed_out] == [(user.pk, str(user.pk))]
    assert client.get(reverse("deadlines:my-work")).status_code == 302


def test_a_wrong_password_signs_no_one_in_and_says_why(council: Any) -> None:
    user = council.users["social_worker"]
    response = Client().post(SIGN_IN, {"username": user.username, "password": "Wrong-Horse-42"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
    assert not AuditEvent.objects.filter(verb=AuditVerb.USER_SIGNED_IN).exists()


def test_signed_in_pages_carry_the_timeout_warning_settings(council: Any, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 900
    settings.SESSION_WARNING_SECONDS = 90
    client = Client()
    client.force_login(council.users["social_worker"])
    html = client.get(reverse("deadlines:my-work")).content.decode()
    assert 'data-session-seconds="900"' in html
    assert 'data-warning-seconds="90"' in html
    assert f'data-keepalive-url="{reverse("accounts:keepalive")}"' in html
    assert f'data-sign-in-url="{SIGN_IN}"' in html
    assert "signed out after 15 minutes without activity" in html
    anonymous = Client().get(SIGN_IN).content.decode()
    assert "data-session-seconds" not in anonymous


def test_an_idle_session_expires_and_the_keepalive_extends_it(council: Any) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    age = settings.SESSION_COOKIE_AGE
    with time_machine.travel(start, tick=False) as traveller:
        client = Client()
        client.post(
            SIGN_IN, {"username": council.users["social_worker"].username, "password": PASSWORD}
        )
        traveller.shift(dt.timedelta(seconds=age - 60))
        response = client.get(reverse("accounts:keepalive"))
        assert response.status_code == 200
        assert response.json() == {"ok": True}
        assert "no-cache" in response["Cache-Control"]
        expires = Session.objects.get().expire_date
        assert expires == start + dt.timedelta(seconds=2 * age - 60)

        traveller.shift(dt.timedelta(seconds=age - 60))
        assert client.get(reverse("deadlines:my-work")).status_code == 200

        traveller.shift(dt.timedelta(seconds=age + 1))
        response = client.get(reverse("deadlines:my-work"))
        assert response.status_code == 302
        assert response["Location"].startswith(SIGN_IN)


def test_keepalive_only_answers_get(council: Any) -> None:
    client = Client()
    client.force_login(council.users["social_worker"])
    assert client.post(reverse("accounts:keepalive")).status_code == 405


def _app_pages(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}" if namespace else p.namespace or ""
            yield from _app_pages(p.url_patterns, inner)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}:{p.name}".lstrip(":"), p


#: Pages anyone may open: signing in, and the load balancer's health check.
OPEN_PAGES = {"accounts:login", "ui:healthz"}


def test_anonymous_visitors_are_sent_to_sign_in_from_every_app_page(db: Any) -> None:
    pages = dict(_app_pages())
    assert set(pages) >= OPEN_PAGES
    assert set(pages) >= {"people:record", "people:audit", "deadlines:my-team", "audit:index"}
    client = Client()
    checked = []
    for name, pattern in sorted(pages.items()):
        converters = getattr(pattern.pattern, "converters", {})
        url = reverse(name, kwargs={key: uuid.uuid4() for key in converters})
        response = client.get(url)
        if name.startswith("api-v1:"):
            # The partner API answers keys, not sessions: its description is public, its
            # operations refuse a caller without a key, and its bare root is not a page.
            expected = {"api-v1:openapi-json": 200, "api-v1:openapi-view": 200}
            assert response.status_code == expected.get(
                name, 404 if name == "api-v1:api-root" else 401
            ), name
            continue
        if name in OPEN_PAGES:
            assert response.status_code == 200, name
            continue
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"{SIGN_IN}?next="), name
        checked.append(name)
    assert len(checked) >= len([n for n in pages if not n.startswith("api-v1:")]) - len(OPEN_PAGES)
