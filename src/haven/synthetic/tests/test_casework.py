"""The generated front door and casework history: DfE rules kept, rates near the calibration."""

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from haven.accounts.roles import Role
from haven.allocation.enums import CaseKind
from haven.allocation.models import Allocation, OpenCase
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.casework.enums import NEEDS_ASSESSMENT, ClosureReason, EarlyHelpClosureReason
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode, IdentifiedFactor
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import UNDECIDED, ContactOutcome, Rag
from haven.frontdoor.models import AgencyCheck, Contact, ContactChild, ContactDecision
from haven.frontdoor.selectors import decisions_awaiting_sign_off, screening_queue
from haven.synthetic import calibration as cal
from haven.synthetic.generator import generate
from haven.synthetic.tests.conftest import FAST_HASHER
from haven.timescales.calendar import default_calendar
from haven.timescales.rereferral import is_re_referral

pytestmark = pytest.mark.django_db

#: Enough referrals (about 1,500) for the rates to settle near their targets.
CHILDREN = 1_000
#: How far a rate may sit from its national figure: the council is a sample of one.
TOLERANCE = 0.05


@pytest.fixture(scope="module")
def council(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        summary = generate(scale="demo", seed=7, children=CHILDREN)
        yield summary
        transaction.set_rollback(True)


def test_every_cin_episode_keeps_the_dfe_rules(council: dict[str, Any]) -> None:
    assessed = set(Assessment.objects.values_list("episode_id", flat=True))
    episodes = list(CINEpisode.objects.all())
    assert len(episodes) == council["cin_episodes"]
    open_per_child: Counter[Any] = Counter()
    for e in episodes:
        # 8805/8810: closure date if and only if a reason; on or after the referral.
        assert (e.closure_date is None) == (e.closure_reason == ""), e.pk
        assert e.closure_date is None or e.closure_date >= e.referral_date
        # 8825Q: RC8/RC9 only after an assessment.
        if e.closure_reason in NEEDS_ASSESSMENT:
            assert e.pk in assessed, e.pk
        # 8610: a primary need unless NFA; an NFA referral is closed the same day with RC7
        # and has no assessment (8831).
        if e.referral_nfa:
            assert e.closure_date == e.referral_date
            assert e.closure_reason == ClosureReason.SERVICES_CEASED
            assert e.pk not in assessed
        else:
            assert e.primary_need
        if e.closure_date is None:
            open_per_child[e.child_id] += 1
    assert open_per_child
    assert max(open_per_child.values()) == 1  # 8815
    reasons = Counter(e.closure_reason for e in episodes)
    for code in ("RC7", "RC8", "RC9"):
        assert reasons[code], code
    assert any(e.referral_nfa for e in episodes)


def test_assessments_keep_the_dfe_rules(council: dict[str, Any]) -> None:
    factors: dict[Any, list[str]] = defaultdict(list)
    for assessment_id, code in IdentifiedFactor.objects.values_list("assessment_id", "code"):
        factors[assessment_id].append(code)
    assessments = list(Assessment.objects.select_related("episode"))
    assert assessments
    for a in assessments:
        e = a.episode
        assert a.child_id == e.child_id
        assert a.start_date >= e.referral_date
        if e.closure_date is not None:  # 8565: nothing after closure
            for d in (a.start_date, a.child_seen_on, a.completed_on, a.authorised_on):
                assert d is None or d <= e.closure_date, a.pk
        codes = factors.get(a.pk, [])
        if a.authorised_on is not None:
            assert a.completed_on is not None
            assert a.authorised_by_id is not None
            assert codes, a.pk  # 8897Q
        if a.completed_on is None:
            assert not codes
        assert "21" not in codes or codes == ["21"]  # 8869
        assert not {"18A", "19A"} & set(codes)
        assert len(codes) <= 3
    assert any(f == ["21"] for f in factors.values())
    assert any(len(f) > 1 for f in factors.values())
    # Open episodes still being assessed have the 45-working-day clock running.
    in_progress = [a for a in assessments if a.authorised_on is None and a.episode.is_open]
    assert in_progress
    open_clocks = set(
        Deadline.objects.filter(
            rule_id="child-and-family-assessment",
            status=DeadlineStatus.OPEN,
            subject_type="casework.cinepisode",
        ).values_list("subject_id", flat=True)
    )
    for a in in_progress:
        assert str(a.episode_id) in open_clocks
    # A running clock belongs to the child's current worker, when there is one.
    current = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", "worker__user_id")
    )
    clocks = Deadline.objects.filter(
        rule_id="child-and-family-assessment", subject_type="casework.cinepisode"
    )
    assert clocks.filter(assignee__isnull=False).exists()
    for child_id, assignee_id in clocks.values_list("child_id", "assignee_id"):
        assert assignee_id is None or (child_id, assignee_id) in current


