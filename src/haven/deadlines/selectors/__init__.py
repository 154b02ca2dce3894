"""Worklists read stored deadlines; they never recompute a rule."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.timescales.calendar import default_calendar


@dataclass(frozen=True)
class WorkItem:
    deadline: Deadline
    days_remaining: int  # calendar days; negative when overdue
    working_days_remaining: int | None

    @property
    def overdue(self) -> bool:
        return self.days_remaining < 0


def _items(deadlines: QuerySet[Deadline], today: dt.date) -> list[WorkItem]:
    calendar = default_calendar()
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
        items.append(WorkItem(d, (d.due_on - today).days, wd))
    return items


def open_deadlines() -> QuerySet[Deadline]:
    return (
        Deadline.objects.filter(status=DeadlineStatus.OPEN)
        .select_related("child", "assignee", "team")
        .order_by("due_on", "child__family_name")
    )


def my_work(*, user: Any, today: dt.date) -> list[WorkItem]:
    """The user's open deadlines, overdue first (earliest due first)."""
    return _items(open_deadlines().filter(assignee=user), today)


def team_work(*, team_ids: list[UUID], today: dt.date) -> list[WorkItem]:
    return _items(open_deadlines().filter(team_id__in=team_ids), today)


def deadlines_for_child(*, child_id: UUID) -> QuerySet[Deadline]:
    return Deadline.objects.filter(child_id=child_id).order_by("due_on", "rule_id")
