from uuid import UUID

from django.db.models import QuerySet

from haven.audit.models import AccessEvent, AuditEvent


def access_events_for_person(*, person_id: UUID) -> QuerySet[AccessEvent]:
    return AccessEvent.objects.filter(person_id=person_id).select_related("actor")


def audit_events_for_person(*, person_id: UUID) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(person_id=person_id).select_related("actor")


def audit_events_for_subject(*, subject_type: str, subject_id: str) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(subject_type=subject_type, subject_id=subject_id)


def access_events(*, person_id: UUID | None = None, username: str = "") -> QuerySet[AccessEvent]:
    """Reads of records, newest first, optionally for one person or by one user."""
    events = AccessEvent.objects.select_related("actor")
    if person_id is not None:
        events = events.filter(person_id=person_id)
    if username:
        events = events.filter(actor__username=username)
    return events
