"""Children in care behind each family's case history: periods of care, their SSDA903 episodes
and placements, written in bulk.

``Population`` plans when a family's children were with the children in care team (the
``children_in_care`` segments of their episodes). This module makes each such stretch a period
of care, and writes what the care services would have written along the way (docs/care.md):
the period with its previous permanence, its placements (in settings on the register that
``care_register`` builds, or with parents), its 903 episodes, the allocation ``OpenCase`` a
period opens, the chronology of moves and changes of legal status, and, through
``care_work``, the reviews, visits, plans, health and education records and the adoption
flow; ``care_leavers`` writes what follows for care leavers. Today's clocks are written as
the services would have left them, due dates from ``timescales.rules.RULEBOOK`` as
``deadline_open`` computes them.

It keeps the 903 rules the services keep (STATUTORY.md §3, ``haven.care.rules``): one open
period, episode and placement per child; periods and episodes that never overlap; the first
episode ``RNE`` S, each later one starting the day the one before ends with ``X1`` and saying
what changed (L, P, T, B or U); the reason for a placement change on each episode that ends in
a move, never on a temporary (T) placement; the last with the reason the child left care (903
``REC``), matched to the child in need episode's closure reason; no provider on T or Z
placements and PR0 with parents; a URN for every placement the 903 needs one for; adoption
placements under a placement order (E1); supported accommodation only from 16; a placement in a
setting not registered with Ofsted only with the director's sign-off, a reason and a review
date.

The mixes today (legal status, where children live) are held near the national figures
(``calibration``) as periods are made, by drawing each open period's from how far each
category is below its share so far, among the ones open to the child.

It draws on a generator of its own (seeded from the seed), so the rest of the council is the
same with or without it.
"""

import datetime as dt
import random
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from haven.allocation.enums import CaseKind, JobRole
from haven.allocation.models import OpenCase, Worker
from haven.care.enums import (
    TEMPORARY_PLACEMENTS,
    LegalStatus,
    PlacementProvider,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    VisitRegime,
)
from haven.care.models import (
    AdoptionPlan,
    AdviserContact,
    CareEpisode,
    CarePeriod,
    CarePlan,
    CareVisit,
    Conviction,
    HealthCheck,
    IROContact,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    LookedAfterReview,
    PathwayPlan,
    PermanenceBefore,
    PersonalAdviser,
    PersonalEducationPlan,
    Placement,
    Provider,
    Setting,
    StayingPut,
    StrengthsAndDifficulties,
    SubstanceMisuse,
    UascStatus,
)
from haven.care.rules import PlacementDetails, irregular_reasons, years_old
from haven.casework.models import CINEpisode
from haven.core.models import HavenModel
from haven.deadlines.models import Deadline
from haven.people.models import Address, ChronologyEntry
from haven.synthetic import calibration as cal
from haven.synthetic.care_leavers import LeavingCare
from haven.synthetic.care_register import CENTRE, FALLBACK, Entry, RegisterBuilder
from haven.synthetic.care_work import CareWork, birthday, deficit_pick
from haven.synthetic.clocks import open_clock_row
from haven.timescales.calendar import CalendarRangeError, add_months
from haven.timescales.rules import RULEBOOK

if TYPE_CHECKING:
    from haven.synthetic.population import Child, FamilyPlan, Population

