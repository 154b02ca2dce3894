"""Scenario verbs for the protection pathway: strategy discussions to the end of a plan."""

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.support import row_counts, working_days_after

from haven.allocation.models import OpenCase
from haven.casework.models import CINEpisode
from haven.protection.models import (
    Conference,
    CoreGroupMeeting,
    OutcomeRating,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    PreProceedings,
    ProtectiveOrder,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)

PROTECTION = Path(settings.BASE_DIR) / "docs" / "examples" / "protection.yaml"
DISCUSSED = dt.date(2026, 1, 7)
ICPC = dt.date(2026, 1, 26)
REVIEW = dt.date(2026, 4, 24)


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("scenario", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def refused(path: Path) -> str:
    before = row_counts()
    with pytest.raises(CommandError) as e:
        run("load", str(path))
    assert row_counts() == before
    return str(e.value)


# The example: Jayden, from a police referral to the end of his child in need plan.


@pytest.mark.django_db
def test_the_protection_example_records_the_whole_journey() -> None:
    refs = json.loads(run("load", str(PROTECTION)))

    discussion = StrategyDiscussion.objects.get(pk=refs["discussion"])
    assert discussion.decision == "s47"
    assert discussion.previous is None
    assert sorted(discussion.participants.values_list("agency", flat=True)) == [
        "education",
        "health",
        "police",
        "social_care",
    ]
    enquiry = Section47Enquiry.objects.get(pk=refs["enquiry"])
    assert enquiry.strategy_discussion == discussion
    assert (enquiry.start_date, enquiry.icpc_target) == (
        DISCUSSED,
        working_days_after(DISCUSSED, 15),
    )
    assert (enquiry.child_seen_on, enquiry.seen_alone) == (dt.date(2026, 1, 8), True)
    assert (enquiry.completed_on, enquiry.outcome) == (ICPC, "icpc")

    icpc = Conference.objects.get(pk=refs["icpc"])
    assert (icpc.kind, icpc.held_on, icpc.decision, icpc.category) == (
        "initial",
        ICPC,
        "plan",
        "NEG",
    )
    assert icpc.quorate
    assert icpc.chair is not None
    assert icpc.chair.username == "ira.chair"
    assert icpc.attendance.count() == 5

    cp = Plan.objects.get(pk=refs["cp_plan"])
    assert (cp.kind, cp.started_on, cp.initial_conference, cp.initial_category) == (
        "cp",
        ICPC,
        icpc,
        "NEG",
    )
    assert (cp.ended_on, cp.end_reason, cp.finalised_on) == (
        REVIEW,
        "stepped_down",
        dt.date(2026, 1, 29),
    )
    assert [o.statement[:14] for o in cp.outcomes.all()] == ["Jayden's home ", "Jayden goes to"]
    routines = PlanAction.objects.get(pk=refs["routines"])
    assert (routines.owner_agency, routines.completed_on) == ("voluntary", dt.date(2026, 3, 13))
    assert PlanAction.objects.get(pk=refs["visiting"]).owner_user is not None
    visits = list(Visit.objects.filter(plan=cp).order_by("visited_on"))
    assert len(visits) == 8
    assert [v.child_seen for v in visits].count(False) == 1
    assert list(
        CoreGroupMeeting.objects.filter(plan=cp)
        .order_by("held_on")
        .values_list("held_on", flat=True)
    ) == [dt.date(2026, 2, 6), dt.date(2026, 3, 19)]

    review = Conference.objects.get(pk=refs["review"])
    assert (review.kind, review.plan, review.decision, review.category) == (
        "review",
        cp,
        "no_plan",
        "",
    )
    assert {(r.outcome_id, r.score) for r in OutcomeRating.objects.filter(conference=review)} == {
        (PlanOutcome.objects.get(pk=refs["home"]).pk, 6),
        (PlanOutcome.objects.get(pk=refs["school"]).pk, 8),
    }

    cin = Plan.objects.get(pk=refs["cin_plan"])
    assert (cin.kind, cin.started_on, cin.ended_on, cin.end_reason) == (
        "cin",
        REVIEW,
        dt.date(2026, 8, 21),
        "no_longer_needed",
    )
    assert cin.finalised_on == dt.date(2026, 4, 30)
    cin_review = PlanReview.objects.get(plan=cin)
    assert cin_review.held_on == dt.date(2026, 7, 20)
    assert sorted(cin_review.ratings.values_list("score", flat=True)) == [8, 9]
    assert Visit.objects.filter(plan=cin).count() == 4

    # The enquiry and the plan opened statutory cases, closed when each ended.
    cases = {c.subject_type: c for c in OpenCase.objects.filter(child_id=refs["jayden"], kind="cp")}
    assert (
        cases["protection.section47enquiry"].opened_on,
        cases["protection.section47enquiry"].closed_on,
    ) == (DISCUSSED, ICPC)
    assert (cases["protection.plan"].opened_on, cases["protection.plan"].closed_on) == (
        ICPC,
        REVIEW,
    )
    episode = CINEpisode.objects.get(child_id=refs["jayden"])
    assert (episode.closure_date, episode.closure_reason) == (dt.date(2026, 8, 21), "RC7")


@pytest.mark.django_db
def test_the_protection_example_meets_its_clocks_and_cancels_the_rest() -> None:
    refs = json.loads(run("load", str(PROTECTION)))
    clocks = [
        (d["rule_id"], d["due_date"], d["met_date"], d["status"])
        for d in json.loads(run("deadlines", refs["jayden"]))
    ]
    by_rule: dict[str, list[tuple[str, str | None, str]]] = {}
    for rule, due, met, status in clocks:
        by_rule.setdefault(rule, []).append((due, met, status))

    assert by_rule["initial-child-protection-conference"] == [
        (working_days_after(DISCUSSED, 15).isoformat(), ICPC.isoformat(), "met")
    ]
    assert by_rule["first-core-group"] == [
        (working_days_after(ICPC, 10).isoformat(), "2026-02-06", "met")
    ]
    assert by_rule["core-group"] == [
        ("2026-03-20", "2026-03-19", "met"),
        ("2026-04-30", None, "cancelled"),
    ]
    assert by_rule["cp-review-first"] == [("2026-04-26", REVIEW.isoformat(), "met")]
    # Each visit at which Jayden was seen met the clock and started the next, ten working days
    # on; the visit at which he was not seen left it running. The plan's end cancelled the last.
    cp_visits = by_rule["cp-visit"]
    assert [s for _, _, s in cp_visits] == ["met"] * 7 + ["cancelled"]
    assert cp_visits[0][0] == working_days_after(ICPC, 10).isoformat()
    assert cp_visits[1] == (
        working_days_after(dt.date(2026, 2, 4), 10).isoformat(),
        "2026-02-18",
        "met",
    )
    assert [s for _, _, s in by_rule["cin-visit"]] == ["met"] * 4 + ["cancelled"]
    assert by_rule["cin-visit"][0][0] == "2026-05-22"  # four weeks after the step down
    assert by_rule["cin-plan-review"] == [
        ("2026-07-24", "2026-07-20", "met"),
        ("2026-10-20", None, "cancelled"),
    ]
    assert not [c for c in clocks if c[3] == "open"]


# The verbs the example does not use, and what the services refuse.


def other_doc() -> dict[str, Any]:
    return {
        "start": "2026-02-02",
        "teams": [
            {"name": "Children's services", "kind": "directorate"},
            {"name": "Safeguarding 2", "kind": "cin_cp", "parent": "Children's services"},
        ],
        "users": [
            {
                "ref": "sam",
                "username": "sam.worker",
                "role": "social_worker",
                "team": "Safeguarding 2",
                "swe_number": "SW500101",
            },
            {
                "ref": "tess",
                "username": "tess.manager",
                "role": "team_manager",
                "team": "Safeguarding 2",
                "job_role": "team_manager",
                "swe_number": "SW500102",
            },
        ],
        "events": [
            {
                "on": "2026-02-02",
                "by": "sam",
                "do": "person.create",
                "ref": "lily",
                "given_name": "Lily",
                "family_name": "Ward",
                "date_of_birth": "2020-05-05",
            },
            {
                "on": "2026-02-02",
                "by": "tess",
                "do": "referral.open",
                "child": "lily",
                "source": 6,
                "primary_need": "N1",
            },
            {
                "on": "2026-02-02",
                "at": "22:15",
                "by": "sam",
                "do": "protective_order.record",
                "ref": "order",
                "child": "lily",
                "kind": "police",
                "details": "Police removed Lily from the home under police protection.",
            },
            {
                "on": "2026-02-03",
                "by": "sam",
                "do": "strategy_discussion.record",
                "ref": "sd",
                "child": "lily",
                "decision": "s47",
                "reasons": "Lily was found alone at night.",
                "information_shared": "Police protection last night.",
                "participants": [
                    ["social_care", "Sam Worker", "Social worker"],
                    ["police", "DC Cole", "CAIT"],
                ],
            },
            {
                "on": "2026-02-04",
                "at": "18:00",
                "by": "sam",
                "do": "protective_order.end",
                "order": "order",
            },
            {
                "on": "2026-02-05",
                "by": "sam",
                "do": "s47.update",
                "child": "lily",
                "seen_alone": False,
                "findings": "Lily is two; seen with her grandmother.",
            },
            {
                "on": "2026-02-06",
                "by": "sam",
                "do": "strategy_discussion.record",
                "child": "lily",
                "decision": "no_enquiry",
                "reasons": "The enquiry continues.",
                "information_shared": "Mother arrested.",
                "participants": [{"agency": "police", "name": "DC Cole"}],
            },
            {
                "on": "2026-02-13",
                "by": "sam",
                "do": "s47.complete",
                "child": "lily",
                "outcome": "cin",
                "findings": "Lily is safe with her grandmother.",
            },
            {
                "on": "2026-02-16",
                "by": "sam",
                "do": "cin_plan.start",
                "ref": "plan",
                "child": "lily",
            },
            {
                "on": "2026-02-16",
                "by": "sam",
                "do": "outcome.add",
                "ref": "safe",
                "child": "lily",
                "statement": "Lily lives safely with her grandmother.",
                "baseline": 5,
            },
            {
                "on": "2026-02-16",
                "by": "sam",
                "do": "action.add",
                "ref": "act",
                "outcome": "safe",
                "description": "Support the special guardianship assessment",
            },
            {
                "on": "2026-02-17",
                "by": "sam",
                "do": "action.update",
                "action": "act",
                "owner": "sam",
                "target_date": "2026-05-01",
            },
            {"on": "2026-02-17", "by": "sam", "do": "plan.finalise", "child": "lily"},
            {
                "on": "2026-03-02",
                "by": "tess",
                "do": "pre_proceedings.start",
                "ref": "pp",
                "child": "lily",
            },
            {
                "on": "2026-03-03",
                "by": "tess",
                "do": "pre_proceedings.update",
                "pre_proceedings": "pp",
                "letter_sent_on": "2026-03-03",
                "fgdm_offered": True,
            },
            {
                "on": "2026-03-10",
                "by": "tess",
                "do": "pre_proceedings.meeting",
                "child": "lily",
                "summary": "Initial meeting with mother and her solicitor.",
            },
            {
                "on": "2026-03-17",
                "by": "tess",
                "do": "pre_proceedings.update",
                "child": "lily",
                "fgdm_held": True,
            },
            {"on": "2026-04-20", "by": "sam", "do": "outcome.achieve", "outcome": "safe"},
            {
                "on": "2026-05-11",
                "by": "tess",
                "do": "pre_proceedings.decide",
                "child": "lily",
                "outcome": "B",
            },
            {
                "on": "2026-05-12",
                "by": "sam",
                "do": "plan.end",
                "child": "lily",
                "reason": "no_longer_needed",
            },
        ],
    }


@pytest.mark.django_db
def test_orders_repeat_discussions_enquiries_without_a_conference_and_pre_proceedings(
    tmp_path: Path,
) -> None:
    refs = json.loads(run("load", str(write(tmp_path, other_doc()))))

    order = ProtectiveOrder.objects.get(pk=refs["order"])
    assert order.kind == "police"
    assert (order.started_at, order.ended_at) == (
        dt.datetime(2026, 2, 2, 22, 15, tzinfo=dt.UTC),
        dt.datetime(2026, 2, 4, 18, 0, tzinfo=dt.UTC),
    )
    first = StrategyDiscussion.objects.get(pk=refs["sd"])
    repeat = StrategyDiscussion.objects.exclude(pk=first.pk).get(child_id=refs["lily"])
    assert (repeat.previous, repeat.decision) == (first, "no_enquiry")
    enquiry = first.enquiry
    assert (enquiry.completed_on, enquiry.outcome, enquiry.seen_alone) == (
        dt.date(2026, 2, 13),
        "cin",
        False,
    )
    assert not OpenCase.objects.filter(child_id=refs["lily"], kind="cp", closed_on__isnull=True)
    plan = Plan.objects.get(pk=refs["plan"])
    assert (plan.kind, plan.finalised_on, plan.ended_on) == (
        "cin",
        dt.date(2026, 2, 17),
        dt.date(2026, 5, 12),
    )
    action = PlanAction.objects.get(pk=refs["act"])
    assert (action.owner_user is not None, action.target_date) == (True, dt.date(2026, 5, 1))
    assert PlanOutcome.objects.get(pk=refs["safe"]).achieved_on == dt.date(2026, 4, 20)
    pp = PreProceedings.objects.get(pk=refs["pp"])
    assert (pp.letter_sent_on, pp.fgdm_offered, pp.fgdm_held) == (dt.date(2026, 3, 3), True, True)
    assert (pp.decision_on, pp.outcome) == (dt.date(2026, 5, 11), "B")
    assert pp.meetings.get().held_on == dt.date(2026, 3, 10)


PROTECTION_ERRORS: list[tuple[int, dict[str, Any], str]] = [
    (
        4,
        {"participants": [["army", "X", "Y"]]},
        "event 4 (strategy_discussion.record): participants: agency: 'army' is not one of",
    ),
    (
        4,
        {"participants": []},
        "event 4 (strategy_discussion.record): participants: Add the agencies",
    ),
    (4, {"decision": "maybe"}, "event 4 (strategy_discussion.record): decision: 'maybe' is not"),
    (6, {"seen_alone": "no"}, "event 6 (s47.update): seen_alone: must be true or false"),
    (6, {"child": "tess"}, "event 6 (s47.update): 'tess' does not name a person"),
    (8, {"outcome": "closed"}, "event 8 (s47.complete): outcome: 'closed' is not one of"),
    (9, {"child": "sam"}, "event 9 (cin_plan.start): 'sam' does not name a person"),
    (10, {"baseline": 11}, "event 10 (outcome.add): baseline_score: How things are now: choose"),
    (10, {"baseline": "high"}, "event 10 (outcome.add): baseline: must be a whole number"),
    (11, {"outcome": "plan"}, "event 11 (action.add): 'plan' does not name an outcome"),
    (
        13,
        {"do": "plan.finalise", "plan": "safe"},
        "event 13 (plan.finalise): 'safe' does not name a plan",
    ),
    (
        15,
        {"fgdm_held": True, "fgdm_offered": False},
        "event 15 (pre_proceedings.update): fgdm_held: A family group",
    ),
    (19, {"outcome": "Z"}, "event 19 (pre_proceedings.decide): outcome: 'Z' is not one of A, B, C"),
    (20, {"reason": "bored"}, "event 20 (plan.end): reason: 'bored' is not one of"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("n", "changes", "message"),
    PROTECTION_ERRORS,
    ids=[f"{n}-{'+'.join(c)}" for n, c, _ in PROTECTION_ERRORS],
)
def test_a_bad_protection_event_names_itself_and_its_field_and_leaves_nothing(
    tmp_path: Path, n: int, changes: dict[str, Any], message: str
) -> None:
    doc = other_doc()
    doc["events"][n - 1].update(changes)
    error = refused(write(tmp_path, doc))
    assert error.startswith(message), error


@pytest.mark.django_db
def test_a_conference_s_ratings_must_name_outcomes_and_a_weekend_conference_is_refused(
    tmp_path: Path,
) -> None:
    doc = yaml.safe_load(PROTECTION.read_text())
    events = doc["events"]
    review = next(i for i, e in enumerate(events) if e.get("ref") == "review")
    events[review]["ratings"] = {"home": [6, "Better"], "jayden": [8, "Better"]}
    error = refused(write(tmp_path, doc))
    assert f"event {review + 1} (conference.record): 'jayden' does not name an outcome" in error

    doc = yaml.safe_load(PROTECTION.read_text())
    doc["events"][review]["ratings"] = {"home": [6, "Better"]}
    error = refused(write(tmp_path, doc))
    assert f"event {review + 1} (conference.record): rating_" in error
    assert "choose a rating from 0 to 10" in error

    doc = yaml.safe_load(PROTECTION.read_text())
    icpc = next(i for i, e in enumerate(doc["events"]) if e.get("ref") == "icpc")
    doc["events"][icpc]["on"] = dt.date(2026, 1, 25)  # a Sunday
    error = refused(write(tmp_path, doc))
    assert "held_on: A conference is not held at a weekend" in error


@pytest.mark.django_db
def test_a_step_down_can_carry_the_outcomes_on(tmp_path: Path) -> None:
    doc = yaml.safe_load(PROTECTION.read_text())
    events = doc["events"]
    review = next(i for i, e in enumerate(events) if e.get("ref") == "review")
    events[review]["carry_outcomes"] = True
    # The example's own outcomes for the new plan, its review and its finalising are left out:
    # a carried plan is a draft until someone looks at it again.
    doc["events"] = [
        e
        for e in events
        if not (e.get("do") in ("outcome.add", "action.add") and e.get("plan") == "cin_plan")
        and not (e.get("do") == "action.add" and e.get("outcome") in ("home_cin", "school_cin"))
        and e.get("do") != "cin_plan.review"
        and not (e.get("do") == "plan.finalise" and e.get("plan") == "cin_plan")
    ]
    refs = json.loads(run("load", str(write(tmp_path, doc))))
    cin = Plan.objects.get(pk=refs["cin_plan"])
    carried = {o.statement[:14]: o.baseline_score for o in cin.outcomes.all()}
    assert carried == {"Jayden's home ": 6, "Jayden goes to": 8}  # the review's ratings
    assert sorted(
        PlanAction.objects.filter(outcome__plan=cin).values_list("owner_agency", flat=True)
    ) == ["", "education"]  # the routines action was done, so it stays behind
    # The school's action was due before the step down: it needs a new target date.
    assert cin.finalised_on is None
    assert PlanAction.objects.get(outcome__plan=cin, owner_agency="education").target_date is None
