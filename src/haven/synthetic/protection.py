"""The protection pathway behind each family's case history, written in bulk.

For each referral that ``CaseRecords`` writes, this module plans what followed on the
protection pathway for the family (brothers and sisters share dates, as they share a worker)
and writes, for each child, what the protection services would have written along the way
(docs/protection.md): strategy discussions with their participants (repeats pointing to the
one before), section 47 enquiries with their initial conferences and attendance, child
protection plans started at those conferences and reviewed at review conferences, child in
need plans, outcomes with actions and ratings, child in need plan reviews, core groups,
visits, a few emergency protection orders and pre-proceedings, the chronology entries, the
allocation ``OpenCase`` rows the services open (an enquiry, a child protection plan), and
``Deadline`` rows for the clocks still running today.

It keeps the services' and the DfE's rules itself: nothing before the referral or after the
episode closed, and nothing on an NFA referral; one open plan and one open enquiry per child,
plans that never overlap (a child in need plan ends the day a child protection plan starts, and
the other way round); no child protection plan that starts and ends the same day (8840);
conferences on working days (8875); reviews after the plan started (8841); a plan ends on or
after its last visit, review and core group; finalised plans have outcomes, each with actions
that have an owner and a target date; every review rates each outcome not yet achieved.

It draws on a generator of its own (seeded from the seed), so the rest of the council is
the same with or without it. Dates are calibrated on NATIONAL_STATS §2 (``calibration``).
"""

import datetime as dt
import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import models

from haven.allocation.enums import CaseKind, JobRole
from haven.allocation.models import OpenCase, Worker
from haven.casework.models import CINEpisode
from haven.core.clock import LONDON
from haven.core.models import HavenModel
from haven.frontdoor.enums import ReferralRoute
from haven.frontdoor.models import ContactDecision
from haven.people.models import ChronologyEntry
from haven.protection.enums import (
    PROFESSIONAL_AGENCIES,
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    PlanKind,
    PreProceedingsOutcome,
    ProtectiveOrderKind,
    Section47Outcome,
    StrategyDecision,
)
from haven.protection.models import (
    Conference,
    ConferenceAttendance,
    CoreGroupMeeting,
    OutcomeRating,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    PreProceedings,
    PreProceedingsMeeting,
    ProtectiveOrder,
    Section47Enquiry,
    StrategyDiscussion,
    StrategyParticipant,
    Visit,
)
from haven.synthetic import calibration as cal
from haven.synthetic import protection_text as text
from haven.synthetic.clocks import open_clock_row
from haven.timescales.calendar import CalendarRangeError, add_months
from haven.timescales.rules import RULEBOOK

if TYPE_CHECKING:
    from haven.synthetic.population import Child, Episode, FamilyPlan, Population

ICPC_RULE = "initial-child-protection-conference"
VISIT_RULE: dict[str, str] = {
    PlanKind.CHILD_PROTECTION: "cp-visit",
    PlanKind.CHILD_IN_NEED: "cin-visit",
}
LONG_TERM = ("cin_cp", "disabled_children")
ENQUIRY_LABEL = "protection.section47enquiry"
PLAN_LABEL = "protection.plan"
YEAR = 365.25
#: Models this module writes, parents first: the order the population flushes them in.
MODELS: tuple[type[models.Model], ...] = (
    StrategyDiscussion,
    StrategyParticipant,
    Section47Enquiry,
    Conference,
    ConferenceAttendance,
    Plan,
    PlanOutcome,
    PlanAction,
    PlanReview,
    OutcomeRating,
    CoreGroupMeeting,
    Visit,
    ProtectiveOrder,
    PreProceedings,
    PreProceedingsMeeting,
)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


@dataclass
class _Enquiry:
    """A strategy discussion about the family and, when it started one, the enquiry after it."""

    held: dt.date
    minutes: int
    decision: str
    repeat: bool = False
    seen: dt.date | None = None
    completed: dt.date | None = None
    outcome: str = ""
    conference: dt.date | None = None  # the initial conference, when one was held
    plan: bool = False  # the conference decided on a plan
    step_down: bool = False  # ... or on no plan and a child in need plan
    category: str = ""
    order: str = ""  # police protection or an emergency protection order the same day

    @property
    def s47(self) -> bool:
        return self.decision == StrategyDecision.SECTION_47

    @property
    def concluded(self) -> dt.date | None:
        """When the enquiry stopped being open: its conference, or its conclusion."""
        return self.conference or self.completed


@dataclass
class _Plan:
    """A child protection or child in need plan for the family, and when things happened on it."""

    kind: str
    start: dt.date
    end: dt.date | None = None
    reason: str = ""
    enquiry: _Enquiry | None = None  # the initial conference that started a CP plan
    category: str = ""
    final_conference: bool = False  # a CP plan ended at a review conference
    detail: bool = False  # outcomes, actions, ratings, reviews, core groups and visits written
    stuck: bool = False
    reviews: list[dt.date] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # latest category at each review
    core_groups: list[dt.date] = field(default_factory=list)
    visits: list[tuple[dt.date, bool]] = field(default_factory=list)
    pre_proceedings: "_PreProceedings | None" = None


@dataclass
class _PreProceedings:
    start: dt.date
    letter: dt.date | None
    fgdm_offered: bool
    fgdm_held: bool
    meetings: list[dt.date]
    decision: dt.date | None
    outcome: str
    court: dt.date | None


@dataclass
class _Case:
    """One family's episode: what the protection pathway works within."""

    plan: "FamilyPlan"
    children: list[tuple["Child", CINEpisode]]
    referral: dt.date
    closure: dt.date | None
    kind: str | None  # the long-term team's kind, or None while (or if only) assessed
    authorised: dt.date | None
    completed: dt.date | None
    decided_on: dt.date
    red: bool
    concern: bool
    statutory_ok: bool
    previous: bool = False  # a child on it has been on a child protection plan before
    force: str = ""
    enquiries: list[_Enquiry] = field(default_factory=list)
    plans: list[_Plan] = field(default_factory=list)

    @property
    def limit(self) -> dt.date:
        """The last day anything can happen on the episode (its closure, or today)."""
        return self.closure or dt.date.max

    @property
    def long_term(self) -> bool:
        return self.kind in LONG_TERM


@dataclass(frozen=True)
class _Iro:
    user_id: int
    name: str
    started_on: dt.date
    ended_on: dt.date | None


