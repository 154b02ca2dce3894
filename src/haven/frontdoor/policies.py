"""Who may see and act on front-door contacts.

``visible_contacts(user)`` (which contacts) and the ``can_*`` questions (this one) come from
the same predicates, so the queue and a contact's page never disagree:
* people whose role works the front door (screening it, or overseeing it with a reach over
  children's records: managers, the DCS) see every contact, so nothing waits unseen;
* a partner agency sees only the contacts it submitted;
* anyone else sees contacts about children in their reach (``people.policies``) and the
  contacts they recorded themselves.
Showing a child's details on a contact still goes through ``people.policies``, so a
restricted child's name stays hidden from those not named on the record.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from haven.accounts.permissions import Action, has_action, sees_front_door
from haven.frontdoor.enums import UNDECIDED
from haven.frontdoor.models import Contact, ContactChild, ContactDecision
from haven.people.policies import visible_people


def can_view_queue(user: Any) -> bool:
    """The screening queue lists every undecided contact: only for those who see them all."""
    return sees_front_door(user)


def visible_contacts(user: Any) -> QuerySet[Contact]:
    if sees_front_door(user):
        return Contact.objects.all()
    if has_action(user, Action.SUBMIT_PARTNER_CONTACT):
        return Contact.objects.filter(submitted_by_partner=user)
    if not has_action(user, Action.VIEW_RECORD):
        return Contact.objects.none()
    about_reached = ContactChild.objects.filter(
        contact_id=OuterRef("pk"), child_id__in=visible_people(user).values("pk")
    )
    return Contact.objects.filter(Exists(about_reached) | Q(recorded_by=user))


def _visible(user: Any, contact: Contact) -> bool:
    return visible_contacts(user).filter(pk=contact.pk).exists()


def can_view_contact(user: Any, contact: Contact) -> bool:
    return _visible(user, contact)


def can_record_contact(user: Any) -> bool:
    return has_action(user, Action.RECORD_CONTACT)


def can_submit_partner_contact(user: Any) -> bool:
    return has_action(user, Action.SUBMIT_PARTNER_CONTACT)


def can_screen(user: Any, contact: Contact) -> bool:
    """Rate a contact and ask other agencies' checks, until it is decided."""
    return (
        has_action(user, Action.SCREEN_CONTACT)
        and contact.status in UNDECIDED
        and _visible(user, contact)
    )


def can_decide(user: Any, contact: Contact) -> bool:
    return (
        has_action(user, Action.DECIDE_CONTACT)
        and contact.status in UNDECIDED
        and _visible(user, contact)
    )


def can_sign_off(user: Any, contact: Contact) -> bool:
    """A decided contact, not yet signed off, by someone other than the decider."""
    if not has_action(user, Action.SIGN_OFF_DECISION):
        return False
    awaiting = ContactDecision.objects.filter(contact=contact, signed_off_at__isnull=True).exclude(
        decided_by=user
    )
    return awaiting.exists() and _visible(user, contact)


def can_view_figures(user: Any) -> bool:
    """The front door's numbers (counts, and ids a drill-down checks again)."""
    return has_action(user, Action.VIEW_FRONT_DOOR)
