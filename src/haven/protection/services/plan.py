"""Child protection and child in need plans: started, made of outcomes, reviewed, ended."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from haven.allocation.enums import CaseKind
from haven.allocation.services import case_close, case_open
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.services import chronology_record
from haven.protection.enums import (
    SCORE_MAX,
    SCORE_MIN,
    AbuseCategory,
    Agency,
    PlanEndReason,
    PlanKind,
)
from haven.protection.models import (
    Conference,
    CoreGroupMeeting,
    OutcomeRating,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    Visit,
)
from haven.protection.selectors import finalise_problems
from haven.protection.services._common import (
    cancel_clocks,
    check_in_episode,
    check_not_future,
    meet_clocks,
    open_clock,
    open_episode,
    user_or_none,
)

CP_REVIEW_RULES = ("cp-review-first", "cp-review-subsequent")
CORE_GROUP_RULES = ("first-core-group", "core-group")
VISIT_RULE: dict[str, str] = {
    PlanKind.CHILD_PROTECTION: "cp-visit",
    PlanKind.CHILD_IN_NEED: "cin-visit",
}
CIN_REVIEW_RULE = "cin-plan-review"

#: A score for each outcome at a review: outcome id -> (score, narrative).
Ratings = Mapping[Any, tuple[int | None, str]]


def _lock(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("child", "episode").get(pk=plan.pk)


def _lock_open(plan: Plan, field: str = "plan") -> Plan:
    plan = _lock(plan)
    if not plan.is_open:
        raise ValidationError({field: f"This plan ended on {plan.ended_on:%d %B %Y}"})
    return plan


def plan_start(
    *,
    actor: Any,
    child: Any,
    kind: str,
    started_on: dt.date,
    category: str = "",
    initial_conference: Conference | None = None,
) -> Plan:
    """Start a plan. A child on a plan of the other kind moves to this one in the same step:
    the old plan ends the day this one starts, so the two never overlap (DfE rules 4001,
    4016, 4017). A child protection plan starts at an initial conference."""
    with transaction.atomic():
        return _plan_start(
            actor=actor,
            child=child,
            kind=kind,
            started_on=started_on,
            category=category,
            initial_conference=initial_conference,
        )


def _plan_start(
    *,
    actor: Any,
    child: Any,
    kind: str,
    started_on: dt.date,
    category: str,
    initial_conference: Conference | None,
    carry_outcomes: bool = False,
) -> Plan:
    episode = open_episode(child)
    errors: dict[str, str] = {}
    if kind not in PlanKind.values:
        raise ValidationError({"kind": "Choose a child protection or child in need plan"})
    is_cp = kind == PlanKind.CHILD_PROTECTION
    check_not_future(errors, "started_on", started_on, "The plan's start date")
    check_in_episode(errors, "started_on", started_on, episode, "The plan's start date")
    if is_cp and category not in AbuseCategory.values:
        errors["category"] = "Choose the category of abuse"
    if is_cp and initial_conference is None:
        errors["kind"] = "A child protection plan starts at an initial child protection conference"
    plans = list(Plan.objects.select_for_update().filter(child=child))
    current = next((p for p in plans if p.is_open), None)
    if current is not None and current.kind == kind:
        errors["kind"] = f"This child is already on a {current.get_kind_display().lower()}"
    elif current is not None and started_on < current.started_on:
        errors.setdefault(
            "started_on",
            f"The start date must be on or after the current plan started "
            f"({current.started_on:%d %B %Y})",
        )
    elif current is not None and current.is_cp and started_on == current.started_on:
        errors.setdefault(
            "started_on",
            "A child protection plan cannot start and end on the same day (DfE rule 8840)",
        )
    latest_end = max((p.ended_on for p in plans if p.ended_on), default=None)
    if latest_end is not None and started_on < latest_end:
        errors.setdefault(
            "started_on",
            f"The start date must be on or after the last plan ended ({latest_end:%d %B %Y}): "
            "plans must not overlap (DfE rules 4016 and 4017)",
        )
    if errors:
        raise ValidationError(errors)

    if current is not None:
        _plan_end(
            actor=actor,
            plan=current,
            ended_on=started_on,
            reason=PlanEndReason.STEPPED_UP if is_cp else PlanEndReason.STEPPED_DOWN,
        )
    plan = Plan(
        child=child,
        episode=episode,
        kind=kind,
        started_on=started_on,
        initial_category=category if is_cp else "",
        latest_category=category if is_cp else "",
        previous_plans=sum(1 for p in plans if p.is_cp) if is_cp else 0,
        initial_conference=initial_conference,
        started_by=user_or_none(actor),
    )
    check_fields(plan)
    plan.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PLAN_STARTED,
        subject=plan,
        person_id=child.pk,
        payload={
            "kind": kind,
            "started_on": started_on,
            "category": category,
            "previous_plans": plan.previous_plans,
        },
    )
    summary = PlanKind(kind).label + " started"
    if is_cp:
        summary += f": {AbuseCategory(category).label.lower()}"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Plan",
        summary=summary,
        source=plan,
    )
    open_clock(actor=actor, child=child, rule_id=VISIT_RULE[kind], start=started_on, subject=plan)
    if is_cp:
        for rule_id in ("first-core-group", "cp-review-first"):
            open_clock(actor=actor, child=child, rule_id=rule_id, start=started_on, subject=plan)
        case_open(
            actor=actor,
            child=child,
            kind=CaseKind.CHILD_PROTECTION,
            opened_on=started_on,
            subject=plan,
        )
    else:
        open_clock(
            actor=actor, child=child, rule_id=CIN_REVIEW_RULE, start=started_on, subject=plan
        )
    if carry_outcomes and current is not None:
        _carry_outcomes(actor=actor, source=current, target=plan)
    return plan


def _carry_outcomes(*, actor: Any, source: Plan, target: Plan) -> None:
    """Start the new plan from the old one's outcomes not yet achieved: each with its latest
    rating as the new baseline, and the actions not yet done. The new plan stays a draft until
    someone finalises it, so the carried plan is looked at again."""
    outcomes = list(
        source.outcomes.filter(achieved_on__isnull=True).prefetch_related("actions", "ratings")
    )
    for position, old in enumerate(outcomes, start=1):
        ratings = sorted(old.ratings.all(), key=lambda r: (r.rated_on, r.created_at))
        outcome = PlanOutcome(
            plan=target,
            position=position,
            statement=old.statement,
            baseline_score=ratings[-1].score if ratings else old.baseline_score,
        )
        check_fields(outcome)
        outcome.save()
        audit_record(
            actor=actor,
            verb=AuditVerb.OUTCOME_ADDED,
            subject=outcome,
            person_id=target.child_id,
            payload={
                "plan": target.pk,
                "position": position,
                "baseline_score": outcome.baseline_score,
                "carried_from": old.pk,
            },
        )
        PlanAction.objects.bulk_create(
            PlanAction(
                outcome=outcome,
                description=a.description,
                owner_user_id=a.owner_user_id,
                owner_agency=a.owner_agency,
                owner_name=a.owner_name,
                target_date=a.target_date
                if a.target_date and a.target_date >= target.started_on
                else None,
            )
            for a in old.actions.all()
            if a.completed_on is None
        )


@transaction.atomic
def cin_plan_start(*, actor: Any, child: Any, started_on: dt.date) -> Plan:
    """Start a child in need plan. A child on a child protection plan moves to one only when a
    review conference ends that plan (``conference_record(step_down_to_cin=True)``)."""
    if Plan.objects.filter(
        child=child, ended_on__isnull=True, kind=PlanKind.CHILD_PROTECTION
    ).exists():
        raise ValidationError(
            {
                "started_on": "This child is on a child protection plan: a review conference "
                "ends it and can step the child down to a child in need plan (DfE rule 4001)"
            }
        )
    return _plan_start(
        actor=actor,
        child=child,
        kind=PlanKind.CHILD_IN_NEED,
        started_on=started_on,
        category="",
        initial_conference=None,
    )


@transaction.atomic
def plan_end(*, actor: Any, plan: Plan, ended_on: dt.date, reason: str) -> Plan:
    """End a plan, early or at a review: its clocks stop and, for a child protection plan, the
    statutory case it opened closes."""
    return _plan_end(actor=actor, plan=plan, ended_on=ended_on, reason=reason)


def _plan_end(*, actor: Any, plan: Plan, ended_on: dt.date, reason: str) -> Plan:
    plan = _lock_open(plan)
    errors: dict[str, str] = {}
    if reason not in PlanEndReason.values:
        errors["reason"] = "Choose why the plan ended"
    check_not_future(errors, "ended_on", ended_on, "The end date")
    if ended_on < plan.started_on:
        errors.setdefault(
            "ended_on", f"The end date must be on or after the start ({plan.started_on:%d %B %Y})"
        )
    elif plan.is_cp and ended_on == plan.started_on:
        errors.setdefault(
            "ended_on",
            "A child protection plan cannot start and end on the same day (DfE rule 8840)",
        )
    last = max(
        [v.visited_on for v in plan.visits.all()]
        + [c.held_on for c in plan.review_conferences.all()]
        + [r.held_on for r in plan.reviews.all()]
        + [g.held_on for g in plan.core_groups.all()],
        default=None,
    )
    if last is not None and ended_on < last:
        errors.setdefault(
            "ended_on",
            f"The end date must be on or after the plan's last recorded activity ({last:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    plan.ended_on = ended_on
    plan.end_reason = reason
    check_fields(plan)
    plan.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PLAN_ENDED,
        subject=plan,
        person_id=plan.child_id,
        payload={"ended_on": ended_on, "reason": reason},
    )
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=ended_on,
        category="Plan",
        summary=f"{plan.get_kind_display()} ended: {PlanEndReason(reason).label}",
        source=plan,
    )
    cancel_clocks(
        actor=actor, subject=plan, reason=f"The plan ended on {ended_on:%d %B %Y} ({reason})"
    )
    if plan.is_cp:
        case_close(actor=actor, subject=plan, closed_on=ended_on)
    return plan


def _check_score(errors: dict[str, str], field: str, score: int | None, label: str) -> None:
    if score is None or not SCORE_MIN <= score <= SCORE_MAX:
        errors[field] = f"{label}: choose a rating from {SCORE_MIN} to {SCORE_MAX}"


@transaction.atomic
def outcome_add(
    *, actor: Any, plan: Plan, statement: str, baseline_score: int | None
) -> PlanOutcome:
    """Add what will be different for the child, rated as things stand now."""
    plan = _lock_open(plan)
    errors: dict[str, str] = {}
    if not statement.strip():
        errors["statement"] = "Enter what will be different for the child"
    _check_score(errors, "baseline_score", baseline_score, "How things are now")
    if errors:
        raise ValidationError(errors)
    assert baseline_score is not None  # checked above
    position = plan.outcomes.count() + 1
    outcome = PlanOutcome(
        plan=plan, position=position, statement=statement.strip(), baseline_score=baseline_score
    )
    check_fields(outcome)
    outcome.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.OUTCOME_ADDED,
        subject=outcome,
        person_id=plan.child_id,
        payload={"plan": plan.pk, "position": position, "baseline_score": baseline_score},
    )
    return outcome


@transaction.atomic
def outcome_achieve(*, actor: Any, outcome: PlanOutcome, achieved_on: dt.date) -> PlanOutcome:
    """Mark an outcome achieved: it is no longer rated at reviews."""
    plan = _lock_open(outcome.plan)
    outcome = PlanOutcome.objects.select_for_update().get(pk=outcome.pk)
    errors: dict[str, str] = {}
    check_not_future(errors, "achieved_on", achieved_on, "The date achieved")
    if achieved_on < plan.started_on:
        errors.setdefault("achieved_on", "The date achieved must be on or after the plan started")
    if errors:
        raise ValidationError(errors)
    outcome.achieved_on = achieved_on
    outcome.save(update_fields=["achieved_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.OUTCOME_UPDATED,
        subject=outcome,
        person_id=plan.child_id,
        payload={"achieved_on": achieved_on},
    )
    return outcome


def _action_errors(
    *,
    plan: Plan,
    description: str,
    owner_user: Any,
    owner_agency: str,
    target_date: dt.date | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = "Enter what will be done"
    if owner_agency and owner_agency not in Agency.values:
        errors["owner_agency"] = "Choose the agency from the list"
    if plan.is_final and owner_user is None and not owner_agency:
        errors["owner_agency"] = (
            "Choose who owns this action (a person or an agency): the plan is finalised"
        )
    if plan.is_final and target_date is None:
        errors["target_date"] = "Enter the date this action is due by: the plan is finalised"
    if target_date is not None and target_date < plan.started_on:
        errors["target_date"] = (
            f"The target date must be on or after the plan started ({plan.started_on:%d %B %Y})"
        )
    return errors


@transaction.atomic
def action_add(
    *,
    actor: Any,
    outcome: PlanOutcome,
    description: str,
    owner_user: Any = None,
    owner_agency: str = "",
    owner_name: str = "",
    target_date: dt.date | None = None,
) -> PlanAction:
    """Add an action towards an outcome. A draft plan keeps an action without an owner or date
    so nobody's work is lost; a finalised plan needs both."""
    plan = _lock_open(outcome.plan)
    errors = _action_errors(
        plan=plan,
        description=description,
        owner_user=owner_user,
        owner_agency=owner_agency,
        target_date=target_date,
    )
    if errors:
        raise ValidationError(errors)
    action = PlanAction(
        outcome=outcome,
        description=description.strip(),
        owner_user=owner_user,
        owner_agency=owner_agency,
        owner_name=owner_name.strip(),
        target_date=target_date,
    )
    check_fields(action)
    action.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ACTION_ADDED,
        subject=action,
        person_id=plan.child_id,
        payload={
            "outcome": outcome.pk,
            "owner_user": getattr(owner_user, "pk", None),
            "owner_agency": owner_agency,
            "target_date": target_date,
        },
    )
    return action


