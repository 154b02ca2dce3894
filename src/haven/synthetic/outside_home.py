"""Harm outside the home in the synthetic council, written in bulk once the children, their
cases and their periods of care exist: missing and away episodes with the return home interview
after each, the managers' decisions on children missing again and again, exploitation
screenings, places and peer groups with the children linked to them, the workers told of a
shared risk, and monthly multi-agency exploitation meetings (docs/synthetic.md).

Calibrated on NATIONAL_STATS §3 (about 11% of the children looked after during a year go
missing, 6.8 incidents each) and on stated assumptions (U) for the rest (``calibration``). The
last ``OUTSIDE_HOME_YEARS`` are written. Everything is drawn from a generator of its own, seeded
from the council's seed, so adding this area changes nothing drawn before it.

Only the clocks the services would have left running today are written: the return home
interviews still due, the managers' prompts not yet answered, each screened child's next review
and the workers' shared-risk reviews not yet recorded.
"""

import datetime as dt
import math
import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import models
from faker import Faker

from haven.allocation.enums import CaseKind, JobRole
from haven.allocation.models import Allocation, OpenCase, Worker
from haven.care.models import CarePeriod
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.exploitation.enums import (
    Area,
    Indicator,
    PartnerSource,
    PlaceKind,
    Risk,
    indicator_area,
)
from haven.exploitation.models import (
    Link,
    Meeting,
    MeetingAction,
    PartnerInput,
    PeerGroup,
    Place,
    Screening,
    ScreeningArea,
    ScreeningIndicator,
    SharedRiskAlert,
)
from haven.missing.enums import PUSH_FACTORS, Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.missing.models import (
    InterviewAction,
    InterviewFactor,
    MissingEpisode,
    RepeatMissingDecision,
    ReturnInterview,
)
from haven.people.enums import PersonKind, Sex
from haven.people.models import ChronologyEntry, Person
from haven.synthetic import calibration as cal
from haven.synthetic import outside_text as text
from haven.synthetic.population import write_rows
from haven.timescales.calendar import default_calendar
from haven.timescales.clocks.exploitation_review import RULE_FOR_RISK
from haven.timescales.clocks.repeat_missing_review import EPISODES, WITHIN_DAYS
from haven.timescales.clocks.return_home_interview import HOURS as RHI_HOURS
from haven.timescales.rules import RULEBOOK

RHI_RULE = "return-home-interview"
REPEAT_RULE = "repeat-missing-review"
SHARED_RULE = "shared-risk-review"
#: Unresolved interviews whose return was this recent still have an open clock (U).
RHI_OPEN_DAYS = 60
#: Shared risks found this recently raised alerts (U); at most this many pairs per place.
ALERT_DAYS = 60
ALERT_PAIRS_PER_TARGET = 12
#: A year of days, for the windows counted back from today.
YEAR = 365
#: Start hours of episodes: most in the evening and at night (U).
START_HOURS = [1, 1, 1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 1, 1, 1, 1, 1.5, 2, 3, 4, 5, 6, 6, 6, 5, 4, 2]
LINK_SOURCES = (
    "Police intelligence",
    "Return home interview",
    "School",
    "The child",
    "Youth worker",
)
LINK_NATURES = (
    "Seen there late at night with older youths",
    "Goes there to meet friends the police are worried about",
    "Found there after going missing",
    "Named by another child as going there",
    "Spends most evenings there",
)
RESPONSES = (
    "Discussed with the other child's worker; safety plan updated.",
    "Raised at the exploitation meeting; joint visit arranged.",
    "Screening booked; carers told to report any contact.",
)
KIND_WEIGHTS = {
    PlaceKind.PARK: 30.0,
    PlaceKind.SHOP: 20.0,
    PlaceKind.HOUSE: 15.0,
    PlaceKind.TRANSPORT: 15.0,
    PlaceKind.ONLINE: 15.0,
    PlaceKind.SCHOOL: 5.0,
}
RISK_WEEKS = {Risk.HIGH: 4, Risk.MEDIUM: 12, Risk.LOW: 26}
LOWER = {Risk.HIGH: Risk.MEDIUM, Risk.MEDIUM: Risk.LOW, Risk.LOW: Risk.LOW}


def years_on(born: dt.date | None, on: dt.date) -> int:
    if born is None:
        return 0
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_weight(age: int) -> float:
    weight = 0.0
    for least, w in cal.MISSING_AGE_WEIGHTS:
        if age >= least:
            weight = w
    return weight if age < 18 else 0.0


@dataclass
class Child:
    id: UUID
    given_name: str
    born: dt.date | None
    female: bool
    uasc: bool
    #: ``(user id, team id)`` of the allocated worker today.
    worker: tuple[int | None, UUID | None] = (None, None)
    episodes: list[MissingEpisode] = field(default_factory=list)
    #: The risk of exploitation drawn for a child who goes missing (their interviews' factors
    #: follow it, and their screening finds it).
    profile: Risk | None = None
    #: The risk found at the child's latest screening, if screened.
    risk: Risk | None = None
    screened_on: dt.date | None = None
    areas: set[str] = field(default_factory=set)


