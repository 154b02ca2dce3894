import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.forms.models import model_to_dict

from haven.audit.enums import AccessSurface, AuditVerb
from haven.audit.services import access_record, access_records, audit_record, changes
from haven.core import clock
from haven.core.errors import PermissionDenied, ValidationError
from haven.core.models import check_fields
from haven.people import identifiers, policies
from haven.people.enums import (
    PARENTAL_TYPES,
    Disability,
    PersonKind,
    RelationshipType,
    RestrictionReason,
    Sex,
)
from haven.people.models import (
    Address,
    BreakGlassAccess,
    Person,
    PersonDisability,
    PersonSearchKey,
    Relationship,
    RestrictedAccess,
)
from haven.people.names import search_keys

PERSON_FIELDS = (
    "kind", "given_name", "middle_names", "family_name", "other_names", "date_of_birth",
    "expected_date_of_birth", "date_of_death", "sex", "ethnicity", "upn", "former_upn",
    "upn_unknown", "nhs_number", "first_language", "religion", "uasc",
)  # fmt: skip

#: Furthest ahead an expected date of birth may be (a pregnancy is about 40 weeks).
MAX_EXPECTED_DAYS_AHEAD = 300


def _normalise_identifiers(person: Person, errors: dict[str, list[str]]) -> None:
    checks = (
        ("upn", identifiers.validate_upn),
        ("former_upn", identifiers.validate_upn),
        ("nhs_number", identifiers.validate_nhs_number),
    )
    for field, check in checks:
        value = getattr(person, field)
        if not value:
            continue
        try:
            setattr(person, field, check(value))
        except identifiers.IdentifierError as e:
            errors.setdefault(field, []).append(e.message)


def _check_person(person: Person, disabilities: list[str] | None) -> None:
    """The rules a record must meet before it is saved, each error naming its field."""
    errors: dict[str, list[str]] = {}
    today = clock.today()
    _normalise_identifiers(person, errors)
    for field, label in (("upn", "UPN"), ("nhs_number", "NHS number")):
        value = getattr(person, field)
        if value and Person.objects.filter(**{field: value}).exclude(pk=person.pk).exists():
            errors.setdefault(field, []).append(f"This {label} is on another person's record")
    if not (person.given_name or person.family_name) and not person.is_unborn:
        errors.setdefault("family_name", []).append("Enter a first name or a last name")
    if person.date_of_birth and person.date_of_birth > today:
        errors.setdefault("date_of_birth", []).append("Date of birth must be today or in the past")
    if person.date_of_death:
        if person.date_of_death > today:
            errors.setdefault("date_of_death", []).append(
                "Date of death must be today or in the past"
            )
        if person.date_of_birth and person.date_of_death < person.date_of_birth:
            errors.setdefault("date_of_death", []).append(
                "Date of death must be on or after the date of birth"
            )
    if person.kind == PersonKind.CHILD:
        if bool(person.date_of_birth) == bool(person.expected_date_of_birth):
            errors.setdefault("date_of_birth", []).append(
                "Enter either a date of birth or, for an unborn child, an expected date of birth"
            )
        if person.expected_date_of_birth:
            if person.sex != Sex.UNKNOWN:
                errors.setdefault("sex", []).append(
                    "Sex must be 'not known' for an unborn child (DfE rule 8750)"
                )
            if person.expected_date_of_birth > today + dt.timedelta(days=MAX_EXPECTED_DAYS_AHEAD):
                errors.setdefault("expected_date_of_birth", []).append(
                    "Expected date of birth must be within the next 10 months"
                )
        if person.upn and person.upn == person.former_upn:
            errors.setdefault("former_upn", []).append("Former UPN must differ from the UPN")
        if person.upn and person.upn_unknown:
            errors.setdefault("upn_unknown", []).append(
                "Give a reason the UPN is not known only when there is no UPN"
            )
    else:
        for field in ("upn", "former_upn", "upn_unknown"):
            if getattr(person, field):
                errors.setdefault(field, []).append("Only a child can have a UPN")
        if person.uasc:
            errors.setdefault("uasc", []).append("Only a child can be an unaccompanied child")
    if disabilities is not None:
        codes = set(disabilities)
        if Disability.NONE in codes and len(codes) > 1:
            errors.setdefault("disabilities", []).append(
                "'No disability' cannot be chosen with a disability (DfE rule 8790)"
            )
        unknown = codes - set(Disability.values)
        if unknown:
            errors.setdefault("disabilities", []).append("Choose disabilities from the list")
    if errors:
        raise ValidationError(errors)
    check_fields(person)


def _refresh_search_keys(person: Person) -> None:
    PersonSearchKey.objects.filter(person=person).delete()
    keys = search_keys(person.given_name, person.family_name, tuple(person.other_names or ()))
    PersonSearchKey.objects.bulk_create(
        [PersonSearchKey(person=person, key=k[:40]) for k in sorted(keys)]
    )


