"""Changing a child's worker: each change an episode with its reason, transfers between
teams, and the refusals."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.support import row_counts

from haven.allocation.enums import SWReason
from haven.allocation.models import Absence, Allocation
from haven.core.errors import ValidationError
from haven.oversight.services import worker_change

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_a_handover_ends_one_episode_and_starts_the_next(council: Any) -> None:
    child = council.children["allocated"]
    before = Allocation.objects.get(child=child, ended_on__isnull=True)
    new = worker_change(
        actor=council.users["team_manager"],
        child=child,
        worker=council.users["other_worker"].worker,  # in team B: a transfer
        started_on=TODAY,
        reason=SWReason.TSPROC,
    )
    before.refresh_from_db()
    assert (before.ended_on, before.end_reason) == (TODAY, SWReason.TSPROC)
    assert new.team == council.users["other_worker"].worker.team
    assert new.team != before.team


def test_refusals_name_the_field_and_write_nothing(council: Any) -> None:
    manager = council.users["team_manager"]
    child = council.children["allocated"]
    current = Allocation.objects.get(child=child, ended_on__isnull=True).worker
    before = row_counts()
    cases = [
        ({"worker": current, "reason": SWReason.MANAGE}, "worker"),
        ({"worker": council.users["colleague"].worker, "reason": "BORED"}, "reason"),
        (
            {
                "worker": council.users["colleague"].worker,
                "reason": SWReason.MANAGE,
                "started_on": TODAY + dt.timedelta(days=1),
            },
            "started_on",
        ),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as e:
            worker_change(actor=manager, child=child, **({"started_on": TODAY} | fields))
        assert field in e.value.message_dict, field
    with pytest.raises(ValidationError) as none:
        worker_change(
            actor=manager,
            child=council.children["unallocated"],
            worker=current,
            started_on=TODAY,
            reason=SWReason.MANAGE,
        )
    assert "child" in none.value.message_dict
    assert row_counts() == before


def test_the_page(client: Client, council: Any) -> None:
    child = council.children["allocated"]
    url = reverse("oversight:worker-change", args=[child.pk])
    client.force_login(council.users["social_worker"])
    assert client.get(url).status_code == 403
    client.force_login(council.users["team_manager"])
    record = client.get(reverse("people:record", args=[child.pk])).content.decode()
    assert f'href="{url}"' in record
    assert client.get(url).status_code == 200
    colleague = council.users["colleague"].worker
    done = client.post(
        url,
        {
            "change-worker": str(colleague.pk),
            "change-started_on-day": "16",
            "change-started_on-month": "6",
            "change-started_on-year": "2025",
            "change-reason": SWReason.ABSENC,
        },
    )
    assert done.status_code == 302
    assert Allocation.objects.get(child=child, ended_on__isnull=True).worker == colleague


def test_a_manager_records_a_workers_absence_and_skills(client: Client, council: Any) -> None:
    worker = council.users["colleague"].worker
    url = reverse("oversight:worker", args=[worker.pk])
    client.force_login(council.users["social_worker"])
    assert client.get(url).status_code == 403
    client.force_login(council.users["team_manager"])
    team_page = client.get(reverse("oversight:caseloads-team", args=[worker.team_id]))
    assert f'href="{url}"' in team_page.content.decode()
    assert client.get(url).status_code == 200

    absence = reverse("oversight:worker-absence", args=[worker.pk])
    refused = client.post(absence, {"absence-kind": "sickness"})
    assert refused.status_code == 200
    assert "Enter first day away" in refused.content.decode()
    done = client.post(
        absence,
        {
            "absence-kind": "sickness",
            "absence-starts_on-day": "9",
            "absence-starts_on-month": "6",
            "absence-starts_on-year": "2025",
        },
    )
    assert done.status_code == 302
    (away,) = Absence.objects.filter(worker=worker)
    assert (away.kind, away.ends_on) == ("sickness", None)
    end = reverse("oversight:worker-absence-end", args=[worker.pk, away.pk])
    assert (
        client.post(
            end,
            {
                f"end-{away.pk}-ended_on-day": "13",
                f"end-{away.pk}-ended_on-month": "6",
                f"end-{away.pk}-ended_on-year": "2025",
            },
        ).status_code
        == 302
    )
    away.refresh_from_db()
    assert away.ends_on == dt.date(2025, 6, 13)

    skills = reverse("oversight:worker-skills", args=[worker.pk])
    assert client.post(skills, {"skills-skills": ["disability", "court"]}).status_code == 302
    worker.refresh_from_db()
    assert worker.skills == ["court", "disability"]
