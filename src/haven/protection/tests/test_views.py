"""The core protection pages: the child's protection record, strategy discussions, section 47
enquiries, conferences and plans. Each page's GET and POST, who is refused, and what a refusal
leaves behind."""

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.audit.models import AccessEvent
from haven.protection.enums import (
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanKind,
    StrategyDecision,
)
from haven.protection.models import (
    Conference,
    OutcomeRating,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)
from haven.protection.services import action_add, conference_record, outcome_add, plan_end

from .conftest import (
    QUORATE,
    REFERRED,
    assert_refused_with_errors,
    client_for,
    cp_plan_from,
    date,
    discuss,
    enquiry_with_child_seen,
    icpc,
    reads,
    refer,
    url,
)

pytestmark = pytest.mark.django_db

NAMES = ("amelia", "hart", "okafor", "olivia")
DISCUSSED = dt.date(2025, 3, 10)  # a Monday, a week after the referral
ICPC_ON = dt.date(2025, 3, 24)  # a Monday
REVIEWS = (dt.date(2025, 6, 23), dt.date(2025, 9, 22))  # Mondays
NO_ACCESS = "You do not have access to this record"


def assert_no_names(text: str) -> None:
    assert not names_in(text, NAMES), text


def review(actor: Any, child: Any, on: dt.date, ratings: dict[Any, tuple[int, str]]) -> Any:
    return conference_record(
        actor=actor,
        child=child,
        kind=ConferenceKind.REVIEW,
        held_on=on,
        attendance=QUORATE,
        child_views="Wants to stay at home",
        family_views="Working with the plan",
        decision=ConferenceDecision.PLAN,
        category=AbuseCategory.NEGLECT,
        ratings=ratings,
    )


@pytest.fixture
def sw(council: Any) -> Any:
    return council.users["social_worker"]


@pytest.fixture
def iro(council: Any) -> Any:
    return council.users["iro"]


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["allocated"]


@pytest.fixture
def plan(sw: Any, child: Any) -> Plan:
    """A child protection plan for neglect from the initial conference on 24 March 2025."""
    refer(sw, child)
    return cp_plan_from(sw, child, DISCUSSED, ICPC_ON)


@pytest.fixture
def reviewed(sw: Any, iro: Any, child: Any, plan: Plan) -> tuple[PlanOutcome, PlanOutcome]:
    """Two outcomes reviewed twice: the first not improving (4, 4, 3), the second better."""
    stuck = outcome_add(actor=sw, plan=plan, statement="Home is warm and clean", baseline_score=4)
    better = outcome_add(actor=sw, plan=plan, statement="Gets to school", baseline_score=2)
    for outcome in (stuck, better):
        action_add(
            actor=sw,
            outcome=outcome,
            description="Weekly family support",
            owner_agency=Agency.VOLUNTARY,
            owner_name="Family Action",
            target_date=dt.date(2025, 5, 30),
        )
    for on, s, b in [(REVIEWS[0], 4, 4), (REVIEWS[1], 3, 6)]:
        review(iro, child, on, {stuck.pk: (s, f"Stuck at {s}"), better.pk: (b, f"Up to {b}")})
    return stuck, better


# The child's protection record


