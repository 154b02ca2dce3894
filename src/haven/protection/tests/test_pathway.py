"""The pathway through its services: what each writes, and the DfE CIN census rules enforced
when the work is recorded, each refusal naming the field and the rule and writing nothing."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_user
from tests.support import row_counts

from haven.accounts.roles import Role
from haven.allocation.enums import CaseKind, JobRole
from haven.allocation.models import OpenCase
from haven.allocation.selectors import worker_for_user
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.casework.enums import ClosureReason
from haven.casework.services import episode_close, referral_open
from haven.core.errors import ValidationError
from haven.deadlines.selectors import my_work
from haven.people.models import ChronologyEntry
from haven.protection.enums import (
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    PlanKind,
    PreProceedingsOutcome,
    StrategyDecision,
)
from haven.protection.models import Plan
from haven.protection.selectors import child_protection, plan_detail
from haven.protection.services import (
    action_add,
    cin_plan_start,
    conference_record,
    is_quorate,
    outcome_add,
    plan_end,
    plan_finalise,
    pre_proceedings_decide,
    pre_proceedings_meeting_record,
    pre_proceedings_start,
    pre_proceedings_update,
    visit_record,
)

from .conftest import QUORATE, TODAY, discuss, enquiry_with_child_seen, icpc, refer

pytestmark = pytest.mark.django_db

DISCUSSED = dt.date(2025, 6, 2)
ICPC_ON = dt.date(2025, 6, 20)


def _refused(call: Any, field: str, *phrases: str) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as info:
        call()
    message = info.value.message_dict[field][0]
    for phrase in phrases:
        assert phrase in message, message
    assert row_counts() == before


def _cp_plan(council: Any) -> tuple[Any, Any, Plan]:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    icpc(sw, child, ICPC_ON)
    return sw, child, Plan.objects.get(child=child, ended_on__isnull=True)


def test_the_pathway_from_strategy_discussion_to_plan_is_recorded_and_audited(
    council: Any,
) -> None:
    _sw, child, plan = _cp_plan(council)
    record = child_protection(child_id=child.pk)
    discussion, enquiry, conference = (
        record.discussions[0],
        record.enquiries[0],
        record.conferences[0],
    )
    assert discussion.decision == StrategyDecision.SECTION_47
    assert {p.agency for p in discussion.participants.all()} == {"social_care", "police", "health"}
    assert enquiry.strategy_discussion == discussion
    assert enquiry.start_date == DISCUSSED
    assert (enquiry.child_seen_on, enquiry.seen_alone) == (DISCUSSED, True)
    # The ICPC concluded the enquiry that was still open.
    assert (enquiry.completed_on, enquiry.outcome, enquiry.icpc_not_required) == (
        ICPC_ON,
        "icpc",
        False,
    )
    assert conference.section47 == enquiry
    assert conference.quorate
    assert plan.initial_conference == conference
    assert (plan.kind, plan.initial_category, plan.latest_category) == ("cp", "NEG", "NEG")
    assert plan.previous_plans == 0
    verbs = set(AuditEvent.objects.filter(person_id=child.pk).values_list("verb", flat=True))
    assert {
        AuditVerb.STRATEGY_DISCUSSION_RECORDED,
        AuditVerb.S47_STARTED,
        AuditVerb.S47_UPDATED,
        AuditVerb.S47_COMPLETED,
        AuditVerb.CONFERENCE_RECORDED,
        AuditVerb.PLAN_STARTED,
    } <= verbs
    categories = set(
        ChronologyEntry.objects.filter(person=child).values_list("category", flat=True)
    )
    assert {"Strategy discussion", "Section 47 enquiry", "Conference", "Plan"} <= categories


def test_a_repeat_strategy_discussion_points_to_the_one_before(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    first = discuss(sw, child, DISCUSSED)
    repeat = discuss(
        sw, child, DISCUSSED + dt.timedelta(days=3), decision=StrategyDecision.NO_ENQUIRY
    )
    assert repeat.previous == first
    assert (repeat.is_repeat, first.is_repeat) == (True, False)
    _refused(
        lambda: discuss(sw, child, DISCUSSED + dt.timedelta(days=4)),
        "decision",
        "already under way",
    )


@pytest.mark.parametrize(
    ("changes", "field", "phrase"),
    [
        ({"participants": []}, "participants", "agencies and people"),
        ({"participants": [("nowhere", "X", "")]}, "participants", "Participant 1"),
        ({"information_shared": " "}, "information_shared", "information shared"),
        ({"decision": "maybe"}, "decision", "Choose"),
        ({"reasons": ""}, "reasons", "reasons"),
    ],
)
def test_a_strategy_discussion_needs_each_of_its_parts(
    council: Any, changes: dict[str, Any], field: str, phrase: str
) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    _refused(lambda: discuss(sw, child, DISCUSSED, **changes), field, phrase)


def test_nothing_is_recorded_on_a_closed_or_no_further_action_referral(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    referral_open(actor=sw, child=child, referral_date=dt.date(2025, 5, 1), source="6", nfa=True)
    _refused(lambda: discuss(sw, child, DISCUSSED), "child", "DfE rules 8565 and 8831")
    _refused(
        lambda: cin_plan_start(actor=sw, child=child, started_on=DISCUSSED),
        "child",
        "8565",
    )


def test_an_episode_with_an_open_plan_or_enquiry_cannot_close(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    episode = refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    manager = council.users["team_manager"]
    close = lambda: episode_close(  # noqa: E731
        actor=manager, episode=episode, closure_date=TODAY, reason=ClosureReason.SERVICES_CEASED
    )
    _refused(close, "closure_date", "section 47", "8565")
    icpc(sw, child, ICPC_ON)
    _refused(close, "closure_date", "plan", "8565")


def test_the_icpc_is_never_at_a_weekend_and_follows_an_enquiry(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    _refused(lambda: icpc(sw, child, ICPC_ON), "kind", "follows a section 47 enquiry")
    enquiry_with_child_seen(sw, child, DISCUSSED)
    _refused(lambda: icpc(sw, child, dt.date(2025, 6, 21)), "held_on", "weekend", "8875")
    _refused(lambda: icpc(sw, child, ICPC_ON, category="XYZ"), "category", "category")
    _refused(
        lambda: icpc(sw, child, ICPC_ON, decision=ConferenceDecision.NO_PLAN, category="NEG"),
        "category",
        "only with a plan",
    )


def test_an_enquiry_must_see_the_child_before_a_conference(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    discuss(sw, child, DISCUSSED)
    _refused(lambda: icpc(sw, child, ICPC_ON), "kind", "seeing the child")


def test_quorate_means_three_agencies_including_social_care() -> None:
    assert is_quorate(QUORATE)
    no_social_care = [
        (Agency.POLICE, "P", True, False),
        (Agency.HEALTH, "H", True, False),
        (Agency.EDUCATION, "E", True, False),
    ]
    assert not is_quorate(no_social_care)
    absent = [
        *QUORATE[:2],
        (Agency.EDUCATION, "Head", False, True),
        (Agency.FAMILY, "Mum", True, False),
    ]
    assert not is_quorate(absent)


def test_a_review_rates_every_outcome_and_the_review_date_follows_the_start(council: Any) -> None:
    sw, child, plan = _cp_plan(council)
    outcome = outcome_add(actor=sw, plan=plan, statement="Safe at home", baseline_score=2)

    def review(held: dt.date, ratings: dict[Any, Any]) -> Any:
        return conference_record(
            actor=sw,
            child=child,
            kind=ConferenceKind.REVIEW,
            held_on=held,
            attendance=QUORATE,
            child_views="ok",
            family_views="ok",
            decision=ConferenceDecision.PLAN,
            category=AbuseCategory.NEGLECT,
            ratings=ratings,
        )

    _refused(lambda: review(ICPC_ON, {outcome.pk: (4, "Better")}), "held_on", "8841")
    _refused(lambda: review(dt.date(2025, 9, 19), {}), f"rating_{outcome.pk}", "Outcome 1")
    _refused(
        lambda: review(dt.date(2025, 9, 19), {outcome.pk: (11, "x")}),
        f"rating_{outcome.pk}",
        "0 to 10",
    )
    _refused(
        lambda: review(dt.date(2025, 9, 19), {outcome.pk: (4, " ")}),
        f"rating_{outcome.pk}",
        "say why",
    )
    conference = review(dt.date(2025, 9, 19), {outcome.pk: (4, "Better")})
    assert conference.ratings.get().score == 4


def test_plans_never_overlap_and_moving_between_them_is_one_step(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    cin = cin_plan_start(actor=sw, child=child, started_on=dt.date(2025, 5, 1))
    _refused(
        lambda: cin_plan_start(actor=sw, child=child, started_on=dt.date(2025, 5, 2)),
        "kind",
        "already on a child in need plan",
    )
    # The ICPC steps the child up: the CIN plan ends the day the CP plan starts (4001, 4016).
    enquiry_with_child_seen(sw, child, DISCUSSED)
    icpc(sw, child, ICPC_ON)
    cin.refresh_from_db()
    cp = Plan.objects.get(child=child, ended_on__isnull=True)
    assert (cin.ended_on, cin.end_reason) == (ICPC_ON, PlanEndReason.STEPPED_UP)
    assert (cp.started_on, cp.kind) == (ICPC_ON, PlanKind.CHILD_PROTECTION)
    _refused(
        lambda: cin_plan_start(actor=sw, child=child, started_on=TODAY),
        "started_on",
        "4001",
    )
    # A review conference ends the CP plan and steps down to a CIN plan the same day.
    conference_record(
        actor=sw,
        child=child,
        kind=ConferenceKind.REVIEW,
        held_on=dt.date(2025, 9, 19),
        attendance=QUORATE,
        child_views="ok",
        family_views="ok",
        decision=ConferenceDecision.NO_PLAN,
        step_down_to_cin=True,
    )
    cp.refresh_from_db()
    step_down = Plan.objects.get(child=child, ended_on__isnull=True)
    assert (cp.ended_on, cp.end_reason) == (dt.date(2025, 9, 19), PlanEndReason.STEPPED_DOWN)
    assert (step_down.kind, step_down.started_on) == ("cin", dt.date(2025, 9, 19))
    plan_end(actor=sw, plan=step_down, ended_on=dt.date(2025, 10, 1), reason="no_longer_needed")
    # A new plan cannot start inside the last one (4016/4017).
    _refused(
        lambda: cin_plan_start(actor=sw, child=child, started_on=dt.date(2025, 9, 30)),
        "started_on",
        "4016",
    )


def test_a_child_protection_plan_does_not_start_and_end_on_one_day(council: Any) -> None:
    sw, _child, plan = _cp_plan(council)
    _refused(
        lambda: plan_end(actor=sw, plan=plan, ended_on=ICPC_ON, reason="moved"),
        "ended_on",
        "8840",
    )
    plan_end(actor=sw, plan=plan, ended_on=ICPC_ON + dt.timedelta(days=1), reason="moved")
    _refused(
        lambda: visit_record(
            actor=sw,
            plan=plan,
            visited_on=TODAY,
            child_seen=True,
            seen_alone=True,
            bedroom_seen=True,
            child_said="hi",
        ),
        "plan",
        "ended",
    )


def test_a_plan_is_finalised_only_when_every_outcome_has_owned_dated_actions(
    council: Any,
) -> None:
    sw, _child, plan = _cp_plan(council)
    _refused(
        lambda: plan_finalise(actor=sw, plan=plan, finalised_on=TODAY), "outcomes", "at least one"
    )
    first = outcome_add(actor=sw, plan=plan, statement="Home is safe", baseline_score=3)
    second = outcome_add(actor=sw, plan=plan, statement="At school daily", baseline_score=5)
    action_add(actor=sw, outcome=first, description="Parenting course", owner_agency="voluntary")
    action_add(actor=sw, outcome=second, description="Attendance plan", owner_user=sw)
    _refused(
        lambda: plan_finalise(actor=sw, plan=plan, finalised_on=TODAY),
        "outcomes",
        "Outcome 1 has an action with no target date",
        "Outcome 2 has an action with no target date",
    )
    for action in [*first.actions.all(), *second.actions.all()]:
        action.target_date = dt.date(2025, 8, 1)
        action.save()
    plan_finalise(actor=sw, plan=plan, finalised_on=TODAY)
    plan.refresh_from_db()
    assert plan.finalised_on == TODAY
    # Once final, a new action needs an owner and a date.
    _refused(
        lambda: action_add(actor=sw, outcome=first, description="More help"),
        "owner_agency",
        "owns this action",
    )


def test_outcomes_not_improving_over_two_reviews_are_highlighted(council: Any) -> None:
    sw, child, plan = _cp_plan(council)
    stuck = outcome_add(actor=sw, plan=plan, statement="Home is safe", baseline_score=4)
    better = outcome_add(actor=sw, plan=plan, statement="At school", baseline_score=4)
    for held, s_stuck, s_better in [(dt.date(2025, 9, 19), 4, 5), (dt.date(2025, 11, 28), 3, 7)]:
        conference_record(
            actor=sw,
            child=child,
            kind=ConferenceKind.REVIEW,
            held_on=held,
            attendance=QUORATE,
            child_views="ok",
            family_views="ok",
            decision=ConferenceDecision.PLAN,
            category=AbuseCategory.NEGLECT,
            ratings={stuck.pk: (s_stuck, "No change"), better.pk: (s_better, "Better")},
        )
    detail = plan_detail(plan=plan, today=TODAY)
    by_position = {t.outcome.position: t for t in detail.trajectories}
    assert by_position[1].scores == [4, 4, 3]
    assert by_position[1].stuck
    assert by_position[2].scores == [4, 5, 7]
    assert not by_position[2].stuck
    assert [t.outcome.pk for t in detail.stuck] == [stuck.pk]


def test_previous_plans_are_counted_and_the_national_flags_raised(council: Any) -> None:
    from haven.protection.selectors import plan_flags

    sw, child, first = _cp_plan(council)
    plan_end(actor=sw, plan=first, ended_on=dt.date(2025, 7, 1), reason="no_longer_needed")
    enquiry_with_child_seen(sw, child, dt.date(2025, 9, 1))
    icpc(sw, child, dt.date(2025, 9, 12), category=AbuseCategory.EMOTIONAL)
    second = Plan.objects.get(child=child, ended_on__isnull=True)
    assert second.previous_plans == 1
    plans = list(Plan.objects.filter(child=child))
    flags = plan_flags(second, plans, TODAY)
    assert flags.repeat_within_two_years
    assert not flags.over_two_years
    assert plan_flags(second, plans, dt.date(2027, 9, 12)).over_two_years
    assert not plan_flags(first, plans, TODAY).repeat_within_two_years


def test_child_protection_work_is_statutory_in_the_allocation_rules(council: Any) -> None:
    from haven.oversight.services import queue_allocate

    sw, child = council.users["social_worker"], council.children["unallocated"]
    refer(sw, child)
    enquiry = enquiry_with_child_seen(sw, child, DISCUSSED)
    assert OpenCase.objects.get(subject_id=str(enquiry.pk)).kind == CaseKind.CHILD_PROTECTION
    icpc(sw, child, ICPC_ON)
    plan = Plan.objects.get(child=child, ended_on__isnull=True)
    cases = OpenCase.objects.filter(child=child, closed_on__isnull=True)
    assert {c.kind for c in cases} == {CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION}
    assert cases.get(kind=CaseKind.CHILD_PROTECTION).subject_id == str(plan.pk)
    # A family support worker (not a registered social worker) cannot take the case.
    fsw = make_user(
        "fsw_protection",
        Role.SOCIAL_WORKER,
        team=council.teams["team_a"],
        job=JobRole.FAMILY_SUPPORT,
    )
    worker = worker_for_user(user=fsw)
    assert worker is not None
    with pytest.raises(ValidationError) as info:
        queue_allocate(
            actor=council.users["team_manager"], child=child, worker=worker, started_on=TODAY
        )
    assert "registered social worker" in str(info.value)


def test_plan_clocks_reach_the_allocated_workers_worklist(council: Any) -> None:
    sw, _child, _plan = _cp_plan(council)
    items = {i.deadline.rule_id: i for i in my_work(user=sw, today=TODAY)}
    assert {"cp-visit", "first-core-group", "cp-review-first"} <= set(items)
    # Nobody visited: the visit due 4 July 2025 shows as overdue on 1 December.
    assert items["cp-visit"].overdue


def test_pre_proceedings_follow_the_census_sequence(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    pp = pre_proceedings_start(actor=sw, child=child, started_on=dt.date(2025, 7, 1))
    _refused(
        lambda: pre_proceedings_start(actor=sw, child=child, started_on=dt.date(2025, 7, 2)),
        "started_on",
        "already",
    )
    _refused(
        lambda: pre_proceedings_update(
            actor=sw,
            pre_proceedings=pp,
            letter_sent_on=dt.date(2025, 6, 30),
            fgdm_offered=True,
            fgdm_held=False,
        ),
        "letter_sent_on",
        "9005",
    )
    _refused(
        lambda: pre_proceedings_update(
            actor=sw, pre_proceedings=pp, letter_sent_on=None, fgdm_offered=False, fgdm_held=True
        ),
        "fgdm_held",
        "offered",
    )
    pre_proceedings_update(
        actor=sw,
        pre_proceedings=pp,
        letter_sent_on=dt.date(2025, 7, 3),
        fgdm_offered=True,
        fgdm_held=True,
    )
    for on in (dt.date(2025, 7, 10), dt.date(2025, 8, 10), dt.date(2025, 9, 10)):
        pre_proceedings_meeting_record(actor=sw, pre_proceedings=pp, held_on=on)
    _refused(
        lambda: pre_proceedings_decide(
            actor=sw,
            pre_proceedings=pp,
            decision_on=dt.date(2025, 10, 1),
            outcome=PreProceedingsOutcome.STEP_DOWN,
            court_application_on=dt.date(2025, 10, 2),
        ),
        "court_application_on",
        "only with a decision to issue",
    )
    _refused(
        lambda: pre_proceedings_decide(
            actor=sw,
            pre_proceedings=pp,
            decision_on=dt.date(2025, 10, 1),
            outcome=PreProceedingsOutcome.ISSUE_PROCEEDINGS,
            court_application_on=dt.date(2025, 9, 30),
        ),
        "court_application_on",
        "9005",
    )
    pp = pre_proceedings_decide(
        actor=sw,
        pre_proceedings=pp,
        decision_on=dt.date(2025, 10, 1),
        outcome=PreProceedingsOutcome.ISSUE_PROCEEDINGS,
        court_application_on=dt.date(2025, 10, 3),
    )
    assert pp.meetings.count() - 1 == 2  # ReviewMeetingsCount
    assert not pp.is_open


def test_a_visit_records_what_the_child_said_and_the_bedroom(council: Any) -> None:
    sw, _child, plan = _cp_plan(council)
    _refused(
        lambda: visit_record(
            actor=sw,
            plan=plan,
            visited_on=dt.date(2025, 6, 27),
            child_seen=True,
            seen_alone=True,
            bedroom_seen=None,
            child_said="x",
        ),
        "bedroom_seen",
        "bedroom",
    )
    _refused(
        lambda: visit_record(
            actor=sw,
            plan=plan,
            visited_on=dt.date(2025, 6, 27),
            child_seen=True,
            seen_alone=True,
            bedroom_seen=True,
        ),
        "child_said",
        "what the child said",
    )
    visit = visit_record(
        actor=sw,
        plan=plan,
        visited_on=dt.date(2025, 6, 27),
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        child_said="I have my own bed now",
    )
    event = AuditEvent.objects.get(verb=AuditVerb.VISIT_RECORDED, subject_id=str(visit.pk))
    assert event.payload["bedroom_seen"] is True
    # What the child said stays on the record, not in the audit payload.
    assert "bed now" not in str(event.payload)


def test_stepping_down_can_carry_the_outcomes_into_the_new_plan(council: Any) -> None:
    sw, child, plan = _cp_plan(council)
    safe = outcome_add(actor=sw, plan=plan, statement="Home is safe", baseline_score=2)
    school = outcome_add(actor=sw, plan=plan, statement="At school daily", baseline_score=5)
    open_action = action_add(
        actor=sw,
        outcome=safe,
        description="Parenting course",
        owner_agency="voluntary",
        target_date=dt.date(2025, 12, 19),
    )
    done = action_add(actor=sw, outcome=safe, description="Referral to housing", owner_user=sw)
    done.completed_on = dt.date(2025, 7, 1)
    done.save()
    school.achieved_on = dt.date(2025, 9, 1)
    school.save()
    conference_record(
        actor=sw,
        child=child,
        kind=ConferenceKind.REVIEW,
        held_on=dt.date(2025, 9, 19),
        attendance=QUORATE,
        child_views="ok",
        family_views="ok",
        decision=ConferenceDecision.NO_PLAN,
        ratings={safe.pk: (6, "Much better")},
        step_down_to_cin=True,
        carry_outcomes=True,
    )
    cin = Plan.objects.get(child=child, ended_on__isnull=True)
    (carried,) = cin.outcomes.all()
    assert (carried.statement, carried.baseline_score, carried.position) == ("Home is safe", 6, 1)
    (action,) = carried.actions.all()
    assert (action.description, action.owner_agency, action.target_date) == (
        open_action.description,
        "voluntary",
        dt.date(2025, 12, 19),
    )
    assert cin.finalised_on is None
    # The old plan's outcomes and their history stay where they were.
    assert safe.ratings.get().score == 6
    assert plan.outcomes.count() == 2
