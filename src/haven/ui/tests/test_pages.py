import datetime as dt
import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.paginator import Paginator
from django.template import engines
from django.test import Client, RequestFactory, override_settings
from django.urls import resolve

from haven.ui.context_processors import haven
from haven.ui.templatetags.govuk import days_remaining, govuk_date, govuk_datetime, govuk_time

PLAIN_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture(autouse=True)
def test_urls() -> Iterator[None]:
    with override_settings(
        ROOT_URLCONF="haven.ui.tests.urls",
        STORAGES=PLAIN_STORAGES,
        HAVEN_LA_NAME="Northshire County Council",
        SESSION_COOKIE_AGE=1800,
        SESSION_WARNING_SECONDS=120,
    ):
        yield


def staff(*, can_audit: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        is_authenticated=True,
        is_anonymous=False,
        can_audit=can_audit,
        get_full_name=lambda: "Sam Worker",
        get_username=lambda: "sam",
        get_role_display=lambda: "Social worker",
        get_all_permissions=lambda: set(),
    )


def render_page(path: str = "/work/my-work/", user: Any = None, body: str = "") -> str:
    request = RequestFactory().get(path)
    request.user = user or SimpleNamespace(is_authenticated=False, is_anonymous=True)  # type: ignore[assignment]
    request.resolver_match = resolve(path)
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    template = '{% extends "ui/base.html" %}{% block title %}My work{% endblock %}'
    template += "{% block content %}" + body + "{% endblock %}"
    return engines["django"].from_string(template).render({}, request)


def render(template: str, **context: object) -> str:
    return engines["django"].from_string("{% load govuk %}" + template).render(context)


def test_signed_in_page_has_the_service_navigation_and_session_details() -> None:
    html = render_page(user=staff())

    assert "<title>My work – Haven – Northshire County Council</title>" in html
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'class="govuk-generic-header__homepage-link">Northshire County Council</a>' in html
    assert 'class="govuk-service-navigation__link">Haven</a>' in html
    assert 'href="/people/search/"' in html
    assert 'href="/work/my-team/"' in html
    assert 'href="/work/my-work/" aria-current="true"' in html
    assert "Audit" not in html
    assert "Sam Worker" in html
    assert "(Social worker)" in html
    assert re.search(
        r'<form method="post" action="/accounts/sign-out/"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        html,
    )
    assert 'data-session-seconds="1800" data-warning-seconds="120"' in html
    assert 'data-keepalive-url="/accounts/keepalive/"' in html
    assert "You will be signed out after 30 minutes without activity." in html
    assert '<dialog class="haven-timeout"' in html


def test_auditors_see_the_audit_link() -> None:
    assert 'href="/audit/"' in render_page(user=staff(can_audit=True))


def test_signed_out_page_has_no_navigation_or_timeout() -> None:
    html = render_page("/accounts/sign-in/")

    assert "govuk-service-navigation__list" not in html
    assert "data-session-seconds" not in html
    assert "<dialog" not in html
    assert "Sign out" not in html


def test_messages_are_notification_banners() -> None:
    request = RequestFactory().get("/work/my-work/")
    request.user = staff()  # type: ignore[assignment]
    request.resolver_match = resolve("/work/my-work/")
    request.session = {}  # type: ignore[assignment]
    messages = FallbackStorage(request)
    messages.add(25, "Visit recorded")
    messages.add(20, "Check the plan")
    request._messages = messages  # type: ignore[attr-defined]
    html = engines["django"].get_template("ui/base.html").render({}, request)

    assert (
        'govuk-notification-banner--success" role="alert" aria-labelledby="haven-message-1-title"'
        in html
    )
    assert '<p class="govuk-notification-banner__heading">Visit recorded</p>' in html
    assert 'role="region" aria-labelledby="haven-message-2-title"' in html
    assert ">Important</h2>" in html


def test_context_processor() -> None:
    request = RequestFactory().get("/")
    request.user = staff(can_audit=True)  # type: ignore[assignment]

    assert haven(request) == {
        "haven": {
            "la_name": "Northshire County Council",
            "session_seconds": 1800,
            "session_minutes": 30,
            "warning_seconds": 120,
            "can_audit": True,
            "can_view_front_door": False,
            "can_view_allocation_queue": False,
            "can_view_allocation_measures": False,
            "can_view_front_door_figures": False,
            "can_view_places": False,
        }
    }
    request.user = SimpleNamespace(is_authenticated=False, can_audit=True)  # type: ignore[assignment]
    assert haven(request)["haven"]["can_audit"] is False


@pytest.mark.django_db
def test_every_script_carries_the_csp_nonce(client: Client) -> None:
    user = get_user_model().objects.create_user(username="worker", password="x" * 16)
    client.force_login(user)

    response = client.get("/note/")

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    assert nonce
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert len(scripts) == 3
    assert all(f'nonce="{nonce.group(1)}"' in script for script in scripts)


