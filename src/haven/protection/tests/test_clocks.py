"""Each protection clock as the services open, meet, move and stop it, table by table.

The rules' own arithmetic is tested in haven.timescales; these tests check that the pathway
starts each clock from the right event, meets it with the right record, restarts a cadence
from the last time it was met, and stops every clock when a plan ends early.
"""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from tests.support import working_days_after

from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_move
from haven.protection.enums import AbuseCategory, ConferenceDecision, ConferenceKind, PlanEndReason
from haven.protection.models import Plan
from haven.protection.services import (
    cin_plan_start,
    conference_record,
    core_group_record,
    outcome_add,
    plan_end,
    plan_review_record,
    visit_record,
)
from haven.timescales import local

from .conftest import QUORATE, discuss, enquiry_with_child_seen, icpc, refer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Later than the conftest's today, so the Christmas 2025 rows are in the past."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _clock(child: Any, rule_id: str, status: str = DeadlineStatus.OPEN) -> Deadline:
    return Deadline.objects.get(child=child, rule_id=rule_id, status=status)


def _setup(council: Any, referred: dt.date = dt.date(2024, 10, 1)) -> tuple[Any, Any]:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child, referred)
    return sw, child


@pytest.mark.parametrize(
    ("discussed", "due", "why"),
    [
        (dt.date(2025, 6, 2), dt.date(2025, 6, 23), "three whole weeks, no bank holiday"),
        (dt.date(2025, 4, 17), dt.date(2025, 5, 13), "Good Friday, Easter Monday, Early May"),
        (dt.date(2025, 12, 15), dt.date(2026, 1, 8), "Christmas, Boxing Day, New Year's Day"),
        (dt.date(2025, 6, 7), dt.date(2025, 6, 27), "a Saturday: the Monday after is day 1"),
        (dt.date(2025, 8, 22), dt.date(2025, 9, 15), "the Summer bank holiday (25 August)"),
    ],
)
def test_icpc_is_due_15_working_days_after_the_strategy_discussion(
    council: Any, discussed: dt.date, due: dt.date, why: str
) -> None:
    sw, child = _setup(council)
    enquiry = discuss(sw, child, discussed).enquiry
    clock = _clock(child, "initial-child-protection-conference")
    assert clock.due_on == due == working_days_after(discussed, 15), why
    # The CIN census InitialCPCtarget is the clock's due date, stored on the enquiry.
    assert enquiry.icpc_target == due
    assert (clock.assignee, clock.team) == (sw, council.teams["team_a"])


@pytest.mark.parametrize(
    ("held", "late", "core_group_due", "review_due"),
    [
        # Target 23 June 2025: held on time, then two days late. Later clocks count from the
        # conference as held, not from the target.
        (dt.date(2025, 6, 20), False, dt.date(2025, 7, 4), dt.date(2025, 9, 20)),
        (dt.date(2025, 6, 25), True, dt.date(2025, 7, 9), dt.date(2025, 9, 25)),
        # Held on 30 June: the first review three months on, 30 September.
        (dt.date(2025, 6, 30), True, dt.date(2025, 7, 14), dt.date(2025, 9, 30)),
    ],
)
def test_the_icpc_meets_its_clock_and_starts_the_plan_clocks_from_the_day_it_was_held(
    council: Any, held: dt.date, late: bool, core_group_due: dt.date, review_due: dt.date
) -> None:
    sw, child = _setup(council)
    enquiry_with_child_seen(sw, child, dt.date(2025, 6, 2))
    icpc(sw, child, held)
    met = _clock(child, "initial-child-protection-conference", DeadlineStatus.MET)
    assert met.met_on == held
    assert (met.met_on > met.due_on) is late
    assert _clock(child, "first-core-group").due_on == core_group_due
    assert _clock(child, "cp-review-first").due_on == review_due
    assert _clock(child, "cp-visit").due_on == working_days_after(held, 10)


def test_first_review_at_a_month_end_is_clamped(council: Any) -> None:
    sw, child = _setup(council)
    enquiry_with_child_seen(sw, child, dt.date(2024, 11, 11))
    icpc(sw, child, dt.date(2024, 11, 29))  # a Friday
    assert _clock(child, "cp-review-first").due_on == dt.date(2025, 2, 28)


