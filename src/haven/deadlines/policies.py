"""Who sees which worklists and may change which deadlines."""

from typing import Any

from haven.accounts.permissions import Action, has_action
from haven.allocation.selectors import managed_team_ids
from haven.deadlines.models import Deadline


def can_view_team_work(user: Any) -> bool:
    return has_action(user, Action.VIEW_TEAM_WORK)


def team_ids_for_worklist(user: Any) -> list[Any]:
    return managed_team_ids(user=user) if can_view_team_work(user) else []


def can_manage_deadline(user: Any, deadline: Deadline) -> bool:
    return has_action(user, Action.MANAGE_DEADLINES) and (
        deadline.team_id in managed_team_ids(user=user)
    )
