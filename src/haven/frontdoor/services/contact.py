import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.casework.enums import ReferralSource
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.services import deadline_cancel, deadline_open
from haven.frontdoor.enums import UNDECIDED, CheckAgency, Consent, ContactStatus, Rag, Urgency
from haven.frontdoor.models import AgencyCheck, Contact, ContactChild
from haven.frontdoor.selectors import decision_deadlines, front_door_team
from haven.frontdoor.services._common import audit_per_child, children_of, lock, user_or_none
from haven.people.models import Person
from haven.people.services import chronology_record

#: The statutory clock a contact starts for each child (STATUTORY.md §1 row 1).
DECISION_RULE = "referral-decision"


def _check_children(children: Sequence[Person], errors: dict[str, list[str]]) -> list[Person]:
    unique = list({c.pk: c for c in children}.values())
    if not unique:
        errors.setdefault("children", []).append("Add the child or children the contact is about")
    for position, child in enumerate(unique, start=1):
        if not isinstance(child, Person) or child.pk is None:
            errors.setdefault("children", []).append("Choose children who are already recorded")
        elif not child.is_child:
            errors.setdefault("children", []).append(
                f"Person {position} is recorded as an adult: a contact is about children"
            )
    return unique


@transaction.atomic
def contact_record(
    *,
    actor: Any,
    received_at: dt.datetime,
    source: str,
    concern: str,
    children: Sequence[Person],
    consent: str,
    urgency: str,
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact: str = "",
    consent_reason: str = "",
    submitted_by_partner: Any = None,
    idempotency_key: str = "",
) -> Contact:
    """Record a contact about one or more children, already on Haven, and start each child's
    1-working-day decision clock.

    Finding or creating the children (with the duplicate warning) comes first, through the
    people services. A partner's retried submission (same partner, same idempotency key)
    returns the contact already recorded and writes nothing.
    """
    idempotency_key = idempotency_key.strip()
    if idempotency_key and submitted_by_partner is not None:
        existing = Contact.objects.filter(
            submitted_by_partner=submitted_by_partner, idempotency_key=idempotency_key
        ).first()
        if existing is not None:
            return existing
    errors: dict[str, list[str]] = {}
    unique_children = _check_children(children, errors)
    if received_at.tzinfo is None:
        errors.setdefault("received_at", []).append("Give the time with its time zone")
    elif received_at > clock.now():
        errors.setdefault("received_at", []).append("The time received must be now or in the past")
    if source not in ReferralSource.values:
        errors.setdefault("source", []).append("Choose who the contact came from")
    if not concern.strip():
        errors.setdefault("concern", []).append("Enter the concern, in the referrer’s words")
    if consent not in Consent.values:
        errors.setdefault("consent", []).append("Say whether the family agreed to sharing")
    elif consent == Consent.NOT_NEEDED and not consent_reason.strip():
        errors.setdefault("consent_reason", []).append(
            "Say why seeking consent would put the child at risk"
        )
    if urgency not in Urgency.values:
        errors.setdefault("urgency", []).append("Choose how urgent the contact is")
    if idempotency_key and submitted_by_partner is None:
        errors.setdefault("idempotency_key", []).append(
            "Only a partner’s submission carries an idempotency key"
        )
    if errors:
        raise ValidationError(errors)

    contact = Contact(
        received_at=received_at,
        source=source,
        referrer_name=referrer_name.strip(),
        referrer_organisation=referrer_organisation.strip(),
        referrer_contact=referrer_contact.strip(),
        concern=concern.strip(),
        consent=consent,
        consent_reason=consent_reason.strip(),
        urgency=urgency,
        recorded_by=user_or_none(actor),
        submitted_by_partner=submitted_by_partner,
        idempotency_key=idempotency_key,
    )
    check_fields(contact)
    contact.save()
    received_on = clock.local_date(received_at)
    team = front_door_team()
    payload = {
        "received_at": received_at,
        "source": source,
        "urgency": urgency,
        "consent": consent,
        "children": [c.pk for c in unique_children],
        "partner": submitted_by_partner is not None,
    }
    for child in unique_children:
        ContactChild.objects.create(contact=contact, child=child)
        audit_per_child(
            actor=actor,
            verb=AuditVerb.CONTACT_RECORDED,
            subject=contact,
            children=[child],
            payload=payload,
        )
        deadline_open(
            actor=actor,
            child=child,
            rule_id=DECISION_RULE,
            start=received_on,
            team=team,
            subject=contact,
        )
        chronology_record(
            actor=actor,
            person=child,
            occurred_on=received_on,
            category="Contact",
            summary=f"Contact received from {ReferralSource(source).label}",
            source=contact,
        )
    return contact


def _undecided(contact: Contact, field: str, message: str) -> None:
    if contact.status not in UNDECIDED:
        raise ValidationError({field: message})


@transaction.atomic
def contact_rag_set(*, actor: Any, contact: Contact, rag: str) -> Contact:
    """Rate the contact red, amber or green. The first person to rate it becomes its screener."""
    contact = lock(contact)
    _undecided(contact, "rag", "This contact has been decided: its rating can no longer change")
    if rag not in Rag.values:
        raise ValidationError({"rag": "Choose red, amber or green"})
    if rag == contact.rag:
        raise ValidationError({"rag": f"The contact is already rated {Rag(rag).label.lower()}"})
    before = contact.rag
    contact.rag = rag
    contact.status = ContactStatus.SCREENING
    if contact.screener_id is None:
        contact.screener = user_or_none(actor)
    contact.updated_at = clock.now()
    contact.full_clean()
    contact.save(update_fields=["rag", "status", "screener", "updated_at"])
    audit_per_child(
        actor=actor,
        verb=AuditVerb.CONTACT_RAG_SET,
        subject=contact,
        children=children_of(contact),
        payload={"from": before, "to": rag},
    )
    return contact


@transaction.atomic
def check_request(*, actor: Any, contact: Contact, agency: str) -> AgencyCheck:
    """Ask another agency what it knows about the children on a contact."""
    contact = lock(contact)
    _undecided(contact, "agency", "This contact has been decided: ask no more checks for it")
    if agency not in CheckAgency.values:
        raise ValidationError({"agency": "Choose the agency to ask"})
    check = AgencyCheck(
        contact=contact, agency=agency, requested_at=clock.now(), requested_by=user_or_none(actor)
    )
    check.full_clean()
    check.save()
    if contact.status == ContactStatus.AWAITING_SCREENING or contact.screener_id is None:
        contact.status = ContactStatus.SCREENING
        contact.screener = contact.screener or user_or_none(actor)
        contact.updated_at = clock.now()
        contact.save(update_fields=["status", "screener", "updated_at"])
    audit_per_child(
        actor=actor,
        verb=AuditVerb.CHECK_REQUESTED,
        subject=check,
        children=children_of(contact),
        payload={"contact": contact.pk, "agency": agency},
    )
    return check


@transaction.atomic
def check_return(
    *, actor: Any, check: AgencyCheck, summary: str, returned_at: dt.datetime | None = None
) -> AgencyCheck:
    """Record what the agency said. A late answer is still recorded after the decision."""
    check = AgencyCheck.objects.select_for_update().select_related("contact").get(pk=check.pk)
    if check.returned_at is not None:
        raise ValidationError({"returned_at": "This check has already been returned"})
    errors: dict[str, str] = {}
    returned_at = returned_at or clock.now()
    if returned_at.tzinfo is None:
        errors["returned_at"] = "Give the time with its time zone"
    elif returned_at > clock.now():
        errors["returned_at"] = "The time returned must be now or in the past"
    elif returned_at < check.requested_at:
        errors["returned_at"] = "A check cannot come back before it was asked"
    if not summary.strip():
        errors["summary"] = "Enter what the agency said"
    if errors:
        raise ValidationError(errors)
    check.returned_at = returned_at
    check.summary = summary.strip()
    check.updated_at = clock.now()
    check.full_clean()
    check.save(update_fields=["returned_at", "summary", "updated_at"])
    audit_per_child(
        actor=actor,
        verb=AuditVerb.CHECK_RETURNED,
        subject=check,
        children=children_of(check.contact),
        payload={"contact": check.contact_id, "agency": check.agency, "returned_at": returned_at},
    )
    return check


#: How a child came to be on a partner's contact when a screener chose the existing record.
CHOSEN_BY_SCREENER = "screener"


@transaction.atomic
def contact_child_replace(
    *, actor: Any, contact: Contact, child: Person, existing: Person
) -> Contact:
    """Put a child's existing record in place of ``child`` on a contact not yet decided: the
    screener's answer to a duplicate warning, when a partner's submission made a new record
    for a child the council already knew.

    The contact keeps its place on the queue and its clock: the decision deadline on the
    replaced record is cancelled and one opened for the existing record from the same day
    received. The replaced record itself is left as it is (merging records is the people
    area's to do); both children's audit trails record the change.
    """
    contact = lock(contact)
    _undecided(
        contact, "existing", "This contact has been decided: its children can no longer change"
    )
    link = ContactChild.objects.filter(contact=contact, child=child).first()
    errors: dict[str, str] = {}
    if link is None:
        errors["child"] = "That child is not on this contact"
    if existing.pk == child.pk:
        errors["existing"] = "Choose a different record from the one on the contact"
    elif not existing.is_child:
        errors["existing"] = "Choose a child's record"
    elif ContactChild.objects.filter(contact=contact, child=existing).exists():
        errors["existing"] = "That record is already on this contact"
    if errors or link is None:
        raise ValidationError(errors)
    now = clock.now()
    link.child = existing
    link.updated_at = now
    link.save(update_fields=["child", "updated_at"])
    if contact.partner_children:
        contact.partner_children = [
            entry | {"child": str(existing.pk), "matched_on": CHOSEN_BY_SCREENER}
            if entry.get("child") == str(child.pk)
            else entry
            for entry in contact.partner_children
        ]
    contact.updated_at = now
    contact.save(update_fields=["partner_children", "updated_at"])
    for deadline in decision_deadlines(contact=contact).filter(
        child=child, status=DeadlineStatus.OPEN
    ):
        deadline_cancel(
            actor=actor,
            deadline=deadline,
            reason="The child's existing record was put on the contact in place of this one",
        )
    received_on = clock.local_date(contact.received_at)
    deadline_open(
        actor=actor,
        child=existing,
        rule_id=DECISION_RULE,
        start=received_on,
        team=front_door_team(),
        subject=contact,
    )
    chronology_record(
        actor=actor,
        person=existing,
        occurred_on=received_on,
        category="Contact",
        summary=f"Contact received from {ReferralSource(contact.source).label}",
        source=contact,
    )
    audit_per_child(
        actor=actor,
        verb=AuditVerb.CONTACT_CHILD_REPLACED,
        subject=contact,
        children=[child, existing],
        payload={"replaced": child.pk, "by": existing.pk},
    )
    return contact