@dataclass
class Segment:
    """Part of a year a child was looked after (or at home with an open case)."""

    child: Child
    period_id: UUID | None
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class OutsideHome:
    """Writes the area's records and returns what it wrote."""

    def __init__(self, *, seed: int, today: dt.date, now: dt.datetime) -> None:
        self.rng = random.Random(f"outside:{seed}")
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"outside:{seed}")
        self.today = today
        self.now = now.astimezone(dt.UTC)
        self.calendar = default_calendar()
        self.rows: dict[type[models.Model], list[Any]] = defaultdict(list)
        self.counts: Counter[str] = Counter()
        self.children: dict[UUID, Child] = {}
        self.managers: dict[UUID, int] = {}
        self.links: list[Link] = []
        self.latest: dict[UUID, Screening] = {}
        #: The demo social worker's child whose story shows this area (``_persona``).
        self.persona: Child | None = None

    # Helpers -------------------------------------------------------------------------------

    def _uuid(self) -> UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _row[M: models.Model](self, obj: M) -> M:
        obj.id = self._uuid()  # type: ignore[attr-defined]
        obj.created_at = self.now  # type: ignore[attr-defined]
        obj.updated_at = self.now  # type: ignore[attr-defined]
        self.rows[type(obj)].append(obj)
        return obj

    def _at(self, day: dt.date, hour: float) -> dt.datetime:
        """That London time, as UTC: adding hours to it then counts elapsed hours, as the
        72-hour clock does across a change of the clocks."""
        minutes = int(hour * 60)
        local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=clock.LONDON)
        return local.astimezone(dt.UTC)

    def _chronology(
        self,
        child_id: UUID,
        on: dt.datetime | dt.date,
        summary: str,
        source: Any,
        category: str = "exploitation",
    ) -> None:
        day = clock.local_date(on) if isinstance(on, dt.datetime) else on
        self._row(
            ChronologyEntry(
                person_id=child_id,
                occurred_on=day,
                recorded_at=on if isinstance(on, dt.datetime) else self._at(day, 16),
                category=category,
                summary=summary[:300],
                source_type=source._meta.label_lower,
                source_id=str(source.id),
            )
        )

    def _clock(
        self,
        child: Child,
        rule_id: str,
        start: dt.date,
        subject: Any,
        *,
        assignee: int | None = None,
        moment: dt.datetime | None = None,
    ) -> None:
        """``moment``: for a clock counted in hours, when it started (the rule gives the due
        moment, as ``deadline_open`` asks it)."""
        due_at: dt.datetime | None = None
        try:
            rule = RULEBOOK.get(rule_id, start)
            if rule.due_at is not None and moment is not None:
                due_at = rule.due_at(moment)
            due_on = (
                clock.local_date(due_at) if due_at is not None else rule.due(start, self.calendar)
            )
        except (KeyError, ValueError):
            return
        user, team = child.worker
        self._row(
            Deadline(
                child_id=child.id,
                rule_id=rule.id,
                rule_version=rule.version,
                title=rule.title,
                due_on=due_on,
                due_at=due_at,
                status=DeadlineStatus.OPEN,
                assignee_id=assignee if assignee is not None else user,
                team_id=team,
                subject_type=subject._meta.label_lower,
                subject_id=str(subject.id),
            )
        )
        self.counts["open_clocks"] += 1

    def _pick(self, table: dict[Any, float]) -> Any:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    # Loading -------------------------------------------------------------------------------

    def _load(self) -> tuple[list[Segment], list[Segment]]:
        """The children looked after in each year window, and those at home with an open case
        in the last year, as segments of days."""
        first = self.today - dt.timedelta(days=YEAR * cal.OUTSIDE_HOME_YEARS)
        periods = list(
            CarePeriod.objects.exclude(ended_on__lt=first)
            .order_by("id")
            .values_list("id", "child_id", "started_on", "ended_on")
        )
        at_home = set(
            OpenCase.objects.filter(
                closed_on__isnull=True, kind__in=(CaseKind.CHILD_IN_NEED, CaseKind.CHILD_PROTECTION)
            ).values_list("child_id", flat=True)
        ) - {c for _p, c, _s, e in periods if e is None}
        wanted = {c for _p, c, _s, _e in periods} | at_home
        for pk, given, born, sex, uasc in (
            Person.objects.filter(pk__in=wanted, kind=PersonKind.CHILD)
            .order_by("id")
            .values_list("id", "given_name", "date_of_birth", "sex", "uasc")
        ):
            self.children[pk] = Child(pk, given or "the child", born, sex == Sex.FEMALE, uasc)
        for child_id, user_id, team_id in Allocation.objects.filter(
            ended_on__isnull=True, child_id__in=list(self.children)
        ).values_list("child_id", "worker__user_id", "team_id"):
            self.children[child_id].worker = (user_id, team_id)
        for team_id, user_id in (
            Worker.objects.filter(job_role=JobRole.TEAM_MANAGER, ended_on__isnull=True)
            .order_by("-started_on", "-user__username")
            .values_list("team_id", "user_id")
        ):
            self.managers[team_id] = user_id
        cared: list[Segment] = []
        for year in range(cal.OUTSIDE_HOME_YEARS):
            w_end = self.today - dt.timedelta(days=YEAR * year)
            w_start = w_end - dt.timedelta(days=YEAR - 1)
            for pk, child_id, started, ended in periods:
                child = self.children.get(child_id)
                start, end = max(started, w_start), min(ended or self.today, w_end)
                if child is not None and start <= end:
                    cared.append(Segment(child, pk, start, end))
        home_start = self.today - dt.timedelta(days=YEAR - 1)
        home = [
            Segment(self.children[c], None, home_start, self.today)
            for c in sorted(at_home)
            if c in self.children
        ]
        return cared, home

    # Missing episodes ----------------------------------------------------------------------

    def _chosen(self, segments: Sequence[Segment], share: float, distinct: int) -> list[Segment]:
        """Segments drawn so that about ``share`` of ``distinct`` children are chosen, the
        likelier the older the child and the longer the segment."""
        weights = [
            age_weight(years_on(s.child.born, s.start + (s.end - s.start) / 2)) * s.days / YEAR
            for s in segments
        ]
        target = share * distinct
        k = target / sum(weights) if sum(weights) else 0.0
        for _ in range(3):  # children certain to be chosen leave the rest less to reach
            capped = sum(min(0.95, k * w) for w in weights)
            if capped <= 0:
                break
            k *= target / capped
        return [
            s
            for s, w in zip(segments, weights, strict=True)
            if self.rng.random() < min(0.95, k * w)
        ]

    def _incidents(self, mean: float, segment: Segment) -> int:
        shape = 0.55
        n = 1 + round(self.rng.gammavariate(shape, (mean - 1) / shape))
        return max(1, min(n, segment.days // 2, 80))

    def _starts(self, segment: Segment, n: int) -> list[dt.datetime]:
        span = max(segment.days, 1)
        days = sorted(self.rng.randrange(span) for _ in range(n))
        hours = self.rng.choices(range(24), weights=START_HOURS, k=n)
        return [
            self._at(segment.start + dt.timedelta(days=d), h + self.rng.random())
            for d, h in zip(days, hours, strict=True)
        ]

    def _missing(self) -> None:
        cared, home = self._load()
        windows: dict[int, list[Segment]] = defaultdict(list)
        for s in cared:
            windows[(self.today - s.end).days // YEAR].append(s)
        starts: dict[UUID, list[tuple[dt.datetime, str, UUID | None]]] = defaultdict(list)
        for segments in windows.values():
            distinct = len({s.child.id for s in segments})
            for kind, share, mean in (
                (MissingKind.MISSING, cal.MISSING_SHARE_OF_CLA, cal.MISSING_INCIDENTS),
                (MissingKind.AWAY, cal.AWAY_SHARE_OF_CLA, cal.AWAY_INCIDENTS),
            ):
                for s in self._chosen(segments, share, distinct):
                    for at in self._starts(s, self._incidents(mean, s)):
                        starts[s.child.id].append((at, kind, s.period_id))
        eligible = [s for s in home if 10 <= years_on(s.child.born, self.today) < 18]
        for s in self._chosen(eligible, cal.MISSING_AT_HOME_SHARE, len(eligible)):
            for at in self._starts(s, self._incidents(cal.MISSING_AT_HOME_INCIDENTS, s)):
                starts[s.child.id].append((at, MissingKind.MISSING, None))
        looked_after_now = len({s.child.id for s in cared if s.end == self.today})
        recent = [
            c
            for c in sorted(starts)
            if max(a for a, _k, _p in starts[c]) > self.now - dt.timedelta(days=30)
        ]
        missing_now = cal.MISSING_NOW_PER_CLA * looked_after_now * 1.3
        p_now = min(1.0, missing_now / len(recent)) if recent else 0.0
        for child_id in sorted(starts):
            child = self.children[child_id]
            child.profile = Risk(self._pick(cal.EXPLOITATION_RISK_OF_MISSING))
            self._episodes(
                child,
                sorted(starts[child_id]),
                open_now=child_id in recent and self.rng.random() < p_now,
            )
            if child.episodes:
                self._repeat_prompts(child)

    def _episodes(
        self, child: Child, starts: list[tuple[dt.datetime, str, UUID | None]], *, open_now: bool
    ) -> None:
        last_end: dt.datetime | None = None
        for n, (at, kind, period_id) in enumerate(starts):
            if last_end is not None and at < last_end + dt.timedelta(hours=2):
                at = last_end + dt.timedelta(hours=2 + self.rng.random() * 20)
            if at >= self.now - dt.timedelta(hours=1):
                break
            median = 9.0 if kind == MissingKind.MISSING else 5.0
            hours = min(240.0, max(1.0, self.rng.lognormvariate(math.log(median), 1.0)))
            ended: dt.datetime | None = at + dt.timedelta(hours=hours)
            final = n == len(starts) - 1
            if final and open_now:
                at = max(
                    self.now - dt.timedelta(hours=self.rng.uniform(2, 40)),
                    (last_end or at) + dt.timedelta(hours=1),
                )
                ended = None
            elif ended is not None and ended >= self.now:
                ended = None if final else self.now - dt.timedelta(minutes=30)
            episode = self._write_episode(child, at, ended, kind, period_id)
            if ended is None:
                break
            last_end = ended
            self._interview(child, episode)

    def _write_episode(
        self,
        child: Child,
        at: dt.datetime,
        ended: dt.datetime | None,
        kind: str,
        period_id: UUID | None,
    ) -> MissingEpisode:
        reported = self.rng.random() < cal.REPORTED_TO_POLICE[kind]
        episode = self._row(
            MissingEpisode(
                child_id=child.id,
                period_id=period_id,
                kind=kind,
                started_at=at,
                ended_at=ended,
                reported_to_police=reported,
                police_reference=f"NS-{at.year}-{self.rng.randrange(10**6):06d}"
                if reported
                else "",
                with_whom=self.rng.choice(("", "", "Friends", "Older youths", "A boyfriend")),
                found_where=self._pick_found() if ended is not None else "",
            )
        )
        child.episodes.append(episode)
        self.counts[f"episodes_{kind}"] += 1
        self._chronology(
            child.id, at, f"{MissingKind(kind).label} from {at:%H:%M}", episode, "missing"
        )
        if ended is not None:
            self._chronology(child.id, ended, "Back", episode, "missing")
        return episode

    def _persona(self, child_ids: Sequence[UUID]) -> None:
        """The demo's social worker holds a teenager who went missing three times in the
        last six weeks, the last one back since yesterday evening with the interview accepted
        and still to hold (its hours left on the worker's list, the manager's prompt on the
        team manager's), who is screened at high risk and linked two days ago to the place
        where most children at high risk are, so both workers are told."""
        candidates = [
            self.children[c]
            for c in child_ids
            if c in self.children
            and not self.children[c].episodes
            and 10 <= years_on(self.children[c].born, self.today) < 18
        ]
        if not candidates:
            return
        child = max(candidates, key=lambda c: (years_on(c.born, self.today), str(c.id)))
        child.profile = Risk.HIGH
        for days_ago, hours in ((40, 9.0), (20, 6.0)):
            at = self._at(self.today - dt.timedelta(days=days_ago), 21)
            back = at + dt.timedelta(hours=hours)
            episode = self._write_episode(child, at, back, MissingKind.MISSING, None)
            interview = self._row(
                ReturnInterview(
                    episode_id=episode.id,
                    child_id=child.id,
                    outcome=InterviewOutcome.DONE,
                    offered_at=back + dt.timedelta(hours=3),
                    done_at=back + dt.timedelta(hours=26),
                    interviewer_name=self.fake.name(),
                    interviewer_organisation=text.RHI_SERVICES[0],
                    independent=True,
                    child_words=text.CHILD_WORDS[2],
                    risks=text.RISKS[0],
                )
            )
            for factor in (Factor.CONFLICT_HOME, Factor.OLDER_PEOPLE, Factor.MONEY):
                self._row(InterviewFactor(interview_id=interview.id, factor=factor))
        back = self.now - dt.timedelta(hours=20)
        episode = self._write_episode(
            child, back - dt.timedelta(hours=10), back, MissingKind.MISSING, None
        )
        self._row(
            ReturnInterview(
                episode_id=episode.id,
                child_id=child.id,
                outcome=InterviewOutcome.ACCEPTED,
                offered_at=back + dt.timedelta(hours=2),
            )
        )
        self._clock(
            child,
            RHI_RULE,
            clock.local_date(back),
            episode,
            moment=back,
        )
        _user, team = child.worker
        self._clock(
            child,
            REPEAT_RULE,
            clock.local_date(episode.started_at),
            episode,
            assignee=self.managers.get(team) if team is not None else None,
        )
        self.persona = child

    def _pick_found(self) -> str:
        return str(
            self._pick(
                {
                    FoundWhere.RETURNED: 40.0,
                    FoundWhere.FRIENDS: 20.0,
                    FoundWhere.FAMILY: 10.0,
                    FoundWhere.POLICE: 12.0,
                    FoundWhere.ADDRESS_OF_CONCERN: 6.0,
                    FoundWhere.PUBLIC_PLACE: 6.0,
                    FoundWhere.OUT_OF_AREA: 3.0,
                    FoundWhere.ADULT: 2.0,
                    FoundWhere.HOSPITAL: 1.0,
                }
            )
        )

    def _interview(self, child: Child, episode: MissingEpisode) -> None:
        back = episode.ended_at
        assert back is not None
        resolved = False
        if self.rng.random() < cal.RHI_OFFERED:
            in_time = self.rng.random() < cal.RHI_OFFERED_IN_TIME
            offered_after = self.rng.uniform(1, 60) if in_time else self.rng.uniform(73, 240)
            offered_at = back + dt.timedelta(hours=offered_after)
            if offered_at <= self.now:
                resolved = self._answer(child, episode, offered_at, offered_after)
        if not resolved and back > self.now - dt.timedelta(days=RHI_OPEN_DAYS):
            self._clock(child, RHI_RULE, clock.local_date(back), episode, moment=back)

    def _answer(
        self, child: Child, episode: MissingEpisode, offered_at: dt.datetime, offered_after: float
    ) -> bool:
        """The child's answer and, if held, the interview; whether the clock is closed."""
        back = episode.ended_at
        assert back is not None
        interview = self._row(
            ReturnInterview(
                episode_id=episode.id,
                child_id=child.id,
                outcome=InterviewOutcome.OFFERED,
                offered_at=offered_at,
            )
        )
        self.counts["rhi_offered"] += 1
        if self.rng.random() >= cal.RHI_ACCEPTED:
            interview.outcome = InterviewOutcome.DECLINED
            interview.declined_reason = self.rng.choice(text.DECLINED)
            self.counts["rhi_declined"] += 1
            return True
        interview.outcome = InterviewOutcome.ACCEPTED
        if self.rng.random() >= cal.RHI_HELD:
            return False
        # Held within 72 hours needs an offer within them: RHI_HELD_IN_TIME of all those held.
        if (
            offered_after < RHI_HOURS - 1
            and self.rng.random() < cal.RHI_HELD_IN_TIME / cal.RHI_OFFERED_IN_TIME
        ):
            held_after = self.rng.uniform(offered_after + 0.5, RHI_HOURS)
        else:
            held_after = self.rng.uniform(max(RHI_HOURS + 1, offered_after + 0.5), 336)
        done_at = back + dt.timedelta(hours=held_after)
        if done_at > self.now:
            return False
        interview.outcome = InterviewOutcome.DONE
        interview.done_at = done_at
        interview.interviewer_name = self.fake.name()
        interview.interviewer_organisation = self.rng.choice(text.RHI_SERVICES)
        interview.independent = self.rng.random() < cal.RHI_INDEPENDENT
        interview.child_words = self.rng.choice(text.CHILD_WORDS)
        interview.disclosures = self.rng.choice(text.DISCLOSURES)
        interview.risks = self.rng.choice(text.RISKS)
        for factor in self._factors(child):
            self._row(InterviewFactor(interview_id=interview.id, factor=factor))
        for action, owner in self.rng.sample(text.ACTIONS, self.rng.randint(0, 2)):
            self._row(
                InterviewAction(
                    interview_id=interview.id,
                    action=action,
                    owner=owner,
                    due_on=clock.local_date(done_at) + dt.timedelta(days=self.rng.randint(3, 21)),
                )
            )
        self.counts["rhi_held"] += 1
        self.counts["rhi_held_in_time"] += held_after <= RHI_HOURS
        self._chronology(
            child.id,
            done_at,
            f"Return home interview held by {interview.interviewer_name}",
            interview,
            "missing",
        )
        return True

    def _factors(self, child: Child) -> list[str]:
        exploited = child.profile in (Risk.HIGH, Risk.MEDIUM)
        weights = {f: (3.0 if f in PUSH_FACTORS else 1.5) for f in Factor}
        weights[Factor.CONFLICT_HOME] = 6.0
        weights[Factor.FRIENDS] = 5.0
        weights[Factor.BOUNDARIES] = 4.0
        weights[Factor.FAMILY_CONTACT] = 3.0
        if exploited:
            for f in (
                Factor.OLDER_PEOPLE,
                Factor.CRIMINAL_EXPLOITATION,
                Factor.SEXUAL_EXPLOITATION,
                Factor.DRUGS_ALCOHOL,
                Factor.MONEY,
                Factor.GANGS,
            ):
                weights[f] = 5.0
        chosen: list[str] = []
        for _ in range(self.rng.randint(1, 3)):
            f = self._pick(weights)
            if f not in chosen:
                chosen.append(f)
        return chosen

    def _repeat_prompts(self, child: Child) -> None:
        """The third episode in 90 days prompts the manager (after a decision, the third since
        it), as ``missing.services`` does; the manager decides within a working day or two, or
        the prompt is still open today."""
        waiting_until: dt.datetime | None = None
        starts = [e.started_at for e in child.episodes]
        _user, team = child.worker
        manager = self.managers.get(team) if team is not None else None
        for i, episode in enumerate(child.episodes):
            window = episode.started_at - dt.timedelta(days=WITHIN_DAYS)
            if waiting_until is not None:
                window = max(window, waiting_until)
            if sum(1 for s in starts[: i + 1] if s > window) < EPISODES:
                continue
            day = clock.local_date(episode.started_at)
            decided_on = self.calendar.add_working_days(day, self.rng.choice((1, 1, 1, 2, 3)))
            decided_at = self._at(decided_on, self.rng.uniform(9, 17))
            if decided_at > self.now:
                self._clock(child, REPEAT_RULE, day, episode, assignee=manager)
                self.counts["repeat_prompts_open"] += 1
                return
            waiting_until = decided_at
            decision = self._row(
                RepeatMissingDecision(
                    child_id=child.id,
                    episode_id=episode.id,
                    decided_at=decided_at,
                    decided_by_id=manager,
                    strategy_discussion=self.rng.random() < 0.6,
                    reasons="Pattern of repeated episodes reviewed with the worker; "
                    "the return home interviews and police information considered.",
                )
            )
            self.counts["repeat_decisions"] += 1
            self._chronology(
                child.id, decided_at, f"Missing again and again: {decision}", decision, "missing"
            )

    # Screening -----------------------------------------------------------------------------

    def _screenings(self) -> None:
        year_ago = self.now - dt.timedelta(days=YEAR)
        for child in self.children.values():
            if child is self.persona:
                self._screen_history(child, Risk.HIGH, latest=self.today - dt.timedelta(days=3))
                continue
            if child.born is None or not 10 <= years_on(child.born, self.today) < 18:
                continue
            went = any(e.started_at > year_ago for e in child.episodes)
            if went and child.profile is not None:
                risk = child.profile
                if risk == Risk.LOW and self.rng.random() >= cal.SCREENED_LOW_RISK_MISSING:
                    continue
            elif self.rng.random() < cal.SCREENED_OTHERS:
                risk = Risk(self._pick(cal.EXPLOITATION_RISK_OF_OTHERS))
            else:
                continue
            self._screen_history(child, risk)

    def _screen_history(self, child: Child, risk: Risk, latest: dt.date | None = None) -> None:
        weeks = RISK_WEEKS[risk]
        if latest is None:
            latest = self.today - dt.timedelta(days=self.rng.randint(0, int(weeks * 7 * 1.3)))
        history = [(latest, risk)]
        for _ in range(self.rng.choice((0, 0, 1, 1, 2))):
            earlier_risk = LOWER[history[-1][1]] if self.rng.random() < 0.5 else history[-1][1]
            day = history[-1][0] - dt.timedelta(
                weeks=RISK_WEEKS[earlier_risk], days=self.rng.randint(-7, 10)
            )
            if day < self.today - dt.timedelta(days=YEAR * cal.OUTSIDE_HOME_YEARS):
                break
            history.append((day, earlier_risk))
        areas = self._areas(child, risk)
        for day, level in reversed(history):
            screening = self._screening(child, day, level, areas)
        child.risk, child.screened_on, child.areas = risk, latest, set(areas)
        self.latest[child.id] = screening
        self._clock(child, RULE_FOR_RISK[risk], latest, screening)

    def _areas(self, child: Child, risk: Risk) -> list[str]:
        sexual = 0.6 if child.female else 0.15
        odds = {
            Area.CRIMINAL: 0.45 if child.female else 0.85,
            Area.SEXUAL: sexual,
            Area.ONLINE: 0.25,
            Area.TRAFFICKING: 0.3 if child.uasc else 0.03,
            Area.RADICALISATION: 0.02,
        }
        areas = [a.value for a in Area if self.rng.random() < odds[a]]
        return areas or [Area.CRIMINAL.value if not child.female else Area.SEXUAL.value]

    def _screening(self, child: Child, day: dt.date, risk: Risk, areas: list[str]) -> Screening:
        screening = self._row(
            Screening(
                child_id=child.id,
                screened_on=day,
                risk=risk,
                analysis=self.rng.choice(text.ANALYSIS[risk]),
                child_views="",
            )
        )
        lead = areas[0]
        for area in areas:
            level = risk if area == lead else LOWER[risk] if self.rng.random() < 0.6 else risk
            self._row(ScreeningArea(screening_id=screening.id, area=area, risk=level))
        signs = [
            i for i in Indicator if indicator_area(i) is not None and indicator_area(i) in areas
        ]
        chosen = self.rng.sample(signs, min(len(signs), self.rng.randint(2, 4)))
        if any(e.started_at.date() <= day for e in child.episodes):
            chosen.append(Indicator.ANY_MISSING)
        if self.rng.random() < 0.4:
            chosen.append(Indicator.ANY_SCHOOL)
        for indicator in dict.fromkeys(chosen):
            self._row(ScreeningIndicator(screening_id=screening.id, indicator=indicator))
        for source in (PartnerSource.POLICE, PartnerSource.SCHOOL, PartnerSource.HEALTH):
            if self.rng.random() < {"police": 0.7, "school": 0.6, "health": 0.2}[source]:
                school = source == PartnerSource.SCHOOL
                self._row(
                    PartnerInput(
                        screening_id=screening.id,
                        source=source,
                        given_on=day - dt.timedelta(days=self.rng.randint(0, 10)),
                        summary=self.rng.choice(text.PARTNERS[source]),
                        attendance_percent=self.rng.randint(45, 96) if school else None,
                        exclusions=self.rng.choice((0, 0, 1, 2)) if school else None,
                    )
                )
        self.counts[f"screenings_{risk}"] += 1
        self._chronology(child.id, day, str(screening), screening)
        return screening

    # Places, groups and links --------------------------------------------------------------

    def _name(self, patterns: Sequence[str]) -> str:
        return self.rng.choice(patterns).format(
            surname=self.fake.last_name(), street=self.fake.street_name(), town=self.fake.city()
        )

    def _places(self) -> None:
        risky = sorted(
            (c for c in self.children.values() if c.risk in (Risk.HIGH, Risk.MEDIUM)),
            key=lambda c: str(c.id),
        )
        screened_low = sorted(
            (c for c in self.children.values() if c.risk == Risk.LOW), key=lambda c: str(c.id)
        )
        n_places = max(5, math.ceil(len(risky) / cal.CHILDREN_PER_PLACE))
        criminal = [c for c in risky if Area.CRIMINAL in c.areas]
        n_groups = max(3, math.ceil(len(criminal) / cal.CHILDREN_PER_GROUP))
        places = []
        for _ in range(n_places):
            kind = PlaceKind(self._pick(KIND_WEIGHTS))
            online = kind == PlaceKind.ONLINE
            places.append(
                self._row(
                    Place(
                        name=self._name(text.PLACE_PATTERNS[kind]),
                        kind=kind,
                        area="Online"
                        if online
                        else f"{self.fake.street_name()}, {self.fake.city()}",
                        postcode="" if online else self.fake.postcode(),
                        notes="",
                    )
                )
            )
        groups = [
            self._row(PeerGroup(name=self._name(text.GROUPS), description=""))
            for _ in range(n_groups)
        ]
        high_at: Counter[UUID] = Counter()
        linked_at: Counter[UUID] = Counter()
        for child in risky:
            if child is self.persona:
                continue
            high = child.risk == Risk.HIGH
            k = 1 + (self.rng.random() < 0.5) + (high and self.rng.random() < 0.4)
            for place in self._attach(places, k, high, high_at, linked_at):
                self._link(child, place)
            if Area.CRIMINAL in child.areas and self.rng.random() < 0.6:
                for group in self._attach(groups, 1, high, high_at, linked_at):
                    self._link(child, group)
        for child in screened_low:
            if self.rng.random() < 0.25:
                for place in self._attach(places, 1, False, high_at, linked_at):
                    self._link(child, place)
        if self.persona is not None:
            busiest = max(places, key=lambda p: (high_at[p.id], linked_at[p.id]))
            self._link(self.persona, busiest, started=self.today - dt.timedelta(days=2))
        self.counts["places"] = len(places)
        self.counts["groups"] = len(groups)

    def _attach(
        self,
        targets: Sequence[Place | PeerGroup],
        k: int,
        high: bool,
        high_at: Counter[UUID],
        linked_at: Counter[UUID],
    ) -> list[Place | PeerGroup]:
        """``k`` targets, popular ones likelier (children at high risk cluster where others at
        high risk are)."""
        chosen: list[Place | PeerGroup] = []
        for _ in range(k):
            weights = [(1 + 3 * high_at[t.id]) if high else (1 + linked_at[t.id]) for t in targets]
            target = self.rng.choices(list(targets), weights=weights)[0]
            if target not in chosen:
                chosen.append(target)
                linked_at[target.id] += 1
                high_at[target.id] += high
        return chosen

    def _link(
        self, child: Child, target: Place | PeerGroup, started: dt.date | None = None
    ) -> None:
        place = target if isinstance(target, Place) else None
        group = target if isinstance(target, PeerGroup) else None
        assert child.screened_on is not None
        fixed = started is not None
        if started is None:
            started = child.screened_on - dt.timedelta(days=self.rng.randint(0, 90))
        ended = None
        if not fixed and self.rng.random() < 0.15:
            ended = started + dt.timedelta(days=self.rng.randint(30, 200))
        if ended is not None and ended >= self.today:
            ended = None
        link = self._row(
            Link(
                child_id=child.id,
                place_id=place.id if place else None,
                group_id=group.id if group else None,
                started_on=started,
                ended_on=ended,
                source=self.rng.choice(LINK_SOURCES),
                nature=self.rng.choice(LINK_NATURES),
            )
        )
        self.links.append(link)
        self._chronology(child.id, started, f"Linked to {target}: {link.nature}", link)

    # Shared risk ---------------------------------------------------------------------------

    def _alerts(self) -> None:
        by_target: dict[UUID, list[Link]] = defaultdict(list)
        for link in self.links:
            target_id = link.place_id or link.group_id
            if link.ended_on is None and target_id is not None:
                by_target[target_id].append(link)
        since = self.today - dt.timedelta(days=ALERT_DAYS)
        for target_id in sorted(by_target, key=str):
            links = by_target[target_id]
            pairs = []
            for i, a in enumerate(links):
                for b in links[i + 1 :]:
                    risks = (self.children[a.child_id].risk, self.children[b.child_id].risk)
                    told_on = max(a.started_on, b.started_on)
                    if Risk.HIGH in risks and told_on >= since and a.child_id != b.child_id:
                        pairs.append((told_on, a, b))
            pairs.sort(key=lambda p: (p[0], str(p[1].id)), reverse=True)
            for told_on, a, b in pairs[:ALERT_PAIRS_PER_TARGET]:
                self._alert(a, b, told_on)
                self._alert(b, a, told_on)

    def _alert(self, link: Link, other: Link, told_on: dt.date) -> None:
        child = self.children[link.child_id]
        user, _team = child.worker
        considered = self.calendar.add_working_days(told_on, self.rng.choice((0, 1, 1, 2, 4)))
        alert = self._row(
            SharedRiskAlert(
                child_id=child.id,
                other_child_id=other.child_id,
                place_id=link.place_id,
                group_id=link.group_id,
                recipient_id=user,
                raised_at=self._at(told_on, self.rng.uniform(9, 17)),
                reason="Newly linked",
            )
        )
        self.counts["alerts"] += 1
        demo = self.persona is not None and self.persona.id in (link.child_id, other.child_id)
        if considered < self.today and self.rng.random() < 0.85 and not demo:
            alert.considered_at = self._at(considered, 15.5)
            alert.considered_by_id = user
            alert.response = self.rng.choice(RESPONSES)
            self._chronology(
                child.id, alert.considered_at, f"Shared risk considered: {alert.response}", alert
            )
        else:
            self._clock(child, SHARED_RULE, told_on, alert)

    # Meetings ------------------------------------------------------------------------------

    def _meetings(self) -> None:
        places = {link.place_id for link in self.links if link.place_id is not None}
        if not places:
            return
        per_month = max(1, round(len(places) * cal.MEETINGS_PER_TEN_PLACES / 10))
        through_children = Meeting.children.through
        through_places = Meeting.places.through
        for months_ago in range(12):
            month = self.today - dt.timedelta(days=30 * months_ago + self.rng.randint(0, 20))
            for _ in range(per_month):
                held = month - dt.timedelta(days=self.rng.randint(0, 9))
                while held.weekday() >= 5:
                    held -= dt.timedelta(days=1)
                self._meeting(held, through_children, through_places)

    def _meeting(self, held: dt.date, through_children: Any, through_places: Any) -> None:
        live = [
            link
            for link in self.links
            if link.place_id is not None
            and link.started_on <= held
            and (link.ended_on is None or link.ended_on >= held)
            and self.children[link.child_id].risk in (Risk.HIGH, Risk.MEDIUM)
        ]
        if not live:
            return
        counts = Counter(link.place_id for link in live)
        ordered = sorted(counts, key=lambda p: (-counts[p], str(p)))
        discussed = ordered[: self.rng.randint(1, 2)]
        children = sorted({link.child_id for link in live if link.place_id in discussed}, key=str)[
            :10
        ]
        meeting = self._row(
            Meeting(
                held_on=held,
                agencies=self.rng.sample(text.AGENCIES, self.rng.randint(3, 5)),
                chair=self.rng.choice(text.CHAIRS),
                decisions=self.rng.choice(text.MEETING_DECISIONS),
            )
        )
        for place_id in discussed:
            self.rows[through_places].append(
                through_places(meeting_id=meeting.id, place_id=place_id)
            )
        for child_id in children:
            self.rows[through_children].append(
                through_children(meeting_id=meeting.id, person_id=child_id)
            )
            self._chronology(
                child_id,
                held,
                f"Discussed at a multi-agency exploitation meeting chaired by {meeting.chair}",
                meeting,
            )
        for action, owner in self.rng.sample(text.MEETING_ACTIONS, self.rng.randint(1, 3)):
            self._row(
                MeetingAction(
                    meeting_id=meeting.id,
                    action=action,
                    owner=owner,
                    due_on=held + dt.timedelta(days=self.rng.randint(7, 28)),
                )
            )
        self.counts["meetings"] += 1

    # Writing -------------------------------------------------------------------------------

    ORDER: tuple[type[models.Model], ...] = (
        MissingEpisode,
        ReturnInterview,
        InterviewFactor,
        InterviewAction,
        RepeatMissingDecision,
        Screening,
        ScreeningArea,
        ScreeningIndicator,
        PartnerInput,
        Place,
        PeerGroup,
        Link,
        SharedRiskAlert,
        Meeting,
        MeetingAction,
        Meeting.children.through,
        Meeting.places.through,
        Deadline,
        ChronologyEntry,
    )

    def build(self, persona_children: Sequence[UUID] = ()) -> dict[str, int]:
        self._missing()
        self._persona(persona_children)
        self._screenings()
        self._places()
        self._alerts()
        self._meetings()
        for model in self.ORDER:
            rows = self.rows.get(model, [])
            if rows:
                write_rows(model, rows)
        self.counts["links"] = len(self.links)
        self.counts["chronology_entries"] = len(self.rows.get(ChronologyEntry, []))
        return dict(sorted(self.counts.items()))


def missing_children_by_year(today: dt.date) -> Iterable[tuple[int, int, int]]:
    """For each year window back from today: children looked after in it, those who went
    missing while looked after, and their missing incidents."""
    for year in range(cal.OUTSIDE_HOME_YEARS):
        end = today - dt.timedelta(days=YEAR * year)
        start = end - dt.timedelta(days=YEAR - 1)
        looked_after = set(
            CarePeriod.objects.filter(started_on__lte=end)
            .exclude(ended_on__lt=start)
            .values_list("child_id", flat=True)
        )
        episodes = MissingEpisode.objects.filter(
            kind=MissingKind.MISSING,
            period__isnull=False,
            started_at__date__gte=start,
            started_at__date__lte=end,
        ).values_list("child_id", flat=True)
        went = Counter(episodes)
        yield len(looked_after), len(went), sum(went.values())
