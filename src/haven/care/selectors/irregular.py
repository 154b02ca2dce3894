"""The irregular placements list: every request for sign-off waiting, and every open placement
in an unregistered setting with its next senior review.

Three queries whatever the number of rows (the requests, the placements with their children,
settings and officers joined in, and the review clocks of those placements), so the list stays
quick on a large council. Who may see which rows is the people policy's question, asked by the
view; these selectors return the whole council's answer.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from haven.care.enums import IrregularRequestStatus
from haven.care.models import IrregularPlacementRequest, Placement
from haven.care.selectors.records import IRREGULAR_REVIEW_RULE, PLACEMENT_SUBJECT
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.timescales.calendar import default_calendar
from haven.timescales.rules import RULEBOOK


@dataclass(frozen=True)
class IrregularRow:
    placement: Placement
    review_due: dt.date | None
    today: dt.date

    @property
    def child_id(self) -> Any:
        return self.placement.child_id

    @property
    def overdue(self) -> bool:
        return self.review_due is not None and self.review_due < self.today


@dataclass(frozen=True)
class IrregularList:
    """The whole council's requests and placements, oldest request first and the most
    pressing review first."""

    today: dt.date
    requests: list[IrregularPlacementRequest]
    placements: list[IrregularRow]

    @property
    def child_ids(self) -> set[Any]:
        return {r.child_id for r in self.requests} | {p.child_id for p in self.placements}

    @property
    def overdue(self) -> int:
        return sum(1 for p in self.placements if p.overdue)

    def requests_for(self, child_ids: Collection[Any]) -> list[IrregularPlacementRequest]:
        return [r for r in self.requests if r.child_id in child_ids]

    def placements_for(self, child_ids: Collection[Any]) -> list[IrregularRow]:
        return [p for p in self.placements if p.child_id in child_ids]

    def placements_except(self, child_ids: Collection[Any]) -> list[IrregularRow]:
        """The placements of children outside ``child_ids``: for those who sign these
        placements off, shown without the child's name (a restricted record)."""
        return [p for p in self.placements if p.child_id not in child_ids]


def irregular_list(*, today: dt.date) -> IrregularList:
    requests = list(
        IrregularPlacementRequest.objects.filter(status=IrregularRequestStatus.PENDING)
        .select_related("child", "requested_by")
        .order_by("created_at")
    )
    placements = list(
        Placement.objects.filter(irregular=True, ended_on__isnull=True)
        .select_related("child", "setting__provider", "signed_off_by")
        .order_by("started_on", "created_at")
    )
    due: dict[str, dt.date] = {}
    if placements:
        for subject_id, due_on in (
            Deadline.objects.filter(
                # The children first: deadlines are indexed by child and status.
                child_id__in={p.child_id for p in placements},
                subject_type=PLACEMENT_SUBJECT,
                subject_id__in=[str(p.pk) for p in placements],
                rule_id=IRREGULAR_REVIEW_RULE,
                status=DeadlineStatus.OPEN,
            )
            .order_by("-due_on")
            .values_list("subject_id", "due_on")
        ):
            due[subject_id] = due_on  # the earliest open clock wins
    rows = [IrregularRow(p, due.get(str(p.pk), p.sign_off_review_on), today) for p in placements]
    rows.sort(key=lambda r: (r.review_due or dt.date.max, r.placement.started_on))
    return IrregularList(today=today, requests=requests, placements=rows)


def latest_first_review(on: dt.date, today: dt.date) -> dt.date:
    """The latest first review a sign-off may set for a placement made on ``on``: the
    irregular-placement-review clock's due date from the placement, or from today when the
    sign-off comes later (services/period.py)."""
    start = max(on, today)
    rule = RULEBOOK.get(IRREGULAR_REVIEW_RULE, start)
    return rule.due(start, default_calendar())