def _review(sw: Any, child: Any, plan: Plan, held: dt.date, **kw: Any) -> Any:
    outcomes = list(plan.outcomes.filter(achieved_on__isnull=True))
    return conference_record(
        actor=sw,
        child=child,
        kind=ConferenceKind.REVIEW,
        held_on=held,
        attendance=QUORATE,
        child_views="Feels safer",
        family_views="Engaging",
        decision=kw.pop("decision", ConferenceDecision.PLAN),
        category=kw.pop("category", AbuseCategory.NEGLECT),
        ratings=kw.pop("ratings", {o.pk: (5, "Some change") for o in outcomes}),
        **kw,
    )


def _plan(sw: Any, child: Any, discussed: dt.date, held: dt.date) -> Plan:
    enquiry_with_child_seen(sw, child, discussed)
    icpc(sw, child, held)
    plan = Plan.objects.get(child=child, ended_on__isnull=True)
    outcome_add(actor=sw, plan=plan, statement="Home is warm and clean", baseline_score=2)
    return plan


@pytest.mark.parametrize(
    ("review_held", "next_due", "why"),
    [
        (dt.date(2025, 9, 19), dt.date(2026, 3, 19), "on time: six months from the review"),
        (dt.date(2025, 8, 29), dt.date(2026, 2, 28), "early: from the day held, clamped"),
        (dt.date(2025, 10, 3), dt.date(2026, 4, 3), "late: from the day held, still overdue"),
    ],
)
def test_review_conferences_restart_the_six_month_clock_from_the_day_held(
    council: Any, review_held: dt.date, next_due: dt.date, why: str
) -> None:
    sw, child = _setup(council)
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    _review(sw, child, plan, review_held)
    first = _clock(child, "cp-review-first", DeadlineStatus.MET)
    assert first.met_on == review_held
    assert (first.met_on > first.due_on) == (review_held > dt.date(2025, 9, 20))
    assert _clock(child, "cp-review-subsequent").due_on == next_due, why


def test_a_conference_that_moves_keeps_its_original_date_on_record(council: Any) -> None:
    sw, child = _setup(council)
    manager = council.users["team_manager"]
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    clock = _clock(child, "cp-review-first")
    deadline_move(actor=manager, deadline=clock, due_on=dt.date(2025, 9, 26), reason="Chair unwell")
    _review(sw, child, plan, dt.date(2025, 9, 26))
    met = _clock(child, "cp-review-first", DeadlineStatus.MET)
    assert (met.due_on, met.met_on) == (dt.date(2025, 9, 26), dt.date(2025, 9, 26))
    assert met.moves.get().from_due_on == dt.date(2025, 9, 20)
    assert _clock(child, "cp-review-subsequent").due_on == dt.date(2026, 3, 26)


def test_core_groups_meet_the_first_clock_then_run_every_six_weeks(council: Any) -> None:
    sw, child = _setup(council)
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    core_group_record(
        actor=sw, plan=plan, held_on=dt.date(2025, 7, 3), attendees="SW, HV", summary="Agreed"
    )
    assert _clock(child, "first-core-group", DeadlineStatus.MET).met_on == dt.date(2025, 7, 3)
    assert _clock(child, "core-group").due_on == dt.date(2025, 8, 14)
    core_group_record(
        actor=sw, plan=plan, held_on=dt.date(2025, 8, 20), attendees="SW", summary="Late one"
    )
    late = _clock(child, "core-group", DeadlineStatus.MET)
    assert late.met_on == dt.date(2025, 8, 20)
    assert late.met_on > late.due_on
    assert _clock(child, "core-group").due_on == dt.date(2025, 10, 1)


