"""``--scenario crisis``: a council in the state Northamptonshire was found in."""

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation, Worker
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.models import RiskReview
from haven.oversight.selectors.queue import (
    ESCALATION_RULE,
    REVIEW_RULE,
    joined_on,
    queued_child_ids,
)
from haven.synthetic import calibration as cal
from haven.synthetic.generator import generate
from haven.synthetic.management.commands.generate import allocation_line
from haven.synthetic.tests.checks import (
    assert_absences_keep_their_rules,
    assert_allocations_keep_their_rules,
)
from haven.synthetic.tests.conftest import FAST_HASHER

pytestmark = pytest.mark.django_db

#: Enough children to fill the demo staffing's caseloads (3,000 is the demo).
CHILDREN = 1_200


@pytest.fixture(scope="module")
def crisis(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        summary = generate(scale="demo", seed=5, children=CHILDREN, scenario="crisis")
        yield summary
        transaction.set_rollback(True)


def test_many_children_wait_for_a_worker(crisis: dict[str, Any]) -> None:
    waiting = len(queued_child_ids())
    assert waiting == crisis["open_cases_unallocated"]
    # At least 60 of the demo's 3,000 children, in proportion.
    assert waiting >= CHILDREN * 60 / 3_000
    # Some have waited months.
    assert crisis["longest_wait_days"] > 90


def test_some_workers_hold_thirty_or_more(crisis: dict[str, Any]) -> None:
    loads = (
        Allocation.objects.filter(ended_on__isnull=True)
        .values("worker")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert max(loads) >= 30
    assert crisis["workers_over_30"] == sum(1 for n in loads if n >= 30) >= 1


def test_the_queue_s_clocks_are_overdue(crisis: dict[str, Any]) -> None:
    today = clock.today()
    waiting = list(queued_child_ids())
    reviews = Deadline.objects.filter(rule_id=REVIEW_RULE, status=DeadlineStatus.OPEN)
    escalations = Deadline.objects.filter(rule_id=ESCALATION_RULE, status=DeadlineStatus.OPEN)
    assert reviews.count() == escalations.count() == len(waiting)
    overdue = reviews.filter(due_on__lt=today).count()
    # Most, not all: children referred in the last few days are not overdue yet. Over seeds
    # 1-8 the reviews overdue were 76-93% of those waiting and the escalations 69-90%.
    assert overdue >= len(waiting) * 0.7
    assert crisis["risk_reviews_overdue"] == overdue
    assert escalations.filter(due_on__lt=today).count() >= len(waiting) * 0.6
    # Some waited months with no risk review at all; others were reviewed once, long ago.
    joined = joined_on(waiting)
    reviewed = set(RiskReview.objects.values_list("child_id", flat=True))
    assert reviewed
    assert reviewed <= set(waiting)
    never = [c for c in waiting if c not in reviewed]
    assert any(today - joined[c] > dt.timedelta(days=60) for c in never)
    last = max(RiskReview.objects.values_list("reviewed_on", flat=True))
    assert last < today - dt.timedelta(days=14)


def test_posts_left_empty_and_agency_staff(crisis: dict[str, Any]) -> None:
    assert crisis["vacancies_left_empty"] >= 1
    assert crisis["moved_to_agency"] >= 1
    assert crisis["agency_share"] > cal.AGENCY_SHARE
    today = clock.today()
    recent = Worker.objects.filter(ended_on__gte=today - dt.timedelta(days=300))
    assert recent.exists()
    assert not Allocation.objects.filter(worker__in=recent, ended_on__isnull=True).exists()


def test_children_wait_after_their_worker_left(crisis: dict[str, Any]) -> None:
    """Some children's worker left (LEFTRL) and no one has taken them on since."""
    waiting = list(queued_child_ids())
    left = Allocation.objects.filter(child_id__in=waiting, end_reason=SWReason.LEFTRL)
    assert left.exists()


def test_invariants_hold_in_a_crisis(crisis: dict[str, Any]) -> None:
    assert_allocations_keep_their_rules()
    assert_absences_keep_their_rules()


def test_the_summary_prints_the_crisis_figures(crisis: dict[str, Any]) -> None:
    line = allocation_line(crisis)
    assert "crisis" in line
    assert f"{crisis['open_cases_unallocated']:,} children with an open case waiting" in line
    assert "workers holding 30 or more" in line
    call_command("generate", "--status", stdout=StringIO())
