"""Changing a child's worker: a handover within a team, or a transfer to another team (a
step up or down), each kept as a social worker episode with the SSDA903 ``SW_REASON``."""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation, Worker
from haven.allocation.services import allocation_start
from haven.core import clock
from haven.core.errors import ValidationError
from haven.oversight.services.queue import holding_refusal
from haven.people.models import Person
from haven.people.services import chronology_record


@transaction.atomic
def worker_change(
    *, actor: Any, child: Person, worker: Worker, started_on: dt.date, reason: str
) -> Allocation:
    """Hand the child to ``worker`` from ``started_on``: the current worker's episode ends
    that day with ``reason`` and the new one begins."""
    errors: dict[str, str] = {}
    current = (
        Allocation.objects.select_for_update()
        .filter(child=child, ended_on__isnull=True)
        .select_related("team")
        .first()
    )
    if current is None:
        errors["child"] = "This child has no worker to change: allocate them from the queue"
    elif current.worker_id == worker.pk:
        errors["worker"] = "Choose a different worker from the current one"
    if reason not in SWReason.values:
        errors["reason"] = "Choose why the worker is changing"
    if started_on > clock.today():
        errors["started_on"] = "The date must be today or in the past"
    elif current is not None and started_on < current.started_on:
        errors["started_on"] = (
            "The date must be on or after the current worker started "
            f"({current.started_on:%d %B %Y})"
        )
    if "worker" not in errors and (refusal := holding_refusal(worker, child)) is not None:
        errors["worker"] = refusal
    if worker.ended_on is not None and worker.ended_on < started_on:
        errors.setdefault("worker", "This worker has left")
    if errors:
        raise ValidationError(errors)
    assert current is not None
    allocation = allocation_start(
        actor=actor,
        child=child,
        worker=worker,
        started_on=started_on,
        change_reason=SWReason(reason),
    )
    moved = " to another team" if current.team_id != worker.team_id else ""
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Allocation",
        summary=f"Worker changed{moved}: {SWReason(reason).label}",
        source=allocation,
    )
    return allocation
