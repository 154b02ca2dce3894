"""Recording a contact starts each child's 1-working-day decision clock; screening rates it."""

import datetime as dt
from functools import partial
from typing import Any

import pytest
import time_machine
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.casework.enums import ReferralSource
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.frontdoor.enums import CheckAgency, Consent, ContactStatus, Rag
from haven.frontdoor.models import ContactChild
from haven.frontdoor.selectors import decision_deadlines
from haven.frontdoor.services import check_request, check_return, contact_rag_set
from haven.frontdoor.tests.support import record, refused
from haven.people.models import ChronologyEntry

LONDON = clock.LONDON


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.mark.parametrize(
    "received_at",
    [
        at(2026, 3, 4),  # a Wednesday: Thursday
        at(2026, 3, 6, 16, 30),  # a Friday afternoon: Monday
        at(2026, 3, 7, 11),  # a Saturday: Monday is day 1, so Monday
        at(2026, 4, 2, 15),  # before Good Friday and Easter Monday: Tuesday 7 April
        at(2026, 5, 22),  # the Friday before the spring bank holiday: Tuesday 26 May
        at(2025, 12, 24, 12),  # Christmas Eve: 29 December
        at(2026, 3, 29, 0, 30),  # the night the clocks go forward
    ],
)
def test_two_siblings_open_two_deadlines_due_the_next_working_day(
    council: Any, received_at: dt.datetime
) -> None:
    with time_machine.travel(received_at + dt.timedelta(minutes=5), tick=False):
        contact = record(council, received_at, "allocated", "team")
    received_on = received_at.date()
    expected = working_days_after(received_on, 1)
    deadlines = list(decision_deadlines(contact=contact))
    assert sorted(d.child_id for d in deadlines) == sorted(
        [council.children["allocated"].pk, council.children["team"].pk]
    )
    for d in deadlines:
        assert (d.rule_id, d.status, d.due_on) == ("referral-decision", "open", expected)
        assert d.team == council.teams["front_door"]
        assert d.subject_type == "frontdoor.contact"
    assert contact.status == ContactStatus.AWAITING_SCREENING
    assert contact.rag == ""


def test_the_bank_holiday_expectations_really_skip_holidays() -> None:
    assert working_days_after(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)
    assert working_days_after(dt.date(2026, 5, 22), 1) == dt.date(2026, 5, 26)
    assert working_days_after(dt.date(2026, 3, 6), 1) == dt.date(2026, 3, 9)


def test_the_london_date_starts_the_clock_not_the_utc_date(council: Any) -> None:
    """00:30 on a summer Friday in London is still Thursday in UTC."""
    received_at = at(2026, 6, 5, 0, 30)
    assert received_at.astimezone(dt.UTC).date() == dt.date(2026, 6, 4)
    with time_machine.travel(received_at + dt.timedelta(hours=1), tick=False):
        contact = record(council, received_at, "allocated")
    assert {d.due_on for d in decision_deadlines(contact=contact)} == {dt.date(2026, 6, 8)}


def test_recording_audits_each_child_and_adds_to_their_chronology(council: Any) -> None:
    received_at = at(2026, 3, 4)
    with time_machine.travel(received_at, tick=False):
        contact = record(council, received_at, "allocated", "team")
    events = AuditEvent.objects.filter(verb=AuditVerb.CONTACT_RECORDED)
    assert sorted(e.person_id for e in events) == sorted(
        [council.children["allocated"].pk, council.children["team"].pk]
    )
    assert {(e.subject_type, e.subject_id, e.actor_id) for e in events} == {
        ("frontdoor.contact", str(contact.pk), council.users["mash_screener"].pk)
    }
    assert events[0].payload["source"] == ReferralSource.POLICE
    assert "concern" not in events[0].payload
    entries = ChronologyEntry.objects.filter(source_id=str(contact.pk))
    assert {(e.person_id, e.occurred_on, e.category) for e in entries} == {
        (council.children["allocated"].pk, dt.date(2026, 3, 4), "Contact"),
        (council.children["team"].pk, dt.date(2026, 3, 4), "Contact"),
    }
    assert AuditEvent.objects.filter(verb=AuditVerb.DEADLINE_OPENED).count() == 2


def test_the_same_child_twice_is_one_link(council: Any) -> None:
    received_at = at(2026, 3, 4)
    child = council.children["allocated"]
    with time_machine.travel(received_at, tick=False):
        contact = record(council, received_at, children=[child, child])
    assert ContactChild.objects.filter(contact=contact).count() == 1