def test_the_record_shows_discussions_enquiries_conferences_and_plans(
    sw: Any, child: Any, plan: Plan
) -> None:
    discuss(sw, child, dt.date(2025, 3, 20), decision=StrategyDecision.NO_ENQUIRY)
    page = client_for(sw).get(url("child", child_id=child.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Strategy discussion 10 March 2025 at 10am" in html
    assert re.search(
        r"Strategy discussion 20 March 2025 at 10am <strong[^>]*>Repeat</strong>", html
    )
    assert "DC Police, Child abuse investigation team: Police" in html
    assert "Section 47 enquiry started 10 March 2025" in html
    enquiry = Section47Enquiry.objects.get(child=child)
    assert f"{enquiry.icpc_target.day} March 2025" in html  # the ICPC target
    assert "10 March 2025, seen alone" in html
    assert "Initial child protection conference 24 March 2025" in html
    assert 'Quorate</dt><dd class="govuk-summary-list__value">Yes' in html
    assert "Child protection plan from 24 March 2025" in html
    assert "Initial: Neglect" in html
    assert "Previous child protection plans" in html
    assert url("plan", plan_id=plan.pk) in html
    # The worker records discussions but not conferences; the plan is open, so no CIN plan.
    assert url("strategy-discussion-new", child_id=child.pk) in html
    assert "kind=review" not in html
    assert url("cin-plan-new", child_id=child.pk) not in html
    assert reads(child, "protection.child") == 1


def test_a_manager_sees_the_conference_buttons(council: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    html = client_for(council.users["team_manager"]).get(url("child", child_id=child.pk))
    assert f"{url('conference-new', child_id=child.pk)}?kind=initial" in html.content.decode()


def test_a_plan_of_two_years_or_more_is_flagged(sw: Any, child: Any) -> None:
    refer(sw, child, on=dt.date(2023, 9, 4))
    cp_plan_from(sw, child, dt.date(2023, 9, 11), dt.date(2023, 9, 25))
    html = client_for(sw).get(url("child", child_id=child.pk)).content.decode()
    assert "On a plan 2 years or more" in html
    assert "Second plan within 2 years" not in html


def test_a_second_plan_within_two_years_is_flagged(sw: Any, child: Any, plan: Plan) -> None:
    plan_end(actor=sw, plan=plan, ended_on=dt.date(2025, 7, 1), reason="no_longer_needed")
    enquiry_with_child_seen(sw, child, dt.date(2025, 9, 1))
    icpc(sw, child, dt.date(2025, 9, 12), category=AbuseCategory.EMOTIONAL)
    html = client_for(sw).get(url("child", child_id=child.pk)).content.decode()
    assert "Second plan within 2 years" in html
    assert 'Previous child protection plans</dt><dd class="govuk-summary-list__value">1' in html
    second = Plan.objects.get(child=child, ended_on__isnull=True)
    assert (
        "Second plan within 2 years"
        in client_for(sw).get(url("plan", plan_id=second.pk)).content.decode()
    )


def test_without_an_open_episode_nothing_can_be_started(sw: Any, child: Any) -> None:
    client = client_for(sw)
    html = client.get(url("child", child_id=child.pk)).content.decode()
    assert "There is no open child in need episode" in html
    assert url("strategy-discussion-new", child_id=child.pk) not in html
    assert client.get(url("strategy-discussion-new", child_id=child.pk)).status_code == 404
    assert client.get(url("cin-plan-new", child_id=child.pk)).status_code == 404


# Who is refused


def _pages(child: Any, plan: Plan, enquiry: Any) -> list[str]:
    outcome = plan.outcomes.first()
    assert outcome is not None
    return [
        url("child", child_id=child.pk),
        url("strategy-discussion-new", child_id=child.pk),
        url("cin-plan-new", child_id=child.pk),
        url("conference-new", child_id=child.pk) + "?kind=review",
        url("enquiry", enquiry_id=enquiry.pk),
        url("plan", plan_id=plan.pk),
        url("outcome-new", plan_id=plan.pk),
        url("action-new", plan_id=plan.pk, outcome_id=outcome.pk),
        url("visit-new", plan_id=plan.pk),
        url("core-group-new", plan_id=plan.pk),
        url("plan-finalise", plan_id=plan.pk),
        url("plan-end", plan_id=plan.pk),
    ]


def test_every_page_refuses_those_without_reach(
    council: Any, sw: Any, child: Any, plan: Plan
) -> None:
    outcome_add(actor=sw, plan=plan, statement="Safe at home", baseline_score=3)
    enquiry = Section47Enquiry.objects.get(child=child)
    for address in _pages(child, plan, enquiry):
        for persona in ("other_worker", "cic_worker", "performance_analyst"):
            page = client_for(council.users[persona]).get(address)
            assert page.status_code == 403, (persona, address)
            html = page.content.decode()
            assert NO_ACCESS in html
            assert_no_names(html)
            assert_no_names(address)
    assert AccessEvent.objects.filter(person_id=child.pk).count() == 0


def test_the_analyst_sees_no_names(council: Any, sw: Any, child: Any, plan: Plan) -> None:
    analyst = client_for(council.users["performance_analyst"])
    for address in (url("child", child_id=child.pk), url("plan", plan_id=plan.pk)):
        page = analyst.get(address)
        assert page.status_code == 403
        assert_no_names(page.content.decode())


def test_unknown_ids_are_not_found(sw: Any) -> None:
    client = client_for(sw)
    for name, key in [
        ("child", "child_id"),
        ("enquiry", "enquiry_id"),
        ("plan", "plan_id"),
        ("visit-new", "plan_id"),
    ]:
        assert client.get(url(name, **{key: uuid.uuid4()})).status_code == 404


def test_an_adult_has_no_protection_record(council: Any, sw: Any) -> None:
    adult = council.children["parent"]
    assert client_for(sw).get(url("child", child_id=adult.pk)).status_code == 404


def test_the_iro_reads_the_record_but_records_only_conferences(
    iro: Any, child: Any, plan: Plan
) -> None:
    client = client_for(iro)
    html = client.get(url("plan", plan_id=plan.pk)).content.decode()
    assert url("visit-new", plan_id=plan.pk) not in html
    assert "kind=review" in html
    assert client.get(url("visit-new", plan_id=plan.pk)).status_code == 403
    assert client.get(url("strategy-discussion-new", child_id=child.pk)).status_code == 403
    assert reads(child, "protection.visit") == 0


# Strategy discussions


def _discussion_post(**overrides: Any) -> dict[str, str]:
    data = {
        **date("held_on", DISCUSSED),
        "held_time": "2:30pm",
        "participant_1_agency": Agency.SOCIAL_CARE,
        "participant_1_name": "Sam Worker",
        "participant_1_role": "Social worker",
        "participant_2_agency": Agency.POLICE,
        "participant_2_name": "DC Jones",
        "participant_4_agency": Agency.HEALTH,
        "participant_4_name": "School nurse",
        "information_shared": "Bruising seen at school",
        "decision": StrategyDecision.SECTION_47,
        "reasons": "Reasonable cause to suspect significant harm",
    }
    data.update(overrides)
    return data


def test_recording_a_strategy_discussion_starts_the_enquiry(sw: Any, child: Any) -> None:
    refer(sw, child)
    client = client_for(sw)
    address = url("strategy-discussion-new", child_id=child.pk)
    page = client.get(address)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="participant_6_name"' in html
    assert "Participant 6" in html
    done = client.post(address, _discussion_post())
    assert done.status_code == 302
    assert done["Location"] == url("child", child_id=child.pk)
    discussion = StrategyDiscussion.objects.get()
    assert discussion.held_at.hour == 14
    assert [(p.agency, p.name) for p in discussion.participants.order_by("name")] == [
        (Agency.POLICE, "DC Jones"),
        (Agency.SOCIAL_CARE, "Sam Worker"),
        (Agency.HEALTH, "School nurse"),
    ]
    assert discussion.enquiry.start_date == DISCUSSED
    assert "Strategy discussion recorded" in client.get(done["Location"]).content.decode()
    assert reads(child, "protection.strategy_discussion") == 2


def test_a_bad_strategy_discussion_keeps_what_was_typed(sw: Any, child: Any) -> None:
    refer(sw, child)
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        url("strategy-discussion-new", child_id=child.pk),
        _discussion_post(
            participant_3_name="Head teacher", decision="", held_time="half two", reasons=""
        ),
    )
    html = assert_refused_with_errors(
        page, before, "id_held_time", "id_participant_3_agency", "id_decision", "id_reasons"
    )
    assert "Participant 3: choose their agency" in html
    assert "Enter the time the discussion started, like 9:30am or 14:30" in html
    assert "Bruising seen at school" in html
    assert 'value="Head teacher"' in html
    assert 'value="DC Jones"' in html
    assert 'value="half two"' in html


def test_the_services_refusals_land_on_the_fields(sw: Any, child: Any) -> None:
    refer(sw, child)
    blank_rows = {f"participant_{i}_{p}": "" for i in (1, 2, 4) for p in ("agency", "name", "role")}
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        url("strategy-discussion-new", child_id=child.pk),
        _discussion_post(**date("held_on", REFERRED - dt.timedelta(days=3)), **blank_rows),
    )
    html = assert_refused_with_errors(page, before, "id_held_on-day", "id_participant_1_agency")
    assert "The discussion must be on or after the referral date (03 March 2025)" in html
    assert "Add the agencies and people who took part" in html


# Section 47 enquiries


def test_updating_and_completing_an_enquiry(sw: Any, child: Any) -> None:
    refer(sw, child)
    enquiry = discuss(sw, child, DISCUSSED).enquiry
    client = client_for(sw)
    update = url("enquiry", enquiry_id=enquiry.pk)
    assert client.get(update).status_code == 200
    done = client.post(
        update, {**date("child_seen_on", DISCUSSED), "seen_alone": "yes", "findings": "Talked"}
    )
    assert done["Location"] == url("child", child_id=child.pk)
    enquiry.refresh_from_db()
    assert (enquiry.child_seen_on, enquiry.seen_alone, enquiry.findings) == (
        DISCUSSED,
        True,
        "Talked",
    )
    # Shown again with what is recorded.
    html = client.get(update).content.decode()
    assert "Talked</textarea>" in html
    complete = url("enquiry-complete", enquiry_id=enquiry.pk)
    done = client.post(
        complete, {**date("completed_on", dt.date(2025, 3, 21)), "outcome": "not_substantiated"}
    )
    assert done.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.outcome == "not_substantiated"
    assert client.get(update).status_code == 403
    assert client.get(complete).status_code == 403


def test_a_bad_enquiry_update_is_refused_on_its_field(sw: Any, child: Any) -> None:
    refer(sw, child)
    enquiry = discuss(sw, child, DISCUSSED).enquiry
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        url("enquiry", enquiry_id=enquiry.pk),
        {**date("child_seen_on", DISCUSSED), "findings": "Spoke at school"},
    )
    html = assert_refused_with_errors(page, before, "id_seen_alone")
    assert "Say whether the child was seen alone" in html
    assert "Spoke at school" in html


