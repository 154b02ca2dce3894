"""The allocation queue's pages: who sees them, the risk review and allocation forms."""

import datetime as dt
import re
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
from haven.core.errors import ValidationError
from haven.oversight.models import AllocationDecision, RiskReview
from haven.oversight.services import queue_allocate_plan, queue_sync

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


def recommended_first(html: str) -> str:
    """The worker id of the radio labelled "Recommendation 1"."""
    found = re.search(r'value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*>\s*Recommendation 1:', html)
    assert found, "no recommendation on the page"
    return found.group(1)


def allocate_body(worker: Any) -> dict[str, str]:
    return {
        "allocate-worker": str(worker),
        "allocate-started_on-day": "16",
        "allocate-started_on-month": "6",
        "allocate-started_on-year": "2025",
    }


def test_a_manager_accepts_the_recommendation(client: Client, council: Any, waiting: Any) -> None:
    manager = council.users["team_manager"]
    page = signed_in(client, manager).get(reverse("oversight:queue-child", args=[waiting.pk]))
    html = page.content.decode()
    assert "Haven recommends" in html
    top = recommended_first(html)
    done = client.post(reverse("oversight:queue-allocate", args=[waiting.pk]), allocate_body(top))
    assert done.status_code == 302
    decision = AllocationDecision.objects.get()
    assert decision.accepted
    assert decision.recommended_worker is not None
    assert str(decision.recommended_worker.pk) == top
    assert str(Allocation.objects.get(child=waiting, ended_on__isnull=True).worker_id) == top
    assert signed_in(client, manager).get(QUEUE).content.decode().count(waiting.full_name) == 0


def test_overriding_the_recommendation_needs_a_reason(
    client: Client, council: Any, waiting: Any
) -> None:
    manager = council.users["team_manager"]
    html = (
        signed_in(client, manager)
        .get(reverse("oversight:queue-child", args=[waiting.pk]))
        .content.decode()
    )
    top = recommended_first(html)
    other = next(
        u.worker.pk
        for key in ("social_worker", "colleague")
        if str((u := council.users[key]).worker.pk) != top
    )
    url = reverse("oversight:queue-allocate", args=[waiting.pk])
    refused = client.post(url, allocate_body(other))
    assert refused.status_code == 200
    assert "Say why you chose a different worker" in refused.content.decode()
    assert not AllocationDecision.objects.exists()
    done = client.post(
        url, allocate_body(other) | {"allocate-override_reason": "Knows the family."}
    )
    assert done.status_code == 302
    decision = AllocationDecision.objects.get()
    assert not decision.accepted
    assert decision.recommended_worker is not None
    assert str(decision.recommended_worker.pk) == top
    assert decision.override_reason == "Knows the family."


def test_a_child_not_waiting_has_no_queue_page(client: Client, council: Any) -> None:
    manager = council.users["team_manager"]
    url = reverse("oversight:queue-child", args=[council.children["allocated"].pk])
    assert signed_in(client, manager).get(url).status_code in (403, 404)


def test_the_plan_for_the_whole_queue(client: Client, council: Any, waiting: Any) -> None:
    second = council.children["other_team"]
    referral_open(
        actor=council.users["social_worker"],
        child=second,
        referral_date=dt.date(2025, 6, 2),
        source=ReferralSource.POLICE,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )
    Allocation.objects.filter(child=second, ended_on__isnull=True).update(
        ended_on=dt.date(2025, 6, 10), end_reason="LEFTRL"
    )
    manager = council.users["team_manager"]
    url = reverse("oversight:queue-plan")
    html = signed_in(client, manager).get(url).content.decode()
    assert "A plan for the whole queue" in html
    proposed = re.findall(r'name="children" type="checkbox" value="([0-9a-f-]{36})"', html)
    assert set(proposed) == {str(waiting.pk), str(second.pk)}
    done = client.post(url, {"children": proposed})
    assert done.status_code == 302
    decisions = list(AllocationDecision.objects.all())
    assert len(decisions) == 2
    assert all(d.accepted and d.recommended_worker == d.allocation.worker for d in decisions)
    assert signed_in(client, council.users["social_worker"]).get(url).status_code == 403


def test_a_plan_is_allocated_all_or_none(council: Any, waiting: Any) -> None:
    support = council.users["business_support"].worker
    sw = council.users["social_worker"].worker
    second = council.children["in_care"]
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        queue_allocate_plan(
            actor=council.users["team_manager"],
            placements=[(waiting, sw), (second, support)],
            started_on=dt.date(2025, 6, 16),
        )
    assert e.value.message_dict["children"][0].startswith("Child 2: ")
    assert row_counts() == before


def test_the_plan_is_offered_only_to_those_who_allocate(
    client: Client, council: Any, waiting: Any
) -> None:
    plan = reverse("oversight:queue-plan")
    assert plan in signed_in(client, council.users["team_manager"]).get(QUEUE).content.decode()
    assert plan not in signed_in(client, council.users["dcs"]).get(QUEUE).content.decode()
