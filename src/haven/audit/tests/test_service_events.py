"""Every service write leaves an audit event: the verb, who did it, whose record, and what."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine

from haven.allocation.enums import SWReason
from haven.allocation.services import allocation_end, allocation_start, worker_leave
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_move, deadline_open
from haven.people.enums import CaseNoteKind, PersonKind, RelationshipType, RestrictionReason, Sex
from haven.people.services import (
    address_add,
    break_glass,
    case_note_add,
    person_create,
    person_restrict,
    person_update,
    relationship_add,
)

TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)  # a Monday


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def new_events(action: Callable[[], Any]) -> tuple[Any, list[AuditEvent]]:
    """Run ``action``; return its result and the audit events it wrote (in no set order: the
    clock is frozen, so they share a timestamp)."""
    before = set(AuditEvent.objects.values_list("pk", flat=True))
    result = action()
    return result, [e for e in AuditEvent.objects.all() if e.pk not in before]


def verbs(events: list[AuditEvent]) -> list[str]:
    return sorted(e.verb for e in events)


def only(events: list[AuditEvent], verb: AuditVerb) -> AuditEvent:
    matching = [e for e in events if e.verb == verb]
    assert len(matching) == 1, [e.verb for e in events]
    return matching[0]


def test_person_create(council: Any) -> None:
    sw = council.users["social_worker"]
    person, events = new_events(
        lambda: person_create(
            actor=sw,
            given_name="Ruby",
            family_name="Stone",
            date_of_birth=dt.date(2019, 4, 1),
            sex=Sex.FEMALE,
            nhs_number="943 476 5919",
        )
    )
    event = only(events, AuditVerb.PERSON_CREATED)
    assert (event.actor, event.person_id) == (sw, person.pk)
    assert (event.subject_type, event.subject_id) == ("people.person", str(person.pk))
    assert event.payload["kind"] == "child"
    assert set(event.payload["fields"]) == {
        "given_name",
        "family_name",
        "date_of_birth",
        "sex",
        "nhs_number",
    }
    assert "Ruby" not in str(event.payload)


def test_person_update_records_what_changed(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    _, events = new_events(
        lambda: person_update(
            actor=sw, person=child, family_name="Hart-Jones", first_language="Welsh"
        )
    )
    event = only(events, AuditVerb.PERSON_UPDATED)
    assert (event.actor, event.person_id) == (sw, child.pk)
    assert event.payload == {
        "changed": {"family_name": ["Hart", "Hart-Jones"], "first_language": ["", "Welsh"]}
    }


def test_relationship_add_is_on_both_records(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    father = person_create(
        actor=sw, kind=PersonKind.ADULT, given_name="Dan", family_name="Hart", sex=Sex.MALE
    )
    rel, events = new_events(
        lambda: relationship_add(
            actor=sw, from_person=father, to_person=child, type=RelationshipType.FATHER
        )
    )
    assert verbs(events) == [AuditVerb.RELATIONSHIP_ADDED] * 2
    assert {e.person_id for e in events} == {father.pk, child.pk}
    assert {e.actor for e in events} == {sw}
    assert events[0].payload == {
        "from": str(father.pk),
        "to": str(child.pk),
        "type": "father",
        "parental_responsibility": True,
    }
    assert events[0].subject_id == str(rel.pk)


def test_address_add_keeps_only_the_district(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    address_add(
        actor=sw,
        person=child,
        line_1="1 Old Road",
        town="Kettering",
        postcode="NN16 0AA",
        started_on=dt.date(2025, 1, 1),
    )
    _, events = new_events(
        lambda: address_add(
            actor=sw,
            person=child,
            line_1="12 Elm Road",
            town="Northampton",
            postcode="nn15ab",
            started_on=dt.date(2026, 2, 1),
        )
    )
    assert verbs(events) == sorted([AuditVerb.ADDRESS_ENDED, AuditVerb.ADDRESS_ADDED])
    added = only(events, AuditVerb.ADDRESS_ADDED)
    assert (added.actor, added.person_id) == (sw, child.pk)
    assert added.payload == {"postcode_district": "NN1", "started_on": "2026-02-01"}
    assert "Elm" not in str(added.payload)


def test_case_note_add_and_its_chronology_entry(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    note, events = new_events(
        lambda: case_note_add(
            actor=sw,
            person=child,
            kind=CaseNoteKind.VISIT,
            occurred_on=dt.date(2026, 3, 2),
            subject="Home visit",
            body="Seen alone in her bedroom.",
            significant=True,
        )
    )
    assert verbs(events) == sorted([AuditVerb.CASE_NOTE_ADDED, AuditVerb.CHRONOLOGY_ENTRY_ADDED])
    event = only(events, AuditVerb.CASE_NOTE_ADDED)
    assert (event.actor, event.person_id, event.subject_id) == (sw, child.pk, str(note.pk))
    assert event.payload == {"kind": "visit", "occurred_on": "2026-03-02", "significant": True}
    assert "bedroom" not in str(event.payload)


def test_allocation_start_and_end(council: Any) -> None:
    tm, child = council.users["team_manager"], council.children["allocated"]
    colleague = council.users["colleague"]
    new, events = new_events(
        lambda: allocation_start(
            actor=tm,
            child=child,
            worker=colleague.worker,
            started_on=dt.date(2026, 3, 2),
            change_reason=SWReason.MANAGE,
        )
    )
    assert verbs(events) == sorted([AuditVerb.ALLOCATION_ENDED, AuditVerb.ALLOCATION_STARTED])
    ended = only(events, AuditVerb.ALLOCATION_ENDED)
    started = only(events, AuditVerb.ALLOCATION_STARTED)
    assert ended.payload == {"ended_on": "2026-03-02", "reason": "MANAGE"}
    assert started.payload["worker"] == str(colleague.worker.pk)
    assert {(e.actor, e.person_id) for e in events} == {(tm, child.pk)}
    _, events = new_events(
        lambda: allocation_end(
            actor=tm, allocation=new, ended_on=dt.date(2026, 3, 2), reason=SWReason.OTHERS
        )
    )
    assert only(events, AuditVerb.ALLOCATION_ENDED).payload["reason"] == "OTHERS"


def test_worker_leave_ends_their_allocations(council: Any) -> None:
    tm, sw = council.users["team_manager"], council.users["social_worker"]
    _, events = new_events(
        lambda: worker_leave(actor=tm, worker=sw.worker, ended_on=dt.date(2026, 2, 27))
    )
    left = only(events, AuditVerb.WORKER_LEFT)
    assert (left.actor, left.subject_id) == (tm, str(sw.worker.pk))
    ended = [e for e in events if e.verb == AuditVerb.ALLOCATION_ENDED]
    assert {e.person_id for e in ended} == {
        council.children["allocated"].pk,
        council.children["restricted"].pk,
    }
    assert {e.payload["reason"] for e in ended} == {"LEFTRL"}


def test_deadline_open_meet_move_cancel(council: Any) -> None:
    tm, child = council.users["team_manager"], council.children["allocated"]
    team = council.teams["team_a"]

    def open_one() -> Any:
        return deadline_open(
            actor=tm, child=child, rule_id="referral-decision", start=dt.date(2026, 3, 2), team=team
        )

    first, events = new_events(open_one)
    opened = only(events, AuditVerb.DEADLINE_OPENED)
    assert (opened.actor, opened.person_id) == (tm, child.pk)
    assert opened.payload == {
        "rule": "referral-decision",
        "version": 1,
        "start": "2026-03-02",
        "due_on": "2026-03-03",
    }
    _, events = new_events(
        lambda: deadline_move(
            actor=tm, deadline=first, due_on=dt.date(2026, 3, 5), reason="Interpreter needed"
        )
    )
    assert only(events, AuditVerb.DEADLINE_MOVED).payload == {
        "from": "2026-03-03",
        "to": "2026-03-05",
        "reason": "Interpreter needed",
    }
    _, events = new_events(
        lambda: deadline_meet(actor=tm, deadline=first, met_on=dt.date(2026, 3, 4))
    )
    assert only(events, AuditVerb.DEADLINE_MET).payload == {"met_on": "2026-03-04", "late": False}
    second = open_one()
    _, events = new_events(
        lambda: deadline_cancel(actor=tm, deadline=second, reason="Opened twice by mistake")
    )
    cancelled = only(events, AuditVerb.DEADLINE_CANCELLED)
    assert (cancelled.person_id, cancelled.payload) == (
        child.pk,
        {"reason": "Opened twice by mistake"},
    )


def test_break_glass_and_restriction(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["in_care"]
    sm = council.users["service_manager"]
    grant, events = new_events(
        lambda: break_glass(actor=sw, person=child, reason="Police asking where Isla is")
    )
    event = only(events, AuditVerb.BREAK_GLASS)
    assert (event.actor, event.person_id, event.subject_id) == (sw, child.pk, str(grant.pk))
    assert event.payload == {"reason": "Police asking where Isla is", "minutes": 60}

    _, events = new_events(
        lambda: person_restrict(
            actor=sm, person=child, reason=RestrictionReason.HIGH_PROFILE, named_users=[sw]
        )
    )
    restricted = only(events, AuditVerb.PERSON_RESTRICTED)
    assert (restricted.actor, restricted.person_id) == (sm, child.pk)
    assert restricted.payload == {"reason": "high_profile"}
    granted = [e for e in events if e.verb == AuditVerb.RESTRICTED_ACCESS_GRANTED]
    assert {e.payload["user"] for e in granted} == {str(sw.pk), str(sm.pk)}
