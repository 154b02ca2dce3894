"""Decisions awaiting sign-off: the oldest on the queue page, all of them on their own page."""

import datetime as dt
from typing import Any

import time_machine
from conftest import make_user
from django.test import Client
from django.urls import reverse

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.core import clock
from haven.frontdoor.enums import ContactOutcome, Rag
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record
from haven.frontdoor.views.queue import SIGN_OFF_ON_QUEUE

LIST = reverse("frontdoor:sign-off-list")


def test_the_queue_shows_the_oldest_and_links_to_the_rest(client: Client, council: Any) -> None:
    screener = council.users["mash_screener"]
    start = dt.datetime(2026, 3, 9, 9, 0, tzinfo=clock.LONDON)
    decided = []
    for i in range(SIGN_OFF_ON_QUEUE + 2):
        at = start + dt.timedelta(minutes=10 * i)
        with time_machine.travel(at, tick=False):
            c = record(council, at, ("allocated", "team", "other_team")[i % 3])
            contact_rag_set(actor=screener, contact=c, rag=Rag.GREEN)
            contact_decide(
                actor=screener, contact=c, outcome=ContactOutcome.NFA, reasons="No concerns."
            )
            decided.append(c)
    manager = make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )
    client.force_login(manager)
    queue = client.get(reverse("frontdoor:queue")).content.decode()
    assert f"Awaiting sign-off ({len(decided)})" in queue
    shown = [c for c in decided if f"/front-door/contacts/{c.pk}/" in queue]
    assert shown == decided[:SIGN_OFF_ON_QUEUE]  # the oldest first
    assert f'href="{LIST}"' in queue

    listed = client.get(LIST).content.decode()
    assert all(f"/front-door/contacts/{c.pk}/" in listed for c in decided)
    assert council.children["allocated"].full_name in listed

    for persona in ("mash_screener", "social_worker", "performance_analyst"):
        client.force_login(council.users[persona])
        assert client.get(LIST).status_code == 403, persona