YEAR = 365.25
#: Models this module writes, parents first: the order the population flushes them in.
MODELS: tuple[type[models.Model], ...] = (
    Provider,
    Setting,
    CarePeriod,
    PermanenceBefore,
    Placement,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    CareEpisode,
    CarePlan,
    LookedAfterReview,
    IROContact,
    CareVisit,
    HealthCheck,
    StrengthsAndDifficulties,
    PersonalEducationPlan,
    SubstanceMisuse,
    Conviction,
    AdoptionPlan,
    UascStatus,
    PersonalAdviser,
    PathwayPlan,
    AdviserContact,
    StayingPut,
)
#: The child in need closure reason that goes with each reason for leaving care (CIN
#: ``ReasonForClosure``: RC1 adopted, RC2 died, RC3 child arrangements order, RC4 special
#: guardianship, RC5 another council, RC6 adult social care, RC7 any other).
CIN_CLOSURE = {
    "E11": "RC1",
    "E12": "RC1",
    "E2": "RC2",
    "E41": "RC3",
    "E45": "RC4",
    "E46": "RC4",
    "E47": "RC4",
    "E48": "RC4",
    "E3": "RC5",
    "E7": "RC6",
}
#: Why a child moved between carers: §3 "Placement moves 2024" (care plan 31%, other 22%, carer
#: asked because of behaviour 8%, for other reasons 6%, child asked 3%, standards, allegation
#: and closure about 1% each); a change of status with the same carer is PLACE (24%).
MOVE_REASONS = {
    "CARPL": 31.0,
    "OTHER": 22.0,
    "CREQB": 8.0,
    "CREQO": 6.0,
    "CHILD": 3.0,
    "LAREQ": 2.0,
    "STAND": 1.0,
    "ALLEG": 1.0,
    "CLOSE": 1.0,
    "APPRR": 0.5,
    "CUSTOD": 0.5,
}
#: Kinds of placement a child moves through before the last (U), by what is open to them.
HISTORY_KINDS = {
    "foster_inhouse": 32.0,
    "foster_agency": 30.0,
    "foster_kin": 12.0,
    "home": 14.0,
    "supported": 8.0,
}
FOSTER_KINDS = ("foster_kin", "foster_inhouse", "foster_agency")
#: Lowest age (years) at which a child starts a placement of each kind (K3 from 16: 903 rule
#: 371); children's homes are rare under 10 (U).
MIN_AGE = {"home": 8, "secure": 12, "supported": 16, "unregistered": 12}
LEAVING_KIND = {
    "E11": ("adoption",),
    "E12": ("adoption",),
    "E45": ("foster_kin",),
    "E46": ("foster_inhouse", "foster_agency"),
    "E47": ("foster_kin", "foster_inhouse"),
    "E48": ("foster_inhouse", "foster_agency"),
    "E41": ("foster_kin", "parents", "foster_inhouse"),
    "E4A": ("parents", "parents", "foster_inhouse", "foster_agency", "home"),
    "E4B": ("foster_inhouse", "foster_agency", "home"),
    "E13": ("foster_kin", "foster_kin", "foster_inhouse"),
    "E9": ("home", "secure", "foster_agency"),
    "E14": ("home", "secure", "foster_agency"),
    "E5": ("supported", "supported", "home", "foster_agency"),
    "E6": ("supported", "home", "foster_inhouse"),
    "E17": ("foster_inhouse", "foster_agency", "foster_kin"),
}
LEGAL_FOR_LEAVING = {
    "E11": {"placement_order": 1.0},
    "E12": {"placement_order": 1.0},
    "E14": {"other": 1.0},
    "E9": {"other": 0.5, "care_order": 0.5},
    "E45": {"care_order": 0.85, "s20": 0.15},
    "E46": {"care_order": 0.85, "s20": 0.15},
    "E47": {"care_order": 0.85, "s20": 0.15},
    "E48": {"care_order": 0.85, "s20": 0.15},
    "E41": {"care_order": 0.85, "s20": 0.15},
    "E4A": {"s20": 0.55, "care_order": 0.45},
    "E4B": {"s20": 0.55, "care_order": 0.45},
    "E13": {"s20": 0.55, "care_order": 0.45},
}
#: Leaving care to a special guardian or under a child arrangements order.
ORDERS = frozenset({"E41", "E45", "E46", "E47", "E48"})
ADOPTION_AGE = 10  # years: children adopted from care are young
PLACEMENT_ORDER_AGE = 8


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=int(n))


@dataclass
class Stay:
    """A placement planned for a period: where, with whom, from when to when."""

    start: dt.date
    end: dt.date | None
    kind: str
    place: str = ""
    entry: Entry | None = None
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    carer: str = ""
    long_term: bool = False
    regime: str = VisitRegime.STANDARD
    agreed_fewer: bool = False
    reasons: list[str] = field(default_factory=list)
    cost: Decimal | None = None
    changed: str = ""  # why it ended, when the child moved on
    same_carer: bool = False  # the carer is the one the child had before (RNE T or U)
    returns: bool = False  # back with the carer the child had before a temporary placement
    row: Placement | None = None

    @property
    def temporary(self) -> bool:
        return self.place in TEMPORARY_PLACEMENTS


@dataclass
class Adoption:
    decided: dt.date
    order: dt.date | None  # placement order (E1)
    matched: dt.date | None = None
    placed: dt.date | None = None


@dataclass
class Period:
    """A period of care as planned: its dates, legal statuses and placements."""

    child: "Child"
    start: dt.date
    end: dt.date | None
    at18: bool
    uasc: bool
    need: str
    home: str
    rec: str = ""
    legal: str = ""  # the category today (or at the end)
    final: str = ""  # the kind of the last placement
    statuses: list[tuple[dt.date, str]] = field(default_factory=list)
    stays: list[Stay] = field(default_factory=list)
    adoption: Adoption | None = None
    row: CarePeriod | None = None

    def status_on(self, day: dt.date) -> str:
        current = self.statuses[0][1]
        for on, code in self.statuses:
            if on <= day:
                current = code
        return current

    def age(self, day: dt.date) -> int:
        return years_old(self.child.person.date_of_birth, day) or 0


@dataclass(frozen=True)
class Iro:
    user_id: int
    started_on: dt.date
    ended_on: dt.date | None


def move_days(rng: random.Random, span: int) -> list[int]:
    """Days into a period of ``span`` days on which the child moved (the first placement is day
    0): a bridging placement for many, then long placements for settled children and short ones
    for the rest (``SETTLED_SHARE`` and the rest, tuned to §3 STAB)."""
    settled = rng.random() < cal.SETTLED_SHARE
    offsets = [0]
    t = 0
    first = True
    while True:
        if first and rng.random() < cal.BRIDGING_SHARE:
            length = rng.expovariate(1 / cal.BRIDGING_DAYS)
        elif settled:
            length = rng.expovariate(1 / cal.SETTLED_PLACEMENT_DAYS)
        else:
            length = rng.expovariate(1 / cal.UNSETTLED_PLACEMENT_DAYS)
        first = False
        t += max(7, int(length))
        if t >= span:
            return offsets
        offsets.append(t)


