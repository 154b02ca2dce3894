"""Neglect: the chronology that shows a child's experience over time, and the flag for children
living with neglect for a long time without things getting better.

Ofsted found children in Northamptonshire "living in situations of long-term neglect". A plan
is about neglect when its category is neglect (initial or latest) or, for a child in need plan,
the assessment on its episode identified neglect (factor 16A). Neglect plans that follow one
another within two years are one run of neglect. The run is long-term once it has lasted
``HAVEN_LONG_TERM_NEGLECT_MONTHS`` (default 12); it is without improvement when the open plan's
outcomes are, on average, rated no higher than their baselines (docs/protection.md).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from haven.casework.enums import AssessmentFactor
from haven.casework.models import Assessment
from haven.protection.enums import AbuseCategory, PlanKind
from haven.protection.models import Conference, OutcomeRating, Plan, PlanOutcome, Visit
from haven.timescales.calendar import add_months

#: Neglect plans within this many months of each other are one run of neglect.
RECURRENCE_MONTHS = 24


def neglect_months() -> int:
    return int(getattr(settings, "HAVEN_LONG_TERM_NEGLECT_MONTHS", 12))


def _neglect_episode_ids(child_ids: Iterable[Any]) -> set[Any]:
    return set(
        Assessment.objects.filter(
            child_id__in=list(child_ids), factors__code=AssessmentFactor.NEGLECT
        ).values_list("episode_id", flat=True)
    )


def _is_neglect(plan: Plan, neglect_episodes: set[Any]) -> bool:
    if plan.kind == PlanKind.CHILD_PROTECTION:
        return AbuseCategory.NEGLECT in (plan.initial_category, plan.latest_category)
    return plan.episode_id in neglect_episodes


@dataclass(frozen=True)
class LongTermNeglect:
    child_id: Any
    plan: Plan
    since: dt.date
    baseline: float
    latest: float | None

    @property
    def improving(self) -> bool:
        return self.latest is not None and self.latest > self.baseline


def long_term_neglect(
    *, today: dt.date, child_ids: Iterable[Any] | None = None
) -> list[LongTermNeglect]:
    """Children on an open neglect plan, in a run of neglect longer than the setting, whose
    outcomes are not rated better than at the start. Oldest run first."""
    open_plans = Plan.objects.filter(ended_on__isnull=True)
    if child_ids is not None:
        open_plans = open_plans.filter(child_id__in=list(child_ids))
    children = set(open_plans.values_list("child_id", flat=True))
    if not children:
        return []
    neglect_episodes = _neglect_episode_ids(children)
    by_child: dict[Any, list[Plan]] = {}
    for plan in Plan.objects.filter(child_id__in=children).order_by("started_on"):
        by_child.setdefault(plan.child_id, []).append(plan)
    cutoff_months = neglect_months()
    found: list[tuple[Any, Plan, dt.date]] = []
    for child_id, plans in by_child.items():
        current = plans[-1]
        if not current.is_open or not _is_neglect(current, neglect_episodes):
            continue
        since = current.started_on
        for earlier in reversed(plans[:-1]):
            if not _is_neglect(earlier, neglect_episodes) or earlier.ended_on is None:
                break
            if add_months(earlier.ended_on, RECURRENCE_MONTHS) < since:
                break
            since = earlier.started_on
        if add_months(since, cutoff_months) <= today:
            found.append((child_id, current, since))
    if not found:
        return []
    scores = _scores([plan for _, plan, _ in found])
    result = []
    for child_id, plan, since in found:
        baseline, latest = scores.get(plan.pk, (0.0, None))
        flag = LongTermNeglect(child_id, plan, since, baseline, latest)
        if not flag.improving:
            result.append(flag)
    return sorted(result, key=lambda f: f.since)


def _scores(plans: list[Plan]) -> dict[Any, tuple[float, float | None]]:
    """Per plan: the mean baseline of its outcomes, and the mean of their latest ratings."""
    baselines: dict[Any, dict[Any, int]] = {}
    latest: dict[Any, dict[Any, int]] = {}
    for outcome_id, plan_id, baseline in PlanOutcome.objects.filter(
        plan__in=plans, achieved_on__isnull=True
    ).values_list("id", "plan_id", "baseline_score"):
        baselines.setdefault(plan_id, {})[outcome_id] = baseline
    for outcome_id, plan_id, score in (
        OutcomeRating.objects.filter(outcome__plan__in=plans, outcome__achieved_on__isnull=True)
        .order_by("rated_on", "created_at")
        .values_list("outcome_id", "outcome__plan_id", "score")
    ):
        latest.setdefault(plan_id, {})[outcome_id] = score
    result: dict[Any, tuple[float, float | None]] = {}
    for plan in plans:
        base = baselines.get(plan.pk, {})
        rated = latest.get(plan.pk, {})
        mean_base = sum(base.values()) / len(base) if base else 0.0
        mean_latest = sum(rated.values()) / len(rated) if rated else None
        result[plan.pk] = (mean_base, mean_latest)
    return result


@dataclass(frozen=True)
class NeglectEvent:
    on: dt.date
    kind: str
    summary: str
    score: int | None = None


def neglect_chronology(*, child_id: Any) -> list[NeglectEvent]:
    """What the record says about neglect for one child, oldest first: assessments that found
    it, neglect plans and their conferences, visits (home conditions, the child's bedroom) and
    how each outcome was rated."""
    events: list[NeglectEvent] = []
    for a in Assessment.objects.filter(
        child_id=child_id, factors__code=AssessmentFactor.NEGLECT
    ).distinct():
        events.append(
            NeglectEvent(
                a.completed_on or a.start_date, "Assessment", "Assessment identified neglect"
            )
        )
    neglect_episodes = _neglect_episode_ids([child_id])
    plans = [p for p in Plan.objects.filter(child_id=child_id) if _is_neglect(p, neglect_episodes)]
    for plan in plans:
        events.append(NeglectEvent(plan.started_on, "Plan", f"{plan.get_kind_display()} started"))
        if plan.ended_on:
            events.append(
                NeglectEvent(
                    plan.ended_on,
                    "Plan",
                    f"{plan.get_kind_display()} ended: {plan.get_end_reason_display()}",
                )
            )
    for c in Conference.objects.filter(child_id=child_id, category=AbuseCategory.NEGLECT):
        events.append(NeglectEvent(c.held_on, "Conference", f"{c.get_kind_display()}: neglect"))
    for v in Visit.objects.filter(plan__in=plans):
        seen = (
            "child seen" + (" alone" if v.seen_alone else "") if v.child_seen else "child not seen"
        )
        bedroom = "bedroom seen" if v.bedroom_seen else "bedroom not seen"
        text = f"Visit: {seen}, {bedroom}"
        if v.observations:
            text += f". {v.observations}"
        events.append(NeglectEvent(v.visited_on, "Visit", text[:300]))
    for r in OutcomeRating.objects.filter(outcome__plan__in=plans).select_related("outcome"):
        events.append(
            NeglectEvent(
                r.rated_on,
                "Rating",
                f"Outcome {r.outcome.position}: {r.narrative}"[:300],
                score=r.score,
            )
        )
    return sorted(events, key=lambda e: e.on)
