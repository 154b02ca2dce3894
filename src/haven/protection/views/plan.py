"""A child protection or child in need plan: its page (clocks, outcomes with their actions and
the trajectory of their ratings, history) and the forms that build, review and end it."""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from haven.core import clock
from haven.core.errors import NotFound
from haven.protection import policies, selectors, services
from haven.protection.enums import SCORE_MAX, SCORE_MIN
from haven.protection.forms import (
    AchieveForm,
    ActionForm,
    CinReviewForm,
    CoreGroupForm,
    FinaliseForm,
    OutcomeForm,
    PlanEndForm,
    VisitForm,
)
from haven.protection.selectors import OutcomeTrajectory, pages
from haven.protection.views._common import (
    FORM,
    form_page,
    open_plan,
    plan_url,
    posted_form,
    refuses_without_reach,
)
from haven.ui.templatetags.govuk import govuk_date

# The trajectory chart: a viewBox in user units, drawn to the page's width.
CHART_WIDTH = 600
CHART_HEIGHT = 220
CHART_LEFT = 40
CHART_RIGHT = 24
CHART_TOP = 16
CHART_BOTTOM = 36


@dataclass(frozen=True)
class ChartPoint:
    x: int
    y: int
    score: int
    on: dt.date


@dataclass(frozen=True)
class TrajectoryChart:
    """An outcome's ratings over time as a line chart; the table beside it gives the same."""

    key: str
    title: str
    description: str
    points: list[ChartPoint]
    gridlines: list[tuple[int, int]]  # (y, score)
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    left: int = CHART_LEFT
    right_edge: int = CHART_WIDTH - CHART_RIGHT
    axis_y: int = CHART_HEIGHT - CHART_BOTTOM

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


def _y(score: int) -> int:
    plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    return CHART_TOP + round(plot * (SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN))


def trajectory_chart(trajectory: OutcomeTrajectory) -> TrajectoryChart:
    """Points placed by date (evenly, when every rating is on one day) and by score."""
    position = trajectory.outcome.position
    dates = [on for on, _, _ in trajectory.points]
    span = (dates[-1] - dates[0]).days
    plot = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    last = len(dates) - 1
    points = []
    for index, (on, score, _) in enumerate(trajectory.points):
        share = (on - dates[0]).days / span if span else (index / last if last else 0.5)
        points.append(ChartPoint(CHART_LEFT + round(plot * share), _y(score), score, on))
    readings = ", ".join(f"{score} on {govuk_date(on)}" for on, score, _ in trajectory.points)
    return TrajectoryChart(
        key=str(trajectory.outcome.pk),
        title=f"Outcome {position}: ratings over time",
        description=f"Rated {readings} (0 worst, 10 best).",
        points=points,
        gridlines=[(_y(s), s) for s in (SCORE_MIN, 5, SCORE_MAX)],
    )


