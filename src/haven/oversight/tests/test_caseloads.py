"""Caseloads against capacity: the selectors (weighting, siblings, absence, query count) and
the pages (who sees which teams and rows, and what they show)."""

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from conftest import make_child, make_user
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from haven.accounts.roles import Role
from haven.allocation.enums import AbsenceKind, CaseKind
from haven.allocation.selectors import current_allocation
from haven.allocation.services import absence_record, allocation_start, case_open
from haven.oversight.selectors.caseloads import (
    WorkerCaseload,
    caseload_totals,
    team_caseloads,
    worker_caseloads,
)
from haven.people.enums import RelationshipType
from haven.people.services import relationship_add

ON = dt.date(2026, 3, 13)  # a Friday
SERVICE = reverse("oversight:caseloads-service")


def team_page(team: Any) -> str:
    return reverse("oversight:caseloads-team", kwargs={"team_id": team.pk})


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 13, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def open_case(child: Any, kind: CaseKind, subject: Any, on: dt.date = dt.date(2025, 1, 6)) -> Any:
    """An open case; ``subject`` stands in for the record that opened it (an episode, a plan)."""
    return case_open(actor=None, child=child, kind=kind, opened_on=on, subject=subject)


@pytest.fixture
def caseloads(council: Any) -> Any:
    """Team A: Sam holds Amelia (child protection, and child in need) and her brother Rory
    (child in need); Cara, off sick with no return date, holds Tyler (looked after).
    Team B: Olu holds Olivia, with no open case recorded."""
    c = council.children
    open_case(c["allocated"], CaseKind.CHILD_PROTECTION, c["allocated"])
    open_case(
        c["allocated"], CaseKind.CHILD_IN_NEED, current_allocation(child_id=c["allocated"].pk)
    )
    open_case(c["restricted"], CaseKind.CHILD_IN_NEED, c["restricted"])
    open_case(c["team"], CaseKind.LOOKED_AFTER, c["team"])
    open_case(c["in_care"], CaseKind.LOOKED_AFTER, c["in_care"])
    # A case closed before today, and one opening after it, do not count.
    open_case(c["team"], CaseKind.CHILD_PROTECTION, council.teams["team_a"], on=dt.date(2026, 4, 1))
    relationship_add(
        actor=None,
        from_person=c["allocated"],
        to_person=c["restricted"],
        type=RelationshipType.SIBLING,
    )
    absence_record(
        actor=None,
        worker=council.users["colleague"].worker,
        kind=AbsenceKind.SICKNESS,
        starts_on=dt.date(2026, 3, 9),
    )
    return council


def by_name(rows: list[WorkerCaseload]) -> dict[str, WorkerCaseload]:
    return {r.name: r for r in rows}


# --- Selectors -------------------------------------------------------------------------


def test_each_worker_s_caseload_is_weighted_against_capacity(caseloads: Any) -> None:
    t = caseloads.teams
    rows = by_name(worker_caseloads(team_ids=[t["team_a"].pk, t["team_b"].pk], on=ON))
    # Managers and business support hold no cases and have no caseload: not listed.
    assert set(rows) == {"Sam Worker", "Cara Colleague", "Olu Other"}
    sam = rows["Sam Worker"]
    assert (sam.cases, sam.weighted_load, sam.capacity, sam.available) == (2, 2.0, 18.0, 18.0)
    assert sam.utilisation == pytest.approx(2 / 18)
    assert sam.headroom == 16.0
    assert (sam.absent, sam.over_capacity, sam.near_capacity) == (False, False, False)
    assert sam.registered
    assert not sam.registration_missing
    assert (sam.team_name, sam.job_role, sam.employment) == (
        "Assessment A",
        "social_worker",
        "permanent",
    )
    cara = rows["Cara Colleague"]
    assert (cara.cases, cara.weighted_load, cara.capacity, cara.available) == (1, 1.25, 18.0, 0.0)
    assert (cara.absent, cara.absent_until, cara.headroom) == (True, None, -1.25)
    assert cara.employment_label == "Agency"
    olu = rows["Olu Other"]
    assert (olu.cases, olu.weighted_load) == (1, 1.0)  # no open case recorded: the baseline


def test_siblings_count_less_only_with_the_same_worker(caseloads: Any) -> None:
    c, u = caseloads.children, caseloads.users
    allocation_start(actor=None, child=c["restricted"], worker=u["colleague"].worker, started_on=ON)
    rows = by_name(worker_caseloads(team_ids=[caseloads.teams["team_a"].pk], on=ON))
    assert rows["Sam Worker"].weighted_load == 1.5  # Amelia alone
    assert rows["Cara Colleague"].weighted_load == 2.25  # Tyler 1.25, Rory 1.0: not siblings
    yesterday = by_name(
        worker_caseloads(team_ids=[caseloads.teams["team_a"].pk], on=ON - dt.timedelta(days=1))
    )
    assert yesterday["Sam Worker"].weighted_load == 2.0


