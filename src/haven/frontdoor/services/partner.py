"""A partner agency's contact through the partner API: find or create each child, then record
the contact, all in one transaction.

A partner must never learn whether a child is already known to the council, so nothing here
answers differently for a child matched and a child created: every check on the submission
depends on the submission alone, and the result carries no record of the council's.

Each child is matched to an existing child only when the match is safe:
1. its NHS number (validated) is on exactly one child's record; else
2. its UPN (validated) is the UPN or former UPN of exactly one child; else
3. exactly one child has the same given and family names (``people.names.normalise``:
   case, accents and punctuation ignored) and the same date of birth, and no NHS number
   or UPN that differs from the one sent.
Otherwise a new child is created through ``people.services.person_create``, and the screener
sees the likely duplicates beside it (``frontdoor.selectors.partner.partner_possible_duplicates``).
The council's records are never changed from a partner's submission.
"""

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from haven.casework.enums import ReferralSource
from haven.core import clock
from haven.core.errors import PermissionDenied, ValidationError
from haven.frontdoor.enums import Consent, Urgency
from haven.frontdoor.models import Contact
from haven.frontdoor.policies import can_submit_partner_contact
from haven.frontdoor.services.contact import contact_record
from haven.people import identifiers
from haven.people.enums import PersonKind, Sex
from haven.people.models import Person
from haven.people.names import normalise
from haven.people.services import address_add, person_create

#: Children on one submission (a large sibling group fits; more is a mistake).
MAX_CHILDREN = 12
#: Furthest ahead an expected date of birth may be (as ``people.services``).
MAX_EXPECTED_DAYS_AHEAD = 300
#: A contact to children's services is about a child: under 18 on the day it is received.
ADULT_AGE = 18


class MatchedOn:
    NHS_NUMBER = "nhs_number"
    UPN = "upn"
    NAME_AND_DATE_OF_BIRTH = "name_and_date_of_birth"
    CREATED = ""


@dataclass(frozen=True)
class PartnerAddress:
    line_1: str
    town: str
    postcode: str
    line_2: str = ""


@dataclass(frozen=True)
class PartnerChild:
    """A child as a partner describes them. ``reference`` is the partner's own id for the child."""

    reference: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: dt.date | None = None
    expected_date_of_birth: dt.date | None = None
    sex: str = Sex.UNKNOWN
    nhs_number: str = ""
    upn: str = ""
    address: PartnerAddress | None = None


@dataclass(frozen=True)
class PartnerSubmission:
    contact: Contact
    #: False when the key was already used for this same submission (nothing was written).
    created: bool


class IdempotencyKeyReused(Exception):
    """The key was already used for a different submission by the same partner."""

    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was already used for a different submission. "
            "Send a retry with exactly the same body, or use a new key for a new contact."
        )


