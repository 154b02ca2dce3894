"""Reads of children's casework: episodes, assessments, early help, and their clocks."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline

#: The clock a referral starts and an authorised assessment stops.
ASSESSMENT_RULE = "child-and-family-assessment"


def episodes_for(child: Any) -> QuerySet[CINEpisode]:
    """Every CIN episode of the child, latest referral first, with its assessments."""
    return CINEpisode.objects.filter(child=child).prefetch_related(
        Prefetch("assessments", queryset=Assessment.objects.prefetch_related("factors")),
        "stepped_up_from",
    )


def open_episode(child: Any) -> CINEpisode | None:
    return CINEpisode.objects.filter(child=child, closure_date__isnull=True).first()


def assessments_for(child: Any) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(child=child)
        .select_related("episode", "authorised_by")
        .prefetch_related("factors")
    )


def current_assessment(episode: CINEpisode) -> Assessment | None:
    """The assessment in progress on the episode (at most one is not yet authorised)."""
    return episode.assessments.filter(authorised_on__isnull=True).first()


def sibling_assessments(assessment: Assessment) -> QuerySet[Assessment]:
    """The other children's assessments started together with this one."""
    if assessment.group_id is None:
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(group_id=assessment.group_id)
        .exclude(pk=assessment.pk)
        .select_related("child")
    )


def early_help_for(child: Any) -> QuerySet[EarlyHelpEpisode]:
    return EarlyHelpEpisode.objects.filter(child=child).select_related("stepped_up_episode")


def open_early_help(child: Any) -> EarlyHelpEpisode | None:
    return EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).first()


def episode_deadlines(episode: CINEpisode) -> QuerySet[Deadline]:
    """The clocks the episode started, open or not."""
    return Deadline.objects.filter(
        subject_type=CINEpisode._meta.label_lower, subject_id=str(episode.pk)
    )


def assessment_deadline(episode: CINEpisode) -> Deadline | None:
    """The 45-working-day clock the referral started, if it is still open."""
    return (
        episode_deadlines(episode)
        .filter(rule_id=ASSESSMENT_RULE, status=DeadlineStatus.OPEN)
        .first()
    )


@dataclass(frozen=True)
class CaseworkSummary:
    """What a child's record page shows about casework."""

    open_episode: CINEpisode | None
    current_assessment: Assessment | None
    assessment_deadline: Deadline | None
    open_early_help: EarlyHelpEpisode | None
    episodes: list[CINEpisode]
    early_help: list[EarlyHelpEpisode]


def casework_for(child: Any) -> CaseworkSummary:
    episodes = list(episodes_for(child))
    early_help = list(early_help_for(child))
    current = next((e for e in episodes if e.is_open), None)
    in_progress = None
    if current is not None:
        in_progress = next((a for a in current.assessments.all() if not a.is_authorised), None)
    return CaseworkSummary(
        open_episode=current,
        current_assessment=in_progress,
        assessment_deadline=assessment_deadline(current) if current is not None else None,
        open_early_help=next((e for e in early_help if e.is_open), None),
        episodes=episodes,
        early_help=early_help,
    )
