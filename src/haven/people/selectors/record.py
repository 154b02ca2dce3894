"""Reading a person's record: identity, family, addresses, chronology, case notes."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from haven.allocation.models import Allocation
from haven.allocation.selectors import current_allocation, workers_in_last_year
from haven.core import clock
from haven.core.errors import NotFound
from haven.people.enums import INVERSE_LABEL, RelationshipType
from haven.people.models import Address, CaseNote, ChronologyEntry, Person, Relationship


def person_get(*, person_id: UUID | str) -> Person:
    try:
        return Person.objects.prefetch_related("disabilities").get(pk=person_id)
    except (Person.DoesNotExist, ValueError) as e:
        raise NotFound("No such person") from e


@dataclass(frozen=True)
class RelatedPerson:
    relationship: Relationship
    other: Person
    label: str  # how ``other`` relates to the person whose record this is
    parental_responsibility: bool  # does ``other`` hold PR for this person?


def relationships_for(*, person: Person, current_only: bool = True) -> list[RelatedPerson]:
    rels = Relationship.objects.select_related("from_person", "to_person").filter(
        Q(from_person=person) | Q(to_person=person)
    )
    if current_only:
        rels = rels.filter(ended_on__isnull=True)
    out: list[RelatedPerson] = []
    for r in rels:
        if r.to_person_id == person.pk:
            out.append(
                RelatedPerson(
                    r, r.from_person, RelationshipType(r.type).label, r.parental_responsibility
                )
            )
        else:
            out.append(RelatedPerson(r, r.to_person, INVERSE_LABEL[r.type], False))
    return sorted(out, key=lambda rp: (rp.label, rp.other.family_name, rp.other.given_name))


def current_address(*, person: Person) -> Address | None:
    return person.addresses.filter(ended_on__isnull=True).first()


def chronology_for(*, person: Person) -> QuerySet[ChronologyEntry]:
    return ChronologyEntry.objects.filter(person=person).select_related("recorded_by")


def case_notes_for(*, person: Person) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(person=person).select_related("author")


def age_on(date_of_birth: dt.date, today: dt.date) -> str:
    """An age as a social worker writes it: years, or months for a baby, or weeks."""
    months = (today.year - date_of_birth.year) * 12 + today.month - date_of_birth.month
    if today.day < date_of_birth.day:
        months -= 1
    if months >= 24:
        return f"{months // 12} years"
    if months >= 1:
        return f"{months} month{'s' if months != 1 else ''}"
    weeks = (today - date_of_birth).days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''}"


@dataclass(frozen=True)
class Record:
    person: Person
    relationships: list[RelatedPerson]
    addresses: list[Address]
    allocation: Allocation | None
    workers_last_year: int | None  # children only
    chronology: list[ChronologyEntry]
    case_notes: list[CaseNote]
    disabilities: list[str]
    age: str


def record_for(*, person: Person, chronology_limit: int = 50, notes_limit: int = 20) -> Record:
    """Everything the child's record page shows, in a fixed number of queries."""
    allocation: Any = current_allocation(child_id=person.pk) if person.is_child else None
    return Record(
        person=person,
        relationships=relationships_for(person=person),
        addresses=list(person.addresses.all()),
        allocation=allocation,
        workers_last_year=(
            workers_in_last_year(child_id=person.pk, today=clock.today())
            if person.is_child
            else None
        ),
        chronology=list(chronology_for(person=person)[:chronology_limit]),
        case_notes=list(case_notes_for(person=person)[:notes_limit]),
        disabilities=[d.get_code_display() for d in person.disabilities.all()],
        age=age_on(person.date_of_birth, clock.today()) if person.date_of_birth else "",
    )


def people_listed(*, ids: Iterable[Any]) -> dict[Any, Person]:
    """People by id with only what a list shows of them (name, date of birth, restriction):
    for lists and drill-downs that name many people and open no record."""
    return Person.objects.only(
        "id", "given_name", "family_name", "kind", "restricted", "date_of_birth"
    ).in_bulk(list(ids))