class CareRecords:
    """Plans and writes the periods of care of one family at a time."""

    def __init__(self, pop: "Population", rng: random.Random) -> None:
        self.pop = pop
        self.rng = rng
        self.today = pop.today
        self.now = pop.now
        self.records = pop.records
        self.calendar = self.records.calendar
        self.detail_from = add_months(self.today, -pop.scale.plan_detail_months)
        self.counts: Counter[str] = Counter()
        self.today_legal: Counter[str] = Counter()
        self.today_place: Counter[str] = Counter()
        self.leaving: Counter[str] = Counter()
        self.irregular_open = 0
        self.dcs = pop.wf.personas.get("dcs")
        self.iros = [
            Iro(w.user_id, w.started_on, w.ended_on)
            for w in Worker.objects.filter(job_role=JobRole.IRO).order_by("user__username")
        ]
        expected = pop.open_target.get("children_in_care", 0.0) * 1.1 + 5
        self.places = RegisterBuilder(rng, self._row)
        self.register = self.places.build(expected)
        self.own_fostering = self.register.of("foster_inhouse")[0]
        self.work = CareWork(self)
        self.leavers = LeavingCare(self)

    # Helpers ---------------------------------------------------------------------------

    def _row[M: HavenModel](self, obj: M) -> M:
        obj.id = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        obj.created_at = self.now
        obj.updated_at = self.now
        self.pop._add(obj)
        return obj

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] += n

    def weighted(self, table: Mapping[str, float]) -> str:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def working(self, day: dt.date) -> bool:
        try:
            return self.calendar.is_working_day(day)
        except CalendarRangeError:
            return day.weekday() < 5

    def on_or_before(self, day: dt.date) -> dt.date:
        while not self.working(day):
            day -= days(1)
        return day

    def add_wd(self, day: dt.date, n: int) -> dt.date:
        return self.records.add_working_days(day, n)

    def due(self, rule_id: str, start: dt.date) -> dt.date:
        """When a clock started on ``start`` falls due, as ``deadline_open`` computes it."""
        try:
            return RULEBOOK.get(rule_id, start).due(start, self.calendar)
        except (KeyError, ValueError):
            return start + days(42)

    def moment(self, day: dt.date, minutes: int = 15 * 60) -> dt.datetime:
        return self.records._at(day, minutes)

    def user_on(self, child: "Child", on: dt.date) -> int | None:
        return self.records._user_of(self.records._allocation_on(child, on))

    def iro_on(self, on: dt.date) -> int | None:
        active = [
            i for i in self.iros if i.started_on <= on and (i.ended_on is None or i.ended_on > on)
        ] or self.iros
        return self.rng.choice(active).user_id if active else None

    def chronology(
        self, child: "Child", on: dt.date, summary: str, source: Any, category: str = "care"
    ) -> None:
        self._row(
            ChronologyEntry(
                person_id=child.person.id,
                occurred_on=on,
                recorded_at=self.moment(on, 16 * 60),
                category=category,
                summary=summary[:300],
                source_type=source._meta.label_lower,
                source_id=str(source.id),
            )
        )

    def clock(self, child: "Child", rule_id: str, start: dt.date, subject: Any) -> Deadline | None:
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
            return None
        self._row(deadline)
        self.count("open_clocks")
        if deadline.due_on < self.today:
            self.count("overdue_clocks")
            self.count(f"overdue:{deadline.rule_id}")
        return deadline

    def detailed(self, day: dt.date) -> bool:
        """Whether records of the work on ``day`` are written (at the large scale, only the
        last ``Scale.plan_detail_months``, as for the protection pathway)."""
        return day >= self.detail_from

    # A family's periods -------------------------------------------------------------------

    def family(self, plan: "FamilyPlan") -> None:
        """Plan and write every period of care of the family's children, and what followed for
        those who left care at 18."""
        episodes: dict[tuple[Any, dt.date], CINEpisode] = {}
        for episode in plan.episodes:
            for kind, start, end in episode.segments:
                if kind != "children_in_care":
                    continue
                for child in plan.children:
                    if child.person.date_of_birth is None:
                        continue
                    if not episodes:
                        episodes = self._cin_episodes(plan)
                    cin = episodes.get((child.person.id, episode.start))
                    period = self._period(child, start, end, cin)
                    if period is not None:
                        self._write(period)
            for kind, start, end in episode.segments:
                if kind == "care_leavers":
                    for child in plan.children:
                        self.leavers.leaver(child, start, end)

    def _cin_episodes(self, plan: "FamilyPlan") -> dict[tuple[Any, dt.date], CINEpisode]:
        """The family's child in need episodes, just written: the last rows of the buffer."""
        ids = {c.person.id for c in plan.children}
        found: dict[tuple[Any, dt.date], CINEpisode] = {}
        for row in reversed(self.pop.buffers[CINEpisode]):
            if row.child_id not in ids:
                break
            found.setdefault((row.child_id, row.referral_date), row)
        return found

    def _home(self, child: "Child", on: dt.date) -> str:
        """The family's postcode when the child came into care (903 HOME_POST), from the
        addresses just written for the household."""
        rows = self.pop.buffers[Address]
        best = ""
        for row in reversed(rows[-80:]):
            if row.person_id != child.person.id:
                continue
            if row.started_on <= on and (row.ended_on is None or row.ended_on >= on):
                return str(row.postcode)
            best = best or str(row.postcode)
        return best

    def _period(
        self,
        child: "Child",
        seg_start: dt.date,
        seg_end: dt.date | None,
        cin: CINEpisode | None,
    ) -> Period | None:
        """When the period ran and how it ended; its legal statuses and placements."""
        born = child.born
        start = max(seg_start, born)
        eighteen = birthday(born, 18)
        if start >= eighteen or start > self.today:
            return None
        end, at18 = seg_end, False
        if (end is None or end >= eighteen) and eighteen <= self.today:
            end, at18 = eighteen, True
        if end is not None and end <= start:
            return None
        uasc = bool(child.person.uasc)
        unknown = uasc or self.rng.random() < cal.HOME_POSTCODE_UNKNOWN
        need = "N8" if uasc else self.weighted(cal.CLA_NEED)
        p = Period(
            child=child,
            start=start,
            end=end,
            at18=at18,
            uasc=uasc,
            need=need,
            home="" if unknown else self._home(child, start),
        )
        if end is None:
            self._today(p)
        else:
            self._ending(p, cin)
        self._legal(p)
        self._stays(p)
        return p

    # What the period is today, or how it ended -------------------------------------------

    def _today(self, p: Period) -> None:
        """An open period: its legal status and kind of placement today, drawn to keep the
        council's mix near the national one (``LEGAL_STATUS_TODAY``, ``PLACEMENT_TODAY``)."""
        span = (self.today - p.start).days
        age = p.age(self.today)
        if p.uasc:
            legal = "s20"
        else:
            eligible = ["care_order", "s20"]
            if age < PLACEMENT_ORDER_AGE and span >= 200:
                eligible.append("placement_order")
            if span <= 3 or (age >= 12 and span < 120):
                eligible.append("other")
            # Placement orders are for young children only, so those few are likelier to have one.
            bias = {"placement_order": 4.0}
            legal = deficit_pick(self.rng, cal.LEGAL_STATUS_TODAY, self.today_legal, eligible, bias)
        self.today_legal[legal] += 1
        p.legal = legal
        if legal == "placement_order" and self.rng.random() < 0.55:
            kind = "adoption"
        else:
            kinds = [k for k in cal.PLACEMENT_TODAY if self._open_to(p, k, legal, age)]
            bias = {"home": 0.4 if age < 12 else 1.0}
            kind = deficit_pick(self.rng, cal.PLACEMENT_TODAY, self.today_place, kinds, bias)
        self.today_place[kind] += 1
        p.final = kind

    def _open_to(self, p: Period, kind: str, legal: str, age: int) -> bool:
        """Whether a child of ``age`` with this legal status can be in this kind of placement
        at the end of the period."""
        if kind == "adoption":
            return False  # only under a placement order, decided in ``_today``
        if kind == "parents":
            return legal == "care_order" and not p.uasc
        if kind == "foster_kin":
            return not p.uasc
        if kind == "other":
            return age < 2 or 8 <= age <= 15
        return age >= MIN_AGE.get(kind, 0)

    def _ending(self, p: Period, cin: CINEpisode | None) -> None:
        """A closed period: why it ended (903 REC), its legal status then and the kind of its
        last placement; the child in need episode that closed the same day closes for the
        matching reason."""
        assert p.end is not None
        age = p.age(p.end)
        span = (p.end - p.start).days
        if p.at18:
            rec = self.weighted(cal.LEAVING_AT_18)
            if p.uasc and rec == "E4A":
                rec = "E5"
        else:
            eligible = [
                r
                for r in cal.LEAVING
                if not (r in ("E11", "E12") and (age >= ADOPTION_AGE or span < 330 or p.uasc))
                and not (r in ("E9", "E14") and p.age(p.start) < 12)
                and not (r == "E14" and span > 120)
                and not (r in ORDERS and span < 60)
            ]
            rec = deficit_pick(self.rng, cal.LEAVING, self.leaving, eligible)
            self.leaving[rec] += 1
        p.rec = rec
        if p.end > self.today - days(365):
            self.count(f"left:{rec}")
        if p.uasc:
            p.legal = "s20"
        else:
            p.legal = self.weighted(LEGAL_FOR_LEAVING.get(rec, {"care_order": 0.55, "s20": 0.45}))
        options = [
            k
            for k in LEAVING_KIND.get(rec, tuple(HISTORY_KINDS))
            if k == "adoption" or self._open_to(p, k, p.legal, age)
        ]
        p.final = self.rng.choice(options or ["foster_inhouse"])
        if cin is not None and cin.closure_date == p.end and not p.at18:
            cin.closure_reason = CIN_CLOSURE.get(rec, "RC7")

    # Legal statuses --------------------------------------------------------------------

    def _legal(self, p: Period) -> None:
        """The legal statuses through the period (903 LS), each change strictly inside it."""
        rng = self.rng
        stop = p.end or self.today + days(1)
        span = (stop - p.start).days
        statuses: list[tuple[dt.date, str]] = []

        def add(offset: int, code: str) -> None:
            on = p.start + days(offset)
            if (not statuses or on > statuses[-1][0]) and on < stop:
                statuses.append((on, code))

        if p.legal == "other":
            add(0, "J1" if p.age(p.start) >= 12 and span > 3 else rng.choice(("L1", "L2")))
        elif p.legal == "s20":
            if not p.uasc and span > 4 and rng.random() < 0.05:
                add(0, "L1")
                add(rng.randint(1, 3), LegalStatus.V2)
            else:
                add(0, LegalStatus.V2)
        else:
            offset = 0
            accommodated_first = p.legal == "care_order" and p.final != "parents"
            if accommodated_first and span > 60 and rng.random() < 0.25:
                add(0, LegalStatus.V2)  # accommodated first, proceedings later
                offset = rng.randint(20, min(180, span - 30))
            elif span > 10 and rng.random() < 0.08:
                add(0, rng.choice(("L1", "L2")))
                offset = rng.randint(1, 8)
            add(offset, LegalStatus.C1)
            if p.legal == "placement_order":
                order = self._placement_order(p, offset)
                add((order - p.start).days, LegalStatus.E1)
            else:
                add(offset + rng.randint(140, 365), LegalStatus.C2)
        if not statuses:
            statuses.append((p.start, LegalStatus.V2))
        p.statuses = statuses

    def _placement_order(self, p: Period, interim_from: int) -> dt.date:
        """When the court made the placement order, and the adoption flow around it."""
        rng = self.rng
        stop = p.end or self.today
        latest = stop - days(110 if p.end is not None else 1)
        order = p.start + days(interim_from + rng.randint(150, 330))
        order = max(min(order, latest), p.start + days(interim_from + 30))
        decided = max(order - days(rng.randint(30, 100)), p.start + days(interim_from + 5))
        p.adoption = Adoption(decided=decided, order=order)
        if p.final == "adoption":
            room = (stop - order).days
            if p.end is not None:
                placed = order + days(rng.randint(30, max(31, room - 75)))
                placed = min(placed, p.end - days(70))
            else:
                placed = order + days(rng.randint(20, max(21, min(room, 400))))
                placed = min(placed, self.today)
            placed = max(placed, order + days(1))
            p.adoption.placed = placed
            p.adoption.matched = max(placed - days(rng.randint(7, 40)), decided)
        elif p.end is None and (self.today - order).days > 60 and rng.random() < 0.3:
            p.adoption.matched = self.today - days(rng.randint(1, 30))
        return order

    # Placements ------------------------------------------------------------------------

    def _stays(self, p: Period) -> None:
        """The placements: when the child moved, the kind of each (the last one fixed by
        ``_today`` or ``_ending``), and where each was."""
        rng = self.rng
        stop = p.end or self.today + days(1)
        span = (stop - p.start).days
        starts = [p.start + days(d) for d in move_days(rng, span)]
        adoption = p.adoption
        if p.final == "adoption":
            if adoption is None or adoption.placed is None:
                p.final = "foster_inhouse"
            else:
                starts = [s for s in starts if s < adoption.placed] + [adoption.placed]
        if self._unregistered(p):
            p.final = "unregistered"
            placed = self.today - days(rng.randint(7, 70))
            if placed <= p.start + days(7):
                starts = [p.start]
            else:
                starts = [s for s in starts if s < placed - days(7)] + [placed]
        threshold = self._kind_from(p, p.final)
        if threshold is not None and threshold >= stop:
            p.final = "foster_inhouse"  # too young for it on any day of the period
        elif threshold is not None and threshold > starts[-1]:
            if len(starts) == 1:
                starts.append(threshold)
            else:
                starts[-1] = threshold
        stays: list[Stay] = []
        for i, on in enumerate(starts):
            last = i == len(starts) - 1
            end = p.end if last else starts[i + 1]
            kind = p.final if last else self._history_kind(p, on)
            stays.append(Stay(start=on, end=end, kind=kind))
        self._long_term(stays)
        if p.final == "adoption" and len(stays) > 1 and stays[-2].kind in FOSTER_KINDS:
            stays[-1].same_carer = rng.random() < 0.15  # placed with their foster carers (A5)
        if rng.random() < cal.TEMPORARY_SHARE:
            stays = self._temporary(stays)
        for i, stay in enumerate(stays):
            if i + 1 < len(stays):
                stay.changed = self._move_reason(p, stay, stays[i + 1])
        p.stays = stays
        for before, stay in zip([None, *stays], stays, strict=False):
            self._where(p, stay)
            if before is not None and not (stay.same_carer or stay.returns):
                self._distinct(before, stay)

    def _unregistered(self, p: Period) -> bool:
        """Whether today's children's home is one not registered with Ofsted: a handful of
        children of 12 and over (``IRREGULAR_SHARE``), placed there in the last weeks and
        signed off by the director."""
        if p.end is not None or p.final != "home" or self.dcs is None or p.age(self.today) < 12:
            return False
        wanted = max(cal.IRREGULAR_AT_LEAST, cal.IRREGULAR_SHARE * sum(self.today_place.values()))
        if self.irregular_open >= wanted:
            return False
        self.irregular_open += 1
        return True

    def _kind_from(self, p: Period, kind: str) -> dt.date | None:
        """The first day a placement of this kind is open to the child (their birthday)."""
        least = MIN_AGE.get(kind)
        if least is None:
            return None
        return birthday(p.child.born, least)

    def _history_kind(self, p: Period, on: dt.date) -> str:
        age = p.age(on)
        kinds = {
            k: w
            for k, w in HISTORY_KINDS.items()
            if age >= MIN_AGE.get(k, 0) and not (k == "foster_kin" and p.uasc)
        }
        if age < 11:
            kinds["home"] = kinds.get("home", 0) * 0.2
        return self.weighted(kinds)

    def _long_term(self, stays: list[Stay]) -> None:
        """A foster placement that became long-term (the carers approved to care for the child
        until 18) is a new placement with the same carer (U6 to U4, U3 to U1: RNE T)."""
        last = stays[-1]
        stop = last.end or self.today
        length = (stop - last.start).days
        if last.kind not in FOSTER_KINDS or length < 300 or self.rng.random() >= 0.55:
            return
        converted = last.start + days(self.rng.randint(150, max(151, min(length - 30, 700))))
        if converted >= stop:
            return
        long = Stay(start=converted, end=last.end, kind=last.kind, long_term=True)
        long.same_carer = True
        last.end = converted
        stays.append(long)

    def _temporary(self, stays: list[Stay]) -> list[Stay]:
        """A short temporary placement (a carer's holiday, hospital) inside a long one, with a
        return to the same carer afterwards."""
        rng = self.rng
        for i, stay in enumerate(stays):
            stop = stay.end or self.today
            if stay.end is None or (stop - stay.start).days < 90:
                continue
            away = stay.start + days(rng.randint(30, (stop - stay.start).days - 30))
            back = away + days(rng.randint(2, 6))
            foster = stay.kind in FOSTER_KINDS
            place = rng.choice(("T3", "T3", "T1")) if foster else rng.choice(("T1", "T4"))
            temporary = Stay(start=away, end=back, kind="temporary", place=place)
            rest = Stay(start=back, end=stay.end, kind=stay.kind, long_term=stay.long_term)
            rest.returns = True
            stay.end = away
            return [*stays[: i + 1], temporary, rest, *stays[i + 1 :]]
        return stays

    def _move_reason(self, p: Period, stay: Stay, following: Stay) -> str:
        """Why a placement ended in a move (903 rule 226: none when a temporary one ends)."""
        if stay.kind == "temporary":
            return ""
        if following.kind == "adoption":
            return ReasonPlaceChange.CARPL
        if following.same_carer:
            return ReasonPlaceChange.PLACE
        if following.kind == "temporary":
            return ReasonPlaceChange.OTHER
        reasons = dict(MOVE_REASONS)
        if p.age(following.start) < 10:
            reasons.pop("CUSTOD")  # 903 rule 234
        return self.weighted(reasons)

    # Where each placement is -------------------------------------------------------------

    def _where(self, p: Period, stay: Stay) -> None:
        """The placement's code, setting, provider, postcode, URN and carer."""
        rng = self.rng
        home = p.home or CENTRE
        where = self.weighted(cal.PLACEMENT_LOCATION)
        age = p.age(stay.start)
        kind = stay.kind
        if kind == "temporary":
            stay.postcode = self.places.postcode(self.places.district(home, "in_near"))
            stay.carer = "Respite carers" if stay.place == "T3" else ""
            return
        if stay.returns or (stay.same_carer and kind in FOSTER_KINDS):
            before = self._before(p, stay)
            for name in ("place", "entry", "provider", "postcode", "urn", "carer", "regime"):
                setattr(stay, name, getattr(before, name))
            if stay.same_carer:  # the same carers, now approved for the long term
                stay.place = "U1" if kind == "foster_kin" else "U4"
                stay.regime = VisitRegime.STANDARD
            return
        if kind in FOSTER_KINDS:
            self._foster(p, stay, where)
        elif kind == "adoption":
            self._adopters(p, stay, where)
        elif kind == "parents":
            stay.place, stay.provider = "P1", PlacementProvider.PR0
            stay.postcode = p.home or self.places.postcode(self.places.district(CENTRE, "in_near"))
            stay.carer = "Parents"
            if stay is p.stays[0] and rng.random() < 0.3:
                stay.regime = VisitRegime.PARENT_BEFORE_ASSESSMENT
        elif kind == "other":
            family = age < 2
            entry = self._entry("family_centre" if family else "school", home, where)
            self._in(stay, entry, "R3" if family else "S1")
        elif kind == "unregistered":
            self._in(stay, self._entry("unregistered", home, where), "K2")
        else:
            code = {"home": "K2", "secure": "K1", "supported": "K3"}[kind]
            self._in(stay, self._entry(kind, home, where), code)
            if kind == "home" and stay.end is None and rng.random() < 0.3:
                stay.long_term = True
        if stay.long_term and stay.place in ("U1", "U4") and age >= 10 and rng.random() < 0.2:
            stay.agreed_fewer = True

    def _distinct(self, before: Stay, stay: Stay) -> None:
        """A move to new carers (903 RNE P or B) is to carers other than the last: another
        name, or another home where the home is the carer."""
        if (stay.carer, stay.entry) != (before.carer, before.entry):
            return
        if stay.carer:
            while stay.carer == before.carer:
                stay.carer = self._carer_name()
            return
        others = [e for e in self.register.of(stay.kind) if e is not stay.entry]
        if others:
            self._in(stay, self.rng.choice(others), stay.place)

    def _before(self, p: Period, stay: Stay) -> Stay:
        i = next(i for i, s in enumerate(p.stays) if s is stay)
        j = i - 1
        while p.stays[j].kind == "temporary":
            j -= 1
        return p.stays[j]

    def _entry(self, kind: str, home: str, where: str) -> Entry:
        """A setting of ``kind`` in ``where`` relative to ``home``, or the nearest kind of place
        that has one."""
        entries = self.register.of(kind)
        for option in (where, *FALLBACK[where]):
            districts = set(self.places.bucket(home, option))
            found = [e for e in entries if e.outcode in districts]
            if found:
                return self.rng.choice(found)
        return self.rng.choice(entries)

    def _in(self, stay: Stay, entry: Entry, place: str) -> None:
        stay.place = place
        stay.entry = entry
        stay.provider = entry.ownership
        stay.postcode = str(entry.setting.postcode)
        stay.urn = str(entry.setting.urn)

    def _carer_name(self) -> str:
        pools = self.pop.adult_english
        first = self.rng.choice(pools.girls)
        family = self.rng.choice(pools.family)
        if self.rng.random() < 0.7:
            return f"Mr and Mrs {family}"
        return f"{first} {family}"

    def _foster(self, p: Period, stay: Stay, where: str) -> None:
        rng = self.rng
        kin = stay.kind == "foster_kin"
        if stay.kind == "foster_agency":
            entry = rng.choice(self.register.of("foster_agency"))
        else:
            entry = self.own_fostering
        long = stay.long_term
        if kin:
            stay.place = "U1" if long else "U3"
            stay.carer = f"{rng.choice(('Grandmother', 'Aunt', 'Uncle', 'Family friend'))} " + (
                p.child.person.family_name if rng.random() < 0.6 else self._carer_name()
            )
            if where.endswith("far"):
                where = "in_near"
        else:
            stay.place = "U4" if long else "U6"
            stay.carer = self._carer_name()
        stay.entry = entry
        stay.provider = entry.ownership
        stay.urn = str(entry.setting.urn)
        stay.postcode = self.places.postcode(self.places.district(p.home or CENTRE, where))
        if (
            kin
            and stay.end is None
            and stay is p.stays[0]
            and (self.today - stay.start).days < 112
            and rng.random() < 0.5
        ):
            stay.regime = VisitRegime.CONNECTED_TEMPORARY  # reg 24: approved for 16 weeks

    def _adopters(self, p: Period, stay: Stay, where: str) -> None:
        agencies = self.register.of("adoption")
        entry = agencies[0] if self.rng.random() < 0.8 else agencies[-1]
        before = self._before(p, stay) if stay is not p.stays[0] else None
        with_carer = before is not None and stay.same_carer
        stay.place = "A5" if with_carer else "A6"
        stay.entry = entry
        stay.provider = entry.ownership
        stay.urn = str(entry.setting.urn)
        if with_carer and before is not None:
            stay.postcode, stay.carer = before.postcode, before.carer
        else:
            stay.postcode = self.places.postcode(self.places.district(p.home or CENTRE, where))
            stay.carer = self._carer_name()

    # Writing ---------------------------------------------------------------------------

    def _write(self, p: Period) -> None:
        child = p.child
        period = self._row(
            CarePeriod(
                child_id=child.person.id,
                started_on=p.start,
                ended_on=p.end,
                home_postcode=p.home,
            )
        )
        p.row = period
        self.leavers.periods[child.person.id] = p
        self._row(
            PermanenceBefore(
                child_id=child.person.id,
                period_id=period.id,
                option=self.weighted(cal.PREVIOUS_PERMANENCE),
                la_code="",
                made_on=None,
            )
        )
        self._row(
            OpenCase(
                child_id=child.person.id,
                kind=CaseKind.LOOKED_AFTER,
                opened_on=p.start,
                closed_on=p.end,
                subject_type=period._meta.label_lower,
                subject_id=str(period.id),
            )
        )
        for stay in p.stays:
            self._placement(p, stay)
        self._episodes(p)
        self.count("periods")
        if p.end is None:
            self.count("open_periods")
            if p.uasc:
                self.count("uasc_looked_after")
        else:
            label = ReasonEpisodeCeased(p.rec).label
            self.chronology(child, p.end, f"Ceased to be looked after ({label})", period)
        self.work.period(p)

    def _placement(self, p: Period, stay: Stay) -> None:
        child = p.child
        assert p.row is not None
        period_id = p.row.id
        setting = stay.entry.setting if stay.entry is not None else None
        details = PlacementDetails(
            place=stay.place,
            setting=setting,
            provider=stay.provider,
            postcode=stay.postcode,
            urn=stay.urn,
            carer=stay.carer,
            long_term=stay.long_term,
            regime=stay.regime,
        )
        stay.reasons = irregular_reasons(
            details, age=p.age(stay.start), urn_registered=bool(stay.urn)
        )
        if stay.reasons and stay.entry is not None and stay.entry.kind == "unregistered":
            low, high = cal.WEEKLY_COST["unregistered"]
            stay.cost = Decimal(self.rng.randrange(low, high + 1, 50)).quantize(Decimal("0.01"))
        elif stay.entry is not None and stay.kind == "home" and self.rng.random() < 0.1:
            base = stay.entry.setting.weekly_cost or Decimal(5000)
            stay.cost = (base * Decimal(self.rng.choice(("1.1", "1.25", "1.5")))).quantize(
                Decimal("0.01")
            )
        worker = self.user_on(child, stay.start)
        row = self._row(
            Placement(
                child_id=child.person.id,
                period_id=period_id,
                setting_id=setting.id if setting is not None else None,
                place=stay.place,
                provider=stay.provider,
                postcode=stay.postcode,
                urn=stay.urn,
                carer=stay.carer,
                started_on=stay.start,
                ended_on=stay.end,
                reason_changed=stay.changed,
                weekly_cost=stay.cost,
                long_term=stay.long_term,
                long_term_confirmed_on=stay.start if stay.long_term else None,
                regime=stay.regime,
                child_agreed_fewer_visits=stay.agreed_fewer,
                irregular=bool(stay.reasons),
                irregular_reasons=stay.reasons,
                recorded_by_id=worker,
            )
        )
        stay.row = row
        self.count("placements")
        if stay.reasons:
            self.work.signed_off(p, stay, details)
        if stay is not p.stays[0] and stay.kind != "temporary":
            self.chronology(child, stay.start, "Moved placement", row)

    def _episodes(self, p: Period) -> None:
        """The 903 episodes: a new one whenever the legal status or the placement changes."""
        child = p.child
        assert p.row is not None
        period_id = p.row.id
        changes: dict[dt.date, set[str]] = {}
        for stay in p.stays[1:]:
            changes.setdefault(stay.start, set()).add("place")
        for on, _ in p.statuses[1:]:
            changes.setdefault(on, set()).add("legal")
        dates = [p.start, *sorted(changes)]
        episodes: list[CareEpisode] = []
        for i, on in enumerate(dates):
            stay = next(s for s in reversed(p.stays) if s.start <= on)
            what = changes.get(on, set())
            if i == 0:
                rne = ReasonNewEpisode.S
            elif what == {"legal"}:
                rne = ReasonNewEpisode.L
            elif what == {"place"}:
                rne = ReasonNewEpisode.T if stay.same_carer else ReasonNewEpisode.P
            else:
                rne = ReasonNewEpisode.U if stay.same_carer else ReasonNewEpisode.B
            last = i == len(dates) - 1
            end = p.end if last else dates[i + 1]
            moved = not last and "place" in changes[dates[i + 1]]
            assert stay.row is not None
            episode = self._row(
                CareEpisode(
                    child_id=child.person.id,
                    period_id=period_id,
                    placement_id=stay.row.id,
                    started_on=on,
                    reason_new=rne,
                    legal_status=p.status_on(on),
                    category_of_need=p.need,
                    ended_on=end,
                    reason_ceased=(p.rec if last else ReasonEpisodeCeased.X1)
                    if end is not None
                    else "",
                    reason_place_change=stay.changed if moved else "",
                )
            )
            episodes.append(episode)
            if rne in (ReasonNewEpisode.L,):
                label = LegalStatus(p.status_on(on)).label
                self.chronology(child, on, f"Legal status changed to {label}", episode)
        self.count("episodes", len(episodes))


