"""Deciding a contact: meets the clocks and opens casework, all or nothing; then sign-off."""

import datetime as dt
from functools import partial
from typing import Any

import pytest
import time_machine
from conftest import make_user

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.models import CINEpisode, EarlyHelpEpisode
from haven.casework.services import referral_open
from haven.core import clock
from haven.core.errors import PermissionDenied
from haven.deadlines.enums import DeadlineStatus
from haven.frontdoor.enums import ContactOutcome, ContactStatus, Rag, ReferralRoute
from haven.frontdoor.models import Contact
from haven.frontdoor.selectors import (
    decision_deadlines,
    decisions_awaiting_sign_off,
    late_decisions,
)
from haven.frontdoor.services import contact_decide, contact_rag_set, decision_sign_off
from haven.frontdoor.services._common import children_of
from haven.frontdoor.tests.support import record, refused

LONDON = clock.LONDON
WEDNESDAY = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)


def rated(council: Any, received_at: dt.datetime = WEDNESDAY, *children: str) -> Contact:
    with time_machine.travel(received_at, tick=False):
        contact = record(council, received_at, *children)
        return contact_rag_set(actor=council.users["mash_screener"], contact=contact, rag=Rag.RED)


def refer(council: Any, contact: Contact, **kw: Any) -> Any:
    fields: dict[str, Any] = {
        "actor": council.users["mash_screener"],
        "contact": contact,
        "outcome": ContactOutcome.REFERRAL,
        "route": ReferralRoute.ASSESSMENT,
        "primary_need": PrimaryNeed.ABUSE_OR_NEGLECT,
        "reasons": "Repeated domestic abuse with the children present.",
    }
    return contact_decide(**(fields | kw))


@pytest.fixture
def mash_manager(council: Any) -> Any:
    return make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )


def test_a_referral_opens_an_episode_for_each_child_and_meets_their_clocks(council: Any) -> None:
    contact = rated(council)
    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=5), tick=False):
        decision = refer(council, contact)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED
    assert (decision.outcome, decision.route, decision.decided_by) == (
        ContactOutcome.REFERRAL,
        ReferralRoute.ASSESSMENT,
        council.users["mash_screener"],
    )
    deadlines = list(decision_deadlines(contact=contact))
    assert {(d.status, d.met_on) for d in deadlines} == {(DeadlineStatus.MET, dt.date(2026, 3, 4))}
    episodes = CINEpisode.objects.filter(contact_id=contact.pk)
    assert sorted(e.child_id for e in episodes) == sorted(
        [council.children["allocated"].pk, council.children["team"].pk]
    )
    assert {(e.referral_date, e.referral_source, e.primary_need) for e in episodes} == {
        (dt.date(2026, 3, 4), ReferralSource.POLICE, PrimaryNeed.ABUSE_OR_NEGLECT)
    }
    for verb in (AuditVerb.CONTACT_DECIDED, AuditVerb.DEADLINE_MET, AuditVerb.REFERRAL_OPENED):
        assert AuditEvent.objects.filter(verb=verb).count() == 2, verb
    assert late_decisions(since=dt.date(2026, 1, 1)).count() == 0


def test_a_late_referral_keeps_the_day_the_contact_was_received(council: Any) -> None:
    friday = dt.datetime(2026, 3, 6, 16, 0, tzinfo=LONDON)
    contact = rated(council, friday)
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=LONDON), tick=False):
        refer(council, contact)
    assert {e.referral_date for e in CINEpisode.objects.filter(contact_id=contact.pk)} == {
        dt.date(2026, 3, 6)
    }
    late = list(late_decisions(since=dt.date(2026, 3, 1)))
    assert [(d.due_on, d.met_on) for d in late] == [(dt.date(2026, 3, 9), dt.date(2026, 3, 10))] * 2
    assert late_decisions(since=dt.date(2026, 3, 11)).count() == 0


def test_early_help_starts_an_episode_for_each_child_on_the_decision_date(council: Any) -> None:
    contact = rated(council)
    with time_machine.travel(dt.datetime(2026, 3, 5, 9, 0, tzinfo=LONDON), tick=False):
        contact_decide(
            actor=council.users["mash_screener"],
            contact=contact,
            outcome=ContactOutcome.EARLY_HELP,
            reasons="Parents asking for help with the children's behaviour.",
        )
    episodes = EarlyHelpEpisode.objects.filter(contact_id=contact.pk)
    assert {(e.child_id, e.started_on) for e in episodes} == {
        (council.children["allocated"].pk, dt.date(2026, 3, 5)),
        (council.children["team"].pk, dt.date(2026, 3, 5)),
    }
    assert not CINEpisode.objects.exists()
    assert {d.met_on for d in decision_deadlines(contact=contact)} == {dt.date(2026, 3, 5)}


