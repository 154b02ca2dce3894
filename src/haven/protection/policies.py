"""Who may record what on the protection pathway, for which children.

Roles grant the actions (``accounts.permissions``): RECORD_PROTECTION (strategy discussions,
enquiries, plans, visits, core groups), RECORD_CONFERENCE (the conference chair or a manager)
and DECIDE_PRE_PROCEEDINGS (a manager). Reach is the people policy's, so a list and a record
never disagree: each ``can_*`` is ``visible_people`` filtered to one child.
"""

from typing import Any

from django.db.models import QuerySet

from haven.accounts.permissions import Action, has_action
from haven.people.models import Person
from haven.people.policies import visible_people
from haven.protection.models import Plan


def visible_plans(user: Any, action: Action = Action.VIEW_RECORD) -> QuerySet[Plan]:
    return Plan.objects.filter(child__in=visible_people(user, action))


def _can(user: Any, action: Action, child: Any) -> bool:
    child_id = child.pk if isinstance(child, Person) else child
    return visible_people(user, action).filter(pk=child_id).exists()


def can_view(user: Any, child: Any) -> bool:
    return _can(user, Action.VIEW_RECORD, child)


def can_record(user: Any, child: Any) -> bool:
    """Strategy discussions, section 47 enquiries, plans and their outcomes, visits, core groups,
    emergency protection."""
    return _can(user, Action.RECORD_PROTECTION, child)


def can_record_conference(user: Any, child: Any) -> bool:
    return _can(user, Action.RECORD_CONFERENCE, child)


def can_decide_pre_proceedings(user: Any, child: Any) -> bool:
    return _can(user, Action.DECIDE_PRE_PROCEEDINGS, child)


def can_view_neglect_list(user: Any) -> bool:
    """The long-term neglect list: those who see team work (managers, senior leaders, the
    performance team). Each row names only a child in the user's reach."""
    return has_action(user, Action.VIEW_TEAM_WORK)


def sees_figures_only(user: Any) -> bool:
    """A role that opens no child's record (the performance analyst) sees figures alone."""
    return not has_action(user, Action.VIEW_RECORD)