def test_re_referrals_are_computed_and_near_the_national_rate(council: dict[str, Any]) -> None:
    by_child: dict[Any, list[CINEpisode]] = defaultdict(list)
    for e in CINEpisode.objects.order_by("referral_date", "closure_date"):
        by_child[e.child_id].append(e)
    for episodes in by_child.values():
        for i, e in enumerate(episodes):
            earlier = [p.referral_date for p in episodes[:i]]
            assert e.is_re_referral == is_re_referral(e.referral_date, earlier), e.pk
    flags = [e.is_re_referral for es in by_child.values() for e in es]
    share = sum(flags) / len(flags)
    assert abs(share - cal.RE_REFERRAL_SHARE) <= TOLERANCE, share
    nfa = CINEpisode.objects.filter(referral_nfa=True).count() / len(flags)
    assert abs(nfa - cal.REFERRAL_NFA_SHARE) <= TOLERANCE, nfa
    # Assessed "not in need" (RC8/RC9) among referrals whose outcome is known (closed).
    closed = CINEpisode.objects.filter(closure_date__isnull=False)
    not_in_need = closed.filter(closure_reason__in=NEEDS_ASSESSMENT).count() / closed.count()
    assert abs(not_in_need - cal.ASSESSED_NOT_IN_NEED) <= TOLERANCE, not_in_need


def test_assessments_authorised_within_45_working_days_near_the_national_rate(
    council: dict[str, Any],
) -> None:
    calendar = default_calendar()
    pairs = list(
        Assessment.objects.filter(authorised_on__isnull=False).values_list(
            "episode__referral_date", "authorised_on"
        )
    )
    assert len(pairs) > 500
    within = sum(
        a is not None and calendar.working_days_between(r, a) <= 45 for r, a in pairs
    ) / len(pairs)
    assert abs(within - cal.ASSESSED_WITHIN_45) <= TOLERANCE, within


def test_every_referral_has_its_contact(council: dict[str, Any]) -> None:
    contacts = {c.pk: c for c in Contact.objects.select_related("decision")}
    on_contact = set(ContactChild.objects.values_list("contact_id", "child_id"))
    for e in CINEpisode.objects.all():
        assert e.contact_id is not None
        contact = contacts[e.contact_id]
        assert (e.contact_id, e.child_id) in on_contact
        assert clock.local_date(contact.received_at) == e.referral_date
        assert contact.source == e.referral_source
        assert contact.decision.outcome == ContactOutcome.REFERRAL
    decided = Counter(ContactDecision.objects.values_list("outcome", flat=True))
    for outcome in ContactOutcome.values:
        assert decided[outcome], outcome
    conversion = decided[ContactOutcome.REFERRAL] / sum(decided.values())
    assert 0.3 <= conversion <= 0.6, conversion
    sources = Counter(Contact.objects.values_list("source", flat=True)).most_common(2)
    assert [s for s, _ in sources] == ["6", "2A"]  # police, then schools
    assert AgencyCheck.objects.filter(returned_at__isnull=False).exists()


def test_decisions_are_made_and_signed_off_by_the_front_door(council: dict[str, Any]) -> None:
    decisions = list(ContactDecision.objects.select_related("decided_by", "signed_off_by"))
    front_door = {Role.MASH_SCREENER, Role.MASH_MANAGER}
    for d in decisions:
        assert d.decided_by.role in front_door
        assert d.reasons
        if d.signed_off_by is not None:
            assert d.signed_off_by.role == Role.MASH_MANAGER
            assert d.signed_off_by_id != d.decided_by_id
            assert d.signed_off_at is not None
            assert d.signed_off_at >= d.decided_at
    signed = sum(d.signed_off_by_id is not None for d in decisions) / len(decisions)
    assert signed > 0.8


