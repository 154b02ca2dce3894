"""Front-door roles x actions x contacts: every cell asserted.

The expected table is written out by hand, independently of ``accounts.permissions``.
Contacts: ``team_a`` is about a child allocated in Assessment A; ``other`` about a child in
Assessment B; ``partner`` was submitted by the police; ``decided`` (team A's child) awaits
sign-off, decided by the screener; ``own`` was recorded by the social worker about a child
outside their reach.
"""

import datetime as dt
from typing import Any

import pytest
import time_machine
from conftest import make_user

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.frontdoor import policies
from haven.frontdoor.enums import ContactOutcome, Rag
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
CONTACTS = ["team_a", "other", "partner", "decided", "own"]

# v view, s screen, d decide, o sign off; "-" nothing.
MATRIX = """
persona             team_a other partner decided own  record partner_submit figures
mash_screener       vsd    vsd   vsd     v       vsd  y      n              y
mash_manager        vsd    vsd   vsd     vo      vsd  y      n              y
team_manager        v      v     v       v       v    y      n              y
social_worker       v      -     -       v       v    y      n              n
partner_police      -      -     v       -       -    n      y              n
dcs                 v      v     v       v       v    n      n              y
performance_analyst -      -     -       -       -    n      n              y
"""
_HEADER, *_ROWS = MATRIX.strip().splitlines()
_COLUMNS = _HEADER.split()[1:]
EXPECTED = {row.split()[0]: dict(zip(_COLUMNS, row.split()[1:], strict=True)) for row in _ROWS}


@pytest.fixture
def contacts(council: Any) -> dict[str, Any]:
    police = council.users["partner_police"]
    screener = council.users["mash_screener"]
    with time_machine.travel(NOW, tick=False):
        made = {
            "team_a": record(council, NOW, "allocated"),
            "other": record(council, NOW, "other_team"),
            "partner": record(
                council, NOW, "unallocated", actor=police, submitted_by_partner=police
            ),
            "decided": record(council, NOW, "team"),
            "own": record(council, NOW, "in_care", actor=council.users["social_worker"]),
        }
        contact_rag_set(actor=screener, contact=made["decided"], rag=Rag.GREEN)
        contact_decide(
            actor=screener, contact=made["decided"], outcome=ContactOutcome.NFA, reasons="Ok."
        )
    for c in made.values():
        c.refresh_from_db()
    return made


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_cell_of_the_matrix(council: Any, contacts: dict[str, Any], persona: str) -> None:
    if persona == "mash_manager":
        user = make_user(
            "mia_mash",
            Role.MASH_MANAGER,
            team=council.teams["front_door"],
            job=JobRole.TEAM_MANAGER,
        )
    else:
        user = council.users[persona]
    row = EXPECTED[persona]
    visible = set(policies.visible_contacts(user).values_list("pk", flat=True))
    wrong = []
    for key in CONTACTS:
        c = contacts[key]
        got = (
            "".join(
                letter
                for letter, allowed in (
                    ("v", policies.can_view_contact(user, c)),
                    ("s", policies.can_screen(user, c)),
                    ("d", policies.can_decide(user, c)),
                    ("o", policies.can_sign_off(user, c)),
                )
                if allowed
            )
            or "-"
        )
        if got != row[key]:
            wrong.append((key, got, row[key]))
        if (c.pk in visible) != ("v" in row[key]):
            wrong.append((key, "visible_contacts", row[key]))
    for name, question in (
        ("record", policies.can_record_contact),
        ("partner_submit", policies.can_submit_partner_contact),
        ("figures", policies.can_view_figures),
    ):
        if question(user) != (row[name] == "y"):
            wrong.append((name, str(question(user)), row[name]))
    assert wrong == []


def test_the_decider_cannot_sign_off_their_own_decision(council: Any) -> None:
    manager = make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )
    with time_machine.travel(NOW, tick=False):
        c = record(council, NOW, "allocated")
        contact_rag_set(actor=manager, contact=c, rag=Rag.RED)
        contact_decide(actor=manager, contact=c, outcome=ContactOutcome.NFA, reasons="Ok.")
    assert not policies.can_sign_off(manager, c)