@transaction.atomic
def action_update(
    *,
    actor: Any,
    action: PlanAction,
    description: str,
    owner_user: Any,
    owner_agency: str,
    owner_name: str,
    target_date: dt.date | None,
    completed_on: dt.date | None,
) -> PlanAction:
    action = PlanAction.objects.select_for_update().select_related("outcome").get(pk=action.pk)
    plan = _lock_open(action.outcome.plan)
    errors = _action_errors(
        plan=plan,
        description=description,
        owner_user=owner_user,
        owner_agency=owner_agency,
        target_date=target_date,
    )
    check_not_future(errors, "completed_on", completed_on, "The date completed")
    if errors:
        raise ValidationError(errors)
    action.description = description.strip()
    action.owner_user = owner_user
    action.owner_agency = owner_agency
    action.owner_name = owner_name.strip()
    action.target_date = target_date
    action.completed_on = completed_on
    action.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ACTION_UPDATED,
        subject=action,
        person_id=plan.child_id,
        payload={
            "owner_user": getattr(owner_user, "pk", None),
            "owner_agency": owner_agency,
            "target_date": target_date,
            "completed_on": completed_on,
        },
    )
    return action


@transaction.atomic
def plan_finalise(*, actor: Any, plan: Plan, finalised_on: dt.date) -> Plan:
    """Finalise the plan: refused while any outcome lacks an action, or any action lacks an
    owner or a target date."""
    plan = _lock_open(plan)
    if plan.is_final:
        raise ValidationError({"plan": "This plan is already finalised"})
    problems = finalise_problems(plan)
    errors: dict[str, str] = {}
    if problems:
        errors["outcomes"] = "; ".join(problems)
    check_not_future(errors, "finalised_on", finalised_on, "The date finalised")
    if finalised_on < plan.started_on:
        errors.setdefault("finalised_on", "The plan is finalised on or after it started")
    if errors:
        raise ValidationError(errors)
    plan.finalised_on = finalised_on
    plan.save(update_fields=["finalised_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PLAN_FINALISED,
        subject=plan,
        person_id=plan.child_id,
        payload={"finalised_on": finalised_on, "outcomes": plan.outcomes.count()},
    )
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=finalised_on,
        category="Plan",
        summary=f"{plan.get_kind_display()} finalised with {plan.outcomes.count()} outcomes",
        source=plan,
    )
    return plan


