"""Who may see and act on the allocation queue (merged into ``policies`` with the caseload
predicates)."""

from typing import Any

from haven.accounts.permissions import Action, has_action, sees_allocation_queue


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
