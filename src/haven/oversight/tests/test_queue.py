"""The allocation queue: who waits, for how long, their risk reviews and the queue's clocks."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from tests.support import row_counts, working_days_after

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation
from haven.allocation.services import allocation_end
from haven.casework.enums import ClosureReason, PrimaryNeed, ReferralSource
from haven.casework.services import episode_close, referral_open
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.enums import RiskRating
from haven.oversight.models import AllocationDecision
from haven.oversight.selectors import (
    ESCALATION_RULE,
    REVIEW_RULE,
    allocation_queue,
    queue_row,
)
from haven.oversight.services import queue_allocate, queue_sync, risk_review_record
from haven.timescales.local import LocalTimescales, configured

pytestmark = pytest.mark.django_db

#: Monday 2 June 2025: referrals are made on this day in these tests.
REFERRED = dt.date(2025, 6, 2)
TODAY = dt.date(2025, 6, 16)  # ten working days later


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def refer(council: Any, key: str, on: dt.date = REFERRED) -> Any:
    return referral_open(
        actor=council.users["social_worker"],
        child=council.children[key],
        referral_date=on,
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )


def clock(child: Any, rule_id: str, status: str = DeadlineStatus.OPEN) -> Deadline:
    return Deadline.objects.get(child=child, rule_id=rule_id, status=status)


def review(council: Any, child: Any, on: dt.date, **kw: Any) -> Any:
    fields = {
        "rating": RiskRating.HIGH,
        "rationale": "Domestic abuse at home; the children were present.",
        "interim_actions": "Duty worker visits weekly; school to report absence the same day.",
        "who_will_see": "Duty social worker, Friday",
    } | kw
    return risk_review_record(
        actor=council.users["team_manager"], child=child, reviewed_on=on, **fields
    )


def test_a_child_with_an_open_case_and_no_worker_waits_in_the_queue(council: Any) -> None:
    refer(council, "unallocated")
    refer(council, "allocated")  # has a worker already: not waiting
    (row,) = allocation_queue(today=TODAY)
    assert row.child == council.children["unallocated"]
    assert row.joined_on == REFERRED
    assert row.working_days_waited == 10
    assert row.last_review is None
    assert (row.review_due_on, row.escalation_due_on) == (None, None)  # until the queue syncs


def test_the_queue_clocks_start_the_day_the_child_joined(council: Any) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    assert queue_sync(actor=None).opened == 2
    assert clock(child, REVIEW_RULE).due_on == working_days_after(REFERRED, 5)
    assert clock(child, ESCALATION_RULE).due_on == working_days_after(REFERRED, 10)
    again = queue_sync(actor=None)  # safe to run twice
    assert (again.opened, again.closed) == (0, 0)
    (row,) = allocation_queue(today=TODAY)
    assert row.review_overdue  # due on the 9th, not reviewed
    assert not row.escalated  # due today, not yet past


def test_the_council_sets_the_intervals(council: Any) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    with configured(
        LocalTimescales(unallocated_review_working_days=3, unallocated_escalation_working_days=4)
    ):
        queue_sync(actor=None)
    assert clock(child, REVIEW_RULE).due_on == working_days_after(REFERRED, 3)
    assert clock(child, ESCALATION_RULE).due_on == working_days_after(REFERRED, 4)
    (row,) = allocation_queue(today=TODAY)
    assert row.escalated


def test_a_risk_review_meets_its_clock_and_starts_the_next(council: Any) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    queue_sync(actor=None)
    reviewed = dt.date(2025, 6, 6)
    first = clock(child, REVIEW_RULE)
    r = review(council, child, reviewed)
    first.refresh_from_db()
    assert (first.status, first.met_on) == (DeadlineStatus.MET, reviewed)
    assert clock(child, REVIEW_RULE).due_on == working_days_after(reviewed, 5)
    row = queue_row(child_id=child.pk, today=TODAY)
    assert row is not None
    assert row.last_review == r
    assert row.rating == RiskRating.HIGH


def test_a_risk_review_refuses_what_is_missing_and_writes_nothing(council: Any) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        review(
            council,
            child,
            REFERRED - dt.timedelta(days=1),
            rating="severe",
            rationale=" ",
            interim_actions="",
            who_will_see="",
        )
    assert set(e.value.message_dict) == {
        "reviewed_on",
        "rating",
        "rationale",
        "interim_actions",
        "who_will_see",
    }
    with pytest.raises(ValidationError) as allocated:
        review(council, council.children["allocated"], TODAY)
    assert "child" in allocated.value.message_dict
    assert row_counts() == before


def test_allocating_from_the_queue_records_the_decision_and_ends_the_clocks(
    council: Any,
) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    queue_sync(actor=None)
    manager, sw = council.users["team_manager"], council.users["social_worker"]
    recommended = council.users["colleague"].worker
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        queue_allocate(
            actor=manager,
            child=child,
            worker=sw.worker,
            started_on=TODAY,
            recommended_worker=recommended,
        )
    assert "override_reason" in e.value.message_dict
    assert row_counts() == before

    decision = queue_allocate(
        actor=manager,
        child=child,
        worker=sw.worker,
        started_on=TODAY,
        recommended_worker=recommended,
        override_reason="Knows the family from an earlier assessment.",
    )
    assert not decision.accepted
    assert decision.allocation.worker == sw.worker
    assert allocation_queue(today=TODAY) == []
    assert clock(child, ESCALATION_RULE, DeadlineStatus.MET).met_on == TODAY
    assert clock(child, REVIEW_RULE, DeadlineStatus.CANCELLED)
    assert AllocationDecision.objects.count() == 1


def test_statutory_work_needs_a_registered_social_worker(council: Any, settings: Any) -> None:
    child = council.children["unallocated"]
    refer(council, "unallocated")
    support = council.users["business_support"]
    assert support.worker is not None
    with pytest.raises(ValidationError) as e:
        queue_allocate(
            actor=council.users["team_manager"],
            child=child,
            worker=support.worker,
            started_on=TODAY,
        )
    assert "registered social worker" in e.value.message_dict["worker"][0]


def test_a_child_whose_worker_leaves_rejoins_the_queue(council: Any) -> None:
    child = council.children["allocated"]
    refer(council, "allocated")
    ended = dt.date(2025, 6, 10)
    allocation = Allocation.objects.get(child=child, ended_on__isnull=True)
    allocation_end(actor=None, allocation=allocation, ended_on=ended, reason=SWReason.LEFTRL)
    (row,) = allocation_queue(today=TODAY)
    assert (row.child, row.joined_on) == (child, ended)
    queue_sync(actor=None)
    assert clock(child, ESCALATION_RULE).due_on == working_days_after(ended, 10)


def test_closing_the_case_cancels_the_queue_clocks(council: Any) -> None:
    child = council.children["unallocated"]
    episode = refer(council, "unallocated")
    queue_sync(actor=None)
    episode_close(
        actor=council.users["social_worker"],
        episode=episode,
        closure_date=TODAY,
        reason=ClosureReason.SERVICES_CEASED,
    )
    assert allocation_queue(today=TODAY) == []
    assert queue_sync(actor=None).closed == 2
    assert not Deadline.objects.filter(child=child, status=DeadlineStatus.OPEN).exclude(
        rule_id__in=("child-and-family-assessment",)
    )


def test_the_clocks_go_to_the_team_and_escalation_to_the_service(council: Any) -> None:
    child = council.children["allocated"]
    refer(council, "allocated")
    allocation = Allocation.objects.get(child=child, ended_on__isnull=True)
    allocation_end(
        actor=None, allocation=allocation, ended_on=dt.date(2025, 6, 10), reason=SWReason.LEFTRL
    )
    queue_sync(actor=None)
    team = allocation.team
    assert clock(child, REVIEW_RULE).team == team
    assert team.parent is not None
    assert clock(child, ESCALATION_RULE).team == team.parent
    review(council, child, TODAY)
    assert clock(child, REVIEW_RULE).team == team
