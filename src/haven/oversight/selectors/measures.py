"""The allocation measures leaders act on, each with the children behind it.

Read from records and stored deadlines: the share of children with an open case who have a
worker, how long children waited for one, children waiting past the escalation threshold,
and risk reviews overdue.
"""

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from haven.allocation.models import Allocation, OpenCase
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.selectors.queue import ESCALATION_RULE, REVIEW_RULE, queued_child_ids
from haven.timescales.calendar import default_calendar


@dataclass(frozen=True)
class MeasureRow:
    """A child behind a measure, the date that put them in it, and a number about them
    (working days waited, when there is one)."""

    child_id: UUID
    on: dt.date
    working_days: int | None = None


@dataclass(frozen=True)
class AllocationMeasures:
    today: dt.date
    since: dt.date  # the period for times to allocation
    open_children: tuple[MeasureRow, ...]  # children with an open case
    allocated: tuple[MeasureRow, ...]  # of those, with a worker
    waiting: tuple[MeasureRow, ...]  # of those, without one
    waited_past_threshold: tuple[MeasureRow, ...]  # escalation clock overdue
    reviews_overdue: tuple[MeasureRow, ...]  # risk-review clock overdue
    allocated_in_period: tuple[MeasureRow, ...]  # allocations after a wait, with the wait

    @property
    def allocated_rate(self) -> float | None:
        if not self.open_children:
            return None
        return len(self.allocated) / len(self.open_children)

    @property
    def median_working_days_to_allocation(self) -> float | None:
        waits = [r.working_days for r in self.allocated_in_period if r.working_days is not None]
        return statistics.median(waits) if waits else None


def _overdue(rule_id: str, today: dt.date) -> tuple[MeasureRow, ...]:
    return tuple(
        MeasureRow(child_id, due_on)
        for child_id, due_on in Deadline.objects.filter(
            rule_id=rule_id, status=DeadlineStatus.OPEN, due_on__lt=today
        )
        .order_by("due_on")
        .values_list("child_id", "due_on")
    )


def _waits(since: dt.date, today: dt.date) -> tuple[MeasureRow, ...]:
    """Allocations started in the period to children who had an open case: the working days
    from joining the queue (the case opening, or the previous worker's allocation ending, if
    later) to the allocation."""
    allocations = list(
        Allocation.objects.filter(started_on__gte=since, started_on__lte=today).values_list(
            "child_id", "started_on"
        )
    )
    child_ids = {child_id for child_id, _ in allocations}
    cases: dict[UUID, list[tuple[dt.date, dt.date | None]]] = {}
    for child_id, opened, closed in OpenCase.objects.filter(child_id__in=child_ids).values_list(
        "child_id", "opened_on", "closed_on"
    ):
        cases.setdefault(child_id, []).append((opened, closed))
    ends: dict[UUID, list[dt.date]] = {}
    for child_id, ended in Allocation.objects.filter(
        child_id__in=child_ids, ended_on__isnull=False
    ).values_list("child_id", "ended_on"):
        if ended is not None:
            ends.setdefault(child_id, []).append(ended)
    calendar = default_calendar()
    rows = []
    for child_id, started in allocations:
        open_then = [
            o for o, c in cases.get(child_id, []) if o <= started and (c is None or c >= started)
        ]
        if not open_then:
            continue  # not allocated to an open case (history before cases were recorded)
        previous = max((e for e in ends.get(child_id, []) if e <= started), default=None)
        if previous == started:
            continue  # a handover from one worker to the next: the child did not wait
        first = min(open_then)
        joined = max(first, previous) if previous is not None else first
        try:
            waited: int | None = calendar.working_days_between(joined, started)
        except ValueError:
            waited = None
        rows.append(MeasureRow(child_id, started, waited))
    rows.sort(key=lambda r: (r.on, str(r.child_id)))
    return tuple(rows)


def allocation_measures(*, today: dt.date, since: dt.date) -> AllocationMeasures:
    open_ids = set(
        OpenCase.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    waiting_ids = queued_child_ids()
    first_open: dict[UUID, dt.date] = {}
    for child_id, opened in (
        OpenCase.objects.filter(closed_on__isnull=True)
        .order_by("opened_on")
        .values_list("child_id", "opened_on")
    ):
        first_open.setdefault(child_id, opened)

    def rows(ids: set[Any]) -> tuple[MeasureRow, ...]:
        return tuple(
            sorted(
                (MeasureRow(i, first_open[i]) for i in ids), key=lambda r: (r.on, str(r.child_id))
            )
        )

    return AllocationMeasures(
        today=today,
        since=since,
        open_children=rows(open_ids),
        allocated=rows(open_ids - waiting_ids),
        waiting=rows(waiting_ids & open_ids),
        waited_past_threshold=_overdue(ESCALATION_RULE, today),
        reviews_overdue=_overdue(REVIEW_RULE, today),
        allocated_in_period=_waits(since, today),
    )
