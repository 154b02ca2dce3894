"""Who may record and sign off casework for which children.

Roles grant the actions (``accounts.permissions``: RECORD_ASSESSMENT, AUTHORISE_ASSESSMENT,
CLOSE_EPISODE, RECORD_EARLY_HELP); reach is the people policy's: a user may act on a child's
casework only if the child is in ``people.policies.visible_people(user, action)``. Each
``can_*`` is the matching ``visible_*`` filtered to one row, so lists and records agree.
"""

from typing import Any

from django.db.models import QuerySet

from haven.accounts.permissions import Action
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.people.models import Person
from haven.people.policies import visible_people


def visible_episodes(user: Any, action: Action = Action.VIEW_RECORD) -> QuerySet[CINEpisode]:
    """The CIN episodes of every child ``user`` may do ``action`` to."""
    return CINEpisode.objects.filter(child__in=visible_people(user, action))


def visible_assessments(user: Any, action: Action = Action.VIEW_RECORD) -> QuerySet[Assessment]:
    return Assessment.objects.filter(child__in=visible_people(user, action))


def visible_early_help(
    user: Any, action: Action = Action.VIEW_RECORD
) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(child__in=visible_people(user, action))


def _child(obj: Person | CINEpisode | Assessment | EarlyHelpEpisode) -> Person:
    return obj if isinstance(obj, Person) else obj.child


def _can_for_child(user: Any, action: Action, child: Person) -> bool:
    return visible_people(user, action).filter(pk=child.pk).exists()


def can_record_assessment(user: Any, obj: Assessment | CINEpisode | Person) -> bool:
    """Start an assessment on a child's episode, or record seeing the child, wishes, findings."""
    if isinstance(obj, Assessment):
        return visible_assessments(user, Action.RECORD_ASSESSMENT).filter(pk=obj.pk).exists()
    return _can_for_child(user, Action.RECORD_ASSESSMENT, _child(obj))


def can_authorise(user: Any, assessment: Assessment) -> bool:
    """Sign off a completed assessment: a manager whose reach includes the child."""
    return visible_assessments(user, Action.AUTHORISE_ASSESSMENT).filter(pk=assessment.pk).exists()


def can_close_episode(user: Any, episode: CINEpisode) -> bool:
    return visible_episodes(user, Action.CLOSE_EPISODE).filter(pk=episode.pk).exists()


def can_record_early_help(user: Any, obj: EarlyHelpEpisode | Person) -> bool:
    if isinstance(obj, EarlyHelpEpisode):
        return visible_early_help(user, Action.RECORD_EARLY_HELP).filter(pk=obj.pk).exists()
    return _can_for_child(user, Action.RECORD_EARLY_HELP, obj)
