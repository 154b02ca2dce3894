"""Writes for the allocation queue: its clocks, managers' risk reviews, and allocating a child
from the queue with the decision behind it."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from haven.allocation.enums import STATUTORY_CASE_KINDS
from haven.allocation.models import Allocation, OpenCase, Team, Worker
from haven.allocation.services import allocation_start
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_open
from haven.oversight.enums import RiskRating
from haven.oversight.models import AllocationDecision, RiskReview
from haven.oversight.selectors.queue import (
    ESCALATION_RULE,
    QUEUE_RULES,
    REVIEW_RULE,
    is_queued,
    joined_on,
    queued_child_ids,
)
from haven.people.models import Person
from haven.people.services import chronology_record


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _open(child_id: Any, rule_id: str) -> Deadline | None:
    return (
        Deadline.objects.select_for_update()
        .filter(child_id=child_id, rule_id=rule_id, status=DeadlineStatus.OPEN)
        .first()
    )


def _queue_teams(child_id: Any) -> tuple[Any, Any]:
    """Who answers for a waiting child's clocks: the risk review goes to the child's team
    (their last worker's, else the team holding their other clocks), and escalation to the
    part of the service above it, where the head of service sees it on "My team"."""
    team = (
        Allocation.objects.filter(child_id=child_id)
        .order_by("-started_on")
        .values_list("team_id", flat=True)
        .first()
    ) or (
        Deadline.objects.filter(child_id=child_id, team_id__isnull=False)
        .exclude(rule_id__in=QUEUE_RULES)
        .order_by("-created_at")
        .values_list("team_id", flat=True)
        .first()
    )
    if team is None:
        return None, None
    found = Team.objects.select_related("parent").get(pk=team)
    return found, found.parent or found


@dataclass(frozen=True)
class QueueSync:
    opened: int  # clocks opened for children waiting without them
    closed: int  # clocks of children no longer waiting, met or cancelled


@transaction.atomic
def queue_sync(*, actor: Any) -> QueueSync:
    """Make the queue's clocks match who is waiting; safe to run at any time, and twice.

    A waiting child without an open risk-review clock gets one, started from their latest
    risk review in this wait or else the day they joined; without an open escalation clock,
    one started the day they joined. A child no longer waiting has their escalation clock met
    on the day they were allocated (cancelled if their case closed instead) and their review
    clock cancelled.
    """
    waiting = list(queued_child_ids())
    joined = joined_on(waiting)
    opened = 0
    for child_id, since in joined.items():
        child = Person.objects.get(pk=child_id)
        team, service = _queue_teams(child_id)
        if _open(child_id, REVIEW_RULE) is None:
            last = (
                RiskReview.objects.filter(child_id=child_id, reviewed_on__gte=since)
                .order_by("-reviewed_on")
                .values_list("reviewed_on", flat=True)
                .first()
            )
            deadline_open(
                actor=actor, child=child, rule_id=REVIEW_RULE, start=last or since, team=team
            )
            opened += 1
        if _open(child_id, ESCALATION_RULE) is None:
            deadline_open(
                actor=actor, child=child, rule_id=ESCALATION_RULE, start=since, team=service
            )
            opened += 1
    closed = 0
    stale = (
        Deadline.objects.select_for_update()
        .filter(rule_id__in=QUEUE_RULES, status=DeadlineStatus.OPEN)
        .exclude(child_id__in=waiting)
    )
    for deadline in stale:
        allocated = (
            Allocation.objects.filter(child_id=deadline.child_id, ended_on__isnull=True)
            .values_list("started_on", flat=True)
            .first()
        )
        if deadline.rule_id == ESCALATION_RULE and allocated is not None:
            deadline_meet(actor=actor, deadline=deadline, met_on=allocated)
        else:
            reason = "Allocated" if allocated is not None else "The case closed"
            deadline_cancel(actor=actor, deadline=deadline, reason=reason)
        closed += 1
    return QueueSync(opened=opened, closed=closed)


@transaction.atomic
def risk_review_record(
    *,
    actor: Any,
    child: Person,
    reviewed_on: dt.date,
    rating: str,
    rationale: str,
    interim_actions: str,
    who_will_see: str,
) -> RiskReview:
    """A manager's risk review of a child waiting for a worker. Meets the review clock and
    starts the next one from the day of this review."""
    errors: dict[str, str] = {}
    since = joined_on([child.pk]).get(child.pk)
    if since is None or not is_queued(child_id=child.pk):
        errors["child"] = "This child is not waiting for allocation"
    if rating not in RiskRating.values:
        errors["rating"] = "Choose the risk rating"
    if reviewed_on > clock.today():
        errors["reviewed_on"] = "The review date must be today or in the past"
    elif since is not None and reviewed_on < since:
        errors["reviewed_on"] = (
            f"The review date must be on or after the case joined the queue ({since:%d %B %Y})"
        )
    for field, value, message in (
        ("rationale", rationale, "Say why you rated the risk this way"),
        ("interim_actions", interim_actions, "Say what will happen while the case waits"),
        ("who_will_see", who_will_see, "Say who will see the child, and when"),
    ):
        if not value.strip():
            errors[field] = message
    if len(who_will_see.strip()) > 200:
        errors.setdefault("who_will_see", "Keep this to 200 characters")
    if errors:
        raise ValidationError(errors)
    review = RiskReview(
        child=child,
        reviewed_on=reviewed_on,
        rating=rating,
        rationale=rationale.strip(),
        interim_actions=interim_actions.strip(),
        who_will_see=who_will_see.strip(),
        reviewed_by=_user_or_none(actor),
    )
    check_fields(review)
    review.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.RISK_REVIEW_RECORDED,
        subject=review,
        person_id=child.pk,
        payload={"reviewed_on": reviewed_on, "rating": rating},
    )
    current = _open(child.pk, REVIEW_RULE)
    if current is not None:
        deadline_meet(actor=actor, deadline=current, met_on=reviewed_on)
    team, service = _queue_teams(child.pk)
    deadline_open(actor=actor, child=child, rule_id=REVIEW_RULE, start=reviewed_on, team=team)
    if _open(child.pk, ESCALATION_RULE) is None and since is not None:
        deadline_open(actor=actor, child=child, rule_id=ESCALATION_RULE, start=since, team=service)
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=reviewed_on,
        category="Risk review",
        summary=f"Risk reviewed while awaiting allocation: {RiskRating(rating).label.lower()}",
        source=review,
    )
    return review


def may_hold(worker: Worker, kinds: set[str]) -> bool:
    """Statutory work goes to a registered social worker; child in need work too, unless the
    council lets others lead it (``HAVEN_SECTION_17_LED_BY_OTHERS``)."""
    if worker.is_registered_social_worker:
        return True
    if any(k in STATUTORY_CASE_KINDS for k in kinds):
        return False
    return bool(settings.HAVEN_SECTION_17_LED_BY_OTHERS)


def holding_refusal(worker: Worker, child: Person) -> str | None:
    """Why ``worker`` may not hold the child's open cases (``may_hold``), or None."""
    kinds = set(
        OpenCase.objects.filter(child=child, closed_on__isnull=True).values_list("kind", flat=True)
    )
    if may_hold(worker, kinds):
        return None
    return (
        "This case needs a registered social worker: choose a worker with a "
        "Social Work England registration"
    )


@transaction.atomic
def queue_allocate(
    *,
    actor: Any,
    child: Person,
    worker: Worker,
    started_on: dt.date,
    recommended_worker: Worker | None = None,
    override_reason: str = "",
) -> AllocationDecision:
    """Allocate a waiting child to ``worker``, recording Haven's recommendation and, when the
    manager chose someone else, their reason. Ends the queue's clocks."""
    errors: dict[str, str] = {}
    if not is_queued(child_id=child.pk):
        errors["child"] = "This child is not waiting for allocation"
    if (refusal := holding_refusal(worker, child)) is not None:
        errors["worker"] = refusal
    accepted = recommended_worker is None or recommended_worker.pk == worker.pk
    if not accepted and not override_reason.strip():
        errors["override_reason"] = "Say why you chose a different worker from the one recommended"
    if started_on > clock.today():
        errors["started_on"] = "The allocation date must be today or in the past"
    if errors:
        raise ValidationError(errors)
    allocation = allocation_start(actor=actor, child=child, worker=worker, started_on=started_on)
    decision = AllocationDecision(
        child=child,
        allocation=allocation,
        recommended_worker=recommended_worker,
        accepted=accepted,
        override_reason="" if accepted else override_reason.strip(),
        decided_by=_user_or_none(actor),
        decided_at=clock.now(),
    )
    check_fields(decision)
    decision.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.QUEUE_ALLOCATED,
        subject=decision,
        person_id=child.pk,
        payload={
            "worker": worker.pk,
            "recommended": recommended_worker.pk if recommended_worker else None,
            "accepted": accepted,
        },
    )
    for deadline in Deadline.objects.select_for_update().filter(
        child=child, rule_id__in=QUEUE_RULES, status=DeadlineStatus.OPEN
    ):
        if deadline.rule_id == ESCALATION_RULE:
            deadline_meet(actor=actor, deadline=deadline, met_on=started_on)
        else:
            deadline_cancel(actor=actor, deadline=deadline, reason="Allocated")
    return decision


@transaction.atomic
def queue_allocate_plan(
    *, actor: Any, placements: list[tuple[Person, Worker]], started_on: dt.date
) -> list[AllocationDecision]:
    """Allocate several waiting children as Haven's plan for the whole queue proposed, all or
    none: each decision records the proposed worker as recommended and accepted."""
    if not placements:
        raise ValidationError({"children": "Tick at least one child to allocate"})
    decisions = []
    for position, (child, worker) in enumerate(placements, start=1):
        try:
            decisions.append(
                queue_allocate(
                    actor=actor,
                    child=child,
                    worker=worker,
                    started_on=started_on,
                    recommended_worker=worker,
                )
            )
        except ValidationError as e:
            messages = "; ".join(m for ms in e.message_dict.values() for m in ms)
            raise ValidationError({"children": f"Child {position}: {messages}"}) from e
    return decisions
