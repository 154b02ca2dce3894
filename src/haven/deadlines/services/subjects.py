"""Clocks kept by the record that started them: opened for the child's allocated worker and
team, met and cancelled through that record. Every area's services share these."""

import datetime as dt
from typing import Any

from django.db import models

from haven.allocation.selectors import current_allocation
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_open


def user_or_none(actor: Any) -> Any:
    """Services run for people and for scenario replays (actor None)."""
    return actor if getattr(actor, "pk", None) else None


def check_not_future(errors: dict[str, str], field: str, value: dt.date | None, label: str) -> None:
    if value is not None and value > clock.today():
        errors.setdefault(field, f"{label} must be today or in the past")


def owner(child: Any) -> tuple[Any, Any]:
    """Who a new clock is for: the child's allocated worker and their team, when there is one."""
    allocation = current_allocation(child_id=child.pk)
    if allocation is None:
        return None, None
    return allocation.worker.user, allocation.team


def subject_deadlines(subject: models.Model) -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    )


def open_clock(
    *, actor: Any, child: Any, rule_id: str, start: dt.date | dt.datetime, subject: Any
) -> Deadline:
    assignee, team = owner(child)
    return deadline_open(
        actor=actor,
        child=child,
        rule_id=rule_id,
        start=start,
        assignee=assignee,
        team=team,
        subject=subject,
    )


def meet_clocks(
    *,
    actor: Any,
    subject: Any,
    rule_ids: tuple[str, ...],
    met_on: dt.date,
    met_at: dt.datetime | None = None,
) -> list[Deadline]:
    """Meet the subject's open clocks among ``rule_ids``; an early meeting still meets them.
    ``met_at``, the moment, is for clocks counted in hours (the others take the date)."""
    met = []
    for deadline in subject_deadlines(subject).filter(
        rule_id__in=rule_ids, status=DeadlineStatus.OPEN
    ):
        moment = met_at if deadline.due_at is not None else None
        met.append(deadline_meet(actor=actor, deadline=deadline, met_on=met_on, met_at=moment))
    return met


def cancel_clocks(
    *, actor: Any, subject: Any, reason: str, rule_ids: tuple[str, ...] | None = None
) -> None:
    """Cancel the subject's open clocks (all of them, or those among ``rule_ids``)."""
    deadlines = subject_deadlines(subject).filter(status=DeadlineStatus.OPEN)
    if rule_ids is not None:
        deadlines = deadlines.filter(rule_id__in=rule_ids)
    for deadline in deadlines:
        deadline_cancel(actor=actor, deadline=deadline, reason=reason)