def submission_digest(**submission: Any) -> str:
    """SHA-256 of the submission in a canonical form (keys sorted, dates in ISO form)."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.asdict(value)
        return str(value)

    text = json.dumps(submission, sort_keys=True, separators=(",", ":"), default=plain)
    return hashlib.sha256(text.encode()).hexdigest()


def _existing(partner: Any, key: str) -> Contact | None:
    return Contact.objects.filter(submitted_by_partner=partner, idempotency_key=key).first()


def _same_submission(existing: Contact, digest: str) -> PartnerSubmission:
    if existing.submission_digest != digest:
        raise IdempotencyKeyReused
    return PartnerSubmission(existing, created=False)


def _years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _clean_child(i: int, child: PartnerChild, errors: dict[str, list[str]]) -> PartnerChild:
    """The child with identifiers normalised; every rule depends on the submission alone."""

    def fail(field: str, message: str) -> None:
        errors.setdefault(f"children.{i}.{field}", []).append(message)

    today = clock.today()
    found: dict[str, str] = {}
    for field, check in (
        ("nhs_number", identifiers.validate_nhs_number),
        ("upn", identifiers.validate_upn),
    ):
        value = getattr(child, field).strip()
        if value:
            try:
                found[field] = check(value)
            except identifiers.IdentifierError as e:
                fail(field, e.message)
    born, expected = child.date_of_birth, child.expected_date_of_birth
    given, family = child.given_name.strip(), child.family_name.strip()
    if not (given or family) and expected is None:
        fail("family_name", "Enter the child’s first name or last name")
    if born and expected:
        fail(
            "expected_date_of_birth", "Give a date of birth or an expected date of birth, not both"
        )
    elif not born and not expected:
        fail(
            "date_of_birth",
            "Enter the date of birth or, for an unborn child, the expected date of birth",
        )
    if born and born > today:
        fail("date_of_birth", "Date of birth must be today or in the past")
    elif born and _years_between(born, today) >= ADULT_AGE:
        fail("date_of_birth", "The child must be under 18: a contact is about a child")
    if expected:
        if expected > today + dt.timedelta(days=MAX_EXPECTED_DAYS_AHEAD):
            fail(
                "expected_date_of_birth", "Expected date of birth must be within the next 10 months"
            )
        if child.sex != Sex.UNKNOWN:
            fail("sex", "Sex must be not known (U) for an unborn child (DfE rule 8750)")
    if child.sex not in Sex.values:
        fail("sex", "Sex must be M, F or U")
    address = child.address
    if address is not None:
        if not address.line_1.strip():
            fail("address.line_1", "Enter the first line of the address")
        if not address.town.strip():
            fail("address.town", "Enter the town or city")
        try:
            address = dataclasses.replace(
                address, postcode=identifiers.validate_postcode(address.postcode)
            )
        except identifiers.IdentifierError as e:
            fail("address.postcode", e.message)
    return dataclasses.replace(
        child,
        reference=child.reference.strip(),
        given_name=given,
        family_name=family,
        nhs_number=found.get("nhs_number", ""),
        upn=found.get("upn", ""),
        address=address,
    )


def _clean_children(
    children: Sequence[PartnerChild], errors: dict[str, list[str]]
) -> list[PartnerChild]:
    if not children:
        errors.setdefault("children", []).append("Give at least one child")
    if len(children) > MAX_CHILDREN:
        errors.setdefault("children", []).append(
            f"Give at most {MAX_CHILDREN} children on one contact"
        )
    cleaned = [_clean_child(i, c, errors) for i, c in enumerate(children)]
    for field, label in (("nhs_number", "NHS number"), ("upn", "UPN")):
        seen: set[str] = set()
        for i, child in enumerate(cleaned):
            value = getattr(child, field)
            if value and value in seen:
                errors.setdefault(f"children.{i}.{field}", []).append(
                    f"The same {label} is given for an earlier child on this contact"
                )
            seen.add(value)
    return cleaned


def _children() -> Any:
    return Person.objects.filter(kind=PersonKind.CHILD)


def _conflicts(child: PartnerChild, person: Person) -> bool:
    """Both carry an NHS number, or both a UPN, and they differ: not the same child."""
    return any(
        getattr(child, f) and getattr(person, f) and getattr(child, f) != getattr(person, f)
        for f in ("nhs_number", "upn")
    )


def _match(child: PartnerChild, taken: set[Any]) -> tuple[Person | None, str]:
    if child.nhs_number:
        found = list(_children().filter(nhs_number=child.nhs_number)[:2])
        if len(found) == 1:
            return found[0], MatchedOn.NHS_NUMBER
    if child.upn:
        found = list(_children().filter(Q(upn=child.upn) | Q(former_upn=child.upn))[:2])
        if len(found) == 1:
            return found[0], MatchedOn.UPN
    if child.given_name and child.family_name and child.date_of_birth:
        given, family = normalise(child.given_name), normalise(child.family_name)
        same = [
            p
            for p in _children()
            .filter(date_of_birth=child.date_of_birth)
            .exclude(pk__in=taken)
            .only("id", "given_name", "family_name", "nhs_number", "upn")
            if normalise(p.given_name) == given
            and normalise(p.family_name) == family
            and not _conflicts(child, p)
        ]
        if len(same) == 1:
            return same[0], MatchedOn.NAME_AND_DATE_OF_BIRTH
    return None, MatchedOn.CREATED


def _prefixed(i: int, error: ValidationError, under: str = "") -> ValidationError:
    return ValidationError(
        {f"children.{i}.{under}{field}": messages for field, messages in error.message_dict.items()}
    )


def _create(actor: Any, i: int, child: PartnerChild, received_on: dt.date) -> Person:
    """A new child's record. An identifier already on another record (an adult's, or one
    of several) is left off: the record cannot hold it, and the partner must not be told."""
    fields: dict[str, Any] = {
        "given_name": child.given_name,
        "family_name": child.family_name,
        "date_of_birth": child.date_of_birth,
        "expected_date_of_birth": child.expected_date_of_birth,
        "sex": child.sex,
    }
    if child.nhs_number and not Person.objects.filter(nhs_number=child.nhs_number).exists():
        fields["nhs_number"] = child.nhs_number
    if child.upn and not Person.objects.filter(upn=child.upn).exists():
        fields["upn"] = child.upn
    try:
        person = person_create(actor=actor, kind=PersonKind.CHILD, **fields)
    except ValidationError as e:
        raise _prefixed(i, e) from e
    if child.address is not None:
        try:
            address_add(
                actor=actor,
                person=person,
                line_1=child.address.line_1.strip(),
                line_2=child.address.line_2.strip(),
                town=child.address.town.strip(),
                postcode=child.address.postcode,
                started_on=received_on,
            )
        except ValidationError as e:
            raise _prefixed(i, e, "address.") from e
    return person


def _record(
    *,
    actor: Any,
    key: str,
    digest: str,
    reference: str,
    children: list[PartnerChild],
    **contact: Any,
) -> Contact:
    received_at = clock.now()
    received_on = clock.local_date(received_at)
    taken: set[Any] = set()
    people: list[Person] = []
    entries: list[dict[str, str]] = []
    for i, child in enumerate(children):
        person, matched_on = _match(child, taken)
        if person is None:
            person = _create(actor, i, child, received_on)
        taken.add(person.pk)
        people.append(person)
        entries.append(
            {"reference": child.reference, "child": str(person.pk), "matched_on": matched_on}
        )
    # The key is set after ``contact_record`` so that a concurrent twin fails on the unique
    # constraint here, rather than being handed back by ``contact_record`` mid-transaction.
    recorded = contact_record(
        actor=actor,
        received_at=received_at,
        children=people,
        submitted_by_partner=actor,
        **contact,
    )
    recorded.idempotency_key = key
    recorded.submission_digest = digest
    recorded.partner_reference = reference
    recorded.partner_children = entries
    recorded.save(
        update_fields=[
            "idempotency_key",
            "submission_digest",
            "partner_children",
            "partner_reference",
        ]
    )
    return recorded


def partner_contact_submit(
    *,
    actor: Any,
    idempotency_key: str,
    source: str,
    concern: str,
    consent: str,
    urgency: str,
    children: Sequence[PartnerChild],
    consent_reason: str = "",
    referrer_name: str = "",
    referrer_organisation: str = "",
    referrer_contact: str = "",
    reference: str = "",
) -> PartnerSubmission:
    """Record a partner agency's contact, finding or creating each child; or, for a retry
    (same partner, key and submission), return the contact already recorded, writing nothing.

    Received now: the decision clock starts when the council receives the contact. Raises
    ``ValidationError`` keyed ``children.<i>.<field>`` or by the contact's field, and
    ``IdempotencyKeyReused`` for a key already used for a different submission.
    """
    if not can_submit_partner_contact(actor):
        raise PermissionDenied("Only a partner agency submits contacts through the API")
    key = idempotency_key.strip()
    errors: dict[str, list[str]] = {}
    if not key or len(key) > 100:
        errors.setdefault("idempotency_key", []).append(
            "Send an Idempotency-Key of 1 to 100 characters"
        )
        raise ValidationError(errors)
    digest = submission_digest(
        source=source,
        concern=concern,
        consent=consent,
        urgency=urgency,
        children=list(children),
        consent_reason=consent_reason,
        referrer_name=referrer_name,
        referrer_organisation=referrer_organisation,
        referrer_contact=referrer_contact,
        reference=reference,
    )
    existing = _existing(actor, key)
    if existing is not None:
        return _same_submission(existing, digest)
    cleaned = _clean_children(children, errors)
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
    for field, value, most in (
        ("referrer_name", referrer_name, 200),
        ("referrer_organisation", referrer_organisation, 200),
        ("referrer_contact", referrer_contact, 200),
        ("reference", reference, 100),
    ):
        if len(value.strip()) > most:
            errors.setdefault(field, []).append(f"Must be at most {most} characters")
    if errors:
        raise ValidationError(errors)
    contact = {
        "source": source,
        "concern": concern,
        "consent": consent,
        "consent_reason": consent_reason,
        "urgency": urgency,
        "referrer_name": referrer_name,
        "referrer_organisation": referrer_organisation.strip() or actor.last_name,
        "referrer_contact": referrer_contact,
    }
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                recorded = _record(
                    actor=actor,
                    key=key,
                    digest=digest,
                    reference=reference.strip(),
                    children=cleaned,
                    **contact,
                )
                return PartnerSubmission(recorded, created=True)
        except IntegrityError:
            # A concurrent request with the same key (or creating the same new child) won.
            existing = _existing(actor, key)
            if existing is not None:
                return _same_submission(existing, digest)
            if attempt == 2:
                raise
    raise AssertionError("unreachable")
