import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Prefetch

from haven.casework.models import CINEpisode
from haven.core.errors import NotFound
from haven.deadlines.models import Deadline
from haven.protection.models import (
    Conference,
    OutcomeRating,
    Plan,
    PlanOutcome,
    PreProceedings,
    ProtectiveOrder,
    Section47Enquiry,
    StrategyDiscussion,
)
from haven.timescales.calendar import add_months

#: A plan open this long is a national indicator (CIN census; Annex A list 8).
LONG_PLAN_MONTHS = 24
#: A second plan starting this soon after an earlier one ended is flagged (Annex A list 8).
REPEAT_PLAN_MONTHS = 24


def plan_get(*, plan_id: UUID | str) -> Plan:
    try:
        return Plan.objects.select_related("child", "episode", "initial_conference").get(pk=plan_id)
    except (Plan.DoesNotExist, ValueError) as e:
        raise NotFound("No such plan") from e


def enquiry_get(*, enquiry_id: UUID | str) -> Section47Enquiry:
    try:
        return Section47Enquiry.objects.select_related(
            "child", "episode", "strategy_discussion"
        ).get(pk=enquiry_id)
    except (Section47Enquiry.DoesNotExist, ValueError) as e:
        raise NotFound("No such enquiry") from e


def pre_proceedings_get(*, pre_proceedings_id: UUID | str) -> PreProceedings:
    try:
        return PreProceedings.objects.select_related("child").get(pk=pre_proceedings_id)
    except (PreProceedings.DoesNotExist, ValueError) as e:
        raise NotFound("No such record") from e


def open_plan_for(*, child_id: Any) -> Plan | None:
    return Plan.objects.filter(child_id=child_id, ended_on__isnull=True).first()


def finalise_problems(plan: Plan) -> list[str]:
    """Why ``plan`` cannot be finalised yet, one line per problem (empty when it can)."""
    outcomes = list(plan.outcomes.prefetch_related("actions"))
    if not outcomes:
        return ["Add at least one outcome: what will be different for the child"]
    problems = []
    for outcome in outcomes:
        actions = list(outcome.actions.all())
        if not actions:
            problems.append(f"Outcome {outcome.position} has no actions")
        if any(not a.has_owner for a in actions):
            problems.append(f"Outcome {outcome.position} has an action with no owner")
        if any(a.target_date is None for a in actions):
            problems.append(f"Outcome {outcome.position} has an action with no target date")
    return problems


def open_work_on_episode(episode: CINEpisode, closure_date: dt.date) -> str | None:
    """Why the episode cannot close yet (registered with casework's closing checks)."""
    if Plan.objects.filter(episode=episode, ended_on__isnull=True).exists():
        return "End the child's plan before closing the episode (DfE rule 8565)"
    if Section47Enquiry.objects.filter(episode=episode, completed_on__isnull=True).exists():
        return "Conclude the section 47 enquiry before closing the episode (DfE rule 8565)"
    if PreProceedings.objects.filter(episode=episode, outcome="").exists():
        return "Record the outcome of pre-proceedings before closing the episode"
    return None


def not_improving(scores: Sequence[int]) -> bool:
    """No improvement at either of the last two reviews: each rating no higher than the one
    before it. ``scores`` run from the baseline, oldest first."""
    return len(scores) >= 3 and scores[-1] <= scores[-2] <= scores[-3]


@dataclass(frozen=True)
class OutcomeTrajectory:
    outcome: PlanOutcome
    points: list[tuple[dt.date, int, str]]  # (date, score, narrative), baseline first

    @property
    def scores(self) -> list[int]:
        return [score for _, score, _ in self.points]

    @property
    def latest(self) -> int:
        return self.points[-1][1]

    @property
    def stuck(self) -> bool:
        return self.outcome.achieved_on is None and not_improving(self.scores)

    @property
    def change(self) -> int:
        return self.latest - self.points[0][1]


@dataclass(frozen=True)
class PlanFlags:
    over_two_years: bool
    repeat_within_two_years: bool
    previous_plans: int


