"""Reads for the casework pages: one record by its id, a child's casework with its clocks, and
the brothers and sisters who could be assessed together.

The 45-working-day clock is read from the stored ``Deadline`` (opened by ``referral_open`` from
``timescales``); nothing here counts working days.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.casework.selectors.records import ASSESSMENT_RULE
from haven.core.errors import NotFound
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.enums import RelationshipType
from haven.people.models import Relationship

#: Relationships that make two children brothers and sisters for a joint assessment.
SIBLING_TYPES = (
    RelationshipType.SIBLING,
    RelationshipType.HALF_SIBLING,
    RelationshipType.STEP_SIBLING,
)


def episode_get(*, episode_id: UUID) -> CINEpisode:
    try:
        return CINEpisode.objects.select_related("child").get(pk=episode_id)
    except (CINEpisode.DoesNotExist, ValueError) as e:
        raise NotFound("No such episode") from e


def assessment_get(*, assessment_id: UUID) -> Assessment:
    try:
        return (
            Assessment.objects.select_related("episode", "child", "authorised_by", "started_by")
            .prefetch_related("factors")
            .get(pk=assessment_id)
        )
    except (Assessment.DoesNotExist, ValueError) as e:
        raise NotFound("No such assessment") from e


def early_help_get(*, episode_id: UUID) -> EarlyHelpEpisode:
    try:
        return EarlyHelpEpisode.objects.select_related("child", "stepped_up_episode").get(
            pk=episode_id
        )
    except (EarlyHelpEpisode.DoesNotExist, ValueError) as e:
        raise NotFound("No such early help episode") from e


@dataclass(frozen=True)
class AssessmentClock:
    """A referral's 45-working-day clock as stored, and whether it is (or was) late."""

    due_on: dt.date
    status: str
    met_on: dt.date | None
    late: bool

    @property
    def label(self) -> str:
        if self.status == DeadlineStatus.MET:
            return "Met late" if self.late else "Met"
        if self.status == DeadlineStatus.CANCELLED:
            return "Stopped"
        return "Overdue" if self.late else "Open"

    @property
    def colour(self) -> str:
        if self.late:
            return "red"
        return {DeadlineStatus.MET: "green", DeadlineStatus.CANCELLED: "grey"}.get(
            DeadlineStatus(self.status), "blue"
        )


def _clock(deadline: Deadline, today: dt.date) -> AssessmentClock:
    if deadline.status == DeadlineStatus.MET:
        late = deadline.met_on is not None and deadline.met_on > deadline.due_on
    elif deadline.status == DeadlineStatus.OPEN:
        late = today > deadline.due_on
    else:
        late = False
    return AssessmentClock(deadline.due_on, deadline.status, deadline.met_on, late)


def assessment_clocks(*, episodes: list[CINEpisode], today: dt.date) -> dict[Any, AssessmentClock]:
    """Each episode's 45-working-day clock (keyed by episode id), in one query."""
    deadlines = Deadline.objects.filter(
        subject_type=CINEpisode._meta.label_lower,
        subject_id__in=[str(e.pk) for e in episodes],
        rule_id=ASSESSMENT_RULE,
    ).order_by("created_at")
    by_subject = {d.subject_id: d for d in deadlines}  # the latest wins
    return {e.pk: _clock(by_subject[str(e.pk)], today) for e in episodes if str(e.pk) in by_subject}


def first_assessment(episode: CINEpisode) -> Assessment | None:
    """The episode's earliest assessment: the one whose authorisation meets the referral's
    clock (only one assessment is in progress at a time, so a later one starts after it)."""
    assessments = list(episode.assessments.all())
    return min(assessments, key=lambda a: (a.start_date, a.created_at), default=None)


@dataclass(frozen=True)
class AssessmentRow:
    assessment: Assessment
    # The referral's clock, on the assessment that meets it; None on later assessments.
    clock: AssessmentClock | None


@dataclass(frozen=True)
class EpisodeRow:
    episode: CINEpisode
    clock: AssessmentClock | None
    assessments: list[AssessmentRow]
    in_progress: Assessment | None


@dataclass(frozen=True)
class ChildCasework:
    """What a child's casework page shows."""

    episodes: list[EpisodeRow]
    early_help: list[EarlyHelpEpisode]
    open_episode: CINEpisode | None
    open_early_help: EarlyHelpEpisode | None


def child_casework(*, child: Any, today: dt.date) -> ChildCasework:
    """The child's CIN episodes (latest first) with their assessments and clocks, and their
    early help: four queries however many there are."""
    episodes = list(
        CINEpisode.objects.filter(child=child).prefetch_related(
            Prefetch(
                "assessments",
                queryset=Assessment.objects.select_related("authorised_by").prefetch_related(
                    "factors"
                ),
            )
        )
    )
    clocks = assessment_clocks(episodes=episodes, today=today)
    rows = []
    for episode in episodes:
        first = first_assessment(episode)
        clock = clocks.get(episode.pk)
        assessments = [
            AssessmentRow(a, clock if a == first else None) for a in episode.assessments.all()
        ]
        in_progress = next((a for a in episode.assessments.all() if not a.is_authorised), None)
        rows.append(EpisodeRow(episode, clock, assessments, in_progress))
    early_help = list(
        EarlyHelpEpisode.objects.filter(child=child).select_related("stepped_up_episode")
    )
    return ChildCasework(
        episodes=rows,
        early_help=early_help,
        open_episode=next((e for e in episodes if e.is_open), None),
        open_early_help=next((e for e in early_help if e.is_open), None),
    )


def assessment_clock(*, assessment: Assessment, today: dt.date) -> AssessmentClock | None:
    """The referral's clock if this assessment is the one that meets it."""
    episode = assessment.episode
    if first_assessment(episode) != assessment:
        return None
    return assessment_clocks(episodes=[episode], today=today).get(episode.pk)


def sibling_episodes(*, episode: CINEpisode) -> QuerySet[CINEpisode]:
    """Open episodes of the child's brothers and sisters that could start an assessment now.

    A brother or sister is a child with a current sibling, half-sibling or step-sibling
    relationship to this child, or a child referred on the same front-door contact (the front
    door refers the children of one family together). Their episode must be open, not NFA,
    and without an assessment in progress.
    """
    child_id = episode.child_id
    related = Relationship.objects.filter(type__in=SIBLING_TYPES, ended_on__isnull=True).filter(
        Q(from_person_id=child_id, to_person_id=OuterRef("child_id"))
        | Q(to_person_id=child_id, from_person_id=OuterRef("child_id"))
    )
    same_contact = Q(contact_id=episode.contact_id) if episode.contact_id else Q(pk__in=[])
    in_progress = Assessment.objects.filter(episode=OuterRef("pk"), authorised_on__isnull=True)
    return (
        CINEpisode.objects.filter(closure_date__isnull=True, referral_nfa=False)
        .exclude(child_id=child_id)
        .filter(Exists(related) | same_contact)
        .exclude(Exists(in_progress))
        .select_related("child")
        .order_by("child__date_of_birth", "child__given_name")
    )