def test_early_help_follows_decisions_and_step_downs_and_some_step_up(
    council: dict[str, Any],
) -> None:
    episodes = list(EarlyHelpEpisode.objects.select_related("stepped_up_episode"))
    assert episodes
    open_per_child = Counter(e.child_id for e in episodes if e.closed_on is None)
    assert not open_per_child or max(open_per_child.values()) == 1
    stepped_up = [e for e in episodes if e.closure_reason == EarlyHelpClosureReason.STEPPED_UP]
    assert stepped_up
    for e in stepped_up:
        assert e.stepped_up_episode is not None
        assert e.stepped_up_episode.child_id == e.child_id
        assert e.closed_on == e.stepped_up_episode.referral_date
    by_child: dict[Any, list[EarlyHelpEpisode]] = defaultdict(list)
    for e in episodes:
        by_child[e.child_id].append(e)
    for runs in by_child.values():
        runs.sort(key=lambda e: e.started_on)
        for a, b in itertools.pairwise(runs):
            assert a.closed_on is not None
            assert a.closed_on <= b.started_on
    assert any(e.contact_id is None for e in episodes)  # step-downs after assessment (RC9)
    assert any(e.contact_id is not None for e in episodes)  # front-door decisions


def test_the_front_door_queue_has_open_contacts_some_overdue(council: dict[str, Any]) -> None:
    today = clock.today()
    items = screening_queue(now=clock.now())
    assert len(items) >= 5
    for item in items:
        assert item.contact.status in UNDECIDED
        assert item.children
        assert item.due_on is not None
        assert clock.local_date(item.contact.received_at) <= today
    assert any(item.due_on is not None and item.due_on < today for item in items)
    assert any(item.due_on is not None and item.due_on >= today for item in items)
    rags = {item.contact.rag for item in items}
    assert {"", Rag.RED} <= rags
    assert rags & {Rag.AMBER, Rag.GREEN}
    open_decisions = Deadline.objects.filter(
        rule_id="referral-decision", status=DeadlineStatus.OPEN, subject_type="frontdoor.contact"
    )
    undecided = Contact.objects.filter(status__in=UNDECIDED)
    assert open_decisions.count() == ContactChild.objects.filter(contact__in=undecided).count()
    assert not ContactDecision.objects.filter(contact__in=undecided).exists()


def test_the_audit_event_counts_the_new_records(council: dict[str, Any]) -> None:
    payload = AuditEvent.objects.get(verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED).payload
    assert payload["contacts"] == Contact.objects.count()
    assert payload["contact_children"] == ContactChild.objects.count()
    assert payload["cin_episodes"] == CINEpisode.objects.count()
    assert payload["assessments"] == Assessment.objects.count()
    assert payload["early_help_episodes"] == EarlyHelpEpisode.objects.count()
    assert payload["contacts_awaiting_decision"] == (
        Contact.objects.filter(status__in=UNDECIDED).count()
    )
    per_contact = ContactChild.objects.values("contact").annotate(n=Count("id"))
    assert max(row["n"] for row in per_contact) > 1  # brothers and sisters on one contact
    assert dt.date.fromisoformat(payload["as_of"]) == clock.today()


def test_only_recent_decisions_await_sign_off(council: dict[str, Any]) -> None:
    """A manager's sign-off backlog is a fortnight deep, not years."""
    waiting = list(decisions_awaiting_sign_off())
    oldest = min((d.decided_at for d in waiting), default=None)
    assert oldest is None or oldest > clock.now() - dt.timedelta(days=15)


def test_each_referral_that_needs_a_worker_has_its_case(council: dict[str, Any]) -> None:
    """As ``referral_open`` does: a case for every referral but the NFA ones, open while the
    episode is."""
    cases = {c.subject_id: c for c in OpenCase.objects.filter(subject_type="casework.cinepisode")}
    episodes = list(CINEpisode.objects.filter(referral_nfa=False))
    assert len(cases) == len(episodes)
    for e in episodes:
        case = cases[str(e.pk)]
        assert (case.child_id, case.kind, case.opened_on) == (
            e.child_id,
            CaseKind.CHILD_IN_NEED,
            e.referral_date,
        )
        assert case.closed_on == e.closure_date