# Conferences


def _conference_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        **date("held_on", ICPC_ON),
        "attendee_1_agency": Agency.SOCIAL_CARE,
        "attendee_1_name": "Sam Worker",
        "attendee_1_attended": "on",
        "attendee_1_report": "on",
        "attendee_2_agency": Agency.POLICE,
        "attendee_2_name": "DC Jones",
        "attendee_2_attended": "on",
        "attendee_3_agency": Agency.EDUCATION,
        "attendee_3_name": "Head teacher",
        "attendee_3_attended": "on",
        "attendee_5_attended": "on",  # a blank row keeps its ticked box: ignored
        "child_views": "Wants things calmer",
        "family_views": "Accept help",
        "decision": ConferenceDecision.PLAN,
        "category": AbuseCategory.NEGLECT,
        "reasons": "Likely significant harm",
    }
    data.update(overrides)
    return data


def test_the_conference_page_is_refused_to_a_social_worker(sw: Any, child: Any) -> None:
    refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    page = client_for(sw).get(url("conference-new", child_id=child.pk) + "?kind=initial")
    assert page.status_code == 403
    assert reads(child, "protection.conference") == 0


def test_the_iro_records_the_initial_conference_and_the_plan_starts(
    iro: Any, sw: Any, child: Any
) -> None:
    refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    client = client_for(iro)
    address = url("conference-new", child_id=child.pk) + "?kind=initial"
    html = client.get(address).content.decode()
    assert re.search(rf'<option value="{iro.pk}" selected>Ira Reviewer</option>', html)
    assert "Attendee 8" in html
    assert "Outcomes" not in html
    done = client.post(address, _conference_post(chair=str(iro.pk)))
    assert done.status_code == 302
    conference = Conference.objects.get()
    plan = Plan.objects.get(child=child)
    assert done["Location"] == url("plan", plan_id=plan.pk)
    assert (conference.chair, conference.quorate, plan.initial_category) == (
        iro,
        True,
        AbuseCategory.NEGLECT,
    )
    assert conference.attendance.count() == 3