@refuses_without_reach
def plan_page(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = open_plan(request, plan_id, view="protection.plan")
    user = request.user
    today = clock.today()
    detail = selectors.plan_detail(plan=plan, today=today)
    running, done = pages.plan_clocks(detail.deadlines, today)
    may_record = plan.is_open and policies.can_record(user, child)
    return render(
        request,
        "protection/plan.html",
        {
            "child": child,
            "plan": plan,
            "today": today,
            "detail": detail,
            "outcomes": [(t, trajectory_chart(t)) for t in detail.trajectories],
            "running_clocks": running,
            "done_clocks": done,
            "history": pages.plan_history(plan=plan),
            "can_record": may_record,
            "can_finalise": may_record and not plan.is_final and not detail.finalise_problems,
            "can_review_conference": plan.is_open
            and plan.is_cp
            and policies.can_record_conference(user, child),
        },
    )


def _record(request: HttpRequest, plan_id: UUID, view: str) -> tuple[Any, Any]:
    """The open plan and its child for a form that records on it (403 when refused)."""
    user = request.user
    return open_plan(request, plan_id, view=view, allowed=lambda c: policies.can_record(user, c))


def _context(plan: Any, child: Any, heading: str, button: str, **extra: Any) -> dict[str, Any]:
    return {
        "child": child,
        "plan": plan,
        "caption": f"{child.full_name} · {plan.get_kind_display()} from "
        f"{govuk_date(plan.started_on)}",
        "heading": heading,
        "button": button,
        "back_url": plan_url(plan),
        "back_text": "Back to the plan",
        **extra,
    }


def _form(
    request: HttpRequest,
    plan: Any,
    child: Any,
    form: Any,
    write: Any,
    done: str,
    heading: str,
    button: str,
    template: str = FORM,
    **extra: Any,
) -> HttpResponse:
    return form_page(
        request,
        form,
        write=write,
        done=done,
        then=lambda _: plan_url(plan),
        template=template,
        context=_context(plan, child, heading, button, **extra),
    )


def _outcome(plan: Any, outcome_id: UUID) -> Any:
    try:
        return pages.outcome_get(plan=plan, outcome_id=outcome_id)
    except NotFound as e:
        raise Http404("No such outcome") from e


@refuses_without_reach
def outcome_add_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.outcome_add")
    return _form(
        request,
        plan,
        child,
        posted_form(request, OutcomeForm),
        lambda d: services.outcome_add(actor=request.user, plan=plan, **d),
        "Outcome added",
        "Add an outcome",
        "Add the outcome",
    )


@refuses_without_reach
def outcome_achieve_view(request: HttpRequest, plan_id: UUID, outcome_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.outcome_achieve")
    outcome = _outcome(plan, outcome_id)
    if outcome.achieved_on is not None:
        raise PermissionDenied("This outcome is already achieved")
    return _form(
        request,
        plan,
        child,
        posted_form(request, AchieveForm, initial={"achieved_on": clock.today()}),
        lambda d: services.outcome_achieve(actor=request.user, outcome=outcome, **d),
        f"Outcome {outcome.position} marked achieved",
        f"Mark outcome {outcome.position} achieved",
        "Mark as achieved",
        intro=f"“{outcome.statement}” Once achieved, it is no longer rated at reviews.",
    )


@refuses_without_reach
def action_add_view(request: HttpRequest, plan_id: UUID, outcome_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.action_add")
    outcome = _outcome(plan, outcome_id)
    owners = pages.action_owners(child_id=child.pk, include=[request.user])
    return _form(
        request,
        plan,
        child,
        posted_form(request, ActionForm, owners=owners),
        lambda d: services.action_add(actor=request.user, outcome=outcome, **d),
        "Action added",
        f"Add an action towards outcome {outcome.position}",
        "Add the action",
        intro=f"“{outcome.statement}”",
    )


@refuses_without_reach
def action_edit_view(request: HttpRequest, plan_id: UUID, action_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.action_edit")
    try:
        action = pages.action_get(plan=plan, action_id=action_id)
    except NotFound as e:
        raise Http404("No such action") from e
    owners = pages.action_owners(child_id=child.pk, include=[request.user, action.owner_user])
    initial = {
        "description": action.description,
        "owner_user": action.owner_user_id,
        "owner_agency": action.owner_agency,
        "owner_name": action.owner_name,
        "target_date": action.target_date,
        "completed_on": action.completed_on,
    }
    return _form(
        request,
        plan,
        child,
        posted_form(request, ActionForm, owners=owners, editing=True, initial=initial),
        lambda d: services.action_update(actor=request.user, action=action, **d),
        "Action updated",
        f"Change an action towards outcome {action.outcome.position}",
        "Save the action",
        intro=f"“{action.outcome.statement}”",
    )


@refuses_without_reach
def plan_finalise_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.plan_finalise")
    if plan.is_final:
        raise PermissionDenied("This plan is already finalised")
    return _form(
        request,
        plan,
        child,
        posted_form(request, FinaliseForm, initial={"finalised_on": clock.today()}),
        lambda d: services.plan_finalise(actor=request.user, plan=plan, **d),
        "Plan finalised",
        "Finalise the plan",
        "Finalise the plan",
        intro="Every outcome needs at least one action, and every action an owner and a "
        "target date.",
        problems=selectors.finalise_problems(plan),
    )


@refuses_without_reach
def visit_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.visit")
    return _form(
        request,
        plan,
        child,
        posted_form(request, VisitForm, initial={"visited_on": clock.today()}),
        lambda d: services.visit_record(actor=request.user, plan=plan, **d),
        "Visit recorded",
        "Record a visit",
        "Record the visit",
    )


@refuses_without_reach
def core_group_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.core_group")
    if not plan.is_cp:
        raise Http404("Core groups meet on child protection plans")
    return _form(
        request,
        plan,
        child,
        posted_form(request, CoreGroupForm),
        lambda d: services.core_group_record(actor=request.user, plan=plan, **d),
        "Core group meeting recorded",
        "Record a core group meeting",
        "Record the meeting",
    )


@refuses_without_reach
def cin_review_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.cin_review")
    if plan.is_cp:
        raise Http404("A child protection plan is reviewed at a review conference")
    form = posted_form(request, CinReviewForm, outcomes=pages.outcomes_to_rate(plan=plan))
    assert isinstance(form, CinReviewForm)
    return _form(
        request,
        plan,
        child,
        form,
        lambda d: services.plan_review_record(
            actor=request.user, plan=plan, **form.service_kwargs()
        ),
        "Child in need plan review recorded",
        "Record a child in need plan review",
        "Record the review",
        template="protection/review_form.html",
    )


@refuses_without_reach
def plan_end_view(request: HttpRequest, plan_id: UUID) -> HttpResponse:
    plan, child = _record(request, plan_id, "protection.plan_end")
    return _form(
        request,
        plan,
        child,
        posted_form(request, PlanEndForm, initial={"ended_on": clock.today()}),
        lambda d: services.plan_end(actor=request.user, plan=plan, **d),
        "Plan ended",
        "End the plan",
        "End the plan",
    )