def rating_errors(plan: Plan, ratings: Ratings) -> dict[str, str]:
    """Every outcome not yet achieved is rated at a review, with a narrative."""
    errors: dict[str, str] = {}
    for outcome in plan.outcomes.filter(achieved_on__isnull=True):
        score, narrative = ratings.get(outcome.pk, ratings.get(str(outcome.pk), (None, "")))
        field = f"rating_{outcome.pk}"
        _check_score(errors, field, score, f"Outcome {outcome.position}")
        if field not in errors and not narrative.strip():
            errors[field] = f"Outcome {outcome.position}: say why you gave this rating"
    return errors


def record_ratings(
    *,
    plan: Plan,
    ratings: Ratings,
    rated_on: dt.date,
    conference: Conference | None = None,
    review: PlanReview | None = None,
) -> list[OutcomeRating]:
    rows = []
    for outcome in plan.outcomes.filter(achieved_on__isnull=True):
        score, narrative = ratings.get(outcome.pk, ratings.get(str(outcome.pk), (None, "")))
        assert score is not None  # rating_errors refused a missing score
        rows.append(
            OutcomeRating(
                outcome=outcome,
                rated_on=rated_on,
                score=score,
                narrative=narrative.strip(),
                conference=conference,
                review=review,
            )
        )
    return OutcomeRating.objects.bulk_create(rows)


