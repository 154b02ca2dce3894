"""Every page that shows a record logs the read; refusals show nothing; auditors see the log."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from haven.audit.models import AccessEvent
from haven.audit.policies import can_view_audit
from haven.core import clock
from haven.people.services import break_glass


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("persona", "url_name", "view"),
    [
        ("social_worker", "people:record", "record"),
        ("social_worker", "people:case-note-add", "case_note_form"),
        ("auditor", "people:audit", "audit"),
    ],
)
def test_every_record_page_logs_the_read(
    council: Any, persona: str, url_name: str, view: str
) -> None:
    user, child = council.users[persona], council.children["allocated"]
    response = client_for(user).get(reverse(url_name, args=[child.pk]))
    assert response.status_code == 200
    assert child.full_name in response.content.decode()
    event = AccessEvent.objects.get()
    assert (event.actor, event.person_id, event.view) == (user, child.pk, view)
    assert (event.surface, event.break_glass) == ("page", False)


def test_a_refused_record_shows_no_child_data_and_logs_no_read(council: Any) -> None:
    child = council.children["in_care"]
    response = client_for(council.users["social_worker"]).get(
        reverse("people:record", args=[child.pk])
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "You do not have access to this record" in html
    for detail in (child.given_name, child.family_name, child.la_child_id, "2 Mar 2015"):
        assert detail not in html
    assert "Open in an emergency" in html
    assert not AccessEvent.objects.exists()


def test_a_restricted_record_refuses_its_own_social_worker(council: Any) -> None:
    child = council.children["restricted"]
    for url_name in ("people:record", "people:case-note-add"):
        response = client_for(council.users["social_worker"]).get(
            reverse(url_name, args=[child.pk])
        )
        assert response.status_code == 403
        assert "This is a restricted record" in response.content.decode()
        assert "Rory" not in response.content.decode()
    assert not AccessEvent.objects.exists()


def test_reads_after_breaking_the_glass_are_flagged(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["restricted"]
    client = client_for(sw)
    response = client.post(
        reverse("people:break-glass", args=[child.pk]),
        {"reason": "Police at the door asking about Rory"},
    )
    assert response.status_code == 302
    assert client.get(reverse("people:record", args=[child.pk])).status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.person_id, event.break_glass) == (sw, child.pk, True)


def test_only_auditors_may_open_the_audit_pages(council: Any) -> None:
    assert {p for p, u in council.users.items() if can_view_audit(u)} == {"auditor"}
    child = council.children["allocated"]
    for persona in ("social_worker", "dcs", "system_admin"):
        client = client_for(council.users[persona])
        assert client.get(reverse("audit:index")).status_code == 403
        assert client.get(reverse("people:audit", args=[child.pk])).status_code == 403
    assert not AccessEvent.objects.exists()


def test_the_auditor_sees_who_opened_what_when(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    client_for(sw).get(reverse("people:record", args=[child.pk]))
    break_glass(
        actor=council.users["iro"],
        person=council.children["restricted"],
        reason="Review meeting brought forward",
    )
    client_for(council.users["iro"]).get(
        reverse("people:record", args=[council.children["restricted"].pk])
    )
    auditor = client_for(council.users["auditor"])

    html = auditor.get(reverse("audit:index")).content.decode()
    assert "Records opened recently" in html
    assert "Sam Worker (Social worker)" in html
    assert "Ira Reviewer (Independent reviewing officer)" in html
    assert f"record {child.pk}" in html
    assert html.count('govuk-tag--red">Yes') == 1
    today = clock.today()
    assert f"{today.day} {today:%B %Y} at " in html
    for name in ("Amelia", "Hart", "Rory", "Quinn"):
        assert name not in html

    html = auditor.get(reverse("audit:index"), {"user": "ira_reviewer"}).content.decode()
    assert "Records opened by ira_reviewer" in html
    assert "Sam Worker" not in html
    assert "Ira Reviewer" in html

    html = auditor.get(reverse("audit:index"), {"person": str(child.pk)}).content.decode()
    assert f"Who opened record {child.pk}" in html
    assert "Sam Worker (Social worker)" in html
    assert "Ira Reviewer" not in html
    assert "What changed on record" in html
    assert "Worker allocated" in html
    assert reverse("people:audit", args=[child.pk]) in html
    lookup = AccessEvent.objects.get(view="audit.index")
    assert (lookup.actor, lookup.person_id) == (council.users["auditor"], child.pk)


def test_a_bad_record_id_is_explained(council: Any) -> None:
    response = client_for(council.users["auditor"]).get(
        reverse("audit:index"), {"person": "Amelia Hart"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert 'href="#id_person"' in html
    assert "Enter a record id like" in html
    assert not AccessEvent.objects.exists()


def test_break_glass_is_refused_to_a_role_without_it(council: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        break_glass(
            actor=council.users["business_support"],
            person=council.children["restricted"],
            reason="I need to see this record now",
        )
    with pytest.raises(PermissionDenied):  # already in reach: nothing to break
        break_glass(
            actor=council.users["social_worker"],
            person=council.children["allocated"],
            reason="I need to see this record now",
        )
