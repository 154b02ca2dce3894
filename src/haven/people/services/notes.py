import datetime as dt
from typing import Any

from django.db import models, transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.enums import CaseNoteKind
from haven.people.models import CaseNote, ChronologyEntry, Person


@transaction.atomic
def chronology_record(
    *,
    actor: Any,
    person: Person,
    occurred_on: dt.date,
    category: str,
    summary: str,
    source: models.Model | None = None,
) -> ChronologyEntry:
    """Add a significant event to a person's chronology. Every app's services call this."""
    entry = ChronologyEntry(
        person=person,
        occurred_on=occurred_on,
        category=category,
        summary=summary[:300],
        source_type=source._meta.label_lower if source is not None else "",
        source_id=str(source.pk) if source is not None else "",
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    check_fields(entry)
    entry.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CHRONOLOGY_ENTRY_ADDED,
        subject=entry,
        person_id=person.id,
        payload={"category": category, "occurred_on": occurred_on},
    )
    return entry


@transaction.atomic
def case_note_add(
    *,
    actor: Any,
    person: Person,
    kind: CaseNoteKind,
    occurred_on: dt.date,
    subject: str,
    body: str,
    significant: bool = False,
) -> CaseNote:
    errors: dict[str, str] = {}
    if occurred_on > clock.today():
        errors["occurred_on"] = "Date must be today or in the past"
    if not subject.strip():
        errors["subject"] = "Enter a subject"
    if not body.strip():
        errors["body"] = "Enter the case note"
    if errors:
        raise ValidationError(errors)
    note = CaseNote(
        person=person,
        author=actor,
        kind=kind,
        occurred_on=occurred_on,
        subject=subject.strip(),
        body=body.strip(),
        significant=significant,
    )
    note.full_clean()
    note.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CASE_NOTE_ADDED,
        subject=note,
        person_id=person.id,
        payload={"kind": kind, "occurred_on": occurred_on, "significant": significant},
    )
    if significant:
        chronology_record(
            actor=actor,
            person=person,
            occurred_on=occurred_on,
            category=CaseNoteKind(kind).label,
            summary=note.subject,
            source=note,
        )
    return note