def _set_disabilities(person: Person, codes: Iterable[str]) -> None:
    PersonDisability.objects.filter(person=person).delete()
    PersonDisability.objects.bulk_create(
        [PersonDisability(person=person, code=c) for c in sorted(set(codes))]
    )


@transaction.atomic
def person_create(
    *,
    actor: Any,
    kind: PersonKind = PersonKind.CHILD,
    disabilities: list[str] | None = None,
    **fields: Any,
) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_create got unexpected fields: {sorted(unknown)}")
    person = Person(kind=kind, created_by=actor if getattr(actor, "pk", None) else None, **fields)
    _check_person(person, disabilities)
    person.save()
    _refresh_search_keys(person)
    if disabilities:
        _set_disabilities(person, disabilities)
    audit_record(
        actor=actor,
        verb=AuditVerb.PERSON_CREATED,
        subject=person,
        person_id=person.id,
        payload={
            "kind": kind,
            "fields": sorted(k for k, v in fields.items() if v),
            "disabilities": sorted(disabilities or []),
        },
    )
    return person


@transaction.atomic
def person_update(
    *, actor: Any, person: Person, disabilities: list[str] | None = None, **fields: Any
) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"person_update got unexpected fields: {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = model_to_dict(person, fields=PERSON_FIELDS)
    before_disabilities = sorted(person.disabilities.values_list("code", flat=True))
    for name, value in fields.items():
        setattr(person, name, value)
    _check_person(person, disabilities)
    person.updated_at = clock.now()
    person.save()
    _refresh_search_keys(person)
    if disabilities is not None:
        _set_disabilities(person, disabilities)
    changed = changes(before, model_to_dict(person, fields=PERSON_FIELDS))
    if disabilities is not None and sorted(set(disabilities)) != before_disabilities:
        changed["disabilities"] = [before_disabilities, sorted(set(disabilities))]
    audit_record(
        actor=actor,
        verb=AuditVerb.PERSON_UPDATED,
        subject=person,
        person_id=person.id,
        payload={"changed": changed},
    )
    return person


@transaction.atomic
def relationship_add(
    *,
    actor: Any,
    from_person: Person,
    to_person: Person,
    type: RelationshipType,
    parental_responsibility: bool | None = None,
    started_on: dt.date | None = None,
) -> Relationship:
    if from_person.pk == to_person.pk:
        raise ValidationError({"to_person": "A person cannot be related to themselves"})
    if parental_responsibility is None:
        parental_responsibility = type in PARENTAL_TYPES
    if Relationship.objects.filter(
        from_person=from_person, to_person=to_person, type=type, ended_on__isnull=True
    ).exists():
        raise ValidationError({"type": "This relationship is already recorded"})
    relationship = Relationship(
        from_person=from_person,
        to_person=to_person,
        type=type,
        parental_responsibility=parental_responsibility,
        started_on=started_on,
    )
    relationship.full_clean()
    relationship.save()
    payload = {
        "from": from_person,
        "to": to_person,
        "type": type,
        "parental_responsibility": parental_responsibility,
    }
    for pid in (from_person.id, to_person.id):
        audit_record(
            actor=actor,
            verb=AuditVerb.RELATIONSHIP_ADDED,
            subject=relationship,
            person_id=pid,
            payload=payload,
        )
    return relationship


@transaction.atomic
def relationship_end(*, actor: Any, relationship: Relationship, ended_on: dt.date) -> Relationship:
    if relationship.ended_on is not None:
        raise ValidationError({"ended_on": "This relationship has already ended"})
    if relationship.started_on and ended_on < relationship.started_on:
        raise ValidationError({"ended_on": "End date must be on or after the start date"})
    relationship.ended_on = ended_on
    relationship.save(update_fields=["ended_on", "updated_at"])
    for pid in (relationship.from_person_id, relationship.to_person_id):
        audit_record(
            actor=actor,
            verb=AuditVerb.RELATIONSHIP_ENDED,
            subject=relationship,
            person_id=pid,
            payload={"ended_on": ended_on},
        )
    return relationship


@transaction.atomic
def address_add(
    *,
    actor: Any,
    person: Person,
    line_1: str,
    town: str,
    postcode: str,
    started_on: dt.date,
    line_2: str = "",
    end_current: bool = True,
) -> Address:
    """Record where a person lives from ``started_on``; the current address ends the day before."""
    try:
        postcode = identifiers.validate_postcode(postcode)
    except identifiers.IdentifierError as e:
        raise ValidationError({"postcode": e.message}) from e
    if started_on > clock.today():
        raise ValidationError({"started_on": "Date moved in must be today or in the past"})
    if end_current:
        for current in Address.objects.select_for_update().filter(
            person=person, ended_on__isnull=True
        ):
            if current.started_on >= started_on:
                raise ValidationError(
                    {"started_on": "Date moved in must be after the current address started"}
                )
            address_end(actor=actor, address=current, ended_on=started_on - dt.timedelta(days=1))
    address = Address(
        person=person,
        line_1=line_1,
        line_2=line_2,
        town=town,
        postcode=postcode,
        started_on=started_on,
    )
    check_fields(address)
    address.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ADDRESS_ADDED,
        subject=address,
        person_id=person.id,
        payload={
            "postcode_district": identifiers.postcode_district(postcode),
            "started_on": started_on,
        },
    )
    return address


