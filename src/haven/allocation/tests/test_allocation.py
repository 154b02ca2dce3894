"""Teams, workers and allocations: the hierarchy, one worker per child, and leavers."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from conftest import make_user
from django.db import IntegrityError, transaction
from tests.support import row_counts

from haven.accounts.roles import Role
from haven.allocation.enums import Employment, JobRole, SWReason
from haven.allocation.models import Allocation
from haven.allocation.selectors import (
    allocation_history,
    caseload,
    current_allocation,
    managed_team_ids,
    team_ids_under,
)
from haven.allocation.services import allocation_start, worker_create, worker_leave
from haven.allocation.validators import normalise_swe_number
from haven.core.errors import ValidationError


def test_team_paths_give_everything_under_a_node(council: Any) -> None:
    t = council.teams
    ids = {key: team.id for key, team in t.items()}
    assert t["team_a"].path == f"/{ids['csc']}/{ids['safeguarding']}/{ids['team_a']}/"
    assert set(team_ids_under(team=t["csc"])) == set(ids.values())
    assert set(team_ids_under(team=t["safeguarding"])) == {
        ids["safeguarding"],
        ids["team_a"],
        ids["team_b"],
    }
    assert set(team_ids_under(team=t["care"])) == {ids["care"], ids["cic"]}
    assert team_ids_under(team=t["team_a"]) == [ids["team_a"]]
    assert set(managed_team_ids(user=council.users["service_manager"])) == set(
        team_ids_under(team=t["safeguarding"])
    )
    assert managed_team_ids(user=council.users["team_manager"]) == [ids["team_a"]]
    assert managed_team_ids(user=council.users["auditor"]) == []


def test_a_new_allocation_ends_the_current_one_with_the_reason(council: Any) -> None:
    child = council.children["allocated"]
    first = current_allocation(child_id=child.pk)
    assert first is not None
    assert first.worker == council.users["social_worker"].worker
    second = allocation_start(
        actor=council.users["team_manager"],
        child=child,
        worker=council.users["colleague"].worker,
        started_on=dt.date(2025, 9, 1),
        change_reason=SWReason.ABSENC,
    )
    first.refresh_from_db()
    assert (first.ended_on, first.end_reason) == (dt.date(2025, 9, 1), "ABSENC")
    assert current_allocation(child_id=child.pk) == second
    assert second.team == council.teams["team_a"]
    assert list(allocation_history(child_id=child.pk)) == [second, first]
    assert child not in [a.child for a in caseload(worker=council.users["social_worker"].worker)]


def test_the_database_allows_one_open_allocation_per_child(council: Any) -> None:
    child = council.children["allocated"]
    worker = council.users["colleague"].worker
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(
            child=child, worker=worker, team=worker.team, started_on=dt.date(2025, 1, 1)
        )
    closed = Allocation(
        child=child,
        worker=worker,
        team=worker.team,
        started_on=dt.date(2023, 1, 1),
        ended_on=dt.date(2023, 6, 1),
        end_reason=SWReason.MANAGE,
    )
    closed.save()  # a closed allocation beside the open one is history, not a clash
    assert Allocation.objects.filter(child=child).count() == 2


@pytest.mark.parametrize(
    ("persona", "child", "started_on", "field", "message"),
    [
        ("colleague", "allocated", dt.date(2019, 12, 31), "started_on", "before the worker"),
        ("colleague", "allocated", dt.date(2024, 1, 7), "started_on", "current allocation"),
        ("social_worker", "allocated", dt.date(2025, 1, 1), "worker", "already allocated"),
        ("colleague", "parent", dt.date(2025, 1, 1), "child", "Only a child"),
    ],
    ids=["before-worker-started", "before-current", "same-worker", "adult"],
)
def test_allocation_start_refuses_bad_input_and_writes_nothing(
    council: Any, persona: str, child: str, started_on: dt.date, field: str, message: str
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        allocation_start(
            actor=council.users["team_manager"],
            child=council.children[child],
            worker=council.users[persona].worker,
            started_on=started_on,
        )
    assert list(e.value.message_dict) == [field]
    assert message in e.value.message_dict[field][0]
    assert row_counts() == before


def test_a_leaver_s_allocations_end_with_leftrl(council: Any) -> None:
    sw = council.users["social_worker"]
    worker_leave(
        actor=council.users["team_manager"], worker=sw.worker, ended_on=dt.date(2026, 2, 27)
    )
    sw.worker.refresh_from_db()
    assert sw.worker.ended_on == dt.date(2026, 2, 27)
    ended = Allocation.objects.filter(worker=sw.worker)
    assert {(a.child.given_name, a.ended_on, a.end_reason) for a in ended} == {
        ("Amelia", dt.date(2026, 2, 27), "LEFTRL"),
        ("Rory", dt.date(2026, 2, 27), "LEFTRL"),
    }
    assert list(caseload(worker=sw.worker)) == []
    other = Allocation.objects.get(child=council.children["team"], ended_on__isnull=True)
    assert other.worker == council.users["colleague"].worker
    with pytest.raises(ValidationError) as e:
        allocation_start(
            actor=None,
            child=council.children["unallocated"],
            worker=sw.worker,
            started_on=dt.date(2026, 3, 2),
        )
    assert "worker" in e.value.message_dict


def test_leaving_before_starting_is_refused(council: Any) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_leave(
            actor=None, worker=council.users["social_worker"].worker, ended_on=dt.date(2019, 1, 1)
        )
    assert list(e.value.message_dict) == ["ended_on"]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("given", "stored"),
    [("SW123456", "SW123456"), ("sw 123 456", "SW123456"), ("SW1", "SW1")],
)
def test_swe_numbers_are_normalised(given: str, stored: str) -> None:
    assert normalise_swe_number(given) == stored


@pytest.mark.parametrize("bad", ["123456", "SW", "SW12345678901", "SE123456", "SW12A456"])
def test_bad_swe_numbers_are_refused_on_the_field(council: Any, bad: str) -> None:
    user = make_user("nia_new", Role.SOCIAL_WORKER)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_create(
            actor=None,
            user=user,
            team=council.teams["team_a"],
            job_role=JobRole.SOCIAL_WORKER,
            fte=Decimal("1.0"),
            employment=Employment.PERMANENT,
            started_on=dt.date(2026, 1, 5),
            swe_number=bad,
        )
    assert list(e.value.message_dict) == ["swe_number"]
    assert "SW followed by up to 10 digits" in e.value.message_dict["swe_number"][0]
    assert row_counts() == before


def test_a_swe_number_belongs_to_one_worker(council: Any) -> None:
    user = make_user("nia_new", Role.SOCIAL_WORKER)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_create(
            actor=None,
            user=user,
            team=council.teams["team_a"],
            job_role=JobRole.SOCIAL_WORKER,
            fte=Decimal("1.0"),
            employment=Employment.PERMANENT,
            started_on=dt.date(2026, 1, 5),
            swe_number="sw100001",
        )
    assert e.value.message_dict == {
        "swe_number": ["This Social Work England number is recorded for another worker"]
    }
    assert row_counts() == before
