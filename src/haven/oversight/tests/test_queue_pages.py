"""The allocation queue's pages: who sees them, the risk review and allocation forms."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.support import row_counts

from haven.allocation.models import Allocation
from haven.audit.models import AccessEvent
from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.services import referral_open
from haven.oversight.models import AllocationDecision, RiskReview
from haven.oversight.services import queue_sync

pytestmark = pytest.mark.django_db

QUEUE = reverse("oversight:queue")


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def waiting(council: Any) -> Any:
    child = council.children["unallocated"]
    referral_open(
        actor=council.users["social_worker"],
        child=child,
        referral_date=dt.date(2025, 6, 2),
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )
    queue_sync(actor=None)
    return child


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_managers_and_leaders_see_the_queue_others_do_not(
    client: Client, council: Any, waiting: Any
) -> None:
    for persona in ("team_manager", "service_manager", "dcs"):
        page = signed_in(client, council.users[persona]).get(QUEUE)
        assert page.status_code == 200, persona
        html = page.content.decode()
        assert "Waiting for allocation (1)" in html
        assert waiting.full_name in html, persona
        assert "Overdue" in html  # the first review was due on the 9th
    for persona in ("social_worker", "performance_analyst", "partner_police", "auditor"):
        assert signed_in(client, council.users[persona]).get(QUEUE).status_code == 403, persona


def test_a_manager_records_a_risk_review(client: Client, council: Any, waiting: Any) -> None:
    manager = council.users["team_manager"]
    page_url = reverse("oversight:queue-child", args=[waiting.pk])
    page = signed_in(client, manager).get(page_url)
    assert page.status_code == 200
    assert AccessEvent.objects.filter(person_id=waiting.pk, actor=manager).exists()
    url = reverse("oversight:queue-review", args=[waiting.pk])
    before = row_counts()
    refused = client.post(url, {"review-rating": "high"})
    assert refused.status_code == 200
    assert "Say why" in refused.content.decode() or "Enter why" in refused.content.decode()
    after = row_counts()
    assert after["oversight.RiskReview"] == before["oversight.RiskReview"]
    assert after["deadlines.Deadline"] == before["deadlines.Deadline"]
    done = client.post(
        url,
        {
            "review-reviewed_on-day": "16",
            "review-reviewed_on-month": "6",
            "review-reviewed_on-year": "2025",
            "review-rating": "medium",
            "review-rationale": "Mother engaging; school reports good attendance.",
            "review-interim_actions": "Weekly duty call; school to alert on any absence.",
            "review-who_will_see": "Duty worker, Thursday",
        },
    )
    assert done.status_code == 302
    (review,) = RiskReview.objects.all()
    assert (review.rating, review.reviewed_by) == ("medium", manager)


def test_a_manager_allocates_and_overriding_needs_a_reason(
    client: Client, council: Any, waiting: Any
) -> None:
    manager = council.users["team_manager"]
    sw = council.users["social_worker"].worker
    other = council.users["colleague"].worker
    url = reverse("oversight:queue-allocate", args=[waiting.pk])
    body = {
        "allocate-worker": str(sw.pk),
        "allocate-started_on-day": "16",
        "allocate-started_on-month": "6",
        "allocate-started_on-year": "2025",
        "allocate-recommended": str(other.pk),
    }
    refused = signed_in(client, manager).post(url, body)
    assert refused.status_code == 200
    assert "Say why you chose a different worker" in refused.content.decode()
    assert not AllocationDecision.objects.exists()
    done = client.post(url, body | {"allocate-override_reason": "Knows the family."})
    assert done.status_code == 302
    assert Allocation.objects.get(child=waiting, ended_on__isnull=True).worker == sw
    assert signed_in(client, manager).get(QUEUE).content.decode().count(waiting.full_name) == 0


def test_a_child_not_waiting_has_no_queue_page(client: Client, council: Any) -> None:
    manager = council.users["team_manager"]
    url = reverse("oversight:queue-child", args=[council.children["allocated"].pk])
    assert signed_in(client, manager).get(url).status_code in (403, 404)
