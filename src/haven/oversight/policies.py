"""Who may see what in management oversight. Plain predicates, one per question.

Caseloads (docs/caseloads.md) show counts and workers' names, never a child's details:
* a manager (a role that sees team work with reach over a service: team and service
  managers, the front-door manager, the DCS) sees every worker in the teams they manage,
  their own node of the service hierarchy and everything under it, so the DCS, placed at the
  directorate, sees every team;
* anyone else with a worker record sees their own caseload against their capacity, and no
  one else's: a colleague's caseload and absence are a matter for their manager.

The allocation queue (docs/allocation-queue.md) is seen by those who allocate work and by
senior leaders whose reach is every child (``accounts.permissions.sees_allocation_queue``,
which also drives the menu); risk reviews and allocating are for those who allocate. The
allocation measures are for anyone who sees team work; a drill-down names only the children
in the user's reach.

The workforce page (docs/workforce.md) shows staff figures and names, never a child: managers
see the teams they manage (as for caseloads); the DCS and the performance team see the whole
council.
"""

from typing import Any
from uuid import UUID

from haven.accounts.permissions import Action, Reach, has_action, reach_of, sees_allocation_queue
from haven.accounts.roles import Role
from haven.allocation.models import Worker
from haven.allocation.selectors import managed_team_ids, team_list, worker_for_user

#: Roles that see the whole council's workforce, not only the teams they manage.
WHOLE_WORKFORCE_ROLES = frozenset({Role.DCS, Role.PERFORMANCE_ANALYST})


def can_view_team_caseloads(user: Any) -> bool:
    """May this user see the caseloads of the workers in the teams they manage?"""
    return has_action(user, Action.VIEW_TEAM_WORK) and reach_of(user) in (
        Reach.SERVICE,
        Reach.ALL,
    )


def caseload_team_ids(user: Any) -> list[UUID]:
    """The teams whose workers' caseloads this user sees in full."""
    return managed_team_ids(user=user) if can_view_team_caseloads(user) else []


def _own_worker(user: Any) -> Worker | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return worker_for_user(user=user)


def can_view_caseloads_page(user: Any, team_id: UUID) -> bool:
    """A team's caseload page: its manager, or a worker in it (who sees only their own row)."""
    if team_id in caseload_team_ids(user):
        return True
    worker = _own_worker(user)
    return worker is not None and worker.team_id == team_id


def caseload_worker_ids(user: Any, team_id: UUID) -> set[UUID] | None:
    """Whose rows this user sees on a team's caseload page: None for everyone in the team
    (its manager), otherwise only their own."""
    if team_id in caseload_team_ids(user):
        return None
    worker = _own_worker(user)
    return set() if worker is None else {worker.pk}


def own_caseload_team_id(user: Any) -> UUID | None:
    """The team whose caseload page shows this user's own row, if they hold a worker record."""
    worker = _own_worker(user)
    return None if worker is None else worker.team_id


def can_view_queue(user: Any) -> bool:
    """Those who allocate work, and senior leaders who see every child."""
    return sees_allocation_queue(user)


def can_review_risk(user: Any) -> bool:
    """A risk review of a waiting case is a manager's: those who allocate work."""
    return has_action(user, Action.ALLOCATE)


def can_allocate(user: Any) -> bool:
    return has_action(user, Action.ALLOCATE)


def can_view_measures(user: Any) -> bool:
    """Managers, senior leaders and the performance team; a drill-down names only the
    children in the user's reach."""
    return has_action(user, Action.VIEW_TEAM_WORK)


def _sees_whole_workforce(user: Any) -> bool:
    return (
        has_action(user, Action.VIEW_TEAM_WORK)
        and getattr(user, "role", None) in WHOLE_WORKFORCE_ROLES
    )


def can_view_workforce(user: Any) -> bool:
    """The workforce page: managers (for their teams), the DCS and the performance team."""
    return _sees_whole_workforce(user) or can_view_team_caseloads(user)


def workforce_team_ids(user: Any) -> list[UUID]:
    """The teams whose establishment, staff and caseloads the workforce page shows."""
    if _sees_whole_workforce(user):
        return list(team_list().values_list("pk", flat=True))
    return caseload_team_ids(user)


def can_manage_worker(user: Any, worker: Worker) -> bool:
    """Record a worker's absences and skills: the manager of the worker's team."""
    return worker.team_id in caseload_team_ids(user)
