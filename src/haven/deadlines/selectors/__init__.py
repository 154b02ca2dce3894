"""Worklists read stored deadlines; they never recompute a rule."""

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import F, QuerySet

from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.timescales.calendar import default_calendar


@dataclass(frozen=True)
class WorkItem:
    deadline: Deadline
    days_remaining: int  # calendar days; negative when overdue
    working_days_remaining: int | None
    #: For a clock counted in hours: whole hours left (negative once it has passed).
    hours_remaining: int | None = None

    @property
    def hours_overdue(self) -> int:
        """Hours since an hours clock fell due, counting a part hour as one."""
        return -self.hours_remaining if self.hours_remaining is not None else 0

    @property
    def overdue(self) -> bool:
        if self.hours_remaining is not None:
            return self.hours_remaining < 0
        return self.days_remaining < 0


def _items(
    deadlines: QuerySet[Deadline], today: dt.date, now: dt.datetime | None = None
) -> list[WorkItem]:
    """``now`` (default: the clock's) is what an hours clock is measured against."""
    calendar = default_calendar()
    moment = now or clock.now()
    items = []
    for d in deadlines:
        wd: int | None
        try:
            wd = (
                calendar.working_days_between(today, d.due_on)
                if d.due_on >= today
                else -calendar.working_days_between(d.due_on, today)
            )
        except ValueError:
            wd = None
        hours = (
            math.floor((d.due_at - moment).total_seconds() / 3600) if d.due_at is not None else None
        )
        items.append(WorkItem(d, (d.due_on - today).days, wd, hours))
    return items


def open_deadlines() -> QuerySet[Deadline]:
    return (
        Deadline.objects.filter(status=DeadlineStatus.OPEN)
        .select_related("child", "assignee", "team")
        .order_by("due_on", F("due_at").asc(nulls_first=True), "child__family_name")
    )


def my_work(*, user: Any, today: dt.date, now: dt.datetime | None = None) -> list[WorkItem]:
    """The user's open deadlines, overdue first (earliest due first)."""
    return _items(open_deadlines().filter(assignee=user), today, now)


def team_work(
    *, team_ids: list[UUID], today: dt.date, now: dt.datetime | None = None
) -> list[WorkItem]:
    return _items(open_deadlines().filter(team_id__in=team_ids), today, now)


def deadlines_for_child(*, child_id: UUID) -> QuerySet[Deadline]:
    return Deadline.objects.filter(child_id=child_id).order_by("due_on", "rule_id")
