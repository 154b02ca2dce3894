"""Who may record what for children in care and care leavers, for which children.

Roles grant the actions (``accounts.permissions``): RECORD_CARE (social workers, personal
advisers and their managers: periods, placements, plans, visits, health, leaving care),
CHAIR_CARE_REVIEW (IROs and managers), MANAGE_PROVIDERS (the placements register) and
SIGN_OFF_IRREGULAR_PLACEMENT (the director). Reach is the people policy's, so a list and a
record never disagree. The director's named delegates (``HAVEN_IRREGULAR_PLACEMENT_DELEGATES``)
may also sign off placements in unregistered settings.
"""

from typing import Any

from django.conf import settings

from haven.accounts.permissions import Action, has_action
from haven.people.models import Person
from haven.people.policies import visible_people


def _can(user: Any, action: Action, child: Any) -> bool:
    child_id = child.pk if isinstance(child, Person) else child
    return visible_people(user, action).filter(pk=child_id).exists()


def can_view(user: Any, child: Any) -> bool:
    return _can(user, Action.VIEW_RECORD, child)


def can_record(user: Any, child: Any) -> bool:
    return _can(user, Action.RECORD_CARE, child)


def can_chair_review(user: Any, child: Any) -> bool:
    return _can(user, Action.CHAIR_CARE_REVIEW, child)


def is_iro(user: Any) -> bool:
    """May chair a looked-after review at all (the chair named on a review must)."""
    return has_action(user, Action.CHAIR_CARE_REVIEW)


def can_sign_off_irregular(user: Any) -> bool:
    """The director of children's services, or a senior officer the director has named."""
    if has_action(user, Action.SIGN_OFF_IRREGULAR_PLACEMENT):
        return True
    delegates = getattr(settings, "HAVEN_IRREGULAR_PLACEMENT_DELEGATES", [])
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and has_action(user, Action.VIEW_TEAM_WORK)
        and user.get_username() in delegates
    )


def can_view_irregular_list(user: Any) -> bool:
    """The list of every child in an unregistered setting: those who sign them off, and the
    managers and leaders who see team work. Each row names only a child in the user's reach."""
    return can_sign_off_irregular(user) or has_action(user, Action.VIEW_TEAM_WORK)


def can_manage_providers(user: Any) -> bool:
    return has_action(user, Action.MANAGE_PROVIDERS)


def can_view_costs(user: Any) -> bool:
    """Placement spend: managers, leaders and the performance team."""
    return has_action(user, Action.VIEW_TEAM_WORK)


def sees_figures_only(user: Any) -> bool:
    """A role that opens no child's record (the performance analyst) sees figures alone."""
    return not has_action(user, Action.VIEW_RECORD)
