"""Reads for the protection pages: a plan's outcomes and actions by id, its history of reviews,
visits and core groups, its clocks as the page shows them, and the people a form offers
(conference chairs, action owners).

Clocks are read from stored deadlines; nothing here counts days towards a due date.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from haven.accounts.roles import Role
from haven.allocation.selectors import current_allocation
from haven.core.errors import NotFound
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.protection.models import (
    Conference,
    CoreGroupMeeting,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    Visit,
)

#: An open clock due within this many days is shown as due soon.
DUE_SOON_DAYS = 7


def outcome_get(*, plan: Plan, outcome_id: UUID | str) -> PlanOutcome:
    """One outcome of ``plan``: NotFound for an outcome of another plan."""
    try:
        return PlanOutcome.objects.select_related("plan").get(plan=plan, pk=outcome_id)
    except (PlanOutcome.DoesNotExist, ValueError) as e:
        raise NotFound("No such outcome on this plan") from e


def action_get(*, plan: Plan, action_id: UUID | str) -> PlanAction:
    """One action towards an outcome of ``plan``: NotFound for an action on another plan."""
    try:
        return PlanAction.objects.select_related("outcome__plan", "owner_user").get(
            outcome__plan=plan, pk=action_id
        )
    except (PlanAction.DoesNotExist, ValueError) as e:
        raise NotFound("No such action on this plan") from e


def outcomes_to_rate(*, plan: Plan) -> list[PlanOutcome]:
    """The outcomes a review rates: every one not yet achieved, with its ratings so far."""
    return list(
        PlanOutcome.objects.filter(plan=plan, achieved_on__isnull=True).prefetch_related("ratings")
    )


def conference_chairs() -> QuerySet[Any]:
    """Who may chair a conference: the independent reviewing officers."""
    return (
        get_user_model()
        .objects.filter(role=Role.IRO, is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def action_owners(*, child_id: Any, include: Iterable[Any] = ()) -> QuerySet[Any]:
    """People offered as an action's owner: the workers in the team the child is allocated to,
    and anyone in ``include`` (the person recording, the action's current owner)."""
    allocation = current_allocation(child_id=child_id)
    ids = [getattr(u, "pk", u) for u in include if u is not None]
    query = Q(pk__in=ids)
    if allocation is not None:
        query |= Q(worker__team=allocation.team, worker__ended_on__isnull=True)
    return (
        get_user_model()
        .objects.filter(query, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass(frozen=True)
class PlanHistory:
    """What has happened on a plan, newest first."""

    conferences: list[Conference]
    reviews: list[PlanReview]
    visits: list[Visit]
    core_groups: list[CoreGroupMeeting]


def plan_history(*, plan: Plan) -> PlanHistory:
    return PlanHistory(
        conferences=list(plan.review_conferences.select_related("chair")),
        reviews=list(plan.reviews.select_related("recorded_by")),
        visits=list(plan.visits.select_related("visitor")),
        core_groups=list(plan.core_groups.select_related("recorded_by")),
    )


@dataclass(frozen=True)
class PlanClock:
    """A plan's deadline as the plan page shows it."""

    deadline: Deadline
    today: dt.date

    @property
    def is_open(self) -> bool:
        return self.deadline.status == DeadlineStatus.OPEN

    @property
    def overdue(self) -> bool:
        return self.is_open and self.deadline.due_on < self.today

    @property
    def late(self) -> bool:
        met_on = self.deadline.met_on
        return self.overdue or (met_on is not None and met_on > self.deadline.due_on)

    @property
    def label(self) -> str:
        status = self.deadline.status
        if status == DeadlineStatus.MET:
            return "Met late" if self.late else "Met"
        if status == DeadlineStatus.CANCELLED:
            return "Stopped"
        if self.overdue:
            return "Overdue"
        if self.deadline.due_on == self.today:
            return "Due today"
        if (self.deadline.due_on - self.today).days <= DUE_SOON_DAYS:
            return "Due soon"
        return "Open"

    @property
    def colour(self) -> str:
        return {
            "Overdue": "red",
            "Met late": "red",
            "Due today": "orange",
            "Due soon": "yellow",
            "Met": "green",
            "Stopped": "grey",
        }.get(self.label, "blue")


def plan_clocks(
    deadlines: Sequence[Deadline], today: dt.date
) -> tuple[list[PlanClock], list[PlanClock]]:
    """The plan's clocks: those still running (soonest first) and those met or stopped
    (newest first)."""
    clocks = [PlanClock(d, today) for d in deadlines]
    running = sorted((c for c in clocks if c.is_open), key=lambda c: c.deadline.due_on)
    done = sorted(
        (c for c in clocks if not c.is_open), key=lambda c: c.deadline.due_on, reverse=True
    )
    return running, done
