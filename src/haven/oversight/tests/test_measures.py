"""Allocation measures: the share allocated, the median wait, escalations and overdue
reviews, each with its children."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation
from haven.allocation.services import allocation_end
from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.services import referral_open
from haven.oversight.selectors.measures import allocation_measures
from haven.oversight.services import queue_allocate, queue_sync

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 27)  # a Friday


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 27, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def refer(council: Any, key: str, on: dt.date) -> Any:
    return referral_open(
        actor=council.users["social_worker"],
        child=council.children[key],
        referral_date=on,
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )


@pytest.fixture
def measured(council: Any) -> Any:
    # Uma waited from Monday 2 June and was allocated on Monday 9 June: 5 working days.
    refer(council, "unallocated", dt.date(2025, 6, 2))
    queue_sync(actor=None)
    queue_allocate(
        actor=council.users["team_manager"],
        child=council.children["unallocated"],
        worker=council.users["colleague"].worker,
        started_on=dt.date(2025, 6, 9),
    )
    # Amelia's worker left on Friday 6 June; she still waits (15 working days by today).
    refer(council, "allocated", dt.date(2025, 5, 1))
    allocation = Allocation.objects.get(child=council.children["allocated"], ended_on=None)
    allocation_end(
        actor=None, allocation=allocation, ended_on=dt.date(2025, 6, 6), reason=SWReason.LEFTRL
    )
    # Tyler is allocated (since 2024) and has an open case.
    refer(council, "team", dt.date(2025, 6, 20))
    queue_sync(actor=None)
    return allocation_measures(today=TODAY, since=dt.date(2025, 4, 5))


def test_the_measures(council: Any, measured: Any) -> None:
    m = measured
    assert len(m.open_children) == 3
    assert len(m.allocated) == 2
    assert [r.child_id for r in m.waiting] == [council.children["allocated"].pk]
    assert m.allocated_rate == 2 / 3
    # Uma's wait; Tyler's 2024 allocation is before the period.
    assert [(r.child_id, r.working_days) for r in m.allocated_in_period] == [
        (council.children["unallocated"].pk, 5)
    ]
    assert m.median_working_days_to_allocation == 5
    # Amelia joined on the 6th: review due the 13th, escalation the 20th; both overdue.
    assert [r.child_id for r in m.waited_past_threshold] == [council.children["allocated"].pk]
    assert [r.child_id for r in m.reviews_overdue] == [council.children["allocated"].pk]


def test_the_pages(client: Client, council: Any, measured: Any) -> None:
    client.force_login(council.users["service_manager"])
    page = client.get(reverse("oversight:measures")).content.decode()
    assert "67%" in page
    assert "5 working days" in page
    drill = client.get(reverse("oversight:measure", args=["waiting"])).content.decode()
    assert council.children["allocated"].full_name in drill
    client.force_login(council.users["performance_analyst"])
    drill = client.get(reverse("oversight:measure", args=["open_children"])).content.decode()
    assert drill.count("Not in your reach") == 3
    client.force_login(council.users["social_worker"])
    assert client.get(reverse("oversight:measures")).status_code == 403
    client.force_login(council.users["service_manager"])
    assert client.get("/oversight/measures/nonsense/").status_code == 404
