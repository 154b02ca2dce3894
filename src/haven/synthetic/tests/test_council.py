"""What a generated council must hold for the rest of Haven to trust it."""

import datetime as dt
import itertools
from collections import Counter
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.test import Client

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation, Worker
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.core import clock
from haven.deadlines.selectors import my_work
from haven.people import identifiers
from haven.people.enums import Disability, PersonKind, Sex
from haven.people.models import (
    Address,
    Person,
    PersonDisability,
    PersonSearchKey,
    Relationship,
    RestrictedAccess,
)
from haven.people.names import search_keys
from haven.people.selectors import SearchQuery, person_search
from haven.synthetic.personas import DEMO_PASSWORD, PERSONAS, SOCIAL_WORKER_CASELOAD
from haven.synthetic.selectors import persona_logins
from haven.synthetic.tests.conftest import FAST_HASHER, SMALL

pytestmark = pytest.mark.django_db


def test_the_requested_number_of_children_and_one_audit_event(council: dict[str, Any]) -> None:
    children = Person.objects.filter(kind=PersonKind.CHILD)
    assert children.count() == SMALL == council["children"]
    assert Person.objects.filter(kind=PersonKind.ADULT).count() == council["adults"]
    events = AuditEvent.objects.filter(verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED)
    assert events.count() == 1
    assert events.get().payload["allocations"] == Allocation.objects.count()


def test_identifiers_are_valid_and_unique(council: dict[str, Any]) -> None:
    people = list(Person.objects.values_list("upn", "nhs_number", "la_child_id"))
    upns = [u for u, _, _ in people if u]
    nhs = [n for _, n, _ in people if n]
    assert upns
    assert nhs
    for upn in upns:
        assert identifiers.validate_upn(upn) == upn
    for number in nhs:
        assert identifiers.validate_nhs_number(number) == number
    assert len(set(upns)) == len(upns)
    assert len(set(nhs)) == len(nhs)
    assert len({i for _, _, i in people}) == len(people)
    postcodes = set(Address.objects.values_list("postcode", flat=True))
    for postcode in postcodes:
        assert identifiers.validate_postcode(postcode) == postcode


def test_school_age_children_have_a_upn_or_a_reason(council: dict[str, Any]) -> None:
    today = clock.today()
    for child in Person.objects.filter(kind=PersonKind.CHILD, date_of_birth__isnull=False):
        assert child.date_of_birth is not None
        if (today - child.date_of_birth).days >= 6 * 366:
            assert child.upn or child.upn_unknown, child.la_child_id
        assert not (child.upn and child.upn_unknown)


def test_no_disability_is_never_combined(council: dict[str, Any]) -> None:
    codes: dict[Any, set[str]] = {}
    for person_id, code in PersonDisability.objects.values_list("person_id", "code"):
        codes.setdefault(person_id, set()).add(code)
    assert any(Disability.NONE in c for c in codes.values())
    assert any(Disability.NONE not in c for c in codes.values())
    for found in codes.values():
        assert Disability.NONE not in found or len(found) == 1


def test_every_born_child_has_an_address_and_the_unborn_have_none(
    council: dict[str, Any],
) -> None:
    born = Person.objects.filter(kind=PersonKind.CHILD, date_of_birth__isnull=False)
    assert not born.filter(addresses__isnull=True).exists()
    unborn = Person.objects.filter(kind=PersonKind.CHILD, date_of_birth__isnull=True)
    assert unborn.exists()
    for child in unborn:
        assert child.expected_date_of_birth is not None
        assert child.sex == Sex.UNKNOWN
        assert not child.addresses.exists()


def test_address_history_does_not_overlap(council: dict[str, Any]) -> None:
    for person_id in Address.objects.values_list("person_id", flat=True).distinct()[:200]:
        periods = sorted(
            Address.objects.filter(person_id=person_id).values_list("started_on", "ended_on")
        )
        assert sum(1 for _, end in periods if end is None) == 1
        for (_, end), (next_start, _) in itertools.pairwise(periods):
            assert end is not None
            assert end < next_start


def test_families_have_parents_with_parental_responsibility_and_siblings(
    council: dict[str, Any],
) -> None:
    types = Counter(Relationship.objects.values_list("type", flat=True))
    assert types["mother"]
    assert types["father"]
    assert types["sibling"]
    mothers = Relationship.objects.filter(type="mother")
    assert not mothers.filter(parental_responsibility=False).exists()
    for sibling in Relationship.objects.filter(type="sibling")[:50]:
        mothers_of = {
            frozenset(mothers.filter(to_person=p).values_list("from_person", flat=True))
            for p in (sibling.from_person_id, sibling.to_person_id)
        }
        assert len(mothers_of) == 1


