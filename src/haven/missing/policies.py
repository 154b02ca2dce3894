"""Who may see and record missing episodes and return home interviews, for which children.

RECORD_MISSING (social workers, personal advisers, front-door screeners and their managers)
records an episode, the child's return and the interview after it. MANAGE_DEADLINES (managers)
answers the prompt a child's third episode in 90 days raises. Reach is the people policy's,
so a child's missing page opens for exactly those who may open the child's record.
"""

from typing import Any

from haven.accounts.permissions import Action
from haven.people import policies as people


def can_view(user: Any, child: Any) -> bool:
    return people.can(user, Action.VIEW_RECORD, child)


def can_record(user: Any, child: Any) -> bool:
    return people.can(user, Action.RECORD_MISSING, child)


def can_decide_repeat(user: Any, child: Any) -> bool:
    return people.can(user, Action.MANAGE_DEADLINES, child)