@transaction.atomic
def address_end(*, actor: Any, address: Address, ended_on: dt.date) -> Address:
    if address.ended_on is not None:
        raise ValidationError({"ended_on": "This address has already ended"})
    if ended_on < address.started_on:
        raise ValidationError({"ended_on": "Date moved out must be on or after the date moved in"})
    address.ended_on = ended_on
    address.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ADDRESS_ENDED,
        subject=address,
        person_id=address.person_id,
        payload={"ended_on": ended_on},
    )
    return address


@transaction.atomic
def person_restrict(
    *, actor: Any, person: Person, reason: RestrictionReason, named_users: Iterable[Any] = ()
) -> Person:
    """Restrict a record. The actor is always named, so the record cannot be orphaned."""
    if reason not in RestrictionReason.values:
        raise ValidationError({"reason": "Choose why the record is restricted"})
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.restricted = True
    person.restriction_reason = reason
    person.save(update_fields=["restricted", "restriction_reason", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PERSON_RESTRICTED,
        subject=person,
        person_id=person.id,
        payload={"reason": reason},
    )
    named = {*named_users, *([actor] if getattr(actor, "pk", None) else [])}
    for user in named:
        restricted_access_grant(actor=actor, person=person, user=user)
    return person


@transaction.atomic
def person_unrestrict(*, actor: Any, person: Person) -> Person:
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.restricted = False
    person.restriction_reason = ""
    person.save(update_fields=["restricted", "restriction_reason", "updated_at"])
    audit_record(
        actor=actor, verb=AuditVerb.PERSON_UNRESTRICTED, subject=person, person_id=person.id
    )
    return person


@transaction.atomic
def restricted_access_grant(*, actor: Any, person: Person, user: Any) -> RestrictedAccess:
    grant, created = RestrictedAccess.objects.get_or_create(person=person, user=user)
    if created:
        audit_record(
            actor=actor,
            verb=AuditVerb.RESTRICTED_ACCESS_GRANTED,
            subject=grant,
            person_id=person.id,
            payload={"user": user},
        )
    return grant


@transaction.atomic
def restricted_access_revoke(*, actor: Any, person: Person, user: Any) -> None:
    grant = RestrictedAccess.objects.filter(person=person, user=user).first()
    if grant is None:
        raise ValidationError({"user": "This user is not named on the record"})
    audit_record(
        actor=actor,
        verb=AuditVerb.RESTRICTED_ACCESS_REVOKED,
        subject=grant,
        person_id=person.id,
        payload={"user": user},
    )
    grant.delete()


@transaction.atomic
def break_glass(*, actor: Any, person: Person, reason: str) -> BreakGlassAccess:
    """Emergency access outside the user's reach: needs a reason; time-limited; logged."""
    if not policies.can_break_glass(actor, person):
        raise PermissionDenied("You cannot ask for emergency access to this record")
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError(
            {"reason": "Explain why you need to open this record (at least 10 characters)"}
        )
    minutes = getattr(settings, "HAVEN_BREAK_GLASS_MINUTES", 60)
    grant = BreakGlassAccess.objects.create(
        person=person,
        user=actor,
        reason=reason,
        expires_at=clock.now() + dt.timedelta(minutes=minutes),
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.BREAK_GLASS,
        subject=grant,
        person_id=person.id,
        payload={"reason": reason, "minutes": minutes},
    )
    return grant


def record_viewed(
    *, actor: Any, person: Person, view: str, surface: AccessSurface = AccessSurface.PAGE
) -> None:
    """Log a read of a person's record (every page and API call that shows one calls this)."""
    glass = BreakGlassAccess.objects.filter(
        person=person, user=actor, expires_at__gt=clock.now()
    ).exists()
    access_record(actor=actor, person_id=person.id, view=view, surface=surface, break_glass=glass)


def records_viewed(
    *,
    actor: Any,
    people: Iterable[Person],
    view: str,
    surface: AccessSurface = AccessSurface.PAGE,
) -> None:
    """Log a read of each person's record shown on one page (a list of linked children, say),
    in two queries whatever their number."""
    ids = list(dict.fromkeys(p.id for p in people))
    if not ids:
        return
    glass = set(
        BreakGlassAccess.objects.filter(
            person_id__in=ids, user=actor, expires_at__gt=clock.now()
        ).values_list("person_id", flat=True)
    )
    access_records(
        actor=actor, person_ids={pk: pk in glass for pk in ids}, view=view, surface=surface
    )