def test_no_child_has_two_open_allocations(council: dict[str, Any]) -> None:
    open_allocations = Allocation.objects.filter(ended_on__isnull=True)
    assert open_allocations.exists()
    doubled = open_allocations.values("child").annotate(n=Count("id")).filter(n__gt=1)
    assert not doubled.exists()
    assert not open_allocations.filter(worker__ended_on__isnull=False).exists()
    for allocation in Allocation.objects.select_related("worker"):
        assert allocation.started_on >= allocation.worker.started_on
        assert allocation.team_id == allocation.worker.team_id
        assert allocation.ended_on is None or allocation.end_reason


def test_allocations_of_leavers_end_when_they_left_with_leftrl(council: dict[str, Any]) -> None:
    leavers = Worker.objects.filter(ended_on__isnull=False)
    assert leavers.exists()
    ended_by_leaving = 0
    for allocation in Allocation.objects.filter(worker__in=leavers).select_related("worker"):
        left = allocation.worker.ended_on
        assert left is not None
        assert allocation.ended_on is not None
        assert allocation.ended_on <= left
        if allocation.ended_on == left:
            assert allocation.end_reason == SWReason.LEFTRL
            ended_by_leaving += 1
    assert ended_by_leaving


def test_some_children_are_unaccompanied_or_restricted(council: dict[str, Any]) -> None:
    uasc = Person.objects.filter(uasc=True)
    assert uasc.exists()
    assert not Relationship.objects.filter(to_person__in=uasc, type="mother").exists()
    restricted = Person.objects.filter(restricted=True)
    assert restricted.exists()
    for person in restricted:
        assert person.restriction_reason
        assert RestrictedAccess.objects.filter(person=person).exists()


def test_search_keys_are_those_the_person_service_writes(council: dict[str, Any]) -> None:
    for person in Person.objects.all()[:300]:
        stored = set(PersonSearchKey.objects.filter(person=person).values_list("key", flat=True))
        expected = search_keys(person.given_name, person.family_name, tuple(person.other_names))
        assert stored == {k[:40] for k in expected}


def _misspell(name: str) -> str:
    """Leave out a letter in the middle: the slip people make when typing a name."""
    i = len(name) // 2
    return name[:i] + name[i + 1 :]


def test_fuzzy_search_finds_a_child_by_a_misspelt_name(council: dict[str, Any]) -> None:
    child = (
        Person.objects.filter(kind=PersonKind.CHILD, restricted=False, given_name__regex=r"^.{4,}$")
        .filter(family_name__regex=r"^[A-Za-z]{6,}$")
        .order_by("la_child_id")
        .first()
    )
    assert child is not None
    misspelt = _misspell(child.family_name)
    assert misspelt != child.family_name
    results = person_search(SearchQuery(name=f"{child.given_name} {misspelt}"))
    assert child.pk in {r.person.pk for r in results}


def test_personas_sign_in_with_the_printed_password(council: dict[str, Any], settings: Any) -> None:
    if FAST_HASHER not in settings.PASSWORD_HASHERS:
        settings.PASSWORD_HASHERS = [*settings.PASSWORD_HASHERS, FAST_HASHER]
    logins = persona_logins()
    assert {u for u, _, _ in logins} == {p.username for p in PERSONAS}
    for username, _, password in logins:
        assert password == DEMO_PASSWORD
        assert Client().login(username=username, password=password), username


def test_social_worker_has_a_caseload_in_the_team_manager_s_team(council: dict[str, Any]) -> None:
    worker = Worker.objects.get(user__username="social.worker")
    manager = Worker.objects.get(user__username="team.manager")
    assert manager.team_id == worker.team_id
    caseload = Allocation.objects.filter(worker=worker, ended_on__isnull=True)
    assert caseload.count() == SOCIAL_WORKER_CASELOAD
    assert set(caseload.values_list("team_id", flat=True)) == {worker.team_id}
    service = Worker.objects.get(user__username="service.manager")
    assert worker.team.path.startswith(service.team.path)


def test_social_worker_has_open_deadlines_one_overdue(council: dict[str, Any]) -> None:
    worker = Worker.objects.select_related("user").get(user__username="social.worker")
    items = my_work(user=worker.user, today=clock.today())
    assert len(items) >= 2
    assert any(item.overdue for item in items)
    assert any(not item.overdue for item in items)
    caseload = set(
        Allocation.objects.filter(worker=worker, ended_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    assert {item.deadline.child_id for item in items} <= caseload


def test_status_prints_a_summary(council: dict[str, Any]) -> None:
    out = StringIO()
    call_command("generate", "--status", stdout=out)
    line = out.getvalue().strip()
    assert "\n" not in line
    assert f"{council['children']:,} children" in line


def test_logins_prints_the_persona_table(council: dict[str, Any]) -> None:
    out = StringIO()
    call_command("generate", "--logins", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(PERSONAS) + 1
    for persona in PERSONAS:
        assert any(
            line.split()[0] == persona.username and line.endswith(DEMO_PASSWORD) for line in lines
        )


def test_history_reaches_back_years(council: dict[str, Any]) -> None:
    first = Allocation.objects.order_by("started_on").values_list("started_on", flat=True)[0]
    assert first < clock.today() - dt.timedelta(days=3 * 365)