def _check_held(
    errors: dict[str, str], field: str, held_on: dt.date, plan: Plan, label: str
) -> None:
    check_not_future(errors, field, held_on, label)
    if held_on < plan.started_on:
        errors.setdefault(
            field, f"{label} must be on or after the plan started ({plan.started_on:%d %B %Y})"
        )


@transaction.atomic
def plan_review_record(
    *,
    actor: Any,
    plan: Plan,
    held_on: dt.date,
    summary: str,
    child_views: str = "",
    ratings: Ratings,
) -> PlanReview:
    """Review a child in need plan: rate every outcome, meet the review clock, start the next."""
    plan = _lock_open(plan)
    if plan.is_cp:
        raise ValidationError(
            {"plan": "A child protection plan is reviewed at a review conference"}
        )
    errors = rating_errors(plan, ratings)
    _check_held(errors, "held_on", held_on, plan, "The review date")
    if not summary.strip():
        errors["summary"] = "Enter what the review found and decided"
    if errors:
        raise ValidationError(errors)
    review = PlanReview(
        plan=plan,
        held_on=held_on,
        summary=summary.strip(),
        child_views=child_views.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(review)
    review.save()
    record_ratings(plan=plan, ratings=ratings, rated_on=held_on, review=review)
    audit_record(
        actor=actor,
        verb=AuditVerb.PLAN_REVIEWED,
        subject=review,
        person_id=plan.child_id,
        payload={"plan": plan.pk, "held_on": held_on, "ratings": len(ratings)},
    )
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=held_on,
        category="Plan review",
        summary="Child in need plan reviewed",
        source=review,
    )
    meet_clocks(actor=actor, subject=plan, rule_ids=(CIN_REVIEW_RULE,), met_on=held_on)
    open_clock(actor=actor, child=plan.child, rule_id=CIN_REVIEW_RULE, start=held_on, subject=plan)
    return review