def plan_flags(plan: Plan, plans: Sequence[Plan], today: dt.date) -> PlanFlags:
    """The national indicators for a child protection plan: open (or lasting) two years or more,
    and a second or later plan starting within two years of the last one ending."""
    if not plan.is_cp:
        return PlanFlags(False, False, 0)
    end = plan.ended_on or today
    ended_before = [
        p.ended_on
        for p in plans
        if p.is_cp and p.pk != plan.pk and p.ended_on is not None and p.ended_on <= plan.started_on
    ]
    last_end = max(ended_before, default=None)
    return PlanFlags(
        over_two_years=add_months(plan.started_on, LONG_PLAN_MONTHS) <= end,
        repeat_within_two_years=(
            last_end is not None and plan.started_on < add_months(last_end, REPEAT_PLAN_MONTHS)
        ),
        previous_plans=plan.previous_plans,
    )


@dataclass(frozen=True)
class PlanDetail:
    plan: Plan
    trajectories: list[OutcomeTrajectory]
    flags: PlanFlags
    deadlines: list[Deadline]
    review_dates: list[dt.date]
    finalise_problems: list[str] = field(default_factory=list)

    @property
    def stuck(self) -> list[OutcomeTrajectory]:
        return [t for t in self.trajectories if t.stuck]


def plan_detail(*, plan: Plan, today: dt.date) -> PlanDetail:
    outcomes = list(
        PlanOutcome.objects.filter(plan=plan).prefetch_related(
            "actions__owner_user",
            Prefetch("ratings", queryset=OutcomeRating.objects.order_by("rated_on", "created_at")),
        )
    )
    trajectories = [
        OutcomeTrajectory(
            outcome=o,
            points=[(plan.started_on, o.baseline_score, "Baseline when the outcome was set")]
            + [(r.rated_on, r.score, r.narrative) for r in o.ratings.all()],
        )
        for o in outcomes
    ]
    plans = list(Plan.objects.filter(child_id=plan.child_id))
    if plan.is_cp:
        review_dates = sorted(c.held_on for c in plan.review_conferences.all())
    else:
        review_dates = sorted(r.held_on for r in plan.reviews.all())
    return PlanDetail(
        plan=plan,
        trajectories=trajectories,
        flags=plan_flags(plan, plans, today),
        deadlines=list(
            Deadline.objects.filter(
                subject_type=Plan._meta.label_lower, subject_id=str(plan.pk)
            ).order_by("-due_on")
        ),
        review_dates=review_dates,
        finalise_problems=[] if plan.is_final else finalise_problems(plan),
    )


@dataclass(frozen=True)
class ChildProtection:
    discussions: list[StrategyDiscussion]
    enquiries: list[Section47Enquiry]
    conferences: list[Conference]
    plans: list[Plan]
    orders: list[ProtectiveOrder]
    pre_proceedings: list[PreProceedings]
    open_episode: CINEpisode | None

    @property
    def open_plan(self) -> Plan | None:
        return next((p for p in self.plans if p.is_open), None)

    @property
    def open_enquiry(self) -> Section47Enquiry | None:
        return next((e for e in self.enquiries if e.is_open), None)

    @property
    def awaiting_icpc(self) -> Section47Enquiry | None:
        """An enquiry that concluded a conference is needed, and has not yet had one."""
        held = {c.section47_id for c in self.conferences if c.section47_id}
        return next(
            (e for e in self.enquiries if e.pk not in held and (e.is_open or e.outcome == "icpc")),
            None,
        )

    @property
    def open_pre_proceedings(self) -> PreProceedings | None:
        return next((p for p in self.pre_proceedings if p.is_open), None)


def child_protection(*, child_id: Any) -> ChildProtection:
    """Everything on the protection pathway for one child, newest first."""
    return ChildProtection(
        discussions=list(
            StrategyDiscussion.objects.filter(child_id=child_id).prefetch_related("participants")
        ),
        enquiries=list(Section47Enquiry.objects.filter(child_id=child_id)),
        conferences=list(Conference.objects.filter(child_id=child_id).select_related("chair")),
        plans=list(Plan.objects.filter(child_id=child_id)),
        orders=list(ProtectiveOrder.objects.filter(child_id=child_id)),
        pre_proceedings=list(
            PreProceedings.objects.filter(child_id=child_id).prefetch_related("meetings")
        ),
        open_episode=CINEpisode.objects.filter(
            child_id=child_id, closure_date__isnull=True, referral_nfa=False
        ).first(),
    )
