"""Reads of missing episodes: a child's episodes, and whether they keep going missing."""

import datetime as dt
import math
from dataclasses import dataclass
from uuid import UUID

from haven.casework.suggestions import Suggestion
from haven.core import clock
from haven.core.errors import NotFound
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.missing.enums import ACCEPTED_OUTCOMES, MissingKind
from haven.missing.models import MissingEpisode as MissingEpisode
from haven.missing.models import RepeatMissingDecision, ReturnInterview
from haven.timescales.calendar import add_months
from haven.timescales.clocks.repeat_missing_review import EPISODES, WITHIN_DAYS

RHI_RULE = "return-home-interview"
REPEAT_RULE = "repeat-missing-review"


def episodes_in_window(*, child_id: UUID, at: dt.datetime, since: dt.datetime | None = None) -> int:
    """Episodes that began in the ``WITHIN_DAYS`` days up to ``at``, counting one that began at
    ``at`` (and, given ``since``, only those that began after it)."""
    start = at - dt.timedelta(days=WITHIN_DAYS)
    return MissingEpisode.objects.filter(
        child_id=child_id, started_at__gt=max(start, since) if since else start, started_at__lte=at
    ).count()


def missing_again_and_again(
    *, child_id: UUID, at: dt.datetime, since: dt.datetime | None = None
) -> bool:
    """Whether the child has gone missing ``EPISODES`` or more times in ``WITHIN_DAYS`` days
    (given ``since``, counting only episodes that began after it)."""
    return episodes_in_window(child_id=child_id, at=at, since=since) >= EPISODES


@dataclass(frozen=True)
class EpisodeView:
    episode: MissingEpisode
    interview: ReturnInterview | None
    #: The return home interview clock, once the child is back.
    clock: Deadline | None

    @property
    def hours_away(self) -> int | None:
        if self.episode.ended_at is None:
            return None
        return round((self.episode.ended_at - self.episode.started_at).total_seconds() / 3600)

    @property
    def hours_left(self) -> int | None:
        """Whole hours to the interview's deadline (negative once passed), while it is open."""
        if self.clock is None or self.clock.status != DeadlineStatus.OPEN:
            return None
        assert self.clock.due_at is not None
        return math.floor((self.clock.due_at - clock.now()).total_seconds() / 3600)

    @property
    def hours_overdue(self) -> int:
        return -(self.hours_left or 0)

    @property
    def interview_on_time(self) -> bool | None:
        """Whether the interview was held within the 72 hours (None until it is held)."""
        if self.interview is None or self.interview.done_at is None or self.clock is None:
            return None
        return self.clock.due_at is not None and self.interview.done_at <= self.clock.due_at


@dataclass(frozen=True)
class MissingRecord:
    episodes: list[EpisodeView]
    #: Episodes that began in the last ``WITHIN_DAYS`` days.
    recent: int
    #: The manager's open prompt to consider a strategy discussion, if any.
    repeat_review: Deadline | None
    #: Managers' decisions on those prompts in the last ``WITHIN_DAYS`` days, newest first.
    decisions: list[RepeatMissingDecision]

    @property
    def open_episode(self) -> MissingEpisode | None:
        first = self.episodes[0].episode if self.episodes else None
        return first if first is not None and first.ended_at is None else None

    @property
    def flagged(self) -> bool:
        return self.recent >= EPISODES


def missing_record(*, child_id: UUID) -> MissingRecord:
    """A child's episodes, newest first, each with its interview (factors and actions) and its
    72-hour clock, and whether the child is going missing again and again."""
    episodes = list(
        MissingEpisode.objects.filter(child_id=child_id)
        .select_related("interview", "recorded_by")
        .prefetch_related("interview__factors", "interview__actions")
        .order_by("-started_at")
    )
    clocks = {
        d.subject_id: d
        for d in Deadline.objects.filter(
            child_id=child_id,
            rule_id=RHI_RULE,
            subject_type=MissingEpisode._meta.label_lower,
        )
    }
    views = [EpisodeView(e, getattr(e, "interview", None), clocks.get(str(e.pk))) for e in episodes]
    repeat = (
        Deadline.objects.filter(child_id=child_id, rule_id=REPEAT_RULE, status=DeadlineStatus.OPEN)
        .select_related("assignee")
        .first()
    )
    now = clock.now()
    decisions = list(
        RepeatMissingDecision.objects.filter(
            child_id=child_id, decided_at__gt=now - dt.timedelta(days=WITHIN_DAYS)
        ).select_related("decided_by")
    )
    return MissingRecord(views, episodes_in_window(child_id=child_id, at=now), repeat, decisions)


def episode_get(*, episode_id: UUID) -> MissingEpisode:
    try:
        return MissingEpisode.objects.select_related("child").get(pk=episode_id)
    except MissingEpisode.DoesNotExist as e:
        raise NotFound("No such episode") from e


def is_missing_now(*, child_id: UUID) -> bool:
    return MissingEpisode.objects.filter(child_id=child_id, ended_at__isnull=True).exists()


#: How far before an assessment began an episode still suggests factor 10A.
SUGGEST_SINCE_DAYS = 182


def suggested_factors(child_id: UUID, started_on: dt.date, today: dt.date) -> list[Suggestion]:
    """10A (going or being missing) when the child went missing or away in the half year
    before the assessment began, or since."""
    since = started_on - dt.timedelta(days=SUGGEST_SINCE_DAYS)
    count = MissingEpisode.objects.filter(
        child_id=child_id, started_at__date__gte=since, started_at__date__lte=today
    ).count()
    if not count:
        return []
    times = "once" if count == 1 else f"{count} times"
    return [Suggestion("10A", f"missing or away {times} since {since.day} {since:%B %Y}")]


@dataclass(frozen=True)
class AnnexAMissing:
    """Ofsted Annex A List 8's missing columns for a child, as at a date."""

    missing: int  # missing episodes that began in the 12 months
    away: int  # "absent" (away from placement without authorisation) episodes in the 12 months
    #: After the last missing episode (in the 12 months): "Y" or "N", "" when there was none.
    rhi_offered: str
    rhi_accepted: str


def annex_a_missing(*, child_id: UUID, on: dt.date) -> AnnexAMissing:
    """The episodes that began in the 12 months up to ``on`` (London dates, from the day after
    the same date a year before), and whether the
    child was offered, and accepted, a return home interview after the last missing one as
    recorded by the end of ``on``. Accepted means accepted or held."""
    first = add_months(on, -12) + dt.timedelta(days=1)
    start = dt.datetime.combine(first, dt.time(), tzinfo=clock.LONDON)
    end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time(), tzinfo=clock.LONDON)
    episodes = list(
        MissingEpisode.objects.filter(child_id=child_id, started_at__gte=start, started_at__lt=end)
        .select_related("interview")
        .order_by("started_at")
    )
    missing = [e for e in episodes if e.kind == MissingKind.MISSING]
    offered = accepted = ""
    if missing:
        interview = getattr(missing[-1], "interview", None)
        seen = interview is not None and interview.offered_at < end
        offered = "Y" if seen else "N"
        took = seen and interview is not None and interview.outcome in ACCEPTED_OUTCOMES
        accepted = "Y" if took else "N"
    return AnnexAMissing(len(missing), len(episodes) - len(missing), offered, accepted)