@transaction.atomic
def core_group_record(
    *, actor: Any, plan: Plan, held_on: dt.date, attendees: str, summary: str
) -> CoreGroupMeeting:
    """A core group meeting: meets the first-core-group (or cadence) clock, starts the next."""
    plan = _lock_open(plan)
    if not plan.is_cp:
        raise ValidationError({"plan": "Core groups meet on child protection plans"})
    errors: dict[str, str] = {}
    _check_held(errors, "held_on", held_on, plan, "The meeting date")
    if not attendees.strip():
        errors["attendees"] = "Enter who attended"
    if not summary.strip():
        errors["summary"] = "Enter what the core group reviewed and agreed"
    if errors:
        raise ValidationError(errors)
    meeting = CoreGroupMeeting(
        plan=plan,
        held_on=held_on,
        attendees=attendees.strip(),
        summary=summary.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(meeting)
    meeting.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CORE_GROUP_RECORDED,
        subject=meeting,
        person_id=plan.child_id,
        payload={"plan": plan.pk, "held_on": held_on},
    )
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=held_on,
        category="Core group",
        summary="Core group meeting held",
        source=meeting,
    )
    meet_clocks(actor=actor, subject=plan, rule_ids=CORE_GROUP_RULES, met_on=held_on)
    open_clock(actor=actor, child=plan.child, rule_id="core-group", start=held_on, subject=plan)
    return meeting


