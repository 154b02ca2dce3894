"""Reads for partner agencies' contacts: what the partner API shows back, and the likely
duplicates of the children created from a partner's submission, for the screener."""

from typing import Any
from uuid import UUID

from django.db.models import Prefetch, QuerySet

from haven.frontdoor.models import Contact, ContactChild
from haven.people.models import Person
from haven.people.selectors import SearchResult, duplicates_for


def partner_contact_rows(*, contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """``contacts`` (already limited by ``policies.visible_contacts``), newest first, with
    the decision and each child's id (for the access log) in two further queries."""
    return (
        contacts.select_related("decision")
        .only(
            "id",
            "received_at",
            "status",
            "partner_reference",
            "partner_children",
            "decision__id",
            "decision__outcome",
            "decision__decided_at",
        )
        .prefetch_related(
            Prefetch(
                "child_links",
                queryset=ContactChild.objects.select_related("child").only(
                    "contact_id", "child__id"
                ),
            )
        )
        .order_by("-received_at", "-id")
    )


def partner_contact_get(*, contacts: QuerySet[Contact], contact_id: UUID) -> Contact | None:
    return partner_contact_rows(contacts=contacts).filter(pk=contact_id).first()


def partner_contact_children(*, contact: Contact) -> list[Person]:
    """The children on a contact read through ``partner_contact_rows`` (ids only)."""
    return [link.child for link in contact.child_links.all()]


def partner_possible_duplicates(*, contact: Contact) -> dict[Any, list[SearchResult]]:
    """For each child created from a partner's submission: the existing records that are
    probably the same child, strongest first (the warning a person sees on "add a person")."""
    created = [e["child"] for e in contact.partner_children if not e.get("matched_on")]
    if not created:
        return {}
    found: dict[Any, list[SearchResult]] = {}
    for person in Person.objects.filter(pk__in=created):
        candidates = duplicates_for(
            given_name=person.given_name,
            family_name=person.family_name,
            date_of_birth=person.date_of_birth,
            upn=person.upn,
            nhs_number=person.nhs_number,
            exclude_id=person.pk,
        )
        if candidates:
            found[person.pk] = candidates
    return found
