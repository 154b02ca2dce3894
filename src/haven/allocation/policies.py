"""Who may allocate work, and to whom."""

from typing import Any

from haven.accounts.permissions import Action, has_action
from haven.allocation.models import Team
from haven.allocation.selectors import managed_team_ids


def can_allocate_in_team(user: Any, team: Team) -> bool:
    return has_action(user, Action.ALLOCATE) and team.id in managed_team_ids(user=user)