@transaction.atomic
def visit_record(
    *,
    actor: Any,
    plan: Plan,
    visited_on: dt.date,
    child_seen: bool,
    seen_alone: bool | None = None,
    bedroom_seen: bool | None = None,
    child_said: str = "",
    observations: str = "",
) -> Visit:
    """A statutory visit. Only seeing the child meets the visit clock; the next is then due
    from this visit. A visit without seeing the child is recorded and the clock runs on."""
    plan = _lock_open(plan)
    errors: dict[str, str] = {}
    _check_held(errors, "visited_on", visited_on, plan, "The visit date")
    if child_seen and seen_alone is None:
        errors["seen_alone"] = "Say whether the child was seen alone"
    if not child_seen and seen_alone:
        errors["seen_alone"] = "The child was not seen, so was not seen alone"
    if bedroom_seen is None:
        errors["bedroom_seen"] = "Say whether you saw the child's bedroom"
    if child_seen and not child_said.strip():
        errors["child_said"] = "Enter what the child said, in their words where you can"
    if not child_seen and not observations.strip():
        errors["observations"] = "Enter why the child was not seen and what you will do"
    if errors:
        raise ValidationError(errors)
    visit = Visit(
        child=plan.child,
        plan=plan,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone if child_seen else None,
        bedroom_seen=bedroom_seen,
        child_said=child_said.strip(),
        observations=observations.strip(),
        visitor=user_or_none(actor),
    )
    check_fields(visit)
    visit.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.VISIT_RECORDED,
        subject=visit,
        person_id=plan.child_id,
        payload={
            "plan": plan.pk,
            "visited_on": visited_on,
            "child_seen": child_seen,
            "seen_alone": visit.seen_alone,
            "bedroom_seen": bedroom_seen,
        },
    )
    if child_seen:
        summary = "Visit: child seen" + (" alone" if seen_alone else ", not alone")
    else:
        summary = "Visit: child not seen"
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=visited_on,
        category="Visit",
        summary=summary,
        source=visit,
    )
    if child_seen:
        # A visit recorded late, after a later one, does not pull the next due date back.
        latest = max(
            plan.visits.filter(child_seen=True).values_list("visited_on", flat=True),
            default=visited_on,
        )
        rule_id = VISIT_RULE[plan.kind]
        met = meet_clocks(actor=actor, subject=plan, rule_ids=(rule_id,), met_on=visited_on)
        if met or latest == visited_on:
            open_clock(actor=actor, child=plan.child, rule_id=rule_id, start=latest, subject=plan)
    return visit