def care_counts(rows: Mapping[str, int], care: CareRecords) -> dict[str, Any]:
    """What the children in care records wrote (rows by model) and what is open today, for the
    generation event's payload."""
    c = care.counts
    left = {k.removeprefix("left:"): v for k, v in sorted(c.items()) if k.startswith("left:")}
    return {
        "providers": rows.get("provider", 0),
        "settings": rows.get("setting", 0),
        "periods": c["periods"],
        "looked_after": c["open_periods"],
        "uasc_looked_after": c["uasc_looked_after"],
        "legal_status_today": dict(sorted(care.today_legal.items())),
        "placements_today": dict(sorted(care.today_place.items())),
        "placements": rows.get("placement", 0),
        "episodes": rows.get("careepisode", 0),
        "irregular_open": c["irregular_open"],
        "left_in_year": left,
        "reviews": rows.get("lookedafterreview", 0),
        "iro_contacts": rows.get("irocontact", 0),
        "visits": rows.get("carevisit", 0),
        "care_plans": rows.get("careplan", 0),
        "without_care_plan": c["no_care_plan"],
        "health_checks": rows.get("healthcheck", 0),
        "sdqs": rows.get("strengthsanddifficulties", 0),
        "peps": rows.get("personaleducationplan", 0),
        "adoption_plans": rows.get("adoptionplan", 0),
        "care_leavers": c["care_leavers"],
        "personal_advisers": rows.get("personaladviser", 0),
        "pathway_plans": rows.get("pathwayplan", 0),
        "adviser_contacts": rows.get("advisercontact", 0),
        "staying_put": rows.get("stayingput", 0),
        "open_clocks": c["open_clocks"],
        "overdue_clocks": c["overdue_clocks"],
    }
