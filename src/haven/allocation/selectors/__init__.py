import datetime as dt
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from haven.allocation.enums import JobRole
from haven.allocation.models import Allocation, Team, Worker


def worker_for_user(*, user: Any) -> Worker | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Worker.objects.select_related("team").filter(user=user).first()


def team_ids_under(*, team: Team) -> list[UUID]:
    """The team and every team below it in the service hierarchy."""
    return list(Team.objects.filter(path__startswith=team.path).values_list("id", flat=True))


def managed_team_ids(*, user: Any) -> list[UUID]:
    """Teams whose children a manager reaches: their own node and everything under it."""
    worker = worker_for_user(user=user)
    return [] if worker is None else team_ids_under(team=worker.team)


def current_allocation(*, child_id: UUID) -> Allocation | None:
    return (
        Allocation.objects.select_related("worker__user", "team")
        .filter(child_id=child_id, ended_on__isnull=True)
        .first()
    )


def team_manager(*, team_id: UUID) -> Worker | None:
    """The team's manager in post (the longest-serving, if it has two)."""
    return (
        Worker.objects.select_related("user")
        .filter(team_id=team_id, job_role=JobRole.TEAM_MANAGER, ended_on__isnull=True)
        .order_by("started_on", "user__username")
        .first()
    )


def allocation_history(*, child_id: UUID) -> QuerySet[Allocation]:
    return Allocation.objects.select_related("worker__user", "team").filter(child_id=child_id)


def caseload(*, worker: Worker) -> QuerySet[Allocation]:
    return (
        Allocation.objects.select_related("child")
        .filter(worker=worker, ended_on__isnull=True)
        .order_by("child__family_name", "child__given_name")
    )


def team_list() -> QuerySet[Team]:
    return Team.objects.all()


def workers_in_teams(*, team_ids: list[UUID]) -> QuerySet[Worker]:
    return Worker.objects.select_related("user", "team").filter(team_id__in=team_ids)


def children_allocated_to(*, user: Any, team_ids: list[UUID]) -> QuerySet[Allocation, Any]:
    """Ids of children with an open allocation to ``user`` or to any of ``team_ids``.

    Returned as a ``values("child_id")`` query to use as a subquery. It names the worker by
    id rather than joining through the user, so each side of the OR is one index lookup.
    """
    worker = worker_for_user(user=user)
    mine = Q(worker_id=worker.id) if worker is not None else Q(pk__in=[])
    return Allocation.objects.filter(mine | Q(team_id__in=team_ids), ended_on__isnull=True).values(
        "child_id"
    )


def workers_in_last_year(*, child_id: UUID, today: dt.date) -> int:
    """How many different workers were allocated to the child at some time in the 12 months
    to ``today``: the churn Ofsted asks about (a child should not meet a new face each time)."""
    year_ago = today - dt.timedelta(days=365)
    return (
        Allocation.objects.filter(child_id=child_id, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year_ago))
        .values("worker_id")
        .distinct()
        .count()
    )
