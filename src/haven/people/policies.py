"""Who may see and change a person's record.

One set of predicates answers both questions, so lists and record pages never disagree:
``visible_people(user, action)`` (which records) and ``can(user, action, person)`` (this one),
the second being the first filtered to one row.

Roles grant actions (``accounts.permissions``); reach comes from relationships:
* allocated: children allocated to me or to my team, and their family members;
* service: children allocated anywhere under the part of the service I manage;
* all: every record (front door, senior leaders, reviewing officers, business support);
* records I created that nobody is allocated to yet (so a new referral does not vanish);
* for those who allocate work (team and service managers): children waiting in the allocation
  queue, with an open case and no allocated worker, so no waiting child is out of sight.
A restricted record reaches only its named users, whatever the role. Anyone with the
break-glass action may open a record outside their reach by giving a reason; that grant
lasts ``HAVEN_BREAK_GLASS_MINUTES`` and is logged.
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from haven.accounts.permissions import Action, Reach, has_action, reach_of
from haven.allocation.models import Allocation, OpenCase
from haven.allocation.selectors import children_allocated_to, managed_team_ids, worker_for_user
from haven.core import clock
from haven.people.models import BreakGlassAccess, Person, Relationship, RestrictedAccess


def _allocated_child_ids(user: Any) -> QuerySet[Allocation, Any] | None:
    reach = reach_of(user)
    if reach in (Reach.NONE, Reach.ALL):
        return None
    if reach is Reach.SERVICE:
        team_ids = managed_team_ids(user=user)
    else:
        worker = worker_for_user(user=user)
        team_ids = [] if worker is None else [worker.team_id]
    return children_allocated_to(user=user, team_ids=team_ids)


def _reach(user: Any) -> Q:
    reach = reach_of(user)
    if reach is Reach.NONE:
        return Q(pk__in=[])
    if reach is Reach.ALL:
        return Q()
    child_ids = _allocated_child_ids(user)
    family_of_reached = Relationship.objects.filter(
        Q(from_person_id=OuterRef("pk"), to_person_id__in=child_ids)
        | Q(to_person_id=OuterRef("pk"), from_person_id__in=child_ids),
        ended_on__isnull=True,
    )
    unallocated = ~Exists(Allocation.objects.filter(child_id=OuterRef("pk"), ended_on__isnull=True))
    reached = Q(pk__in=child_ids) | Exists(family_of_reached) | (Q(created_by=user) & unallocated)
    if has_action(user, Action.ALLOCATE):
        waiting = Exists(OpenCase.objects.filter(child_id=OuterRef("pk"), closed_on__isnull=True))
        reached |= waiting & unallocated
    return reached


def _named(user: Any) -> Exists:
    return Exists(RestrictedAccess.objects.filter(person_id=OuterRef("pk"), user=user))


def _broken_glass(user: Any) -> Exists:
    return Exists(
        BreakGlassAccess.objects.filter(
            person_id=OuterRef("pk"), user=user, expires_at__gt=clock.now()
        )
    )


def visible_people(user: Any, action: Action = Action.VIEW_RECORD) -> QuerySet[Person]:
    """Every record ``user`` may do ``action`` to."""
    if not has_action(user, action):
        return Person.objects.none()
    within_reach = _reach(user) & Q(restricted=False)
    return Person.objects.filter(within_reach | _named(user) | _broken_glass(user))


def visible_ids(user: Any, person_ids: Iterable[Any]) -> set[Any]:
    """Which of ``person_ids`` the user may open: lists show the others without details."""
    ids = set(person_ids)
    if not ids:
        return set()
    return set(visible_people(user).filter(pk__in=ids).values_list("pk", flat=True))


def can(user: Any, action: Action, person: Person) -> bool:
    return visible_people(user, action).filter(pk=person.pk).exists()


def can_break_glass(user: Any, person: Person) -> bool:
    """Outside their reach (or restricted), may this user ask for emergency access?"""
    return has_action(user, Action.BREAK_GLASS) and not can(user, Action.VIEW_RECORD, person)


def can_search(user: Any) -> bool:
    return has_action(user, Action.SEARCH_PEOPLE)


def can_create_person(user: Any) -> bool:
    return has_action(user, Action.CREATE_PERSON)


def can_view_audit(user: Any) -> bool:
    """Auditors see who opened any record, restricted ones included: that is their job."""
    return has_action(user, Action.VIEW_AUDIT)


def can_manage_restrictions(user: Any, person: Person) -> bool:
    return has_action(user, Action.MANAGE_RESTRICTIONS) and can(user, Action.VIEW_RECORD, person)


def masked_in_search(user: Any, person: Person, visible_ids: set[Any]) -> bool:
    """A restricted record the user is not named on shows in results without its details."""
    return person.restricted and person.pk not in visible_ids