class ProtectionRecords:
    """Plans and writes the protection pathway for one family episode at a time."""

    def __init__(self, pop: "Population", rng: random.Random) -> None:
        self.pop = pop
        self.rng = rng
        self.today = pop.today
        self.now = pop.now
        self.records = pop.records
        self.calendar = self.records.calendar
        self.detail_from = add_months(self.today, -pop.scale.plan_detail_months)
        self.rules = {r: RULEBOOK.get(r, self.today) for r in (*VISIT_RULE.values(), ICPC_RULE)}
        for r in ("first-core-group", "core-group", "cp-review-first", "cp-review-subsequent"):
            self.rules[r] = RULEBOOK.get(r, self.today)
        self.rules["cin-plan-review"] = RULEBOOK.get("cin-plan-review", self.today)
        self.iros = [
            _Iro(w.user_id, w.user.get_full_name(), w.started_on, w.ended_on)
            for w in Worker.objects.filter(job_role=JobRole.IRO)
            .select_related("user")
            .order_by("user__username")
        ]
        self.names: dict[int, str] = {
            s.user_id: s.worker.user.get_full_name()
            for staff in pop.wf.case_holders.values()
            for s in staff
        }
        self.persona = pop.wf.persona_staff.get("social.worker")
        self.persona_families = 0
        self.ended_bands = [0] * len(cal.CP_PLAN_DAYS)
        self.icpc_bands = [0] * len(cal.ICPC_WORKING_DAYS)
        self.counts: dict[str, int] = {}
        self.cp_plans: dict[UUID, int] = {}  # plans each child has had, for previous_plans
        self.referrals_year = 0  # children referred in the last year, so far
        self.on_cp = 0  # children on a plan today, so far
        self.icpcs_year = 0  # initial conferences in the last year, so far

    # Helpers ---------------------------------------------------------------------------

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def _row[M: HavenModel](self, obj: M) -> M:
        obj.id = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        obj.created_at = self.now
        obj.updated_at = self.now
        self.pop._add(obj)
        return obj

    def _weighted(self, table: Mapping[str, float]) -> str:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def _span(self, table: Sequence[tuple[int, int, float]]) -> int:
        low, high, _ = self.rng.choices(table, weights=[t[2] for t in table])[0]
        return self.rng.randint(low, high)

    def _working(self, day: dt.date) -> bool:
        try:
            return self.calendar.is_working_day(day)
        except CalendarRangeError:
            return day.weekday() < 5

    def _on_or_after(self, day: dt.date) -> dt.date:
        while not self._working(day):
            day += days(1)
        return day

    def _on_or_before(self, day: dt.date) -> dt.date:
        while not self._working(day):
            day -= days(1)
        return day

    def _due(self, rule_id: str, start: dt.date) -> dt.date:
        try:
            return self.rules[rule_id].due(start, self.calendar)
        except CalendarRangeError:
            return start + days(14)

    def _add_wd(self, day: dt.date, n: int) -> dt.date:
        return self.records.add_working_days(day, n)

    def _back_wd(self, day: dt.date, n: int) -> dt.date:
        """The working day ``n`` working days before ``day``."""
        while n > 0:
            day -= days(1)
            if self._working(day):
                n -= 1
        return day

    def _moment(self, day: dt.date, minutes: int) -> dt.datetime:
        return self.records._at(day, minutes)

    def _text(self, options: Sequence[str], name: str) -> str:
        return self.rng.choice(options).format(name=name or "the baby")

    def _worker(self, child: "Child", on: dt.date) -> int | None:
        return self.records._user_of(self.records._allocation_on(child, on))

    def _chair(self, on: dt.date) -> _Iro | None:
        active = [
            i for i in self.iros if i.started_on <= on and (i.ended_on is None or i.ended_on > on)
        ] or self.iros
        return self.rng.choice(active) if active else None

    def _chronology(
        self, child: "Child", on: dt.date, category: str, summary: str, source: Any = None
    ) -> None:
        self._row(
            ChronologyEntry(
                person_id=child.person.id,
                occurred_on=on,
                recorded_at=self._moment(on, 16 * 60),
                category=category,
                summary=summary[:300],
                source_type=source._meta.label_lower if source is not None else "",
                source_id=str(source.id) if source is not None else "",
            )
        )

    def _open_case(
        self, child: "Child", subject: Any, opened: dt.date, closed: dt.date | None
    ) -> None:
        """As ``case_open`` does for an enquiry and a child protection plan: statutory work."""
        self._row(
            OpenCase(
                child_id=child.person.id,
                kind=CaseKind.CHILD_PROTECTION,
                opened_on=opened,
                closed_on=closed,
                subject_type=subject._meta.label_lower,
                subject_id=str(subject.id),
            )
        )

    def _clock(self, child: "Child", rule_id: str, start: dt.date, subject: Any) -> None:
        """An open clock, as ``synthetic.clocks.open_clock_row`` makes it, written and counted."""
        deadline = open_clock_row(
            child_id=child.person.id,
            allocations=child.allocations,
            rule_id=rule_id,
            start=start,
            subject=subject,
            calendar=self.calendar,
            user_of=self.records._user_of,
        )
        if deadline is None:
            return
        self._row(deadline)
        self._count("open_clocks")
        if deadline.due_on < self.today:
            self._count("overdue_clocks")

    # Planning a family's pathway ---------------------------------------------------------

    def referred(self, on: dt.date, children: int) -> None:
        """Count a referral (any, NFA included) as ``CaseRecords`` writes it."""
        if on > self.today - days(365):
            self.referrals_year += children

    def episode(
        self,
        plan: "FamilyPlan",
        episode: "Episode",
        children: list[tuple["Child", CINEpisode]],
        decision: ContactDecision,
        completed: dt.date | None,
    ) -> None:
        """Plan and write the protection pathway on one referral for the children on it."""
        if plan.lone:
            return  # care leavers and unaccompanied children came straight into care
        born = [
            (child, cin)
            for child, cin in children
            if child.person.date_of_birth is not None
            and not cin.referral_nfa
            and child.person.date_of_birth + days(int(18 * YEAR)) > (episode.end or self.today)
        ]
        if not born:
            return
        kinds = [k for k, _, _ in episode.segments if k != "assessment"]
        first_kind, _, first_end = episode.segments[0]
        case = _Case(
            plan=plan,
            children=born,
            referral=episode.start,
            closure=episode.end,
            kind=kinds[0] if kinds else None,
            authorised=first_end if first_kind == "assessment" else None,
            completed=completed,
            decided_on=decision.decided_at.astimezone(LONDON).date(),
            red=decision.route == ReferralRoute.STRATEGY_DISCUSSION,
            concern=plan.cp,
            statutory_ok=self._statutory_ok(born) if episode.end is None else True,
        )
        case.previous = any(self.cp_plans.get(child.person.id, 0) for child, _ in born)
        if case.authorised is not None and case.authorised >= self.today:
            case.authorised = None
        if episode.end is None and self.persona is not None and plan.reserved is self.persona:
            case.force = ("cp_open", "s47_open", "cin_open", "cin_open")[
                min(self.persona_families, 3)
            ]
            self.persona_families += 1
        if case.force:
            self._forced(case)
        else:
            self._pathway(case)
        for p in case.plans:
            self._schedule(case, p)
        for child, cin in born:
            self._write(case, child, cin)

    def _statutory_ok(self, born: list[tuple["Child", CINEpisode]]) -> bool:
        """Whether today's workers may hold statutory work: a child on a plan or in an enquiry
        today needs a registered social worker, or waits in the queue (``may_hold``)."""
        for child, _ in born:
            current = next((a for a in child.allocations if a.ended_on is None), None)
            if current is None:
                continue
            staff = self.pop.staff_by_worker.get(current.worker_id)
            if staff is None or not staff.worker.is_registered_social_worker:
                return False
        return True

    def _eligible(self, c: _Case) -> bool:
        """Whether a conference can lead anywhere: the child was kept on after assessment, or
        is still being assessed (not assessed as not in need and closed)."""
        if c.closure is None and not c.statutory_ok:
            return False
        return c.kind is not None or c.closure is None

    def _first_discussion(self, c: _Case) -> tuple[dt.date, bool] | None:
        rng = self.rng
        key = "concern" if c.concern or c.previous else "other"
        if c.red:
            held = self._on_or_after(max(c.decided_on, c.referral))
            s47 = rng.random() < cal.S47_AT_FRONT_DOOR
        elif rng.random() < cal.S47_AFTER_ASSESSMENT[key]:
            if c.concern and c.completed is not None:
                held = c.completed
            else:
                held = c.referral + days(rng.randint(2, 30))
                if c.completed is not None:
                    held = min(held, c.completed)
            held = self._on_or_after(max(held, c.referral))
            s47 = True
        else:
            return None
        if held > min(c.limit, self.today):
            return None
        return held, s47

    def _enquiry(self, c: _Case, held: dt.date, *, s47: bool, icpc: bool) -> _Enquiry:
        """A strategy discussion on ``held`` and, if it decided on one, the enquiry after it."""
        rng = self.rng
        e = _Enquiry(
            held=held,
            minutes=rng.randint(9 * 60, 17 * 60),
            decision=StrategyDecision.SECTION_47 if s47 else StrategyDecision.NO_ENQUIRY,
        )
        if s47 and c.closure is None and not c.statutory_ok and held > self.today - days(60):
            # Today's worker may not hold statutory work: the discussion decided otherwise.
            s47 = False
            e.decision = StrategyDecision.NO_ENQUIRY
        c.enquiries.append(e)
        if not s47:
            return e
        end = min(c.limit, self.today)
        e.seen = min(held + days(rng.randint(0, 3)), end)
        key = "care" if c.kind == "children_in_care" else "other"
        if rng.random() < cal.PROTECTIVE_ORDER_SHARE[key]:
            e.order = (
                ProtectiveOrderKind.EPO
                if rng.random() < 0.4
                else ProtectiveOrderKind.POLICE_PROTECTION
            )
        if icpc and self._eligible(c):
            conference = self._add_wd(held, self._icpc_days())
            if conference <= end:
                e.conference = conference
                e.completed = conference
                e.outcome = Section47Outcome.ICPC
                e.seen = min(e.seen, conference)
                e.plan = True  # decided in ``_decide``, once it is known a plan would fit
                e.category = self._weighted(cal.CP_CATEGORY)
                return e
            if c.closure is None:  # still waiting for its conference today
                concluded = self._add_wd(held, rng.randint(5, 10))
                if concluded <= self.today and rng.random() < 0.5:
                    e.completed = concluded
                    e.outcome = Section47Outcome.ICPC
                return e
        done = self._add_wd(held, rng.randint(3, 20))
        if done > end:
            if c.closure is None:
                return e  # under way today
            done = c.closure
        e.completed = max(done, held)
        e.seen = min(e.seen, e.completed)
        e.outcome = self._weighted(
            {
                Section47Outcome.CHILD_IN_NEED: 45,
                Section47Outcome.NOT_SUBSTANTIATED: 48,
                Section47Outcome.FURTHER_ASSESSMENT: 7,
            }
        )
        return e

    def _repeat(self, c: _Case, e: _Enquiry) -> None:
        """Now and then a second discussion while the enquiry is under way."""
        if self.rng.random() >= cal.REPEAT_DISCUSSION_SHARE:
            return
        held = self._add_wd(e.held, self.rng.randint(1, 4))
        if held > (e.concluded or self.today) or held > min(c.limit, self.today):
            return
        c.enquiries.append(
            _Enquiry(
                held=held,
                minutes=self.rng.randint(9 * 60, 17 * 60),
                decision=StrategyDecision.NO_ENQUIRY,
                repeat=True,
            )
        )

    def _icpc_days(self) -> int:
        """Working days from the strategy discussion to the initial conference (§2 bands),
        drawn by how far each band is below its share of the conferences held so far: late
        conferences are more often cut off by an episode's closure, and would be too few."""
        bands = cal.ICPC_WORKING_DAYS
        total = sum(b[2] for b in bands)
        n = sum(self.icpc_bands) + 20
        weights = [max(b[2] / total * n - self.icpc_bands[i], 0.05) for i, b in enumerate(bands)]
        low, high, _ = self.rng.choices(bands, weights=weights)[0]
        return self.rng.randint(low, high)

    def _deficit(self) -> list[float]:
        """How far each length band is below its national share of the plans ended so far."""
        n = sum(self.ended_bands) + 20
        return [b[2] / 100 * n - self.ended_bands[i] for i, b in enumerate(cal.CP_PLAN_DAYS)]

    @staticmethod
    def _band(length: int) -> int:
        bands = cal.CP_PLAN_DAYS
        return next((i for i, b in enumerate(bands) if length <= b[1]), len(bands) - 1)

    def _length(self, runway: int | None, *, fit: bool = False) -> int | None:
        """Days a plan lasts: the national lengths of ended plans (§2, ``CP_PLAN_DAYS``).

        A band is drawn by how far each is below its share of the plans ended so far, so the
        ended plans keep to the national lengths; a plan that must end within ``runway`` days
        (the episode closes, or the plan has ended by today) and cannot is not made (None):
        short episodes would otherwise make short plans far too common. ``fit``: a child's
        second plan is drawn from the bands that fit and are below their share, so children
        who return to a plan do, where the lengths allow.
        """
        deficit = self._deficit()
        bands = list(range(len(cal.CP_PLAN_DAYS)))
        if fit and runway is not None:
            bands = [i for i in bands if cal.CP_PLAN_DAYS[i][0] <= runway and deficit[i] > 0]
            if not bands:
                return None
        i = self.rng.choices(bands, weights=[max(deficit[i], 0.05) for i in bands])[0]
        low, high, _ = cal.CP_PLAN_DAYS[i]
        if runway is not None and runway < low:
            return None
        return self.rng.randint(low, high if runway is None else min(high, runway))

    def _cp_plan(
        self,
        c: _Case,
        e: _Enquiry,
        *,
        current: bool = False,
        until: dt.date | None = None,
        fit: bool = False,
    ) -> _Plan | None:
        """The child protection plan the conference started, and how it ended; None when the
        episode leaves no room for it (or, most often, when the conference decided against a
        plan). ``current``: the plan is still open today; ``until``: it ended by then."""
        assert e.conference is not None
        start = e.conference
        plan = _Plan(PlanKind.CHILD_PROTECTION, start, enquiry=e, category=e.category)
        if current:
            return plan
        if c.closure is None and c.kind is None:
            # A child still being assessed: a plan only weeks old, open today.
            return plan if self.rng.random() < self._boost() else None
        if c.kind == "children_in_care":
            # The child came into care when the assessment ended: the plan ended that day, if
            # plans of that length are not already more common than the national share.
            if c.authorised is None or (c.authorised - start).days < 14:
                return None
            if self._deficit()[self._band((c.authorised - start).days)] <= 0:
                return None
            plan.end, plan.reason = c.authorised, PlanEndReason.LOOKED_AFTER
            return plan
        # Ended by the episode's closure, or (an open episode) by yesterday.
        last = until or c.closure or self.today - days(1)
        length = self._length((last - start).days, fit=fit)
        if length is None:
            return None
        end = self._on_or_before(start + days(length))
        if end <= start:
            return None
        plan.end, plan.reason = end, PlanEndReason.NO_LONGER_NEEDED
        plan.final_conference = True
        return plan

    def _cin_plan(self, c: _Case, start: dt.date) -> _Plan:
        plan = _Plan(PlanKind.CHILD_IN_NEED, start)
        if c.closure is not None:
            plan.end = max(c.closure - days(self.rng.randint(0, 20)), start)
            plan.reason = PlanEndReason.NO_LONGER_NEEDED
        return plan

    def _add(self, c: _Case, plan: _Plan) -> bool:
        """Add a plan after the last: a plan of the other kind still running then ends that
        day, as ``plan_start`` ends it. Refused (False) unless it starts after the last began."""
        if c.plans:
            last = c.plans[-1]
            if plan.start <= last.start:
                return False
            if last.kind == plan.kind and (last.end is None or last.end > plan.start):
                return False
            if last.end is None or last.end > plan.start:
                last.end = plan.start
                last.reason = (
                    PlanEndReason.STEPPED_UP
                    if plan.kind == PlanKind.CHILD_PROTECTION
                    else PlanEndReason.STEPPED_DOWN
                )
        c.plans.append(plan)
        return True

    def _after_cp(self, c: _Case, cp: _Plan) -> None:
        """A plan that ended at a review conference: a step down to a child in need plan, or
        none until the episode closes."""
        if cp.end is None or cp.reason == PlanEndReason.LOOKED_AFTER:
            return
        tail = (c.closure - cp.end).days if c.closure is not None else None
        room = tail is None or tail > 14
        if c.long_term and room and self.rng.random() < cal.STEP_DOWN_SHARE_CP:
            cp.reason = PlanEndReason.STEPPED_DOWN
            c.plans.append(self._cin_plan(c, cp.end))

    def _decide(
        self, c: _Case, e: _Enquiry, until: dt.date | None = None, *, fit: bool = False
    ) -> _Plan | None:
        """What the initial conference decided. Where the episode leaves no room for a plan
        the enquiry concluded without one; otherwise a plan (``CP_PLAN_PER_ICPC``) or not."""
        if not e.plan:
            return None
        cp = self._cp_plan(c, e, until=until, fit=fit or c.previous)
        if cp is None:
            self._no_plan(e)
            return None
        if self.rng.random() >= cal.CP_PLAN_PER_ICPC:
            e.plan, e.category = False, ""
            return None
        return cp

    def _no_plan(self, e: _Enquiry) -> None:
        """The episode leaves no room for a plan: the enquiry concluded without a conference."""
        assert e.conference is not None
        e.completed, e.conference = e.conference, None
        e.outcome = Section47Outcome.CHILD_IN_NEED
        e.plan, e.category = False, ""

    def _boost(self) -> float:
        """How much likelier than its family's propensity a case is to be on a plan today:
        more while fewer children are than the national rate against the population the
        referrals so far imply (``ON_CP_PLAN_PER_10K``), less once more are."""
        target = cal.ON_CP_PLAN_PER_10K / cal.REFERRALS_PER_10K * self.referrals_year
        return min(10.0, max(0.05, ((target + 5) / (self.on_cp + 5)) ** 3))

    def _icpc_boost(self) -> float:
        """The same for initial conferences in the last year (``ICPC_PER_10K``): a council
        whose episodes are less often long-term work holds fewer, unless more are held."""
        target = cal.ICPC_PER_10K / cal.REFERRALS_PER_10K * self.referrals_year
        return min(2.0, max(0.5, ((target + 5) / (self.icpcs_year + 5)) ** 2))

    def _current_start(self, c: _Case, earliest: dt.date) -> dt.date | None:
        """When today's plan began: a plan open today is seen part-way through, so its age is
        drawn from the lengths weighted by length (no earlier than ``earliest``)."""
        bands = cal.CP_PLAN_DAYS
        low, high, _ = self.rng.choices(bands, weights=[b[2] * (b[0] + b[1]) for b in bands])[0]
        age = self.rng.randint(0, self.rng.randint(low, high))
        start = self._on_or_before(max(self.today - days(age), earliest))
        if start < earliest:
            start = self._on_or_after(earliest)
        return start if start < self.today else None

    def _pathway(self, c: _Case) -> None:
        rng = self.rng
        key = "concern" if c.concern or c.previous else "other"
        cin_from: dt.date | None = None
        if c.long_term and c.authorised is not None:
            cin_from = c.authorised + days(rng.randint(0, 10))
            if cin_from > min(c.limit, self.today):
                cin_from = None
        # On a child protection plan today: the conference that started it, decided first so
        # the rest of the episode's history is fitted around it.
        current: dt.date | None = None
        propensity = cal.CURRENT_CP["repeat" if c.previous else key]
        if (
            c.closure is None
            and c.long_term
            and self._eligible(c)
            and rng.random() < propensity * self._boost()
        ):
            current = self._current_start(c, (cin_from or c.referral) + days(21))
        first = self._first_discussion(c)
        enquiry: _Enquiry | None = None
        until = current - days(60) if current is not None else None
        if first is not None and (until is None or first[0] < until - days(30)):
            held, s47 = first
            icpc = rng.random() < cal.ICPC_SHARE[key] * self._icpc_boost()
            enquiry = self._enquiry(c, held, s47=s47, icpc=icpc)
            if s47:
                self._repeat(c, enquiry)
            if until is not None and (enquiry.concluded or self.today) >= until:
                enquiry.plan = False  # no room before today's plan
        # Before today's plan, an earlier one where it fits: the child's second plan.
        cp = self._decide(c, enquiry, until, fit=until is not None) if enquiry else None
        if cp is not None:
            assert enquiry is not None
            assert enquiry.conference is not None
            if (
                cin_from is not None
                and (enquiry.conference - cin_from).days >= 14
                and rng.random() < cal.CIN_PLAN_SHARE
            ):
                c.plans.append(self._cin_plan(c, cin_from))
            self._add(c, cp)
            self._after_cp(c, cp)
            if current is not None:
                self._escalate(c, current=current)
            elif c.long_term and rng.random() < cal.ESCALATION["repeat"]:
                self._escalate(c, fit=True)  # a second plan on the same episode
            return
        if enquiry is not None and enquiry.conference is not None:
            enquiry.category = ""
            if c.long_term and rng.random() < cal.CIN_PLAN_SHARE:
                enquiry.step_down = True
                c.plans.append(self._cin_plan(c, enquiry.conference))
        elif cin_from is not None and rng.random() < cal.CIN_PLAN_SHARE:
            c.plans.append(self._cin_plan(c, cin_from))
        if current is not None:
            self._escalate(c, current=current)
        elif (
            c.long_term
            and self._eligible(c)
            and rng.random() < cal.ESCALATION["repeat" if c.previous else key]
        ):
            self._escalate(c)

    def _escalate(self, c: _Case, *, current: dt.date | None = None, fit: bool = False) -> None:
        """A child in need whose case escalates: a strategy discussion, an enquiry and a
        conference that starts a plan (``current``: on the day given, still open today).
        Not while an enquiry is still under way today: a child has one open at a time."""
        if any(e.s47 and e.concluded is None for e in c.enquiries):
            return
        rng = self.rng
        after = max(
            [d for d in (c.authorised, c.referral) if d is not None]
            + [e.concluded or e.held for e in c.enquiries],
        )
        if c.plans:
            last = c.plans[-1]
            after = max(after, last.start)
            if last.kind == PlanKind.CHILD_PROTECTION:
                after = max(after, last.end or self.today)
        if current is not None:
            wd = self._icpc_days()
            held, conference = self._back_wd(current, wd), current
            if held <= after:
                held = self._on_or_after(after + days(1))
                conference = self._add_wd(held, wd)
            if conference >= self.today:
                return
            e = _Enquiry(
                held=held,
                minutes=rng.randint(9 * 60, 17 * 60),
                decision=StrategyDecision.SECTION_47,
            )
            e.seen = min(held + days(rng.randint(0, 3)), conference)
            e.completed = e.conference = conference
            e.outcome = Section47Outcome.ICPC
            e.plan = True
            e.category = self._weighted(cal.CP_CATEGORY)
            c.enquiries.append(e)
            cp = self._cp_plan(c, e, current=True)
            if cp is None or not self._add(c, cp):
                c.enquiries.remove(e)
            return
        low = after + days(28)
        high = min(c.limit - days(45), self.today)
        if high < low:
            return
        held = self._on_or_after(low + days(rng.randint(0, (high - low).days)))
        if held > high:
            return
        icpc = rng.random() < cal.ICPC_SHARE["concern"] * self._icpc_boost()
        second = self._enquiry(c, held, s47=True, icpc=icpc)
        cp = self._decide(c, second, fit=fit)
        if cp is not None and self._add(c, cp):
            self._after_cp(c, cp)
        elif cp is not None:
            self._no_plan(second)

    def _forced(self, c: _Case) -> None:
        """``social.worker``'s families: one on a child protection plan whose visits have
        lapsed, one in an enquiry awaiting its conference, the rest on child in need plans."""
        rng = self.rng
        start = c.authorised + days(rng.randint(0, 10)) if c.authorised else c.referral
        start = min(start, self.today - days(30))
        if c.force == "cp_open":
            conference = self._on_or_before(self.today - days(rng.randint(100, 200)))
            conference = max(conference, self._on_or_after(start + days(20)))
            held = self._on_or_before(conference - days(20))
            e = _Enquiry(
                held=held,
                minutes=10 * 60,
                decision=StrategyDecision.SECTION_47,
                seen=held + days(1),
                completed=conference,
                outcome=Section47Outcome.ICPC,
                conference=conference,
                plan=True,
                category=AbuseCategory.NEGLECT,
            )
            c.enquiries.append(e)
            if (conference - start).days >= 14:
                c.plans.append(_Plan(PlanKind.CHILD_IN_NEED, start))
            cp = _Plan(PlanKind.CHILD_PROTECTION, conference, enquiry=e, category=e.category)
            cp.stuck = True
            self._add(c, cp)
            return
        c.plans.append(_Plan(PlanKind.CHILD_IN_NEED, start))
        if c.force == "s47_open":
            held = self.records._working_days_back(4)
            c.enquiries.append(
                _Enquiry(
                    held=held,
                    minutes=11 * 60,
                    decision=StrategyDecision.SECTION_47,
                    seen=held + days(1),
                )
            )

    # Dates on each plan -------------------------------------------------------------------

    def _meeting(self, due: dt.date, after: dt.date) -> dt.date:
        """When a meeting due on ``due`` was held: mostly on time, a few late; a working day
        after ``after``."""
        rng = self.rng
        if rng.random() < cal.MEETING_LATE_SHARE:
            held = self._on_or_after(due + days(rng.randint(1, 20)))
        else:
            held = self._on_or_before(due - days(rng.randint(0, 14)))
        if held <= after:
            held = self._on_or_after(after + days(1))
        return held

    def _schedule(self, c: _Case, p: _Plan) -> None:
        rng = self.rng
        stop = p.end or self.today
        p.detail = stop >= self.detail_from
        if p.kind == PlanKind.CHILD_PROTECTION:
            self._review_conferences(p)
        if not p.detail:
            return
        p.stuck = p.stuck or rng.random() < cal.STUCK_SHARE.get(
            p.category, cal.STUCK_SHARE["other"]
        )
        if p.kind == PlanKind.CHILD_IN_NEED:
            last = p.start
            while True:
                held = self._meeting(self._due("cin-plan-review", last), last)
                if held > stop or (p.end is not None and held >= p.end):
                    break
                p.reviews.append(held)
                last = held
        else:
            held = self._add_wd(p.start, rng.randint(4, 10))
            if rng.random() < cal.MEETING_LATE_SHARE:
                held = self._add_wd(p.start, rng.randint(11, 16))
            while held <= stop:
                p.core_groups.append(held)
                held = self._meeting(self._due("core-group", held), held)
            self._pre_proceedings(c, p)
        self._visits(p, c.force == "cp_open")

    def _review_conferences(self, p: _Plan) -> None:
        """Review conferences at the statutory intervals (3 months, then 6), the last one
        ending the plan when it ended at a conference."""
        rule = "cp-review-first"
        last = p.start
        latest = p.category
        while True:
            held = self._meeting(self._due(rule, last), last)
            if held > self.today or (p.end is not None and held >= p.end - days(14)):
                break
            if self.rng.random() < 0.08:
                latest = self.rng.choice([c for c in cal.CP_CATEGORY if c != latest])
            p.reviews.append(held)
            p.categories.append(latest)
            last, rule = held, "cp-review-subsequent"

    def _visits(self, p: _Plan, lapsed: bool) -> None:
        """Visits at the local cadence, each dated from the last at which the child was seen;
        for some open plans they have lapsed, so the next is overdue today."""
        rng = self.rng
        rule = VISIT_RULE[p.kind]
        stop = p.end or self.today
        if p.end is None and (lapsed or rng.random() < cal.VISITS_LAPSED_SHARE):
            gap = (self._due(rule, self.today) - self.today).days
            stop = self.today - days(gap + rng.randint(1, 21))
        last_seen = previous = p.start
        while True:
            due = self._due(rule, last_seen)
            if rng.random() < cal.VISIT_LATE_SHARE:
                visit = due + days(rng.randint(1, 10))
            else:
                visit = due - days(rng.randint(0, 4))
            visit = max(visit, previous + days(1))
            if visit > stop:
                break
            seen = rng.random() >= cal.CHILD_NOT_SEEN_SHARE
            if visit >= self.detail_from:
                p.visits.append((visit, seen))
            if seen:
                last_seen = visit
            previous = visit

    def _pre_proceedings(self, c: _Case, p: _Plan) -> None:
        rng = self.rng
        stop = p.end or self.today
        if (stop - p.start).days < 270 or rng.random() >= cal.PRE_PROCEEDINGS_SHARE:
            return
        start = p.start + days(rng.randint(150, 240))
        if start > stop:
            return
        limit = min(stop, c.limit, self.today)
        letter = start + days(rng.randint(0, 7))
        offered = rng.random() < 0.8
        meetings: list[dt.date] = []
        held = start + days(rng.randint(7, 21))
        decision: dt.date | None = start + days(rng.randint(84, 140))
        assert decision is not None
        if decision > limit:
            decision = None if p.end is None else limit
        while held <= min(decision or self.today, self.today) and len(meetings) < 5:
            meetings.append(held)
            held += days(rng.randint(28, 42))
        outcome = ""
        court = None
        if decision is not None:
            outcome = self._weighted(
                {
                    PreProceedingsOutcome.STEP_DOWN: 60,
                    PreProceedingsOutcome.ISSUE_PROCEEDINGS: 25,
                    PreProceedingsOutcome.OTHER: 15,
                }
            )
            court = decision + days(rng.randint(0, 10))
            if outcome != PreProceedingsOutcome.ISSUE_PROCEEDINGS or court > self.today:
                court = None
        p.pre_proceedings = _PreProceedings(
            start=start,
            letter=letter if letter <= limit else None,
            fgdm_offered=offered,
            fgdm_held=offered and rng.random() < 0.6,
            meetings=meetings,
            decision=decision,
            outcome=outcome,
            court=court,
        )

    # Writing each child's records ----------------------------------------------------------

    def _write(self, c: _Case, child: "Child", cin: CINEpisode) -> None:
        name = child.person.given_name
        conferences: dict[int, Conference] = {}
        previous: StrategyDiscussion | None = None
        for e in sorted(c.enquiries, key=lambda e: (e.held, e.repeat)):
            previous = self._discussion(c, child, cin, e, previous, conferences)
        cp_before = self.cp_plans.get(child.person.id, 0)
        for p in c.plans:
            self._plan(c, child, cin, p, conferences, name, cp_before)
            if p.kind == PlanKind.CHILD_PROTECTION:
                cp_before += 1
        self.cp_plans[child.person.id] = cp_before

    def _age(self, child: "Child", on: dt.date) -> float:
        born = child.person.date_of_birth or on
        return (on - born).days / YEAR

    def _discussion(
        self,
        c: _Case,
        child: "Child",
        cin: CINEpisode,
        e: _Enquiry,
        previous: StrategyDiscussion | None,
        conferences: dict[int, Conference],
    ) -> StrategyDiscussion:
        rng = self.rng
        name = child.person.given_name
        worker = self._worker(child, e.held)
        if e.repeat:
            reasons = self._text(text.REPEAT_REASONS, name)
        elif e.s47:
            reasons = self._text(text.S47_REASONS, name)
        else:
            reasons = self._text(text.NO_ENQUIRY_REASONS, name)
        sd = self._row(
            StrategyDiscussion(
                child_id=child.person.id,
                episode_id=cin.id,
                held_at=self._moment(e.held, e.minutes),
                previous_id=previous.id if previous is not None else None,
                information_shared=self._text(text.INFORMATION, name),
                decision=e.decision,
                reasons=reasons,
                recorded_by_id=worker,
            )
        )
        names = self.pop.adult_english
        people = [
            (
                Agency.SOCIAL_CARE,
                self.names.get(worker or 0, "Duty social worker"),
                "Social worker",
            ),
            (
                Agency.POLICE,
                f"DC {rng.choice(names.family)}",
                "Child abuse investigation team",
            ),
        ]
        if rng.random() < 0.5:
            people.append(
                (
                    rng.choice((Agency.HEALTH, Agency.EDUCATION)),
                    f"{rng.choice(names.girls)} {rng.choice(names.family)}",
                    rng.choice(("Named nurse for safeguarding", "Designated safeguarding lead")),
                )
            )
        for agency, who, role in people:
            self._row(StrategyParticipant(discussion_id=sd.id, agency=agency, name=who, role=role))
        label = "Repeat strategy discussion" if previous is not None else "Strategy discussion"
        decided = StrategyDecision(e.decision).label
        self._chronology(child, e.held, "Strategy discussion", f"{label}: {decided}", sd)
        self._count("strategy_discussions")
        if e.order:
            self._order(child, e)
        if not e.s47:
            return sd
        due = self._due(ICPC_RULE, e.held)
        seen_alone = None
        if e.seen is not None:
            seen_alone = self._age(child, e.seen) >= 5 and rng.random() < 0.8
        enquiry = self._row(
            Section47Enquiry(
                child_id=child.person.id,
                episode_id=cin.id,
                strategy_discussion_id=sd.id,
                start_date=e.held,
                icpc_target=due,
                child_seen_on=e.seen,
                seen_alone=seen_alone,
                completed_on=e.completed,
                outcome=e.outcome,
                findings=self._text((text.FINDINGS[e.outcome],), name) if e.outcome else "",
                started_by_id=worker,
            )
        )
        self._count("section47_enquiries")
        self._chronology(
            child,
            e.held,
            "Section 47 enquiry",
            f"Section 47 enquiry started; ICPC due by {due:%d %B %Y}",
            enquiry,
        )
        closed = e.conference
        if e.completed is not None and e.outcome != Section47Outcome.ICPC:
            closed = e.completed
            label = Section47Outcome(e.outcome).label
            self._chronology(
                child,
                e.completed,
                "Section 47 enquiry",
                f"Section 47 enquiry concluded: {label}",
                enquiry,
            )
        self._open_case(child, enquiry, e.held, closed)
        if closed is None:
            self._clock(child, ICPC_RULE, e.held, enquiry)
            self._count("enquiries_open")
        if e.conference is not None:
            conferences[id(e)] = self._initial_conference(child, cin, e, enquiry)
        return sd

    def _attendance(self, conference: Conference, worker: int | None) -> bool:
        rng = self.rng
        families = self.pop.adult_english
        rows = [
            (Agency.SOCIAL_CARE, self.names.get(worker or 0, "Social worker"), True),
            (Agency.POLICE, f"DC {rng.choice(families.family)}", rng.random() < 0.92),
            (
                rng.choice((Agency.HEALTH, Agency.EDUCATION)),
                f"{rng.choice(families.girls)} {rng.choice(families.family)}",
                rng.random() < 0.97,
            ),
            (Agency.FAMILY, "Mother", rng.random() < 0.85),
        ]
        for agency, who, attended in rows:
            self._row(
                ConferenceAttendance(
                    conference_id=conference.id,
                    agency=agency,
                    name=who,
                    attended=attended,
                    report_submitted=agency != Agency.FAMILY and rng.random() < 0.8,
                )
            )
        present = {a for a, _, attended in rows if attended and a in PROFESSIONAL_AGENCIES}
        return Agency.SOCIAL_CARE in present and len(present) >= 3

    def _conference(
        self,
        child: "Child",
        cin: CINEpisode,
        *,
        kind: str,
        held: dt.date,
        decision: str,
        category: str,
        reasons: str,
        enquiry: Section47Enquiry | None = None,
        plan: Plan | None = None,
    ) -> Conference:
        name = child.person.given_name
        chair = self._chair(held)
        conference = self._row(
            Conference(
                child_id=child.person.id,
                episode_id=cin.id,
                kind=kind,
                section47_id=enquiry.id if enquiry is not None else None,
                plan_id=plan.id if plan is not None else None,
                held_on=held,
                chair_id=chair.user_id if chair is not None else None,
                quorate=True,
                child_views=self._text(text.CHILD_VIEWS, name),
                family_views=self.rng.choice(text.FAMILY_VIEWS),
                decision=decision,
                category=category,
                reasons=reasons.format(name=name or "the child"),
                recorded_by_id=chair.user_id if chair is not None else None,
            )
        )
        conference.quorate = self._attendance(conference, self._worker(child, held))
        summary = f"{conference.get_kind_display()}: " + (
            f"child protection plan, {AbuseCategory(category).label.lower()}"
            if decision == ConferenceDecision.PLAN
            else "no child protection plan"
        )
        if not conference.quorate:
            summary += " (not quorate)"
        self._chronology(child, held, "Conference", summary, conference)
        self._count("conferences_" + kind)
        return conference

    def _initial_conference(
        self, child: "Child", cin: CINEpisode, e: _Enquiry, enquiry: Section47Enquiry
    ) -> Conference:
        assert e.conference is not None
        wd = self.records.working_days_between(e.held, e.conference)
        band = next(
            (i for i, b in enumerate(cal.ICPC_WORKING_DAYS) if wd <= b[1]),
            len(cal.ICPC_WORKING_DAYS) - 1,
        )
        self.icpc_bands[band] += 1
        if e.conference > self.today - days(365):
            self.icpcs_year += 1
        return self._conference(
            child,
            cin,
            kind=ConferenceKind.INITIAL,
            held=e.conference,
            decision=ConferenceDecision.PLAN if e.plan else ConferenceDecision.NO_PLAN,
            category=e.category if e.plan else "",
            reasons=text.CONFERENCE_REASONS["plan" if e.plan else "no_plan"],
            enquiry=enquiry,
        )

    def _order(self, child: "Child", e: _Enquiry) -> None:
        rng = self.rng
        started = self._moment(e.held, rng.randint(14 * 60, 22 * 60))
        hours = (
            rng.randint(24, 72)
            if e.order == ProtectiveOrderKind.POLICE_PROTECTION
            else rng.randint(48, 192)
        )
        ended: dt.datetime | None = started + dt.timedelta(hours=hours)
        if ended is not None and ended > self.now:
            ended = None
        order = self._row(
            ProtectiveOrder(
                child_id=child.person.id,
                kind=e.order,
                started_at=started,
                ended_at=ended,
                details="Removed to a place of safety with foster carers pending the enquiry.",
            )
        )
        label = ProtectiveOrderKind(e.order).label
        self._chronology(child, e.held, "Emergency protection", f"{label} began", order)
        if ended is not None:
            day = ended.astimezone(LONDON).date()
            self._chronology(child, day, "Emergency protection", f"{label} ended", order)
        self._count("protective_orders")

    def _plan(
        self,
        c: _Case,
        child: "Child",
        cin: CINEpisode,
        p: _Plan,
        conferences: dict[int, Conference],
        name: str,
        previous_plans: int,
    ) -> None:
        rng = self.rng
        is_cp = p.kind == PlanKind.CHILD_PROTECTION
        initial = conferences.get(id(p.enquiry)) if p.enquiry is not None else None
        if is_cp and initial is None:
            return
        latest = p.categories[-1] if p.categories else p.category
        stop = p.end or self.today
        finalised = None
        if p.detail:
            finalised = min(p.start + days(rng.randint(0, 10)), stop, self.today)
        plan = self._row(
            Plan(
                child_id=child.person.id,
                episode_id=cin.id,
                kind=p.kind,
                started_on=p.start,
                ended_on=p.end,
                end_reason=p.reason,
                initial_category=p.category if is_cp else "",
                latest_category=latest if is_cp else "",
                previous_plans=previous_plans if is_cp else 0,
                initial_conference_id=initial.id if initial is not None else None,
                finalised_on=finalised,
                started_by_id=initial.chair_id
                if initial is not None
                else self._worker(child, p.start),
            )
        )
        summary = PlanKind(p.kind).label + " started"
        if is_cp:
            summary += f": {AbuseCategory(p.category).label.lower()}"
        self._chronology(child, p.start, "Plan", summary, plan)
        self._count("plans_" + p.kind)
        if is_cp:
            self._open_case(child, plan, p.start, p.end)
            if previous_plans:
                self._count("plans_cp_repeat")
        outcomes = self._outcomes(child, p, plan, name) if p.detail else []
        if finalised is not None:
            kind = plan.get_kind_display()
            summary = f"{kind} finalised with {len(outcomes)} outcomes"
            self._chronology(child, finalised, "Plan", summary, plan)
        scores = {o.id: o.baseline_score for o in outcomes}
        if is_cp:
            for i, held in enumerate(p.reviews):
                category = p.categories[i]
                conference = self._conference(
                    child,
                    cin,
                    kind=ConferenceKind.REVIEW,
                    held=held,
                    decision=ConferenceDecision.PLAN,
                    category=category,
                    reasons=text.CONFERENCE_REASONS["continue"],
                    plan=plan,
                )
                self._ratings(p, outcomes, scores, held, name, conference=conference)
            if p.end is not None and p.final_conference:
                conference = self._conference(
                    child,
                    cin,
                    kind=ConferenceKind.REVIEW,
                    held=p.end,
                    decision=ConferenceDecision.NO_PLAN,
                    category="",
                    reasons=text.CONFERENCE_REASONS["end"],
                    plan=plan,
                )
                self._ratings(p, outcomes, scores, p.end, name, conference=conference)
            for held in p.core_groups:
                meeting = self._row(
                    CoreGroupMeeting(
                        plan_id=plan.id,
                        held_on=held,
                        attendees=rng.choice(text.CORE_GROUP_ATTENDEES),
                        summary=rng.choice(text.CORE_GROUP_SUMMARIES),
                        recorded_by_id=self._worker(child, held),
                    )
                )
                self._chronology(child, held, "Core group", "Core group meeting held", meeting)
            if p.pre_proceedings is not None:
                self._write_pre_proceedings(child, cin, p.pre_proceedings)
        else:
            for held in p.reviews:
                review = self._row(
                    PlanReview(
                        plan_id=plan.id,
                        held_on=held,
                        summary=rng.choice(text.REVIEW_SUMMARIES),
                        child_views=self._text(text.CHILD_VIEWS, name),
                        recorded_by_id=self._worker(child, held),
                    )
                )
                self._ratings(p, outcomes, scores, held, name, review=review)
                self._chronology(child, held, "Plan review", "Child in need plan reviewed", review)
        last_seen = self._write_visits(child, p, plan, name)
        if p.end is not None:
            label = PlanEndReason(p.reason).label
            self._chronology(
                child, p.end, "Plan", f"{plan.get_kind_display()} ended: {label}", plan
            )
            if is_cp:
                self.ended_bands[self._band((p.end - p.start).days)] += 1
            return
        # Today's clocks on the open plan.
        self._clock(child, VISIT_RULE[p.kind], last_seen, plan)
        if is_cp:
            self._count("open_cp_plans")
            self.on_cp += 1
            if p.core_groups:
                self._clock(child, "core-group", p.core_groups[-1], plan)
            else:
                self._clock(child, "first-core-group", p.start, plan)
            if p.reviews:
                self._clock(child, "cp-review-subsequent", p.reviews[-1], plan)
            else:
                self._clock(child, "cp-review-first", p.start, plan)
        else:
            self._count("open_cin_plans")
            self._clock(child, "cin-plan-review", p.reviews[-1] if p.reviews else p.start, plan)

    def _outcomes(self, child: "Child", p: _Plan, plan: Plan, name: str) -> list[PlanOutcome]:
        rng = self.rng
        is_cp = p.kind == PlanKind.CHILD_PROTECTION
        pool = (
            text.OUTCOMES.get(p.category, text.OUTCOMES["MUL"]) if is_cp else text.OUTCOMES["cin"]
        )
        n = min(rng.choice((2, 3, 3, 4)), len(pool))
        stop = min(p.end or self.today, self.today)
        worker = self._worker(child, p.start)
        outcomes = []
        for position, statement in enumerate(rng.sample(pool, n), start=1):
            outcome = self._row(
                PlanOutcome(
                    plan_id=plan.id,
                    position=position,
                    statement=statement.format(name=name or "the baby"),
                    baseline_score=rng.randint(1, 5) if is_cp else rng.randint(3, 7),
                )
            )
            outcomes.append(outcome)
            actions = [("social_care", "Visit and see {name} alone; review progress")]
            if rng.random() < 0.6 or worker is None:
                actions.append(rng.choice([a for a in text.ACTIONS if a[0] != "social_care"]))
            for agency, description in actions:
                target = p.start + days(rng.randint(14, 120))
                completed = None
                if target <= stop and rng.random() < 0.6:
                    completed = max(min(target - days(rng.randint(-10, 20)), stop), p.start)
                by_worker = agency == "social_care" and worker is not None
                self._row(
                    PlanAction(
                        outcome_id=outcome.id,
                        description=description.format(name=name or "the baby"),
                        owner_user_id=worker if by_worker else None,
                        owner_agency=agency,
                        owner_name=""
                        if by_worker
                        else text.OWNER_NAMES.get(agency, "Children's social care"),
                        target_date=target,
                        completed_on=completed,
                    )
                )
        return outcomes

    def _ratings(
        self,
        p: _Plan,
        outcomes: list[PlanOutcome],
        scores: dict[UUID, int],
        on: dt.date,
        name: str,
        *,
        conference: Conference | None = None,
        review: PlanReview | None = None,
    ) -> None:
        """Rate each outcome not yet achieved: up for most plans, flat or down for stuck ones;
        an outcome rated 9 or more on a plan going well is then achieved."""
        rng = self.rng
        for outcome in outcomes:
            if outcome.achieved_on is not None:
                continue
            before = scores[outcome.id]
            if p.stuck:
                score = max(0, min(outcome.baseline_score, before + rng.choice((-1, 0, 0, 1))))
            else:
                score = min(10, before + rng.choice((0, 1, 1, 2)))
            trend = "better" if score > before else "worse" if score < before else "same"
            self._row(
                OutcomeRating(
                    outcome_id=outcome.id,
                    rated_on=on,
                    score=score,
                    narrative=self._text(text.RATINGS[trend], name),
                    conference_id=conference.id if conference is not None else None,
                    review_id=review.id if review is not None else None,
                )
            )
            scores[outcome.id] = score
            if not p.stuck and score >= 9 and (p.end is None or on < p.end):
                outcome.achieved_on = on  # the row is written at the next flush, with it

    def _write_visits(self, child: "Child", p: _Plan, plan: Plan, name: str) -> dt.date:
        """Visits by the child's worker then (a waiting child is not visited); returns the
        last visit at which the child was seen, or the plan's start."""
        last_seen = p.start
        for on, seen in p.visits:
            worker = self._worker(child, on)
            if worker is None:
                continue
            alone = seen and self._age(child, on) >= 5 and self.rng.random() < 0.75
            visit = self._row(
                Visit(
                    child_id=child.person.id,
                    plan_id=plan.id,
                    visited_on=on,
                    child_seen=seen,
                    seen_alone=alone if seen else None,
                    bedroom_seen=seen and self.rng.random() < 0.8,
                    child_said=self._text(text.VISIT_SAID, name) if seen else "",
                    observations="" if seen else self._text(text.VISIT_NOT_SEEN, name),
                    visitor_id=worker,
                )
            )
            if seen:
                summary = "Visit: child seen" + (" alone" if alone else ", not alone")
                last_seen = on
            else:
                summary = "Visit: child not seen"
            self._chronology(child, on, "Visit", summary, visit)
            self._count("visits")
        return last_seen

    def _write_pre_proceedings(self, child: "Child", cin: CINEpisode, pp: _PreProceedings) -> None:
        row = self._row(
            PreProceedings(
                child_id=child.person.id,
                episode_id=cin.id,
                started_on=pp.start,
                letter_sent_on=pp.letter,
                fgdm_offered=pp.fgdm_offered,
                fgdm_held=pp.fgdm_held,
                decision_on=pp.decision,
                outcome=pp.outcome,
                court_application_on=pp.court,
            )
        )
        self._chronology(
            child,
            pp.start,
            "Pre-proceedings",
            "Decision to enter pre-proceedings (Public Law Outline)",
            row,
        )
        for held in pp.meetings:
            meeting = self._row(
                PreProceedingsMeeting(
                    pre_proceedings_id=row.id,
                    held_on=held,
                    summary=self.rng.choice(text.PP_MEETING),
                )
            )
            self._chronology(
                child, held, "Pre-proceedings", "Pre-proceedings meeting held", meeting
            )
        if pp.decision is not None:
            label = PreProceedingsOutcome(pp.outcome).label
            self._chronology(
                child, pp.decision, "Pre-proceedings", f"Pre-proceedings ended: {label}", row
            )
        self._count("pre_proceedings")
