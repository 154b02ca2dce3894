"""Reads of missing episodes: a child's episodes, and whether they keep going missing."""

import datetime as dt
from uuid import UUID

from django.db.models import QuerySet

from haven.missing.models import MissingEpisode
from haven.timescales.clocks.repeat_missing_review import EPISODES, WITHIN_DAYS


def episodes_for_child(*, child_id: UUID) -> QuerySet[MissingEpisode]:
    return (
        MissingEpisode.objects.filter(child_id=child_id)
        .select_related("interview")
        .order_by("-started_at")
    )


def episodes_in_window(*, child_id: UUID, at: dt.datetime) -> int:
    """Episodes that began in the ``WITHIN_DAYS`` days up to ``at``, counting one that began at
    ``at``."""
    return MissingEpisode.objects.filter(
        child_id=child_id, started_at__gt=at - dt.timedelta(days=WITHIN_DAYS), started_at__lte=at
    ).count()


def missing_again_and_again(*, child_id: UUID, at: dt.datetime) -> bool:
    """Whether the child has gone missing ``EPISODES`` or more times in ``WITHIN_DAYS`` days."""
    return episodes_in_window(child_id=child_id, at=at) >= EPISODES
