"""The front-door pages: the queue, recording a contact, the contact page and its forms."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from conftest import make_user
from django.test import Client
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.audit.models import AccessEvent
from haven.core import clock
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import ContactStatus, Rag
from haven.frontdoor.models import Contact, ContactDecision
from haven.frontdoor.services import contact_rag_set
from haven.frontdoor.tests.support import record

NOW = dt.datetime(2026, 3, 10, 11, 0, tzinfo=clock.LONDON)
NAMES = ("Amelia", "Tyler", "Hart")
QUEUE = reverse("frontdoor:queue")
NEW = reverse("frontdoor:contact-new")


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(council: Any) -> Any:
    return make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def contact_url(contact: Contact, name: str = "contact") -> str:
    return reverse(f"frontdoor:{name}", kwargs={"contact_id": contact.pk})


def assert_no_names(url: str) -> None:
    assert not names_in(url, NAMES), url


def test_queue_for_screeners_and_managers_not_social_workers(council: Any, manager: Any) -> None:
    c = record(council, NOW - dt.timedelta(hours=2), "allocated", "restricted")
    for user in (council.users["mash_screener"], manager, council.users["team_manager"]):
        page = client_for(user).get(QUEUE)
        assert page.status_code == 200
        html = page.content.decode()
        assert contact_url(c) in html
        assert "Amelia Hart" in html
        # The team manager is named on the restricted record; the front door is not.
        named = user == council.users["team_manager"]
        assert ("Rory Quinn" in html) == named
        assert ("Restricted record" in html) == (not named)
        assert ("Awaiting sign-off" in html) == (user == manager)
    for persona in ("social_worker", "performance_analyst", "partner_police", "auditor"):
        assert client_for(council.users[persona]).get(QUEUE).status_code == 403


def test_queue_shows_red_first_overdue_and_held_behind_red(council: Any) -> None:
    screener = council.users["mash_screener"]
    green = record(council, NOW - dt.timedelta(days=4), "other_team")
    contact_rag_set(actor=screener, contact=green, rag=Rag.GREEN)
    red = record(council, NOW - dt.timedelta(hours=1), "allocated")
    contact_rag_set(actor=screener, contact=red, rag=Rag.RED)
    html = client_for(screener).get(QUEUE).content.decode()
    assert html.index(contact_url(red)) < html.index(contact_url(green))
    assert "Held behind red" in html
    assert re.search(r"govuk-tag--red\">Overdue by [\d.]+ hours", html)


def test_nav_shows_front_door_only_to_front_door_roles(council: Any) -> None:
    assert (
        'href="/front-door/"'
        in client_for(council.users["mash_screener"]).get("/people/").content.decode()
    )
    assert (
        'href="/front-door/"'
        not in client_for(council.users["social_worker"]).get("/people/").content.decode()
    )


def test_queue_query_count_does_not_grow_with_contacts(
    council: Any, manager: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(manager)
    record(council, NOW - dt.timedelta(hours=1), "allocated")
    client.get(QUEUE)
    with django_assert_max_num_queries(30) as one:
        client.get(QUEUE)
    keys = ["allocated", "team", "other_team", "in_care", "unallocated", "restricted"]
    for i in range(7):
        record(council, NOW - dt.timedelta(hours=2 + i), keys[i % 6], keys[(i + 1) % 6])
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(QUEUE)
    assert page.content.decode().count("/front-door/contacts/") >= 8


def details(ids: list[str], **overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "action": "record",
        "children": ids,
        "received_on-day": "10",
        "received_on-month": "3",
        "received_on-year": "2026",
        "received_time": "9:15am",
        "source": "5A",
        "referrer_name": "PC Jo Bloggs",
        "referrer_organisation": "Northshire Police",
        "referrer_contact": "101",
        "concern": "Domestic incident at the home last night.",
        "consent": "yes",
        "urgency": "same_day",
    }
    return data | overrides


def test_recording_a_contact_in_two_steps(council: Any) -> None:
    client = client_for(council.users["mash_screener"])
    assert client.get(NEW).status_code == 200
    found = client.post(NEW, {"action": "search", "name": "Hart"})
    html = found.content.decode()
    amelia, tyler = (str(council.children[k].pk) for k in ("allocated", "team"))
    assert f'value="{amelia}"' in html
    assert f'value="{tyler}"' in html
    assert "Helen" not in html  # adults are not offered

    nothing = client.post(NEW, {"action": "continue"})
    assert 'href="#id_children"' in nothing.content.decode()

    step_two = client.post(NEW, {"action": "continue", "children": [amelia, tyler]})
    html = step_two.content.decode()
    assert "Record a contact: step 2 of 2" in html
    assert f'type="hidden" name="children" value="{amelia}"' in html

    done = client.post(NEW, details([amelia, tyler]))
    assert done.status_code == 302
    assert_no_names(done["Location"])
    contact = Contact.objects.get()
    assert done["Location"] == contact_url(contact)
    assert {link.child_id for link in contact.child_links.all()} == {
        council.children["allocated"].pk,
        council.children["team"].pk,
    }
    assert contact.received_at == dt.datetime(2026, 3, 10, 9, 15, tzinfo=clock.LONDON)
    assert Deadline.objects.filter(subject_id=str(contact.pk), status="open").count() == 2
    page = client.get(done["Location"])
    assert "Contact recorded" in page.content.decode()


def test_the_children_survive_a_change_on_the_second_step(council: Any) -> None:
    client = client_for(council.users["mash_screener"])
    amelia = str(council.children["allocated"].pk)
    back = client.post(NEW, details([amelia], action="change"))
    assert re.search(rf'value="{amelia}"[^>]*checked', back.content.decode())


@pytest.mark.parametrize(
    ("overrides", "anchor"),
    [
        ({"concern": ""}, "id_concern"),
        ({"received_time": "25:99"}, "id_received_time"),
        ({"received_on-day": ""}, "id_received_on-day"),
        ({"consent": "not_needed"}, "id_consent_reason"),
        ({"received_on-day": "11"}, "id_received_on-day"),  # tomorrow
        ({"received_time": "11:30"}, "id_received_time"),  # later today
        ({"urgency": ""}, "id_urgency"),
    ],
)
def test_an_invalid_contact_shows_the_error_summary_and_writes_nothing(
    council: Any, overrides: dict[str, str], anchor: str
) -> None:
    client = client_for(council.users["mash_screener"])
    before = row_counts()
    page = client.post(NEW, details([str(council.children["allocated"].pk)], **overrides))
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is a problem" in html
    assert f'href="#{anchor}"' in html
    assert f'id="{anchor}"' in html
    assert row_counts() == before


def test_a_restricted_child_cannot_be_smuggled_in_by_id(council: Any) -> None:
    client = client_for(council.users["mash_screener"])
    before = row_counts()
    page = client.post(NEW, details([str(council.children["restricted"].pk)]))
    assert "There is a problem" in page.content.decode()
    assert row_counts() == before


def test_recording_is_refused_without_the_action(council: Any) -> None:
    assert client_for(council.users["auditor"]).get(NEW).status_code == 403


def test_contact_page_logs_each_child_and_hides_the_restricted(council: Any) -> None:
    c = record(council, NOW - dt.timedelta(hours=1), "allocated", "restricted")
    screener = council.users["mash_screener"]
    page = client_for(screener).get(contact_url(c))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Amelia Hart" in html
    assert "Restricted record" in html
    assert "Rory" not in html
    logged = AccessEvent.objects.filter(actor=screener, view="front_door.contact")
    assert {e.person_id for e in logged} == {
        council.children["allocated"].pk,
        council.children["restricted"].pk,
    }


def test_contact_page_is_refused_to_those_who_cannot_see_it(council: Any) -> None:
    c = record(council, NOW - dt.timedelta(hours=1), "allocated")
    assert client_for(council.users["other_worker"]).get(contact_url(c)).status_code == 403
    assert client_for(council.users["partner_police"]).get(contact_url(c)).status_code == 403
    # The allocated worker sees a contact about their child, without the screening forms.
    page = client_for(council.users["social_worker"]).get(contact_url(c))
    assert page.status_code == 200
    assert "Save rating" not in page.content.decode()
    rated = client_for(council.users["social_worker"]).post(
        contact_url(c, "rag"), {"rating-rag": "red"}
    )
    assert rated.status_code == 403


def test_screen_decide_and_sign_off_through_the_pages(council: Any, manager: Any) -> None:
    c = record(council, NOW - dt.timedelta(hours=1), "allocated", "team")
    screener = client_for(council.users["mash_screener"])
    page = contact_url(c)

    # Deciding before rating is refused, at the top of the page, and writes no decision.
    refused = screener.post(
        contact_url(c, "decide"),
        {"decision-outcome": "nfa", "decision-reasons": "Nothing to do."},
    )
    assert "There is a problem" in refused.content.decode()
    assert not ContactDecision.objects.exists()

    rated = screener.post(contact_url(c, "rag"), {"rating-rag": "red"})
    assert rated.status_code == 302
    assert rated["Location"] == page
    asked = screener.post(contact_url(c, "check-request"), {"check-agency": "police"})
    assert asked.status_code == 302
    check = c.checks.get()
    answer = screener.post(
        reverse("frontdoor:check-return", kwargs={"contact_id": c.pk, "check_id": check.pk}),
        {f"return-{check.pk}-summary": "Two call-outs this year."},
    )
    assert answer.status_code == 302
    assert "Two call-outs this year." in screener.get(page).content.decode()

    missing = screener.post(
        contact_url(c, "decide"),
        {"decision-outcome": "referral", "decision-reasons": "Risk of harm."},
    )
    html = missing.content.decode()
    assert 'href="#id_decision-route"' in html
    assert 'href="#id_decision-primary_need"' in html

    decided = screener.post(
        contact_url(c, "decide"),
        {
            "decision-outcome": "referral",
            "decision-route": "assessment",
            "decision-primary_need": "N1",
            "decision-reasons": "Risk of harm.",
        },
    )
    assert decided.status_code == 302
    assert_no_names(decided["Location"])
    c.refresh_from_db()
    assert c.status == ContactStatus.DECIDED
    assert "Sign off the decision" not in screener.get(page).content.decode()
    assert screener.post(contact_url(c, "sign-off")).status_code == 403

    boss = client_for(manager)
    assert "Awaiting sign-off" in boss.get(QUEUE).content.decode()
    assert "Sign off the decision" in boss.get(page).content.decode()
    signed = boss.post(contact_url(c, "sign-off"))
    assert signed.status_code == 302
    assert_no_names(signed["Location"])
    assert "Decision signed off" in boss.get(signed["Location"]).content.decode()
    c.refresh_from_db()
    assert c.status == ContactStatus.SIGNED_OFF
    assert c.decision.signed_off_by == manager


def test_the_queue_is_worked_a_page_at_a_time(council: Any) -> None:
    """A page of the most urgent contacts, then the next: the count covers all of them."""
    screener = council.users["mash_screener"]
    contacts = [record(council, NOW - dt.timedelta(minutes=5 + i), "other_team") for i in range(53)]
    client = client_for(screener)
    first = client.get(QUEUE).content.decode()
    second = client.get(QUEUE, {"page": 2}).content.decode()
    assert "Awaiting a decision (53)" in first
    on_first = [c for c in contacts if contact_url(c) in first]
    on_second = [c for c in contacts if contact_url(c) in second]
    assert (len(on_first), len(on_second)) == (50, 3)
    assert not set(on_first) & set(on_second)
    assert "Contact 51" in second
    assert 'rel="next"' in first
    assert client.get(QUEUE, {"page": "x"}).status_code == 200  # a bad page number shows page 1