@pytest.mark.django_db
def test_health_check_and_home(client: Client) -> None:
    assert client.get("/healthz").content == b"ok"
    assert client.get("/")["Location"] == "/accounts/sign-in/?next=/"
    client.force_login(get_user_model().objects.create_user(username="w", password="x" * 16))
    assert client.get("/")["Location"] == "/work/my-work/"


@pytest.mark.django_db
def test_not_found_page(client: Client) -> None:
    client.force_login(get_user_model().objects.create_user(username="w", password="x" * 16))

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.content.decode()


def test_server_error_page_needs_no_context() -> None:
    html = engines["django"].get_template("500.html").render()

    assert "Sorry, there is a problem with the service" in html


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        (
            '{% include "ui/components/tag.html" with status="overdue" %}',
            '<strong class="govuk-tag govuk-tag--red">Overdue</strong>',
        ),
        (
            '{% include "ui/components/tag.html" with text="Open" %}',
            '<strong class="govuk-tag">Open</strong>',
        ),
        (
            '{% include "ui/components/tag.html" with text="Closed" colour="grey" %}',
            '<strong class="govuk-tag govuk-tag--grey">Closed</strong>',
        ),
        (
            '{% include "ui/components/back_link.html" with href="/x/" %}',
            '<a href="/x/" class="govuk-back-link">Back</a>',
        ),
        (
            '{% include "ui/components/inset_text.html" with text="Seen alone" %}',
            '<div class="govuk-inset-text">Seen alone</div>',
        ),
        (
            '{% include "ui/components/warning_text.html" with text="Restricted" %}',
            '<span class="govuk-visually-hidden">Warning</span> Restricted</strong>',
        ),
        (
            '{% include "ui/components/notification_banner.html" with heading="Saved" '
            "success=True %}",
            'aria-labelledby="govuk-notification-banner-title"',
        ),
    ],
)
def test_components(template: str, expected: str) -> None:
    assert expected in render(template)


def test_summary_list() -> None:
    rows = [
        {"key": "Name", "value": "Ada", "action_href": "/edit/", "action_hidden": "name"},
        {"key": "Date of birth", "value": "3 March 2020"},
    ]
    html = render('{% include "ui/components/summary_list.html" %}', rows=rows)

    assert '<dt class="govuk-summary-list__key">Name</dt>' in html
    assert 'Change<span class="govuk-visually-hidden"> name</span></a>' in html
    assert html.count("govuk-summary-list__row--no-actions") == 1


def test_table() -> None:
    html = render(
        '{% include "ui/components/table.html" with caption="Visits" first_cell_is_header=True %}',
        head=["Child", {"text": "Days", "numeric": True}, "Status"],
        rows=[["Ada", {"text": "3", "numeric": True}, {"text": "Overdue", "status": "overdue"}]],
    )

    assert '<caption class="govuk-table__caption govuk-table__caption--m">Visits</caption>' in html
    assert (
        '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Days</th>' in html
    )
    assert re.search(r'<th scope="row" class="govuk-table__header">\s*Ada', html)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in html


def test_pagination_keeps_the_query() -> None:
    page = Paginator(range(100), 10).page(5)
    request = RequestFactory().get("/people/search/?q=ada&page=5")
    html = (
        engines["django"]
        .from_string('{% include "ui/components/pagination.html" %}')
        .render({"page_obj": page}, request)
    )

    assert 'href="?q=ada&amp;page=4" rel="prev"' in html
    assert 'aria-label="Page 5" aria-current="page"' in html
    assert "govuk-pagination__item--ellipsis" in html
    assert 'href="?q=ada&amp;page=10" aria-label="Page 10"' in html


@time_machine.travel(dt.datetime(2026, 3, 3, 23, 30, tzinfo=dt.UTC), tick=False)
def test_date_filters() -> None:
    today = dt.date(2026, 3, 3)

    assert govuk_date(today) == "3 March 2026"
    assert govuk_date(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC)) == "1 July 2026"
    assert govuk_time(dt.time(14, 5)) == "2:05pm"
    assert govuk_time(dt.time(9, 0)) == "9am"
    assert govuk_time(dt.time(12, 0)) == "midday"
    assert (
        govuk_datetime(dt.datetime(2026, 1, 5, 0, 0, tzinfo=dt.UTC)) == "5 January 2026 at midnight"
    )
    assert days_remaining(today) == "Due today"
    assert days_remaining(dt.date(2026, 3, 4)) == "1 day left"
    assert days_remaining(dt.date(2026, 3, 6)) == "3 days left"
    assert days_remaining(dt.date(2026, 3, 1)) == "2 days overdue"
    assert days_remaining(None) == ""
