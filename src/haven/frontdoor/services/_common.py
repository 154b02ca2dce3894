from typing import Any

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.frontdoor.models import Contact
from haven.people.models import Person


def children_of(contact: Contact) -> list[Person]:
    return [
        link.child for link in contact.child_links.select_related("child").order_by("created_at")
    ]


def audit_per_child(
    *,
    actor: Any,
    verb: AuditVerb,
    subject: Any,
    children: list[Person],
    payload: dict[str, Any],
) -> None:
    """One event per child, so each child's audit trail shows what happened about them."""
    for child in children:
        audit_record(actor=actor, verb=verb, subject=subject, person_id=child.pk, payload=payload)


def lock(contact: Contact) -> Contact:
    return Contact.objects.select_for_update().get(pk=contact.pk)


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None