@pytest.mark.parametrize("outcome", [ContactOutcome.NFA, ContactOutcome.INFORMATION_AND_ADVICE])
def test_no_further_action_and_advice_just_close(council: Any, outcome: ContactOutcome) -> None:
    contact = rated(council)
    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=1), tick=False):
        contact_decide(
            actor=council.users["mash_screener"], contact=contact, outcome=outcome, reasons="Ok."
        )
    assert not CINEpisode.objects.exists()
    assert not EarlyHelpEpisode.objects.exists()
    assert {d.status for d in decision_deadlines(contact=contact)} == {DeadlineStatus.MET}


def test_bad_decisions_are_refused_naming_the_field_and_writing_nothing(council: Any) -> None:
    with time_machine.travel(WEDNESDAY, tick=False):
        unrated = record(council, WEDNESDAY)
    contact = rated(council, WEDNESDAY, "other_team")
    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=1), tick=False):
        assert list(refused(lambda: refer(council, unrated))) == ["rag"]
        cases: list[tuple[dict[str, Any], str]] = [
            ({"route": ""}, "route"),
            ({"route": "later"}, "route"),
            ({"primary_need": ""}, "primary_need"),
            ({"primary_need": "N12"}, "primary_need"),
            ({"reasons": "  "}, "reasons"),
            ({"outcome": "maybe"}, "outcome"),
            ({"outcome": ContactOutcome.NFA, "primary_need": ""}, "route"),
            ({"outcome": ContactOutcome.NFA, "route": ""}, "primary_need"),
        ]
        for fields, field in cases:
            assert list(refused(partial(refer, council, contact, **fields))) == [field], fields
        refer(council, contact)
        assert list(refused(lambda: refer(council, contact))) == ["outcome"]


def test_casework_refusing_one_child_undoes_the_whole_decision(council: Any) -> None:
    contact = rated(council)
    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=1), tick=False):
        referral_open(
            actor=council.users["social_worker"],
            child=council.children["team"],
            referral_date=dt.date(2026, 3, 1),
            source=ReferralSource.SCHOOLS,
            primary_need=PrimaryNeed.DYSFUNCTION,
        )
        errors = refused(lambda: refer(council, contact))
    assert list(errors) == ["outcome"]
    on_contact = [c.pk for c in children_of(contact)]
    position = on_contact.index(council.children["team"].pk) + 1
    assert errors["outcome"][0].startswith(f"Child {position} of 2 on this contact: ")
    assert "Tyler" not in " ".join(errors["outcome"])  # error messages never name a child
    contact.refresh_from_db()
    assert contact.status == ContactStatus.SCREENING
    assert {d.status for d in decision_deadlines(contact=contact)} == {DeadlineStatus.OPEN}


def test_sign_off_is_by_a_manager_other_than_the_decider(council: Any, mash_manager: Any) -> None:
    screener = council.users["mash_screener"]
    first, second = rated(council), rated(council, WEDNESDAY, "other_team")
    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=1), tick=False):
        assert list(refused(lambda: decision_sign_off(actor=mash_manager, contact=first))) == [
            "contact"
        ]
        refer(council, first)
        refer(council, second, actor=mash_manager)
        assert list(decisions_awaiting_sign_off()) == [first.decision, second.decision]
        with pytest.raises(PermissionDenied):
            decision_sign_off(actor=screener, contact=second)
        errors = refused(lambda: decision_sign_off(actor=mash_manager, contact=second))
        assert list(errors) == ["signed_off_by"]

    with time_machine.travel(WEDNESDAY + dt.timedelta(hours=2), tick=False):
        decision = decision_sign_off(actor=mash_manager, contact=first)
        assert (decision.signed_off_by, decision.signed_off_at) == (mash_manager, clock.now())
        again = refused(lambda: decision_sign_off(actor=mash_manager, contact=first))
    assert again["signed_off_by"] == [
        "This decision was already signed off by Mia Mash on 04 March 2026"
    ]
    first.refresh_from_db()
    assert first.status == ContactStatus.SIGNED_OFF
    assert list(decisions_awaiting_sign_off()) == [second.decision]
    assert AuditEvent.objects.filter(verb=AuditVerb.DECISION_SIGNED_OFF).count() == 2
