"""Opening, meeting, moving and cancelling deadlines. Clocks come from ``timescales``."""

import datetime as dt
from typing import Any

from django.db import models, transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline, DeadlineMove
from haven.timescales.calendar import default_calendar
from haven.timescales.rules import RULEBOOK


@transaction.atomic
def deadline_open(
    *,
    actor: Any,
    child: Any,
    rule_id: str,
    start: dt.date | dt.datetime,
    assignee: Any = None,
    team: Any = None,
    subject: models.Model | None = None,
) -> Deadline:
    """Open the clock ``rule_id`` for ``child``, started by an event on ``start`` (a date, or
    for a clock counted in hours the timezone-aware moment of the event)."""
    moment = start if isinstance(start, dt.datetime) else None
    if moment is not None and moment.tzinfo is None:
        raise ValidationError({"start": "The time the clock started needs a time zone"})
    start_on = clock.local_date(moment) if moment is not None else start
    try:
        rule = RULEBOOK.get(rule_id, start_on)
    except KeyError as e:
        raise ValidationError({"rule_id": f"No statutory rule '{rule_id}' is in force then"}) from e
    due_at: dt.datetime | None = None
    if rule.due_at is not None:
        if moment is None:
            raise ValidationError(
                {"start": f"'{rule.title}' is counted in hours: give the time it started"}
            )
        try:
            due_at = rule.due_at(moment)
        except ValueError as e:
            raise ValidationError({"start": str(e)}) from e
        due_on = clock.local_date(due_at)
    else:
        due_on = rule.due(start_on, default_calendar())
    deadline = Deadline(
        child=child,
        rule_id=rule.id,
        rule_version=rule.version,
        title=rule.title,
        due_on=due_on,
        due_at=due_at,
        assignee=assignee,
        team=team,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
    )
    check_fields(deadline)
    deadline.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.DEADLINE_OPENED,
        subject=deadline,
        person_id=child.pk,
        payload={
            "rule": rule.id,
            "version": rule.version,
            "start": start,
            "due_on": due_on,
            **({"due_at": due_at} if due_at is not None else {}),
        },
    )
    return deadline


def _lock_open(deadline: Deadline) -> Deadline:
    locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if locked.status != DeadlineStatus.OPEN:
        raise ValidationError({"status": f"This deadline is already {locked.status}"})
    return locked


@transaction.atomic
def deadline_meet(
    *, actor: Any, deadline: Deadline, met_on: dt.date, met_at: dt.datetime | None = None
) -> Deadline:
    """Record the clock met on ``met_on``; a clock counted in hours also takes the moment
    (``met_at``, whose London date is ``met_on``), which says whether it was late."""
    deadline = _lock_open(deadline)
    if deadline.due_at is not None:
        if met_at is None or met_at.tzinfo is None:
            raise ValidationError(
                {"met_at": f"'{deadline.title}' is counted in hours: give the time it was met"}
            )
        if clock.local_date(met_at) != met_on:
            raise ValidationError({"met_at": "The time it was met must fall on the date given"})
        late = met_at > deadline.due_at
    elif met_at is not None:
        raise ValidationError({"met_at": f"'{deadline.title}' is counted in days, not hours"})
    else:
        late = met_on > deadline.due_on
    deadline.status = DeadlineStatus.MET
    deadline.met_on = met_on
    deadline.met_at = met_at
    deadline.full_clean()
    deadline.save(update_fields=["status", "met_on", "met_at", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.DEADLINE_MET,
        subject=deadline,
        person_id=deadline.child_id,
        payload={"met_on": met_on, "late": late, **({"met_at": met_at} if met_at else {})},
    )
    return deadline


@transaction.atomic
def deadline_move(*, actor: Any, deadline: Deadline, due_on: dt.date, reason: str) -> Deadline:
    """Change a due date. The reason is required and kept; the original date stays on record."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the due date is changing"})
    deadline = _lock_open(deadline)
    if due_on == deadline.due_on:
        raise ValidationError({"due_on": "The new due date must differ from the current one"})
    DeadlineMove.objects.create(
        deadline=deadline,
        from_due_on=deadline.due_on,
        to_due_on=due_on,
        reason=reason.strip(),
        moved_by=actor,
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.DEADLINE_MOVED,
        subject=deadline,
        person_id=deadline.child_id,
        payload={"from": deadline.due_on, "to": due_on, "reason": reason.strip()},
    )
    deadline.due_on = due_on
    if deadline.due_at is not None:  # an hours clock keeps its time of day
        due_at = clock.local(deadline.due_at)
        deadline.due_at = dt.datetime.combine(
            due_on, due_at.timetz().replace(tzinfo=None), clock.LONDON
        )
    deadline.save(update_fields=["due_on", "due_at", "updated_at"])
    return deadline


@transaction.atomic
def deadline_cancel(*, actor: Any, deadline: Deadline, reason: str) -> Deadline:
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the deadline no longer applies"})
    deadline = _lock_open(deadline)
    deadline.status = DeadlineStatus.CANCELLED
    deadline.cancel_reason = reason.strip()
    deadline.save(update_fields=["status", "cancel_reason", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.DEADLINE_CANCELLED,
        subject=deadline,
        person_id=deadline.child_id,
        payload={"reason": reason.strip()},
    )
    return deadline
