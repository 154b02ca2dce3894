"""The allocation queue: every child with an open case and no allocated worker, how long they
have waited, and the risk reviews and clocks that keep them from being forgotten.

Waiting is read from records (the case's opening, the last allocation's end); the due dates
are the stored deadlines', never worked out here (``timescales`` owns the rules).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery

from haven.allocation.enums import STATUTORY_CASE_KINDS, CaseKind, JobRole
from haven.allocation.models import Allocation, OpenCase, Worker
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.enums import RISK_ORDER
from haven.oversight.models import RiskReview
from haven.people.models import Person
from haven.people.selectors import people_listed
from haven.timescales.calendar import default_calendar

REVIEW_RULE = "unallocated-risk-review"
ESCALATION_RULE = "unallocated-escalation"
QUEUE_RULES = (REVIEW_RULE, ESCALATION_RULE)
#: Jobs that do not hold children's cases.
NOT_CASE_HOLDING = frozenset(
    {
        JobRole.TEAM_MANAGER,
        JobRole.SERVICE_MANAGER,
        JobRole.HEAD_OF_SERVICE,
        JobRole.DIRECTOR,
        JobRole.IRO,
        JobRole.SCREENER,
        JobRole.BUSINESS_SUPPORT,
    }
)


def queued_child_ids() -> set[UUID]:
    """Children with an open case and no open allocation.

    Two indexed reads (open cases, open allocations; a few thousand rows each in a large
    council) and a set difference, so the answer never hangs on the planner's estimates: as
    one query over every person it could be planned as a scan per person."""
    open_cases = set(
        OpenCase.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    allocated = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    return open_cases - allocated


def is_queued(*, child_id: UUID) -> bool:
    """Whether this child waits for allocation."""
    return (
        OpenCase.objects.filter(child_id=child_id, closed_on__isnull=True).exists()
        and not Allocation.objects.filter(child_id=child_id, ended_on__isnull=True).exists()
    )


def joined_on(child_ids: Iterable[UUID]) -> dict[UUID, dt.date]:
    """When each child joined the queue: their open cases' first opening, or the end of their
    last allocation if it ended after that (the worker left, or the case moved on)."""
    child_ids = list(child_ids)
    opened = dict(
        OpenCase.objects.filter(child_id__in=child_ids, closed_on__isnull=True)
        .values("child_id")
        .annotate(first=Min("opened_on"))
        .values_list("child_id", "first")
    )
    ended = dict(
        Allocation.objects.filter(child_id__in=child_ids, ended_on__isnull=False)
        .values("child_id")
        .annotate(last=Max("ended_on"))
        .values_list("child_id", "last")
    )
    return {
        child: max(first, ended[child]) if child in ended else first
        for child, first in opened.items()
    }


@dataclass(frozen=True)
class QueueRow:
    child: Person
    kinds: tuple[CaseKind, ...]
    joined_on: dt.date
    working_days_waited: int | None  # None beyond the working-day calendar's range
    last_review: RiskReview | None
    review_due_on: dt.date | None
    escalation_due_on: dt.date | None
    today: dt.date

    @property
    def statutory(self) -> bool:
        """Statutory work, which only a registered social worker may hold."""
        return any(k in STATUTORY_CASE_KINDS for k in self.kinds)

    @property
    def review_overdue(self) -> bool:
        return self.review_due_on is not None and self.review_due_on < self.today

    @property
    def escalated(self) -> bool:
        """Waited past the escalation threshold: the head of service is told."""
        return self.escalation_due_on is not None and self.escalation_due_on < self.today

    @property
    def rating(self) -> str:
        return self.last_review.rating if self.last_review is not None else ""


def _open_queue_deadlines(child_ids: Any) -> dict[tuple[UUID, str], dt.date]:
    return {
        (child_id, rule_id): due_on
        for child_id, rule_id, due_on in Deadline.objects.filter(
            child_id__in=child_ids, rule_id__in=QUEUE_RULES, status=DeadlineStatus.OPEN
        ).values_list("child_id", "rule_id", "due_on")
    }


def allocation_queue(*, today: dt.date, child_id: UUID | None = None) -> list[QueueRow]:
    """The queue, most urgent first: escalated and overdue reviews, then by risk (the last
    review's rating; unreviewed cases count as not yet rated, after low), then longest
    waiting. ``child_id`` reads one child's row only."""
    if child_id is None:
        ids = list(queued_child_ids())
    else:
        ids = [child_id] if is_queued(child_id=child_id) else []
    joined = joined_on(ids)
    kinds: dict[UUID, set[CaseKind]] = defaultdict(set)
    for child_id, kind in OpenCase.objects.filter(
        child_id__in=ids, closed_on__isnull=True
    ).values_list("child_id", "kind"):
        kinds[child_id].add(CaseKind(kind))
    latest = RiskReview.objects.filter(child_id=OuterRef("child_id")).order_by(
        "-reviewed_on", "-created_at"
    )
    reviews = {
        r.child_id: r
        for r in RiskReview.objects.filter(
            child_id__in=ids, pk=Subquery(latest.values("pk")[:1])
        ).select_related("reviewed_by")
    }
    due = _open_queue_deadlines(ids)
    children = people_listed(ids=joined)
    calendar = default_calendar()
    rows = []
    for child_id, since in joined.items():
        review = reviews.get(child_id)
        # A review before the child (re)joined the queue belongs to an earlier wait.
        if review is not None and review.reviewed_on < since:
            review = None
        try:
            waited: int | None = calendar.working_days_between(since, today)
        except ValueError:
            waited = None
        rows.append(
            QueueRow(
                child=children[child_id],
                kinds=tuple(sorted(kinds[child_id])),
                joined_on=since,
                working_days_waited=waited,
                last_review=review,
                review_due_on=due.get((child_id, REVIEW_RULE)),
                escalation_due_on=due.get((child_id, ESCALATION_RULE)),
                today=today,
            )
        )
    rows.sort(
        key=lambda r: (
            not (r.escalated or r.review_overdue),
            RISK_ORDER[r.rating],
            r.joined_on,
            str(r.child.pk),
        )
    )
    return rows


def queue_row(*, child_id: UUID, today: dt.date) -> QueueRow | None:
    """One child's place in the queue, or None when they are not waiting."""
    return next(iter(allocation_queue(today=today, child_id=child_id)), None)


def risk_reviews(*, child_id: UUID) -> QuerySet[RiskReview]:
    return RiskReview.objects.filter(child_id=child_id).select_related("reviewed_by")


@dataclass(frozen=True)
class WorkerChoice:
    worker: Worker
    open_cases: int


def allocation_choices(*, team_ids: list[UUID], today: dt.date) -> list[WorkerChoice]:
    """The workers a manager may allocate to (in their teams, in post today), fewest cases
    first, with how many children each holds now."""
    workers = list(
        Worker.objects.filter(team_id__in=team_ids, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .exclude(job_role__in=NOT_CASE_HOLDING)
        .select_related("user", "team")
    )
    # Counted from the open allocations alone (an index lookup per worker), not by joining
    # every allocation the workers ever held.
    held = dict(
        Allocation.objects.filter(worker_id__in=[w.pk for w in workers], ended_on__isnull=True)
        .values("worker_id")
        .annotate(n=Count("id"))
        .values_list("worker_id", "n")
    )
    choices = [WorkerChoice(w, held.get(w.pk, 0)) for w in workers]
    choices.sort(key=lambda c: (c.open_cases, c.worker.user.last_name, c.worker.user.first_name))
    return choices


def worker_get(*, worker_id: Any) -> Worker | None:
    return Worker.objects.select_related("user", "team").filter(pk=worker_id).first()