@pytest.mark.parametrize(
    ("visits", "due", "why"),
    [
        ([], dt.date(2025, 7, 4), "10 working days from the ICPC"),
        ([(dt.date(2025, 6, 27), True)], dt.date(2025, 7, 11), "from the visit"),
        ([(dt.date(2025, 6, 27), False)], dt.date(2025, 7, 4), "child not seen: runs on"),
        (
            [(dt.date(2025, 8, 22), True)],
            dt.date(2025, 9, 8),
            "a late visit; the Summer bank holiday skipped",
        ),
        (
            [(dt.date(2025, 7, 2), True), (dt.date(2025, 6, 30), True)],
            dt.date(2025, 7, 16),
            "a visit recorded late does not pull the next one back",
        ),
    ],
)
def test_cp_visits_every_10_working_days_from_the_last_time_the_child_was_seen(
    council: Any, visits: list[tuple[dt.date, bool]], due: dt.date, why: str
) -> None:
    sw, child = _setup(council)
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    for on, seen in visits:
        visit_record(
            actor=sw,
            plan=plan,
            visited_on=on,
            child_seen=seen,
            seen_alone=True if seen else None,
            bedroom_seen=seen,
            child_said="Said school is fine" if seen else "",
            observations="" if seen else "Nobody home; returning tomorrow",
        )
    assert _clock(child, "cp-visit").due_on == due, why


def test_a_changed_visit_setting_applies_to_clocks_opened_after_it(council: Any) -> None:
    sw, child = _setup(council)
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    with local.configured(local.LocalTimescales(cp_visit_working_days=5)):
        visit_record(
            actor=sw,
            plan=plan,
            visited_on=dt.date(2025, 6, 27),
            child_seen=True,
            seen_alone=False,
            bedroom_seen=True,
            child_said="Hello",
        )
    assert _clock(child, "cp-visit").due_on == dt.date(2025, 7, 4)


def test_cin_plans_review_every_three_months_and_visit_every_four_weeks(council: Any) -> None:
    sw, child = _setup(council)
    plan = cin_plan_start(actor=sw, child=child, started_on=dt.date(2025, 5, 30))
    outcome = outcome_add(actor=sw, plan=plan, statement="Attends school", baseline_score=4)
    assert _clock(child, "cin-plan-review").due_on == dt.date(2025, 8, 30)
    assert _clock(child, "cin-visit").due_on == dt.date(2025, 6, 27)
    plan_review_record(
        actor=sw,
        plan=plan,
        held_on=dt.date(2025, 8, 28),
        summary="Going well",
        ratings={outcome.pk: (6, "Attending most days")},
    )
    assert _clock(child, "cin-plan-review").due_on == dt.date(2025, 11, 28)
    visit_record(
        actor=sw,
        plan=plan,
        visited_on=dt.date(2025, 6, 20),
        child_seen=True,
        seen_alone=True,
        bedroom_seen=False,
        child_said="Likes art",
    )
    assert _clock(child, "cin-visit").due_on == dt.date(2025, 7, 18)


def test_a_plan_that_ends_early_stops_every_clock_it_started(council: Any) -> None:
    sw, child = _setup(council)
    plan = _plan(sw, child, dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    plan_end(actor=sw, plan=plan, ended_on=dt.date(2025, 7, 1), reason=PlanEndReason.MOVED)
    open_clocks = Deadline.objects.filter(
        child=child, subject_id=str(plan.pk), status=DeadlineStatus.OPEN
    )
    assert not open_clocks.exists()
    cancelled = Deadline.objects.filter(
        child=child, subject_id=str(plan.pk), status=DeadlineStatus.CANCELLED
    )
    assert set(cancelled.values_list("rule_id", flat=True)) == {
        "cp-visit",
        "first-core-group",
        "cp-review-first",
    }
    assert all("1 July 2025" in d.cancel_reason for d in cancelled)


def test_ending_a_section_47_without_a_conference_stops_the_icpc_clock(council: Any) -> None:
    from haven.protection.enums import Section47Outcome
    from haven.protection.services import section47_complete

    sw, child = _setup(council)
    enquiry = enquiry_with_child_seen(sw, child, dt.date(2025, 6, 2))
    section47_complete(
        actor=sw,
        enquiry=enquiry,
        completed_on=dt.date(2025, 6, 10),
        outcome=Section47Outcome.NOT_SUBSTANTIATED,
    )
    clock = _clock(child, "initial-child-protection-conference", DeadlineStatus.CANCELLED)
    assert "no ICPC needed" in clock.cancel_reason
    enquiry.refresh_from_db()
    assert enquiry.icpc_not_required