def test_absence_covers_its_last_day_and_no_further(caseloads: Any) -> None:
    worker = caseloads.users["social_worker"].worker
    absence_record(
        actor=None,
        worker=worker,
        kind=AbsenceKind.ANNUAL_LEAVE,
        starts_on=dt.date(2026, 3, 12),
        ends_on=dt.date(2026, 3, 13),
    )
    team = [caseloads.teams["team_a"].pk]
    today = by_name(worker_caseloads(team_ids=team, on=ON))["Sam Worker"]
    assert (today.absent, today.absent_until, today.available) == (True, ON, 0.0)
    assert today.weighted_load == 2.0  # the cases still count against them
    monday = by_name(worker_caseloads(team_ids=team, on=dt.date(2026, 3, 16)))["Sam Worker"]
    assert (monday.absent, monday.available) == (False, 18.0)


def test_over_and_near_capacity_follow_the_settings(caseloads: Any, settings: Any) -> None:
    settings.HAVEN_CASELOAD_MAX = {"social_worker": 2.2, "team_manager": 0}
    settings.HAVEN_SIBLING_EXTRA_CHILD_FACTOR = 1.0
    rows = by_name(worker_caseloads(team_ids=[caseloads.teams["team_a"].pk], on=ON))
    assert rows["Sam Worker"].weighted_load == 2.5
    assert rows["Sam Worker"].over_capacity
    assert rows["Sam Worker"].headroom == pytest.approx(-0.3)
    settings.HAVEN_CASELOAD_MAX = {"social_worker": 2.6}
    rows = by_name(worker_caseloads(team_ids=[caseloads.teams["team_a"].pk], on=ON))
    assert rows["Sam Worker"].near_capacity
    assert not rows["Sam Worker"].over_capacity


def test_a_worker_holding_cases_outside_their_job_is_listed_over_capacity(
    caseloads: Any,
) -> None:
    c, u = caseloads.children, caseloads.users
    allocation_start(
        actor=None, child=c["unallocated"], worker=u["team_manager"].worker, started_on=ON
    )
    tom = by_name(worker_caseloads(team_ids=[caseloads.teams["team_a"].pk], on=ON))["Tom Manager"]
    assert (tom.cases, tom.capacity, tom.utilisation, tom.over_capacity) == (1, 0.0, None, True)


def test_team_totals(caseloads: Any) -> None:
    t = caseloads.teams
    teams = team_caseloads(team_ids=[team.pk for team in t.values()], on=ON)
    assert [(r.service_name, r.team_name) for r in teams] == [
        ("Children in care", "Children in care 1"),
        ("Safeguarding", "Assessment A"),
        ("Safeguarding", "Assessment B"),
    ]
    a = teams[1]
    assert (a.workers, a.fte, a.cases, a.weighted_load, a.capacity, a.available) == (
        2,
        Decimal(2),
        3,
        3.25,
        36.0,
        18.0,
    )
    assert a.utilisation == pytest.approx(3.25 / 36)
    assert (a.workers_over_capacity, a.workers_absent) == (0, 1)
    total = caseload_totals(teams)
    assert total is not None
    assert (total.workers, total.cases, total.weighted_load, total.capacity) == (4, 5, 5.5, 72.0)
    assert caseload_totals([]) is None


def add_workers(council: Any, n: int, start: int) -> None:
    """``n`` more workers in team B, each holding two sibling children with open cases, and
    one in two absent."""
    team = council.teams["team_b"]
    for i in range(start, start + n):
        user = make_user(f"extra_worker{i}", Role.SOCIAL_WORKER, team=team, swe=f"SW2000{i:02d}")
        older, younger = make_child("Kid", f"Family{i}"), make_child("Kid", f"Family{i}b")
        relationship_add(
            actor=None, from_person=older, to_person=younger, type=RelationshipType.SIBLING
        )
        for child in (older, younger):
            allocation_start(actor=None, child=child, worker=user.worker, started_on=ON)
            open_case(child, CaseKind.CHILD_PROTECTION, child)
        if i % 2:
            absence_record(
                actor=None, worker=user.worker, kind=AbsenceKind.TRAINING, starts_on=ON, ends_on=ON
            )


