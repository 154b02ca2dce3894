"""The front-door figures page and the children behind each number."""

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from conftest import make_user
from django.test import Client
from django.urls import reverse

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.casework.enums import PrimaryNeed
from haven.core import clock
from haven.frontdoor.enums import ContactOutcome, Rag, ReferralRoute
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record

FIGURES = reverse("frontdoor:figures")
# A Friday: a contact received on Monday the 9th was due on Tuesday the 10th.
TODAY = dt.datetime(2026, 3, 13, 10, 0, tzinfo=clock.LONDON)


def at(d: int, hh: int) -> dt.datetime:
    return dt.datetime(2026, 3, d, hh, 0, tzinfo=clock.LONDON)


@pytest.fixture
def front_door(council: Any) -> dict[str, Any]:
    """A late referral about two siblings, an on-time NFA and a contact still waiting."""
    screener = council.users["mash_screener"]

    def rated(received: dt.datetime, *children: str) -> Any:
        with time_machine.travel(received, tick=False):
            c = record(council, received, *children)
            return contact_rag_set(actor=screener, contact=c, rag=Rag.AMBER)

    late = rated(at(9, 9), "allocated", "team")
    on_time = rated(at(10, 9), "other_team")
    waiting = rated(at(11, 9), "restricted")
    with time_machine.travel(at(12, 11), tick=False):  # two days after it was due
        contact_decide(
            actor=screener,
            contact=late,
            outcome=ContactOutcome.REFERRAL,
            reasons="Police report of violence at home.",
            route=ReferralRoute.ASSESSMENT,
            primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
        )
    with time_machine.travel(at(10, 15), tick=False):
        contact_decide(
            actor=screener, contact=on_time, outcome=ContactOutcome.NFA, reasons="Resolved."
        )
    return {"late": late, "on_time": on_time, "waiting": waiting}


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def figure_links(html: str) -> dict[str, int]:
    """Each figure's drill-down address and the number shown on its link."""
    return {
        name: int(count)
        for name, count in re.findall(
            r'href="/front-door/figures/([a-z_]+)/\?period=4w">(\d+)', html
        )
    }


def test_manager_sees_each_number_linked_to_its_children(
    client: Client, council: Any, front_door: dict[str, Any]
) -> None:
    manager = make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )
    response = signed_in(client, manager).get(FIGURES)
    assert response.status_code == 200
    links = figure_links(response.content.decode())
    assert links["awaiting"] == 1
    assert links["late"] == 2  # one contact, two children
    assert links["contacts"] == 4
    assert links["decided"] == 3
    assert links["referrals"] == 2
    assert links["no_further_action"] == 1
    assert links["referral_episodes"] == 2
    assert links["assessed"] == 0
    assert "67%" in response.content.decode()  # two of three decided became referrals

    late = signed_in(client, manager).get(reverse("frontdoor:figure", args=["late"]))
    html = late.content.decode()
    assert late.status_code == 200
    for key in ("allocated", "team"):
        child = council.children[key]
        assert child.full_name in html
        assert f'href="/people/{child.pk}/"' in html
    assert html.count(f'href="/front-door/contacts/{front_door["late"].pk}/"') == 2
    assert council.children["other_team"].full_name not in html

    waiting = signed_in(client, manager).get(reverse("frontdoor:figure", args=["awaiting"]))
    # The restricted child is counted but not named to a manager not on the record.
    assert council.children["restricted"].full_name not in waiting.content.decode()
    assert "Not in your reach" in waiting.content.decode()


def test_the_period_chooses_the_contacts_counted(
    client: Client, council: Any, front_door: dict[str, Any]
) -> None:
    analyst = council.users["performance_analyst"]
    with time_machine.travel(TODAY + dt.timedelta(days=60), tick=False):
        recent = figure_links(signed_in(client, analyst).get(FIGURES).content.decode())
        year = signed_in(client, analyst).get(FIGURES, {"period": "12m"}).content.decode()
    assert recent["contacts"] == 0
    assert recent["awaiting"] == 1  # still waiting, whatever the period
    assert 'href="/front-door/figures/contacts/?period=12m">4' in year


def test_the_analyst_sees_numbers_but_no_children(
    client: Client, council: Any, front_door: dict[str, Any]
) -> None:
    analyst = council.users["performance_analyst"]
    page = signed_in(client, analyst).get(FIGURES)
    assert page.status_code == 200
    assert 'href="/front-door/figures/"' in page.content.decode()  # the menu's link
    html = signed_in(client, analyst).get(reverse("frontdoor:figure", args=["contacts"]))
    text = html.content.decode()
    assert text.count("Not in your reach") == 4
    for child in council.children.values():
        assert child.full_name not in text
    assert "/front-door/contacts/" not in text
    assert "/people/" not in text.split("<main", 1)[1]


def test_figures_are_refused_to_those_without_them(client: Client, council: Any) -> None:
    for persona in ("social_worker", "partner_police", "auditor"):
        assert signed_in(client, council.users[persona]).get(FIGURES).status_code == 403
        assert client.get(reverse("frontdoor:figure", args=["contacts"])).status_code == 403, (
            persona
        )
    manager = council.users["team_manager"]
    assert signed_in(client, manager).get("/front-door/figures/nonsense/").status_code == 404