def test_a_bad_conference_keeps_what_was_typed(iro: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    enquiry_with_child_seen(sw, child, DISCUSSED)
    client = client_for(iro)
    before = row_counts()
    page = client.post(
        url("conference-new", child_id=child.pk) + "?kind=initial",
        _conference_post(
            chair=str(iro.pk), category="", attendee_4_agency=Agency.HEALTH, family_views=""
        ),
    )
    html = assert_refused_with_errors(page, before, "id_attendee_4_name", "id_family_views")
    assert "Attendee 4: enter their name" in html
    assert "Wants things calmer" in html
    page = client_for(iro).post(
        url("conference-new", child_id=child.pk) + "?kind=initial",
        _conference_post(chair=str(iro.pk), category="", **date("held_on", dt.date(2025, 3, 22))),
    )
    html = page.content.decode()
    assert "Choose the category of abuse" in html
    assert "A conference is not held at a weekend" in html
    assert 'href="#id_category"' in html
    assert Conference.objects.count() == 0


def test_a_review_conference_rates_each_outcome(iro: Any, sw: Any, child: Any, plan: Plan) -> None:
    first = outcome_add(actor=sw, plan=plan, statement="Home is warm", baseline_score=3)
    second = outcome_add(actor=sw, plan=plan, statement="At school & <happy>", baseline_score=5)
    client = client_for(iro)
    address = url("conference-new", child_id=child.pk) + "?kind=review"
    html = client.get(address).content.decode()
    assert "Continue the child protection plan" in html
    assert "Step down to a child in need plan" in html
    assert f'name="rating_{first.pk}"' in html
    assert "At school &amp; &lt;happy&gt;" in html
    ratings = {
        f"rating_{first.pk}": "4",
        f"narrative_{first.pk}": "Warmer now",
        f"rating_{second.pk}": "6",
    }
    post = _conference_post(chair=str(iro.pk), **date("held_on", REVIEWS[0]), **ratings)
    before = row_counts()
    html = assert_refused_with_errors(
        client.post(address, post), before, f"id_narrative_{second.pk}"
    )
    assert "Outcome 2: say why you gave this rating" in html
    assert "Warmer now" in html
    done = client.post(address, {**post, f"narrative_{second.pk}": "Goes every day"})
    assert done["Location"] == url("plan", plan_id=plan.pk)
    assert sorted(OutcomeRating.objects.values_list("score", flat=True)) == [4, 6]


def test_a_review_needs_an_open_child_protection_plan(iro: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    client = client_for(iro)
    assert client.get(url("conference-new", child_id=child.pk) + "?kind=review").status_code == 404
    assert client.get(url("conference-new", child_id=child.pk) + "?kind=x").status_code == 404


# The plan page


def test_the_plan_page_shows_clocks_outcomes_and_the_trajectory(
    sw: Any, child: Any, plan: Plan, reviewed: tuple[PlanOutcome, PlanOutcome]
) -> None:
    stuck, better = reviewed
    page = client_for(sw).get(url("plan", plan_id=plan.pk))
    assert (stuck.position, better.position) == (1, 2)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Child protection plan from 24 March 2025" in html
    assert "Initial category of abuse" in html
    # Clocks: the visit clock ran out long ago; the next review is due.
    assert "Visit the child on a child protection plan" in html
    assert 'govuk-tag--red">Overdue' in html
    # Outcomes, their actions and the trajectory of each.
    assert "Home is warm and clean" in html
    assert "Voluntary sector: Family Action" in html
    assert "30 May 2025" in html
    for score, on in [(4, "2025-03-24"), (4, "2025-06-23"), (3, "2025-09-22")]:
        assert f'data-score="{score}" data-date="{on}"' in html
    assert 'data-score="6" data-date="2025-09-22"' in html
    assert "Outcome 1: ratings over time" in html
    assert "Rated 4 on 24 March 2025, 4 on 23 June 2025, 3 on 22 September 2025" in html
    assert "Stuck at 3" in html
    # The stuck outcome is highlighted, the improving one is not.
    assert "Not improving over the last two reviews" in html
    assert html.count('govuk-tag--red">Not improving') == 1
    assert '<a class="govuk-link" href="#outcome-1">Outcome 1</a>, rated 3' in html
    # Review conferences, in the history.
    assert "23 June 2025: plan continues (neglect)" in html
    assert reads(child, "protection.plan") == 1


def test_building_and_finalising_a_plan(sw: Any, child: Any, plan: Plan) -> None:
    client = client_for(sw)
    plan_page = url("plan", plan_id=plan.pk)
    assert "Add at least one outcome" in client.get(plan_page).content.decode()
    done = client.post(
        url("outcome-new", plan_id=plan.pk),
        {"statement": "Amelia is fed every day", "baseline_score": "2"},
    )
    assert done["Location"] == plan_page
    outcome = PlanOutcome.objects.get()
    done = client.post(
        url("action-new", plan_id=plan.pk, outcome_id=outcome.pk),
        {"description": "Food bank referral"},
    )
    assert done["Location"] == plan_page
    action = PlanAction.objects.get()
    html = client.get(plan_page).content.decode()
    assert "Outcome 1 has an action with no owner" in html
    assert url("plan-finalise", plan_id=plan.pk) not in html
    before = row_counts()
    page = client.post(url("plan-finalise", plan_id=plan.pk), date("finalised_on", ICPC_ON))
    html = assert_refused_with_errors(page, before)
    assert "Outcome 1 has an action with no target date" in html
    done = client.post(
        url("action-edit", plan_id=plan.pk, action_id=action.pk),
        {
            "description": "Food bank referral",
            "owner_user": str(sw.pk),
            **date("target_date", dt.date(2025, 4, 30)),
        },
    )
    assert done["Location"] == plan_page
    action.refresh_from_db()
    assert (action.owner_user, action.target_date) == (sw, dt.date(2025, 4, 30))
    assert url("plan-finalise", plan_id=plan.pk) in client.get(plan_page).content.decode()
    done = client.post(url("plan-finalise", plan_id=plan.pk), date("finalised_on", ICPC_ON))
    plan.refresh_from_db()
    assert plan.finalised_on == ICPC_ON
    assert 'govuk-tag--green">Finalised' in client.get(plan_page).content.decode()
    assert client.get(url("plan-finalise", plan_id=plan.pk)).status_code == 403


def test_an_action_on_a_finalised_plan_needs_an_owner_and_a_date(
    sw: Any, plan: Plan, reviewed: tuple[PlanOutcome, PlanOutcome]
) -> None:
    Plan.objects.filter(pk=plan.pk).update(finalised_on=ICPC_ON)
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        url("action-new", plan_id=plan.pk, outcome_id=reviewed[0].pk),
        {"description": "Parenting course", "owner_name": "Someone"},
    )
    html = assert_refused_with_errors(page, before, "id_owner_agency", "id_target_date-day")
    assert "Choose who owns this action (a person or an agency): the plan is finalised" in html
    assert "Parenting course" in html


def test_marking_an_outcome_achieved(
    sw: Any, plan: Plan, reviewed: tuple[PlanOutcome, PlanOutcome]
) -> None:
    client = client_for(sw)
    _, better = reviewed
    done = client.post(
        url("outcome-achieve", plan_id=plan.pk, outcome_id=better.pk),
        date("achieved_on", dt.date(2025, 10, 1)),
    )
    assert done.status_code == 302
    better.refresh_from_db()
    assert better.achieved_on == dt.date(2025, 10, 1)
    assert "Achieved 1 October 2025" in client.get(url("plan", plan_id=plan.pk)).content.decode()
    address = url("outcome-achieve", plan_id=plan.pk, outcome_id=better.pk)
    assert client.get(address).status_code == 403


def test_recording_a_visit(sw: Any, child: Any, plan: Plan) -> None:
    client = client_for(sw)
    address = url("visit-new", plan_id=plan.pk)
    before = row_counts()
    page = client.post(
        address,
        {
            **date("visited_on", dt.date(2025, 11, 28)),
            "child_seen": "yes",
            "seen_alone": "yes",
            "observations": "Fridge stocked",
        },
    )
    html = assert_refused_with_errors(page, before, "id_bedroom_seen", "id_child_said")
    assert "Enter what the child said, in their words where you can" in html
    assert "Fridge stocked" in html
    done = client.post(
        address,
        {
            **date("visited_on", dt.date(2025, 11, 28)),
            "child_seen": "yes",
            "seen_alone": "yes",
            "bedroom_seen": "yes",
            "child_said": "I like my new bed",
        },
    )
    assert done["Location"] == url("plan", plan_id=plan.pk)
    visit = Visit.objects.get()
    assert (visit.child_seen, visit.seen_alone, visit.bedroom_seen) == (True, True, True)
    html = client.get(done["Location"]).content.decode()
    assert "I like my new bed" in html
    assert "Yes, alone" in html


def test_recording_a_core_group_and_ending_the_plan(sw: Any, plan: Plan) -> None:
    client = client_for(sw)
    done = client.post(
        url("core-group-new", plan_id=plan.pk),
        {
            **date("held_on", dt.date(2025, 4, 4)),
            "attendees": "Social worker, school",
            "summary": "Plan agreed",
        },
    )
    assert done.status_code == 302
    assert "Plan agreed" in client.get(url("plan", plan_id=plan.pk)).content.decode()
    before = row_counts()
    page = client.post(
        url("plan-end", plan_id=plan.pk),
        {**date("ended_on", dt.date(2025, 4, 1)), "reason": "no_longer_needed"},
    )
    html = assert_refused_with_errors(page, before, "id_ended_on-day")
    assert "on or after the plan&#x27;s last recorded activity (04 April 2025)" in html
    done = client.post(
        url("plan-end", plan_id=plan.pk),
        {**date("ended_on", dt.date(2025, 11, 3)), "reason": "no_longer_needed"},
    )
    plan.refresh_from_db()
    assert plan.ended_on == dt.date(2025, 11, 3)
    assert client.get(url("visit-new", plan_id=plan.pk)).status_code == 403


def test_a_child_in_need_plan_is_started_and_reviewed(sw: Any, child: Any) -> None:
    refer(sw, child)
    client = client_for(sw)
    html = client.get(url("child", child_id=child.pk)).content.decode()
    assert url("cin-plan-new", child_id=child.pk) in html
    done = client.post(
        url("cin-plan-new", child_id=child.pk), date("started_on", dt.date(2025, 4, 1))
    )
    plan = Plan.objects.get()
    assert plan.kind == PlanKind.CHILD_IN_NEED
    assert done["Location"] == url("plan", plan_id=plan.pk)
    outcome = outcome_add(actor=sw, plan=plan, statement="Goes to school", baseline_score=3)
    html = client.get(done["Location"]).content.decode()
    assert url("review-new", plan_id=plan.pk) in html
    assert url("core-group-new", plan_id=plan.pk) not in html
    assert client.get(url("core-group-new", plan_id=plan.pk)).status_code == 404
    address = url("review-new", plan_id=plan.pk)
    before = row_counts()
    page = client.post(address, {**date("held_on", dt.date(2025, 6, 2)), "summary": "Going well"})
    html = assert_refused_with_errors(page, before, f"id_rating_{outcome.pk}")
    assert "Outcome 1: choose a rating from 0 to 10" in html
    done = client.post(
        address,
        {
            **date("held_on", dt.date(2025, 6, 2)),
            "summary": "Going well",
            f"rating_{outcome.pk}": "5",
            f"narrative_{outcome.pk}": "Attendance 90%",
        },
    )
    assert done.status_code == 302
    assert PlanReview.objects.get().ratings.get().score == 5
    html = client.get(url("plan", plan_id=plan.pk)).content.decode()
    assert 'data-score="5" data-date="2025-06-02"' in html
    assert "Going well" in html


def test_the_casework_page_links_to_protection(sw: Any, child: Any) -> None:
    html = client_for(sw).get(reverse("casework:child", args=[child.pk])).content.decode()
    assert f'href="{url("child", child_id=child.pk)}"' in html


def test_a_child_in_need_plan_is_not_started_over_an_open_plan(
    sw: Any, child: Any, plan: Plan
) -> None:
    """Moving between plans happens at a conference, not from this page."""
    address = url("cin-plan-new", child_id=child.pk)
    assert client_for(sw).get(address).status_code == 403
    assert client_for(sw).post(address, date("started_on", dt.date(2025, 11, 3))).status_code == 403
    assert Plan.objects.get().is_open


def test_the_plan_page_reads_as_often_however_many_outcomes(
    sw: Any, plan: Plan, reviewed: tuple[PlanOutcome, PlanOutcome]
) -> None:
    client = client_for(sw)
    address = url("plan", plan_id=plan.pk)
    client.get(address)  # the session settles on the first page
    with CaptureQueriesContext(connection) as two:
        client.get(address)
    for n in (3, 4):
        outcome = outcome_add(actor=sw, plan=plan, statement=f"Outcome {n}", baseline_score=5)
        action_add(actor=sw, outcome=outcome, description="Support", owner_agency=Agency.HEALTH)
    with CaptureQueriesContext(connection) as four:
        client.get(address)
    assert len(four) == len(two)