def test_the_number_of_queries_does_not_grow_with_the_workers(caseloads: Any) -> None:
    team_ids = [caseloads.teams["team_b"].pk]
    add_workers(caseloads, 2, start=0)
    with CaptureQueriesContext(connection) as few:
        rows = worker_caseloads(team_ids=team_ids, on=ON)
    assert len(rows) == 3
    add_workers(caseloads, 8, start=2)
    with CaptureQueriesContext(connection) as many:
        rows = worker_caseloads(team_ids=team_ids, on=ON)
        team_caseloads(team_ids=team_ids, on=ON)
    assert len(rows) == 11
    assert len(many) == 2 * len(few) == 10
    extra = by_name(rows)["Extra Worker3"]
    assert (extra.cases, extra.weighted_load, extra.absent) == (2, 2.25, True)


# --- Pages -----------------------------------------------------------------------------


def get(client: Client, user: Any, url: str) -> Any:
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        ("team_manager", ["Assessment A"], ["Assessment B", "Children in care 1"]),
        ("service_manager", ["Assessment A", "Assessment B"], ["Children in care 1"]),
        ("dcs", ["Assessment A", "Assessment B", "Children in care 1"], []),
    ],
)
def test_managers_see_the_teams_they_manage(
    client: Client, caseloads: Any, persona: str, shown: list[str], hidden: list[str]
) -> None:
    response = get(client, caseloads.users[persona], SERVICE)
    assert response.status_code == 200
    html = response.content.decode()
    for name in shown:
        assert f">{name}</a>" in html
    for name in hidden:
        assert name not in html
    assert "Amelia" not in html
    assert "Tyler" not in html


def test_the_service_view_totals_the_teams(client: Client, caseloads: Any) -> None:
    html = get(client, caseloads.users["dcs"], SERVICE).content.decode()
    assert "All teams shown" in html
    assert f'href="{team_page(caseloads.teams["team_a"])}"' in html
    assert "govuk-table__header--numeric" in html
    assert '<th scope="row"' in html


def test_a_manager_sees_each_worker_in_their_team(client: Client, caseloads: Any) -> None:
    response = get(client, caseloads.users["team_manager"], team_page(caseloads.teams["team_a"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sam Worker" in html
    assert "Cara Colleague" in html
    assert "Absent: no return date" in html
    assert "None while absent" in html
    assert "Within capacity" in html
    assert "<meter" in html
    assert 'aria-hidden="true"' in html
    assert "Workers holding cases" in html
    assert "Amelia" not in html
    assert "Tyler" not in html
    assert "Rory" not in html


def test_over_capacity_is_flagged(client: Client, caseloads: Any, settings: Any) -> None:
    settings.HAVEN_CASELOAD_MAX = {"social_worker": 1}
    html = get(client, caseloads.users["team_manager"], team_page(caseloads.teams["team_a"]))
    assert "Over capacity" in html.content.decode()


def test_a_social_worker_sees_only_their_own_row(client: Client, caseloads: Any) -> None:
    sam = caseloads.users["social_worker"]
    response = get(client, sam, SERVICE)
    assert response.status_code == 302
    assert response["Location"] == team_page(caseloads.teams["team_a"])
    html = client.get(response["Location"]).content.decode()
    assert "Your caseload against capacity" in html
    assert "Sam Worker" in html
    assert "Cara Colleague" not in html
    assert "Workers holding cases" not in html  # no team totals
    assert get(client, sam, team_page(caseloads.teams["team_b"])).status_code == 403


@pytest.mark.parametrize(
    ("persona", "team"),
    [
        ("team_manager", "team_b"),
        ("service_manager", "cic"),
        ("social_worker", "team_b"),
        ("business_support", "team_b"),
        ("iro", "team_a"),
        ("auditor", "team_a"),
        ("performance_analyst", "team_a"),
    ],
)
def test_team_pages_outside_reach_are_refused(
    client: Client, caseloads: Any, persona: str, team: str
) -> None:
    response = get(client, caseloads.users[persona], team_page(caseloads.teams[team]))
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["auditor", "performance_analyst", "system_admin"])
def test_users_without_a_team_or_a_service_are_refused(
    client: Client, caseloads: Any, persona: str
) -> None:
    assert get(client, caseloads.users[persona], SERVICE).status_code == 403


def test_a_worker_with_no_caseload_sees_an_empty_row_set(client: Client, caseloads: Any) -> None:
    html = get(
        client, caseloads.users["business_support"], team_page(caseloads.teams["team_a"])
    ).content.decode()
    assert "You hold no cases and your job has no caseload." in html


def test_an_unknown_team_is_refused(client: Client, caseloads: Any) -> None:
    url = reverse(
        "oversight:caseloads-team", kwargs={"team_id": "00000000-0000-4000-8000-000000000000"}
    )
    assert get(client, caseloads.users["dcs"], url).status_code == 403