@time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False)
def test_bad_contacts_are_refused_naming_the_field_and_writing_nothing(council: Any) -> None:
    now = at(2026, 3, 4, 11)
    adult = council.children["parent"]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"children": []}, "children"),
        ({"children": [adult]}, "children"),
        ({"children": [council.children["allocated"], adult]}, "children"),
        ({"received_at": at(2026, 3, 4, 13)}, "received_at"),
        ({"received_at": dt.datetime(2026, 3, 4, 9, 0)}, "received_at"),
        ({"concern": "   "}, "concern"),
        ({"consent": Consent.NOT_NEEDED}, "consent_reason"),
        ({"consent": Consent.NOT_NEEDED, "consent_reason": "  "}, "consent_reason"),
        ({"consent": "maybe"}, "consent"),
        ({"source": "11"}, "source"),
        ({"urgency": "whenever"}, "urgency"),
        ({"idempotency_key": "abc-1"}, "idempotency_key"),
    ]
    for fields, field in cases:
        call = {"received_at": now} | fields
        errors = refused(partial(record, council, **call))
        assert list(errors) == [field], fields


@time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False)
def test_consent_not_sought_because_of_risk_keeps_its_reason(council: Any) -> None:
    contact = record(
        council,
        at(2026, 3, 4, 11),
        consent=Consent.NOT_NEEDED,
        consent_reason=" Telling the father would put the children at risk ",
    )
    assert contact.consent_reason == "Telling the father would put the children at risk"


@time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False)
def test_a_partners_retried_submission_makes_no_second_contact(council: Any) -> None:
    police = council.users["partner_police"]
    first = record(
        council, at(2026, 3, 4, 11), actor=police, submitted_by_partner=police, idempotency_key="k1"
    )
    before = row_counts()
    again = record(
        council, at(2026, 3, 4, 11), actor=police, submitted_by_partner=police, idempotency_key="k1"
    )
    assert again.pk == first.pk
    assert row_counts() == before
    assert ContactChild.objects.filter(contact=first).count() == 2
    other = record(
        council, at(2026, 3, 4, 11), actor=police, submitted_by_partner=police, idempotency_key="k2"
    )
    assert other.pk != first.pk


@time_machine.travel(dt.datetime(2026, 3, 4, 12, 0, tzinfo=dt.UTC), tick=False)
def test_rating_and_checks_move_the_contact_into_screening(council: Any) -> None:
    screener = council.users["mash_screener"]
    contact = record(council, at(2026, 3, 4, 11))
    assert list(refused(lambda: contact_rag_set(actor=screener, contact=contact, rag="pink"))) == [
        "rag"
    ]
    contact = contact_rag_set(actor=screener, contact=contact, rag=Rag.AMBER)
    assert (contact.rag, contact.status, contact.screener) == (
        Rag.AMBER,
        ContactStatus.SCREENING,
        screener,
    )
    assert list(refused(lambda: contact_rag_set(actor=screener, contact=contact, rag="amber"))) == [
        "rag"
    ]
    contact = contact_rag_set(actor=screener, contact=contact, rag=Rag.RED)
    rated = AuditEvent.objects.filter(verb=AuditVerb.CONTACT_RAG_SET)
    assert sorted((e.payload["from"], e.payload["to"]) for e in rated) == [
        ("", "amber"),
        ("", "amber"),
        ("amber", "red"),
        ("amber", "red"),
    ]

    assert list(refused(lambda: check_request(actor=screener, contact=contact, agency="x"))) == [
        "agency"
    ]
    check = check_request(actor=screener, contact=contact, agency=CheckAgency.HEALTH)
    assert (check.returned_at, check.summary, check.requested_by) == (None, "", screener)
    for summary, returned_at, field in (
        ("", None, "summary"),
        ("Known to the health visitor", at(2026, 3, 4, 13), "returned_at"),
        ("Known to the health visitor", at(2026, 3, 4, 10), "returned_at"),
    ):
        errors = refused(
            partial(
                check_return, actor=screener, check=check, summary=summary, returned_at=returned_at
            )
        )
        assert list(errors) == [field]
    check = check_return(actor=screener, check=check, summary=" Known to the health visitor ")
    assert (check.summary, check.returned_at) == ("Known to the health visitor", clock.now())
    assert list(refused(lambda: check_return(actor=screener, check=check, summary="again"))) == [
        "returned_at"
    ]
    assert AuditEvent.objects.filter(verb=AuditVerb.CHECK_REQUESTED).count() == 2
    assert AuditEvent.objects.filter(verb=AuditVerb.CHECK_RETURNED).count() == 2
    assert {d.status for d in decision_deadlines(contact=contact)} == {DeadlineStatus.OPEN}
