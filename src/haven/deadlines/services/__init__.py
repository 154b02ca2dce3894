"""Opening, meeting, moving and cancelling deadlines. Clocks come from ``timescales``."""

import datetime as dt
from typing import Any

from django.db import models, transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
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
    start: dt.date,
    assignee: Any = None,
    team: Any = None,
    subject: models.Model | None = None,
) -> Deadline:
    """Open the clock ``rule_id`` for ``child``, started by an event on ``start``."""
    try:
        rule = RULEBOOK.get(rule_id, start)
    except KeyError as e:
        raise ValidationError({"rule_id": f"No statutory rule '{rule_id}' is in force then"}) from e
    due_on = rule.due(start, default_calendar())
    deadline = Deadline(
        child=child,
        rule_id=rule.id,
        rule_version=rule.version,
        title=rule.title,
        due_on=due_on,
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
        payload={"rule": rule.id, "version": rule.version, "start": start, "due_on": due_on},
    )
    return deadline


def _lock_open(deadline: Deadline) -> Deadline:
    locked = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if locked.status != DeadlineStatus.OPEN:
        raise ValidationError({"status": f"This deadline is already {locked.status}"})
    return locked


@transaction.atomic
def deadline_meet(*, actor: Any, deadline: Deadline, met_on: dt.date) -> Deadline:
    deadline = _lock_open(deadline)
    deadline.status = DeadlineStatus.MET
    deadline.met_on = met_on
    deadline.full_clean()
    deadline.save(update_fields=["status", "met_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.DEADLINE_MET,
        subject=deadline,
        person_id=deadline.child_id,
        payload={"met_on": met_on, "late": met_on > deadline.due_on},
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
    deadline.save(update_fields=["due_on", "updated_at"])
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
