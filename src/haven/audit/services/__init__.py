"""Writing audit and access events. Every other app's services call these."""

from typing import Any
from uuid import UUID

from django.db import models

from haven.audit.enums import AccessSurface, AuditVerb
from haven.audit.models import AccessEvent, AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


def audit_record(
    *,
    actor: Any,
    verb: AuditVerb,
    subject: models.Model,
    person_id: UUID | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record one write. Call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        verb=verb,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        person_id=person_id,
        payload=_jsonable(payload or {}),
    )


def access_records(
    *, actor: Any, person_ids: dict[UUID, bool], view: str, surface: AccessSurface
) -> list[AccessEvent]:
    """Record one read of each person's record on one page (``person_ids``: each person, and
    whether the read was under emergency access)."""
    return AccessEvent.objects.bulk_create(
        AccessEvent(actor=actor, person_id=pk, view=view, surface=surface, break_glass=glass)
        for pk, glass in person_ids.items()
    )


def access_record(
    *,
    actor: Any,
    person_id: UUID,
    view: str,
    surface: AccessSurface = AccessSurface.PAGE,
    break_glass: bool = False,
) -> AccessEvent:
    """Record one read of a person's record."""
    return AccessEvent.objects.create(
        actor=actor, person_id=person_id, view=view, surface=surface, break_glass=break_glass
    )


def changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The fields that differ, as {field: [old, new]}, for an update's payload."""
    return {
        k: [_jsonable(before.get(k)), _jsonable(after.get(k))]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }
