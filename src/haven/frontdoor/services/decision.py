from typing import Any

from django.db import transaction

from haven.accounts.permissions import Action, has_action
from haven.audit.enums import AuditVerb
from haven.casework.enums import PrimaryNeed
from haven.casework.services import early_help_start, referral_open
from haven.core import clock
from haven.core.errors import PermissionDenied, ValidationError
from haven.deadlines.services import deadline_meet
from haven.frontdoor.enums import UNDECIDED, ContactOutcome, ContactStatus, ReferralRoute
from haven.frontdoor.models import Contact, ContactDecision
from haven.frontdoor.selectors import decision_deadlines
from haven.frontdoor.services._common import audit_per_child, children_of, lock
from haven.people.services import chronology_record


def _check_decision(
    contact: Contact, outcome: str, reasons: str, route: str, primary_need: str
) -> None:
    if contact.status not in UNDECIDED:
        raise ValidationError({"outcome": "This contact has already been decided"})
    errors: dict[str, str] = {}
    if not contact.rag:
        errors["rag"] = "Rate the contact red, amber or green before deciding"
    if outcome not in ContactOutcome.values:
        errors["outcome"] = "Choose the decision"
    if not reasons.strip():
        errors["reasons"] = "Give the reasons for the decision"
    if outcome == ContactOutcome.REFERRAL:
        if route not in ReferralRoute.values:
            errors["route"] = "Choose what the referral goes on to"
        if primary_need not in PrimaryNeed.values:
            errors["primary_need"] = (
                'Choose the child’s primary need, or "not stated" (DfE rule 8610)'
            )
    elif outcome in ContactOutcome.values:
        if route:
            errors["route"] = "Choose a route only for a referral to children’s social care"
        if primary_need:
            errors["primary_need"] = "Record a primary need only for a referral"
    if errors:
        raise ValidationError(errors)


def _casework_errors(position: int, total: int, error: ValidationError) -> ValidationError:
    """Casework's refusal (say, an episode already open), reported on the decision.

    The child is named by their place on the contact, never by name: error messages can
    reach logs."""
    messages = [f"Child {position} of {total} on this contact: {m}" for m in error.messages]
    return ValidationError({"outcome": messages})


@transaction.atomic
def contact_decide(
    *,
    actor: Any,
    contact: Contact,
    outcome: str,
    reasons: str,
    route: str = "",
    primary_need: str = "",
) -> ContactDecision:
    """Decide the response to a contact, for every child on it, in one transaction.

    Meets each child's decision clock on the decision's London date. A referral opens a
    child in need episode for each child, dated the day the contact was received (see
    docs/frontdoor.md); early help starts an early help episode on the decision date; no
    further action and information and advice close the contact.
    """
    contact = lock(contact)
    _check_decision(contact, outcome, reasons, route, primary_need)
    decided_at = clock.now()
    decision = ContactDecision(
        contact=contact,
        outcome=outcome,
        route=route,
        primary_need=primary_need,
        reasons=reasons.strip(),
        decided_by=actor,
        decided_at=decided_at,
    )
    decision.full_clean()
    decision.save()
    contact.status = ContactStatus.DECIDED
    contact.updated_at = decided_at
    contact.save(update_fields=["status", "updated_at"])

    decided_on = clock.local_date(decided_at)
    received_on = clock.local_date(contact.received_at)
    for deadline in decision_deadlines(contact=contact).filter(status="open"):
        deadline_meet(actor=actor, deadline=deadline, met_on=decided_on)
    children = children_of(contact)
    audit_per_child(
        actor=actor,
        verb=AuditVerb.CONTACT_DECIDED,
        subject=contact,
        children=children,
        payload={"outcome": outcome, "route": route, "primary_need": primary_need},
    )
    label = ContactOutcome(outcome).label
    for position, child in enumerate(children, start=1):
        chronology_record(
            actor=actor,
            person=child,
            occurred_on=decided_on,
            category="Front-door decision",
            summary=label if not route else f"{label}: {ReferralRoute(route).label.lower()}",
            source=decision,
        )
        try:
            if outcome == ContactOutcome.REFERRAL:
                referral_open(
                    actor=actor,
                    child=child,
                    referral_date=received_on,
                    source=contact.source,
                    primary_need=primary_need,
                    contact_id=contact.pk,
                )
            elif outcome == ContactOutcome.EARLY_HELP:
                early_help_start(
                    actor=actor, child=child, started_on=decided_on, contact_id=contact.pk
                )
        except ValidationError as e:
            raise _casework_errors(position, len(children), e) from e
    return decision


@transaction.atomic
def decision_sign_off(*, actor: Any, contact: Contact) -> ContactDecision:
    """A front-door manager confirms the decision. It must be someone other than the decider."""
    if not has_action(actor, Action.SIGN_OFF_DECISION):
        raise PermissionDenied("Only a front-door manager can sign off a decision")
    contact = lock(contact)
    decision = ContactDecision.objects.select_for_update().filter(contact=contact).first()
    if decision is None:
        raise ValidationError({"contact": "This contact has not been decided yet"})
    if decision.signed_off_at is not None:
        raise ValidationError(
            {
                "signed_off_by": f"This decision was already signed off by {decision.signed_off_by}"
                f" on {clock.local(decision.signed_off_at):%d %B %Y}"
            }
        )
    if decision.decided_by_id == actor.pk:
        raise ValidationError(
            {
                "signed_off_by": "Someone other than the person who made the decision "
                "must sign it off"
            }
        )
    now = clock.now()
    decision.signed_off_by = actor
    decision.signed_off_at = now
    decision.updated_at = now
    decision.full_clean()
    decision.save(update_fields=["signed_off_by", "signed_off_at", "updated_at"])
    contact.status = ContactStatus.SIGNED_OFF
    contact.updated_at = now
    contact.save(update_fields=["status", "updated_at"])
    audit_per_child(
        actor=actor,
        verb=AuditVerb.DECISION_SIGNED_OFF,
        subject=decision,
        children=children_of(contact),
        payload={"contact": contact.pk, "outcome": decision.outcome},
    )
    return decision
