import datetime as dt
from typing import Any

import pytest
from conftest import make_child

from haven.protection.enums import AbuseCategory, ConferenceDecision, ConferenceKind
from haven.protection.models import Plan
from haven.protection.selectors import long_term_neglect, neglect_chronology
from haven.protection.services import conference_record, outcome_add, plan_end, visit_record

from .conftest import QUORATE, TODAY, enquiry_with_child_seen, icpc, refer

pytestmark = pytest.mark.django_db


def _neglect_plan(
    sw: Any, child: Any, icpc_on: dt.date, baseline: int, rated: int | None, **kw: Any
) -> Plan:
    enquiry_with_child_seen(sw, child, icpc_on - dt.timedelta(days=14))
    icpc(sw, child, icpc_on, **kw)
    plan = Plan.objects.get(child=child, ended_on__isnull=True)
    outcome = outcome_add(
        actor=sw, plan=plan, statement="Home is warm, clean, fed", baseline_score=baseline
    )
    if rated is not None:
        conference_record(
            actor=sw,
            child=child,
            kind=ConferenceKind.REVIEW,
            held_on=icpc_on + dt.timedelta(days=91),
            attendance=QUORATE,
            child_views="ok",
            family_views="ok",
            decision=ConferenceDecision.PLAN,
            category=plan.latest_category,
            ratings={outcome.pk: (rated, "As seen on visits")},
        )
    return plan


def _child(council: Any, name: str) -> Any:
    from haven.allocation.services import allocation_start

    child = make_child(name, "Neglect")
    allocation_start(
        actor=None,
        child=child,
        worker=council.users["social_worker"].worker,
        started_on=dt.date(2024, 1, 8),
    )
    return child


def test_long_term_neglect_without_improvement_is_flagged(council: Any) -> None:
    sw = council.users["social_worker"]
    stuck, improved, recent, other = (
        _child(council, n) for n in ("Stuck", "Improved", "Recent", "Other")
    )
    for child in (stuck, improved, recent, other):
        refer(sw, child, dt.date(2024, 5, 1))
    _neglect_plan(sw, stuck, dt.date(2024, 6, 14), baseline=3, rated=3)
    _neglect_plan(sw, improved, dt.date(2024, 6, 14), baseline=3, rated=6)
    _neglect_plan(sw, recent, dt.date(2025, 6, 13), baseline=3, rated=2)
    _neglect_plan(
        sw, other, dt.date(2024, 6, 14), baseline=3, rated=3, category=AbuseCategory.PHYSICAL
    )
    flags = long_term_neglect(today=TODAY)
    assert [f.child_id for f in flags] == [stuck.pk]
    assert (flags[0].since, flags[0].baseline, flags[0].latest) == (dt.date(2024, 6, 14), 3, 3)


def test_plans_following_within_two_years_are_one_run_of_neglect(council: Any) -> None:
    sw = council.users["social_worker"]
    child = _child(council, "Recurring")
    refer(sw, child, dt.date(2023, 1, 2))
    first = _neglect_plan(sw, child, dt.date(2023, 2, 3), baseline=2, rated=None)
    plan_end(actor=sw, plan=first, ended_on=dt.date(2023, 9, 1), reason="no_longer_needed")
    # Eight months on a plan now, but neglect since February 2023.
    _neglect_plan(sw, child, dt.date(2025, 4, 4), baseline=3, rated=None)
    (flag,) = long_term_neglect(today=TODAY)
    assert flag.since == dt.date(2023, 2, 3)
    # With a setting longer than the run, nobody is flagged.
    from django.test import override_settings

    with override_settings(HAVEN_LONG_TERM_NEGLECT_MONTHS=36):
        assert long_term_neglect(today=TODAY) == []


def test_the_neglect_chronology_reads_in_order(council: Any) -> None:
    sw = council.users["social_worker"]
    child = council.children["allocated"]
    refer(sw, child, dt.date(2025, 3, 3))
    plan = _neglect_plan(sw, child, dt.date(2025, 6, 20), baseline=2, rated=4)
    visit_record(
        actor=sw,
        plan=plan,
        visited_on=dt.date(2025, 6, 27),
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        child_said="My bed is new",
        observations="No food in the fridge",
    )
    events = neglect_chronology(child_id=child.pk)
    assert [e.on for e in events] == sorted(e.on for e in events)
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["Plan", "Conference"]
    assert "Visit" in kinds
    assert any(e.score == 4 for e in events if e.kind == "Rating")
    visit = next(e for e in events if e.kind == "Visit")
    assert "bedroom seen" in visit.summary
    assert "fridge" in visit.summary
