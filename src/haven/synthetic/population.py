"""Families, children and their case histories, written in bulk.

A council has up to hundreds of thousands of people, so rows are built in memory a chunk of
families at a time and written with ``bulk_create``. That skips the per-row services, so this
module keeps their invariants itself: identifiers pass ``people.identifiers``, search keys are
``people.names.search_keys`` exactly as ``person_create`` stores them, NONE is never combined
with a disability, a child has at most one open allocation, and a leaver's open allocations
end on their leaving day with LEFTRL (as ``worker_leave`` would).

Siblings are referred together, so a family shares its case episodes and its worker.
"""

import datetime as dt
import operator
import random
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from uuid import UUID

from django.db import connection, models
from faker import Faker

from haven.allocation.enums import SWReason
from haven.allocation.models import Allocation, OpenCase, Team
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode, IdentifiedFactor
from haven.deadlines.models import Deadline
from haven.frontdoor.models import AgencyCheck, Contact, ContactChild, ContactDecision
from haven.people import identifiers
from haven.people.enums import CaseNoteKind, PersonKind, RelationshipType, RestrictionReason, Sex
from haven.people.models import (
    Address,
    CaseNote,
    ChronologyEntry,
    Person,
    PersonDisability,
    PersonSearchKey,
    Relationship,
    RestrictedAccess,
)
from haven.people.names import search_keys
from haven.synthetic import calibration as cal
from haven.synthetic import pools
from haven.synthetic.care import MODELS as CARE_MODELS
from haven.synthetic.care import CareRecords
from haven.synthetic.personas import RESERVED_PERSONAS
from haven.synthetic.protection import MODELS as PROTECTION_MODELS
from haven.synthetic.protection import ProtectionRecords
from haven.synthetic.referrals import CaseRecords
from haven.synthetic.workforce import Staff, Workforce

#: Kinds of team that hold families' cases (care leavers and unaccompanied children come
#: alone).
FAMILY_KINDS = ("assessment", "cin_cp", "children_in_care", "disabled_children")
#: Families written per chunk: bounds memory on the large scale.
CHUNK_CHILDREN = 2_000
BATCH = 2_000
YEAR = 365.25


def _column(field: "models.Field[Any, Any]") -> Callable[[Any], Any]:
    """How a value is handed to PostgreSQL's COPY: as Django would save it, for the field types
    the generator writes (text from choices, JSON); the rest as they are."""
    if isinstance(field, models.JSONField):
        from psycopg.types.json import Jsonb  # only with PostgreSQL

        return lambda v: None if v is None else Jsonb(v)
    if isinstance(field, (models.CharField, models.TextField)):
        return lambda v: v if v is None or type(v) is str else str(v)
    if isinstance(field, models.IntegerField) and not field.is_relation:
        return lambda v: v if v is None or type(v) is int else int(v)
    return lambda v: v


def write_rows(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Insert ``rows`` without Django's SQL compiler, which is most of ``bulk_create``'s cost
    on a large council: with COPY on PostgreSQL, else one ``executemany`` of values prepared
    as each field would save them.

    The rows are plain new records that skip the services either way (module docstring);
    this skips nothing more: the database still checks keys, uniqueness and constraints.
    """
    auto = model._meta.auto_field
    fields = [f for f in model._meta.concrete_fields if f is not auto or rows[0].pk is not None]
    values = operator.attrgetter(*(f.attname for f in fields))
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(f.column)) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            convert = [_column(f) for f in fields]
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for obj in rows:
                    copy.write_row([c(v) for c, v in zip(convert, values(obj), strict=True)])
            return
        prepare = [partial(f.get_db_prep_save, connection=connection) for f in fields]
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - the model's own names
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    [p(v) for p, v in zip(prepare, values(obj), strict=True)]
                    for obj in rows[start : start + BATCH]
                ],
            )


def weighted(rng: random.Random, table: Mapping[str, float]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def days(n: float) -> dt.timedelta:
    return dt.timedelta(days=int(n))


def uasc_under_18(steps: int = 200) -> float:
    """The share of unaccompanied children, arriving at an age drawn evenly from
    ``UASC_ARRIVAL_AGE`` at a time drawn evenly over the last ``UASC_ARRIVAL_YEARS``, who are
    still under 18 today (about 0.56)."""
    youngest, oldest = cal.UASC_ARRIVAL_AGE
    total = 0.0
    for i in range(steps):
        age = youngest + (oldest - youngest) * (i + 0.5) / steps
        total += min(1.0, max(0.0, (18 - age) / cal.UASC_ARRIVAL_YEARS))
    return total / steps


@dataclass
class Episode:
    """A period with an open case: (team kind, from, to) segments; ``end`` None while open."""

    start: dt.date
    end: dt.date | None
    segments: list[tuple[str, dt.date, dt.date | None]]


@dataclass
class Child:
    person: Person
    born: dt.date  # date of birth, or the expected date for an unborn child
    allocations: list[Allocation] = field(default_factory=list)


@dataclass
class FamilyPlan:
    children: list[Child]
    episodes: list[Episode]
    reserved: Staff | None = None
    unallocated: bool = False
    #: A family with a child protection concern: enquired into after assessment and mostly
    #: conferenced (``protection``).
    cp: bool = False
    #: A care leaver or an unaccompanied child: no family in the area, straight into care.
    lone: bool = False


class Population:
    def __init__(
        self,
        *,
        rng: random.Random,
        fake: Faker,
        today: dt.date,
        now: dt.datetime,
        scale: cal.Scale,
        n_children: int,
        workforce: Workforce,
        scenario: cal.Scenario = cal.SCENARIOS["typical"],
        vacated: Collection[UUID] = (),
        handover: Mapping[UUID, dt.date] | None = None,
        stretched: Collection[UUID] = (),
        protection_rng: random.Random | None = None,
        care_rng: random.Random | None = None,
    ) -> None:
        """``vacated``: workers who left recently and were not replaced (their posts still
        set the council's demand); ``handover``: workers on a long absence today and the day
        their cases were handed on; ``stretched``: workers given more than their share;
        ``protection_rng``: the protection pathway's own generator (seeded from the seed);
        ``care_rng``: children in care's own generator (seeded from the seed)."""
        self.rng = rng
        self.today = today
        self.now = now
        self.scale = scale
        self.n_children = n_children
        self.wf = workforce
        self.scenario = scenario
        self.handover: Mapping[UUID, dt.date] = handover or {}
        self.stretch = {worker_id: scenario.stretch for worker_id in stretched}
        self.window_start = today - days(YEAR * cal.HISTORY_YEARS)
        self.english = pools.NamePools(
            pools.BOYS,
            pools.GIRLS,
            tuple(sorted({fake.last_name() for _ in range(1500)})),
        )
        self.adult_english = pools.NamePools(
            tuple(sorted({fake.first_name_male() for _ in range(400)})),
            tuple(sorted({fake.first_name_female() for _ in range(400)})),
            self.english.family,
        )
        self.used_upn: set[str] = set()
        self.used_nhs: set[str] = set()
        self.used_la_id: set[str] = set()
        self.staff_by_worker: dict[UUID, Staff] = {
            s.worker.id: s for staff in workforce.case_holders.values() for s in staff
        }
        # Open cases follow each kind of team's capacity, so caseloads come out near the
        # national average per FTE whatever the mix of teams.
        capacity: dict[str, float] = {}
        for kind, teams in workforce.teams.items():
            for team in teams:
                for s in workforce.case_holders.get(team.id, ()):
                    if s.ended_on is None or s.worker.id in vacated:
                        capacity[kind] = capacity.get(kind, 0.0) + s.capacity
        per_fte = cal.CASELOAD_PER_FTE * scenario.demand / (1 - scenario.unallocated_share)
        self.open_target = {kind: cap * per_fte for kind, cap in capacity.items()}
        # The children in care teams hold unaccompanied children too (UASC_SHARE_OF_CLA of
        # their children), who have no family here; only those still under 18 are looked
        # after today, the rest are care leavers.
        cic = self.open_target.get("children_in_care", 0)
        uasc_today = cic * cal.UASC_SHARE_OF_CLA
        if cic:
            self.open_target["children_in_care"] = cic - uasc_today
        self.uasc_arrivals = uasc_today / uasc_under_18()
        self.open_assigned: dict[str, int] = {}
        families = max(n_children / 1.9, 1.0)  # mean sibling group size is about 1.9
        self.p_open = min(0.6, self._family_target() / max(n_children, 1))
        self.p_uasc = min(0.08, self.uasc_arrivals / families)
        self.p_care_leaver = min(0.3, self.open_target.get("care_leavers", 0) / 0.9 / families)
        # Children leaving care each year, held near CEASED_PER_CLA of those looked after
        # today whatever the council's staffing: counted by years back from today.
        self.ceased_a_year = cal.CEASED_PER_CLA * cic
        self.ceased_by_year: Counter[int] = Counter()
        self.reservations: dict[str, int] = {
            name: count
            for name, count in RESERVED_PERSONAS.items()
            if name in workforce.persona_staff
        }
        self.persona_children: dict[str, list[Person]] = {name: [] for name in self.reservations}
        self.need = {"uasc": n_children >= 40, "unborn": n_children >= 40, "restricted": True}
        self.counts: dict[str, int] = {}
        self._reset_buffers()
        self.records = CaseRecords(self)
        self.protection = ProtectionRecords(
            self, protection_rng or random.Random(f"protection:{n_children}")
        )
        self.care = CareRecords(self, care_rng or random.Random(f"care:{n_children}"))

    # Buffers ---------------------------------------------------------------------------

    def _reset_buffers(self) -> None:
        order: tuple[type[models.Model], ...] = (
            Person,
            PersonDisability,
            PersonSearchKey,
            Relationship,
            Address,
            RestrictedAccess,
            Allocation,
            CaseNote,
            ChronologyEntry,
            # Parents before children: the order rows are written in.
            Contact,
            ContactChild,
            AgencyCheck,
            ContactDecision,
            CINEpisode,
            OpenCase,
            Assessment,
            IdentifiedFactor,
            EarlyHelpEpisode,
            Deadline,
            *PROTECTION_MODELS,
            *CARE_MODELS,
        )
        self.buffers: dict[type[models.Model], list[Any]] = {m: [] for m in order}

    def _add(self, obj: models.Model) -> None:
        self.buffers[type(obj)].append(obj)

    def flush(self) -> None:
        for model, rows in self.buffers.items():
            if rows:
                write_rows(model, rows)
                key = model._meta.model_name or model.__name__
                self.counts[key] = self.counts.get(key, 0) + len(rows)
        self._reset_buffers()

    # Identifiers -----------------------------------------------------------------------

    def _uuid(self) -> UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _la_child_id(self) -> str:
        while True:
            value = f"H{self.rng.getrandbits(40):010X}"
            if value not in self.used_la_id:
                self.used_la_id.add(value)
                return value

    def _nhs_number(self) -> str:
        """A number in the 999 range, which the NHS never issues to real patients."""
        while True:
            stem = f"999{self.rng.randint(0, 999_999):06d}"
            check = identifiers.nhs_check_digit(stem)
            if check is None:
                continue
            number = f"{stem}{check}"
            if number not in self.used_nhs:
                self.used_nhs.add(number)
                return number

    def _upn(self, born: dt.date) -> str:
        """LA number, a school's establishment number, the year issued and a serial."""
        year = (born.year + 5) % 100
        while True:
            school = self.rng.choice((2000, 4000)) + self.rng.randint(1, 180)
            rest = f"{pools.LA_NUMBER}{school:04d}{year:02d}{self.rng.randint(0, 999):03d}"
            upn = identifiers.upn_check_letter(rest) + rest
            if upn not in self.used_upn:
                self.used_upn.add(upn)
                return upn

    def _address(self) -> tuple[str, str, str, str]:
        town, districts, _ = self.rng.choices(pools.AREAS, weights=[a[2] for a in pools.AREAS])[0]
        unit = "".join(self.rng.choices(pools.POSTCODE_UNIT_LETTERS, k=2))
        postcode = f"{self.rng.choice(districts)} {self.rng.randint(1, 9)}{unit}"
        street = f"{self.rng.choice(pools.STREET_STEMS)} {self.rng.choice(pools.STREET_SUFFIXES)}"
        if self.rng.random() < 0.15:
            house = f"{self.rng.choice(pools.STREET_STEMS)} House"
            return f"Flat {self.rng.randint(1, 40)}, {house}", street, town, postcode
        return f"{self.rng.randint(1, 180)} {street}", "", town, postcode

    # People ----------------------------------------------------------------------------

    def _person(
        self,
        *,
        kind: PersonKind,
        given: str,
        family: str,
        born: dt.date | None,
        sex: str,
        ethnicity: str,
        expected: dt.date | None = None,
        middle: str = "",
        other_names: Sequence[str] = (),
        **extra: Any,
    ) -> Person:
        person = Person(
            id=self._uuid(),
            kind=kind,
            given_name=given,
            middle_names=middle,
            family_name=family,
            other_names=list(other_names),
            date_of_birth=born,
            expected_date_of_birth=expected,
            sex=sex,
            ethnicity=ethnicity,
            la_child_id=self._la_child_id(),
            created_at=self.now,
            updated_at=self.now,
            **extra,
        )
        self._add(person)
        for key in sorted(search_keys(given, family, tuple(other_names))):
            self._add(PersonSearchKey(person_id=person.id, key=key[:40]))
        self.counts["adults" if kind == PersonKind.ADULT else "children"] = (
            self.counts.get("adults" if kind == PersonKind.ADULT else "children", 0) + 1
        )
        return person

    def _given(self, names: pools.NamePools, sex: str) -> str:
        return self.rng.choice(names.boys if sex == Sex.MALE else names.girls)

    def _child(
        self,
        names: pools.NamePools,
        family_name: str,
        born: dt.date | None,
        ethnicity: str,
        *,
        expected: dt.date | None = None,
        disabled: bool = False,
        first_language: str = "English",
        uasc: bool = False,
    ) -> Child:
        rng = self.rng
        if born is None:
            sex: str = Sex.UNKNOWN
            given, middle = "", ""
        else:
            sex = Sex.MALE if rng.random() < cal.MALE_SHARE else Sex.FEMALE
            given = self._given(names, sex)
            middle = self._given(names, sex) if rng.random() < 0.4 else ""
        upn, upn_unknown = "", ""
        if born is not None:
            age = (self.today - born).days / YEAR
            if uasc:
                upn_unknown = "UN4"
            elif age >= 5:
                if rng.random() < 0.96:
                    upn = self._upn(born)
                else:
                    upn_unknown = rng.choice(("UN2", "UN5", "UN8", "UN9", "UN10"))
            elif age >= 3:
                upn_unknown = "UN6"
        other_names: list[str] = []
        if born is not None and rng.random() < 0.03:
            other_names.append(f"{given} {rng.choice(names.family)}")
        person = self._person(
            kind=PersonKind.CHILD,
            given=given,
            family=family_name,
            born=born,
            expected=expected,
            sex=sex,
            ethnicity=ethnicity,
            middle=middle,
            other_names=other_names,
            upn=upn,
            upn_unknown=upn_unknown,
            nhs_number=self._nhs_number() if born is not None and rng.random() < 0.98 else "",
            first_language=first_language,
            uasc=uasc,
        )
        if born is not None:
            self._disabilities(person, force=disabled)
        return Child(person, born or expected or self.today)

    def _disabilities(self, person: Person, *, force: bool) -> None:
        draw = self.rng.random()
        if not force and draw < cal.DISABILITY_NONE:
            codes = ["NONE"]
        elif not force and draw < cal.DISABILITY_NONE + cal.DISABILITY_NOT_RECORDED:
            codes = []
        else:
            n = self.rng.choice((1, 1, 1, 2, 2, 3))
            codes = sorted(
                {
                    self.rng.choices(
                        list(cal.DISABILITY_CODES), weights=list(cal.DISABILITY_CODES.values())
                    )[0]
                    for _ in range(n)
                }
            )
        for code in codes:
            self._add(PersonDisability(id=self._uuid(), person_id=person.id, code=code))

    def _adult(
        self,
        names: pools.NamePools,
        sex: str,
        family_name: str,
        born: dt.date,
        ethnicity: str,
    ) -> Person:
        return self._person(
            kind=PersonKind.ADULT,
            given=self._given(names, sex),
            family=family_name,
            born=born,
            sex=sex,
            ethnicity=ethnicity,
            nhs_number=self._nhs_number() if self.rng.random() < 0.7 else "",
        )

    def _relate(
        self,
        a: Person,
        b: Person,
        type: RelationshipType,
        *,
        pr: bool = False,
        started: dt.date | None = None,
        ended: dt.date | None = None,
    ) -> None:
        self._add(
            Relationship(
                id=self._uuid(),
                from_person_id=a.id,
                to_person_id=b.id,
                type=type,
                parental_responsibility=pr,
                started_on=started,
                ended_on=ended,
                created_at=self.now,
                updated_at=self.now,
            )
        )
        self.counts["relationships"] = self.counts.get("relationships", 0) + 1

    def _live_at(
        self, people: Sequence[Person], moves: Sequence[dt.date], born: dict[UUID, dt.date]
    ) -> None:
        """One address per period between moves for everyone in a household (born by then)."""
        for i, start in enumerate(moves):
            end = moves[i + 1] - dt.timedelta(days=1) if i + 1 < len(moves) else None
            line_1, line_2, town, postcode = self._address()
            if end is not None and end < start:
                continue
            for person in people:
                first = born.get(person.id)
                if first is None or (end is not None and first > end):
                    continue
                self._add(
                    Address(
                        id=self._uuid(),
                        person_id=person.id,
                        line_1=line_1,
                        line_2=line_2,
                        town=town,
                        postcode=postcode,
                        started_on=max(start, first),
                        ended_on=end,
                        created_at=self.now,
                        updated_at=self.now,
                    )
                )

    def _moves(self, since: dt.date) -> list[dt.date]:
        """When a household moved in to each home it has had since ``since``."""
        n = self.rng.choices((0, 1, 2), weights=(65, 25, 10))[0]
        span = (self.today - since).days
        if span < 60:
            return [since]
        return [since, *sorted({since + days(self.rng.randint(30, span - 1)) for _ in range(n)})]

    # Case history ----------------------------------------------------------------------

    def _span(self, table: Sequence[tuple[int, int, float]]) -> int:
        low, high, _ = self.rng.choices(table, weights=[t[2] for t in table])[0]
        return self.rng.randint(low, high)

    def _age_days(self) -> int:
        low, high, _ = self.rng.choices(cal.AGE_BANDS, weights=[b[2] for b in cal.AGE_BANDS])[0]
        return self.rng.randint(int(low * YEAR), int(high * YEAR) - 1)

    def _assessment_working_days(self) -> int:
        """Working days from referral to the assessment's authorisation: the §1 2025 bands."""
        return self._span(cal.ASSESSMENT_WORKING_DAYS)

    def _assessment_end(self, start: dt.date) -> dt.date:
        """The day a child and family assessment begun on ``start`` is authorised."""
        return self.records.add_working_days(start, self._assessment_working_days())

    def _closed_long_kind(self, end: dt.date, children: int) -> str:
        """The kind of team a case closed on ``end`` was with after its assessment: children in
        care for CLOSED_CLA_SHARE of them, while the children leaving care in that year stay
        within the year's share (``ceased_a_year``, in step with the children made so far)."""
        draw = self.rng.random()
        if draw < cal.CLOSED_CLA_SHARE:
            made = self.counts.get("children", 0) / max(self.n_children, 1)
            left = self.ceased_by_year[self._years_back(end)] + children
            if left <= self.ceased_a_year * made + 1:
                return "children_in_care"
            return "cin_cp"
        if draw < cal.CLOSED_CLA_SHARE + cal.DISABLED_TEAM_SHARE:
            return "disabled_children"
        return "cin_cp"

    def _uasc_room(self) -> bool:
        """Whether the unaccompanied children so far are short of their share, in step with
        the children made (families have fewer children than drawn when the referral came
        early, so there are more draws than families)."""
        made = self.counts.get("children", 0) / max(self.n_children, 1)
        return self.counts.get("uasc", 0) < self.uasc_arrivals * made + 1

    def _years_back(self, day: dt.date) -> int:
        return (self.today - day).days // 366

    def _left_care(self, episode: Episode | None, children: int) -> None:
        """Counts the children of a closed case with the children in care team as leaving care."""
        if (
            episode is not None
            and episode.end is not None
            and any(kind == "children_in_care" for kind, _, _ in episode.segments)
        ):
            self.ceased_by_year[self._years_back(episode.end)] += children

    def _family_target(self) -> float:
        return sum(self.open_target.get(k, 0) for k in FAMILY_KINDS)

    def _open_kind(self) -> str:
        """The kind of team a new open case sits with: the one furthest below its share."""
        kinds = [k for k in FAMILY_KINDS if k in self.open_target]
        if not kinds:
            return "cin_cp"
        weights = [
            max(self.open_target[k] - self.open_assigned.get(k, 0), 0.02 * self.open_target[k], 0.1)
            for k in kinds
        ]
        return self.rng.choices(kinds, weights=weights)[0]

    def _episode(self, start: dt.date, end: dt.date, long_kind: str, latest: dt.date) -> Episode:
        """A closed episode: an assessment, then closure or a long-term team until ``end``.

        The assessment runs its full (sampled) length, so the published duration bands hold;
        an episode that goes on after it is stretched past the assessment if it must be, but
        never beyond ``latest`` (yesterday, or the day before the family's next referral).
        """
        mid = self._assessment_end(start)
        if mid >= latest:
            return Episode(start, latest, [("assessment", start, latest)])
        if self.rng.random() < cal.CLOSED_AFTER_ASSESSMENT:
            return Episode(start, mid, [("assessment", start, mid)])
        if end <= mid:
            end = min(mid + days(self.rng.randint(14, 92)), latest)
            if end <= mid:
                return Episode(start, mid, [("assessment", start, mid)])
        return Episode(start, end, [("assessment", start, mid), (long_kind, mid, end)])

    def _earlier_episode(
        self, before: dt.date, not_before: dt.date, children: int
    ) -> Episode | None:
        end = before - days(self.rng.randint(*cal.EARLIER_EPISODE_GAP))
        start = end - days(self._span(cal.CLOSED_EPISODE_DAYS))
        if start < max(self.window_start, not_before) or end <= start:
            return None
        episode = self._episode(
            start, end, self._closed_long_kind(end, children), before - dt.timedelta(days=1)
        )
        self._left_care(episode, children)
        return episode

    # Allocation ------------------------------------------------------------------------

    def _team(self, kind: str, reserved: Staff | None) -> Team:
        if reserved is not None:
            team = next(t for t in self.wf.teams[kind] if t.id == reserved.team_id)
            return team
        return self.rng.choice(self.wf.teams[kind])

    def _available(self, s: Staff, on: dt.date) -> bool:
        """In post on ``on`` and not on a long absence whose cases were handed on by then."""
        handover = self.handover.get(s.worker.id)
        return s.active_on(on) and (handover is None or on < handover)

    def _pick_at(self, team: Team, on: dt.date) -> Staff | None:
        active = [s for s in self.wf.case_holders.get(team.id, ()) if self._available(s, on)]
        if not active:
            for other in self.wf.teams[str(team.kind)]:
                active += [
                    s for s in self.wf.case_holders.get(other.id, ()) if self._available(s, on)
                ]
        return self.rng.choice(active) if active else None

    def _pick_current(self, team: Team, on: dt.date) -> Staff | None:
        """Today's worker: the less loaded of two, so caseloads follow capacity."""
        staff = [
            s
            for s in self.wf.case_holders.get(team.id, ())
            if s.ended_on is None
            and not s.reserved
            and s.load < cal.MOST_CASES
            and (s.worker.id not in self.handover or on < self.handover[s.worker.id])
        ]
        if not staff:
            return None
        started = [s for s in staff if s.started_on <= on] or staff
        a, b = self.rng.choice(started), self.rng.choice(started)
        return a if self._fullness(a) <= self._fullness(b) else b

    def _fullness(self, s: Staff) -> float:
        return s.load / (s.capacity * self.stretch.get(s.worker.id, 1.0))

    def _allocate(
        self,
        plan: FamilyPlan,
        staff: Staff,
        start: dt.date,
        stop: dt.date | None,
        reason: str,
    ) -> None:
        for child in plan.children:
            begin = max(start, child.born) if child.person.date_of_birth else start
            if stop is not None and begin > stop:
                continue
            allocation = Allocation(
                id=self._uuid(),
                child_id=child.person.id,
                worker_id=staff.worker.id,
                team_id=staff.team_id,
                started_on=begin,
                ended_on=stop,
                end_reason=reason if stop is not None else "",
                created_at=self.now,
                updated_at=self.now,
            )
            child.allocations.append(allocation)
            self._add(allocation)
            if stop is None:
                staff.load += 1
                self.counts["open_allocations"] = self.counts.get("open_allocations", 0) + 1

    def _segment(
        self,
        plan: FamilyPlan,
        kind: str,
        start: dt.date,
        end: dt.date | None,
        end_reason: str,
    ) -> None:
        reserved = (
            plan.reserved
            if plan.reserved is not None and kind in self._reserved_kinds(plan)
            else None
        )
        team = self._team(kind, reserved)
        final_open = end is None
        long_term = kind != "assessment"
        t = start
        while True:
            if end is not None and t >= end:
                return
            planned = (
                t + days(max(14, self.rng.expovariate(1 / cal.MEAN_DAYS_BETWEEN_CHANGES)))
                if long_term
                else None
            )
            current = final_open and (planned is None or planned >= self.today)
            if current:
                if plan.unallocated:
                    return
                if t > self.today:  # still waiting for a new worker today
                    if reserved is None:
                        return
                    t = self.today
                staff = reserved or self._pick_current(team, t)
            else:
                staff = self._pick_at(team, t)
            if staff is None:
                if current:
                    return
                t += days(self.rng.randint(14, 45))
                continue
            begin = max(t, staff.started_on)
            stop: dt.date | None = None if current else planned
            reason = weighted(self.rng, cal.CHANGE_REASONS)
            handover = self.handover.get(staff.worker.id)
            if handover is not None and begin < handover and (stop is None or handover < stop):
                stop, reason = handover, SWReason.ABSENC  # a long absence: cases handed on
            if end is not None and (stop is None or end <= stop):
                stop, reason = end, end_reason
            if staff.ended_on is not None and (stop is None or staff.ended_on <= stop):
                stop, reason = staff.ended_on, SWReason.LEFTRL
            if stop is not None and stop < begin:
                stop = begin
            self._allocate(plan, staff, begin, stop, reason)
            if stop is None or (end is not None and stop >= end):
                return
            t = stop
            if reason == SWReason.LEFTRL and self.rng.random() < self.scenario.wait_after_leaver:
                t += days(self.rng.randint(*self.scenario.wait_after_leaver_days))  # waiting

    def _reserved_kinds(self, plan: FamilyPlan) -> set[str]:
        return set() if plan.reserved is None else {plan.reserved.kind}

    def _history(self, plan: FamilyPlan) -> None:
        for episode in plan.episodes:
            for i, (kind, start, end) in enumerate(episode.segments):
                last = i == len(episode.segments) - 1
                self._segment(plan, kind, start, end, SWReason.OTHERS if last else SWReason.TSPROC)
            self._chronology(plan, episode)
        self._notes(plan)
        self.records.family(plan)
        self.care.family(plan)  # periods of care, after the CIN episodes they close with
        if any(e.end is None for e in plan.episodes):
            self.counts["open_children"] = self.counts.get("open_children", 0) + len(plan.children)
            if not any(a.ended_on is None for c in plan.children for a in c.allocations):
                self.counts["unallocated_children"] = self.counts.get(
                    "unallocated_children", 0
                ) + len(plan.children)

    # Records of the work ---------------------------------------------------------------

    CHRONOLOGY = {
        "assessment": ("Referral", "Referral received; child and family assessment started"),
        "cin_cp": ("Transfer", "Transferred to the child in need and protection team"),
        "children_in_care": ("Looked after", "Became looked after"),
        "disabled_children": ("Transfer", "Transferred to the disabled children's team"),
        "care_leavers": ("Leaving care", "Became a care leaver; personal adviser allocated"),
    }

    def _chronology(self, plan: FamilyPlan, episode: Episode) -> None:
        events: list[tuple[dt.date, str, str]] = []
        for kind, start, _ in episode.segments:
            category, summary = self.CHRONOLOGY[kind]
            events.append((start, category, summary))
        if episode.end is not None:
            events.append((episode.end, "Closure", "Case closed"))
        for child in plan.children:
            for on, category, summary in events:
                if child.person.date_of_birth and on < child.born:
                    continue
                self._add(
                    ChronologyEntry(
                        id=self._uuid(),
                        person_id=child.person.id,
                        occurred_on=on,
                        recorded_at=dt.datetime.combine(on, dt.time(10, 0), tzinfo=dt.UTC),
                        category=category,
                        summary=summary,
                        created_at=self.now,
                        updated_at=self.now,
                    )
                )

    NOTES: tuple[tuple[str, str, str], ...] = (
        (
            CaseNoteKind.VISIT,
            "Home visit",
            "Visited {name} at home. {name} was {mood} and talked about {topic}. "
            "Home conditions were {home}. Next visit booked.",
        ),
        (
            CaseNoteKind.VISIT,
            "Seen alone at school",
            "Saw {name} alone at school. {name} said things at home were {mood_word} and "
            "talked about {topic}. Teacher reports attendance is {attendance}.",
        ),
        (
            CaseNoteKind.PHONE,
            "Call with parent",
            "Spoke to {parent} by phone about {topic}. Agreed actions recorded in the plan.",
        ),
        (
            CaseNoteKind.MEETING,
            "Core group meeting",
            "Core group met. Progress on the plan is {progress}. Health visitor and school "
            "attended. Next meeting in six weeks.",
        ),
        (
            CaseNoteKind.MANAGEMENT,
            "Management oversight",
            "Discussed in supervision. The plan remains appropriate; progress is {progress}. "
            "Actions: visit within ten working days, update the chronology.",
        ),
        (
            CaseNoteKind.CORRESPONDENCE,
            "Letter to parent",
            "Wrote to {parent} with the outcome of the review and the next steps.",
        ),
    )
    WORDS = {
        "mood": ("chatty", "quiet", "settled", "tired", "cheerful", "withdrawn"),
        "mood_word": ("better", "the same", "difficult", "calmer"),
        "topic": ("school", "friends", "football", "contact with dad", "sleep", "a new baby"),
        "home": ("good", "adequate", "poor", "cluttered but safe"),
        "attendance": ("good", "improving", "a concern"),
        "progress": ("good", "some progress", "limited", "drifting"),
    }

    def _notes(self, plan: FamilyPlan) -> None:
        is_open = any(e.end is None for e in plan.episodes)
        per_child = self.scale.notes_open if is_open else self.scale.notes_closed
        for child in plan.children:
            if not child.allocations or child.person.date_of_birth is None:
                continue
            for _ in range(per_child):
                allocation = self.rng.choice(child.allocations[-3:])
                last = allocation.ended_on or self.today
                span = (last - allocation.started_on).days
                on = allocation.started_on + days(self.rng.randint(0, max(span, 0)))
                kind, subject, body = self.rng.choice(self.NOTES)
                words = {k: self.rng.choice(v) for k, v in self.WORDS.items()}
                self._add(
                    CaseNote(
                        id=self._uuid(),
                        person_id=child.person.id,
                        author_id=self.staff_by_worker[allocation.worker_id].user_id,
                        kind=kind,
                        occurred_on=on,
                        subject=subject,
                        body=body.format(name=child.person.given_name, parent="mum", **words),
                        significant=self.rng.random() < 0.1,
                        created_at=self.now,
                        updated_at=self.now,
                    )
                )

    def _restrict(self, plan: FamilyPlan) -> None:
        child = plan.children[0]
        person = child.person
        adopted = any(k == "children_in_care" for e in plan.episodes for k, _, _ in e.segments)
        person.restricted = True
        person.restriction_reason = (
            RestrictionReason.ADOPTION
            if adopted
            else self.rng.choice((RestrictionReason.STAFF, RestrictionReason.HIGH_PROFILE))
        )
        named: set[int] = set()
        if child.allocations:
            last = child.allocations[-1]
            if last.ended_on is None:
                named.add(self.staff_by_worker[last.worker_id].user_id)
            manager = self.wf.managers.get(last.team_id)
            if manager is not None:
                named.add(manager.pk)
        service_manager = self.wf.personas.get("service.manager")
        if not named and service_manager is not None:
            named.add(service_manager.pk)
        for user_id in sorted(named):
            self._add(RestrictedAccess(id=self._uuid(), person_id=person.id, user_id=user_id))
        self.counts["restricted"] = self.counts.get("restricted", 0) + 1

    # Families --------------------------------------------------------------------------

    def _reservation(self, kind: str) -> Staff | None:
        for name, wanted in self.reservations.items():
            staff = self.wf.persona_staff.get(name)
            if staff is None or wanted <= len(self.persona_children[name]):
                continue
            if staff.kind == kind:
                return staff
        return None

    def _take_reservation(self, plan: FamilyPlan) -> None:
        if plan.reserved is None:
            return
        for name, staff in self.wf.persona_staff.items():
            if staff is plan.reserved:
                self.persona_children[name] += [c.person for c in plan.children]

    def _ordinary_family(self, remaining: int) -> None:
        rng = self.rng
        ethnicity = weighted(rng, cal.ETHNICITY)
        names = pools.pools_for(ethnicity, self.english)
        reserved = self._reservation("cin_cp")
        unborn = reserved is None and (
            self.need["unborn"] or rng.random() < cal.UNBORN_SHARE * self.p_open
        )
        is_open = reserved is not None or unborn or rng.random() < self.p_open
        sizes, shares = zip(*cal.SIBLINGS, strict=True)
        size = min(int(rng.choices(sizes, weights=shares)[0]), remaining)
        if reserved is not None:
            name = next(n for n, s in self.wf.persona_staff.items() if s is reserved)
            size = min(size, self.reservations[name] - len(self.persona_children[name]))
        # The case: when it started and what it is now.
        if unborn:
            start = self.today - days(rng.randint(1, 120))
            end: dt.date | None = None
            eldest = start - days(self._age_days()) if size > 1 else None
            long_kind = "cin_cp"
        elif is_open:
            long_kind = "cin_cp" if reserved is not None else self._open_kind()
            eldest = self.today - days(self._age_days())
            if long_kind == "assessment":
                start = self.today - days(rng.randint(0, 60))
            else:
                start = self.today - days(max(70, self._span(cal.OPEN_EPISODE_DAYS)))
            if reserved is not None:
                start = self.today - days(rng.randint(120, 700))
                eldest = min(eldest, start - days(rng.randint(30, 4000)))
            start = min(max(start, eldest + days(rng.randint(0, 200))), self.today)
            end = None
        else:
            length = self._span(cal.CLOSED_EPISODE_DAYS)
            latest = (self.today - self.window_start).days - length - 2
            start = self.window_start + days(rng.randint(0, max(latest, 0)))
            eldest = start - days(self._age_days())
            end = min(start + days(length), self.today - dt.timedelta(days=1))
            long_kind = self._closed_long_kind(end, size)
        if end is None and long_kind == "assessment":
            episode = Episode(start, None, [("assessment", start, None)])
        elif end is None:
            span = max((self.today - start).days - 1, 0)
            mid = min(self._assessment_end(start), start + days(span))
            episode = Episode(start, None, [("assessment", start, mid), (long_kind, mid, None)])
        else:
            episode = self._episode(start, end, long_kind, self.today - dt.timedelta(days=1))
        episodes = [episode]
        # Dates of birth: the eldest, then younger siblings born before the referral.
        births: list[dt.date] = []
        if eldest is not None:
            births.append(eldest)
            n_born = size - 1 if unborn else size
            while len(births) < n_born:
                nxt = births[-1] + days(rng.randint(330, 5 * 365))
                if nxt > start:
                    break
                births.append(nxt)
        expected = self.today + days(rng.randint(7, 200)) if unborn else None
        # Counted as the children the family has, who can be fewer than drawn when the
        # referral came early.
        children = len(births) + (expected is not None)
        if end is None:
            self.open_assigned[long_kind] = self.open_assigned.get(long_kind, 0) + children
        else:
            self._left_care(episode, children)
        if rng.random() < cal.EARLIER_EPISODE_SHARE and births:
            earlier = self._earlier_episode(start, births[0], len(births))
            if earlier is not None:
                episodes.insert(0, earlier)
        self._build_family(
            names=names,
            ethnicity=ethnicity,
            births=births,
            expected=expected,
            episodes=episodes,
            reserved=reserved,
            disabled_team=any(k == "disabled_children" for e in episodes for k, _, _ in e.segments),
        )

    def _parent_names(self, ethnicity: str) -> tuple[str, str]:
        """Mother's and father's ethnicity: a child of mixed heritage has parents of each."""
        father = {"MWBC": "BCRB", "MWBA": "BAFR", "MWAS": "APKN", "MOTH": "OOTH"}.get(ethnicity)
        if father is not None:
            return "WBRI", father
        return ethnicity, ethnicity

    def _build_family(
        self,
        *,
        names: pools.NamePools,
        ethnicity: str,
        births: list[dt.date],
        expected: dt.date | None,
        episodes: list[Episode],
        reserved: Staff | None,
        disabled_team: bool,
    ) -> None:
        rng = self.rng
        mother_eth, father_eth = self._parent_names(ethnicity)
        father_names = pools.pools_for(father_eth, self.adult_english)
        mother_names = pools.pools_for(mother_eth, self.adult_english)
        first_born = births[0] if births else (expected or self.today)
        has_father = rng.random() < 0.75
        father_family = rng.choice(father_names.family)
        mother_family = (
            father_family if has_father and rng.random() < 0.6 else rng.choice(mother_names.family)
        )
        child_family = father_family if has_father and rng.random() < 0.7 else mother_family
        language = rng.choice(pools.FIRST_LANGUAGE.get(ethnicity, ("English",)))
        children = [
            self._child(
                names,
                child_family,
                born,
                ethnicity,
                disabled=disabled_team and i == 0,
                first_language=language,
            )
            for i, born in enumerate(births)
        ]
        if expected is not None:
            children.append(self._child(names, child_family, None, ethnicity, expected=expected))
        plan = FamilyPlan(children, episodes, reserved=reserved)
        plan.cp = rng.random() < cal.CP_SHARE_OF_OPEN / (1 - cal.CLA_SHARE_OF_OPEN)
        current = next((e for e in episodes if e.end is None), None)
        in_care = current is not None and current.segments[-1][0] == "children_in_care"
        waits = (
            self.scenario.in_care_unallocated_share if in_care else self.scenario.unallocated_share
        )
        plan.unallocated = reserved is None and current is not None and rng.random() < waits
        mother_born = first_born - days(YEAR * rng.triangular(17, 40, 26))
        household: list[Person] = []
        born_on: dict[UUID, dt.date] = {}
        mother = self._adult(mother_names, Sex.FEMALE, mother_family, mother_born, mother_eth)
        household.append(mother)
        born_on[mother.id] = mother.date_of_birth or mother_born
        for child in children:
            self._relate(
                mother,
                child.person,
                RelationshipType.MOTHER,
                pr=True,
                started=child.person.date_of_birth,
            )
            if child.person.date_of_birth is not None:
                household.append(child.person)
                born_on[child.person.id] = child.born
        # Half-siblings: in some larger families the eldest has a different father.
        split = len(children) >= 2 and rng.random() < 0.2
        fathers: list[tuple[Person, list[Child]]] = []
        if has_father:
            father = self._adult(
                father_names,
                Sex.MALE,
                father_family,
                mother_born - days(rng.randint(-365, 3000)),
                father_eth,
            )
            fathers.append((father, children[1:] if split else children))
        if split and rng.random() < 0.7:
            previous = self._adult(
                father_names,
                Sex.MALE,
                rng.choice(father_names.family),
                mother_born - days(rng.randint(-365, 3000)),
                father_eth,
            )
            fathers.append((previous, children[:1]))
        for father, theirs in fathers:
            for child in theirs:
                self._relate(
                    father,
                    child.person,
                    RelationshipType.FATHER,
                    pr=rng.random() < 0.9,
                    started=child.person.date_of_birth,
                )
        for i, a in enumerate(children):
            for b in children[i + 1 :]:
                half = split and a is children[0]
                self._relate(
                    a.person,
                    b.person,
                    RelationshipType.HALF_SIBLING if half else RelationshipType.SIBLING,
                )
        # A parent who lives elsewhere has a home of their own.
        for father, _ in fathers:
            if rng.random() < 0.55 and father is fathers[0][0] and not split:
                household.append(father)
                born_on[father.id] = first_born - days(365)
            else:
                self._live_at(
                    [father],
                    self._moves(max(self.window_start, first_born)),
                    {father.id: first_born},
                )
        # Some mothers have a partner who is a step-parent to the children.
        if rng.random() < 0.12 and births:
            partner = self._adult(
                self.adult_english,
                Sex.MALE,
                rng.choice(self.adult_english.family),
                mother_born - days(rng.randint(-1000, 4000)),
                rng.choice(("WBRI", mother_eth)),
            )
            since = births[-1] + days(rng.randint(100, max(101, (self.today - births[-1]).days)))
            since = min(since, self.today)
            ended = since + days(rng.randint(30, 900)) if rng.random() < 0.25 else None
            if ended is not None and ended > self.today:
                ended = None
            kind = rng.choice((RelationshipType.STEP_PARENT, RelationshipType.PARENT_PARTNER))
            for child in children:
                self._relate(partner, child.person, kind, started=since, ended=ended)
            self._live_at([partner], [since], {partner.id: since})
        # Grandparents often support, and sometimes care for, children in need.
        if rng.random() < 0.15 and births:
            gran = self._adult(
                mother_names,
                Sex.FEMALE,
                mother_family,
                mother_born - days(YEAR * rng.triangular(18, 35, 24)),
                mother_eth,
            )
            in_care = any(k == "children_in_care" for e in episodes for k, _, _ in e.segments)
            kind = RelationshipType.KINSHIP_CARER if in_care else RelationshipType.GRANDPARENT
            for child in children:
                self._relate(gran, child.person, kind)
        home_since = max(first_born - days(rng.randint(0, 1500)), self.window_start - days(3000))
        self._live_at(household, self._moves(home_since), born_on)
        self._history(plan)
        self._take_reservation(plan)
        if (
            reserved is None
            and (self.need["restricted"] or rng.random() < cal.RESTRICTED_SHARE * len(children))
            and children[0].person.date_of_birth is not None
        ):
            self._restrict(plan)
            self.need["restricted"] = False
        if expected is not None:
            self.need["unborn"] = False
            self.counts["unborn"] = self.counts.get("unborn", 0) + 1

    def _lone_child(self, *, uasc: bool) -> None:
        """A care leaver, or an unaccompanied child seeking asylum: no family in the area."""
        rng = self.rng
        if uasc:
            arrived = self.today - days(rng.randint(20, int(YEAR * cal.UASC_ARRIVAL_YEARS)))
            youngest, oldest = cal.UASC_ARRIVAL_AGE
            born = arrived - days(rng.randint(int(YEAR * youngest), int(YEAR * oldest)))
            ethnicity = rng.choice(("AOTH", "AOTH", "BAFR", "BAFR", "OOTH", "WOTH"))
            names = pools.NamePools(
                tuple(pools.UASC_BOYS), tuple(pools.UASC_BOYS), tuple(pools.UASC_FAMILY)
            )
            child = self._child(
                names,
                rng.choice(pools.UASC_FAMILY),
                born,
                ethnicity,
                first_language=rng.choice(pools.UASC_LANGUAGES),
                uasc=True,
            )
            child.person.sex = Sex.MALE if rng.random() < 0.92 else Sex.FEMALE
            entered = arrived
            mother = None
        else:
            born = self.today - days(rng.randint(int(YEAR * 18), int(YEAR * 21.9)))
            ethnicity = weighted(rng, cal.ETHNICITY)
            names = pools.pools_for(ethnicity, self.english)
            child = self._child(names, rng.choice(names.family), born, ethnicity)
            entered = born + days(rng.randint(int(YEAR * 10), int(YEAR * 16.5)))
            mother = self._adult(
                pools.pools_for(ethnicity, self.adult_english),
                Sex.FEMALE,
                child.person.family_name,
                born - days(YEAR * rng.triangular(16, 38, 24)),
                ethnicity,
            )
            self._relate(mother, child.person, RelationshipType.MOTHER, pr=True, started=born)
        eighteen = born + days(YEAR * 18)
        entered = max(entered, self.window_start)
        segments: list[tuple[str, dt.date, dt.date | None]] = []
        if eighteen <= self.today:
            segments = [("children_in_care", entered, eighteen), ("care_leavers", eighteen, None)]
            self.ceased_by_year[self._years_back(eighteen)] += 1
        else:
            segments = [("children_in_care", entered, None)]
        closed = rng.random() < 0.1 and eighteen <= self.today - dt.timedelta(days=60)
        end = eighteen + days(rng.randint(30, (self.today - eighteen).days - 1)) if closed else None
        if end is not None:
            segments[-1] = (segments[-1][0], segments[-1][1], end)
        reserved = None if closed else self._reservation(segments[-1][0])
        plan = FamilyPlan([child], [Episode(entered, end, segments)], reserved=reserved, lone=True)
        moves = [entered] if uasc else self._moves(max(born, self.window_start - days(2000)))
        if not uasc and eighteen <= self.today:
            moves = [m for m in moves if m < eighteen] + [eighteen]
        self._live_at([child.person], moves, {child.person.id: born})
        if mother is not None:
            self._live_at([mother], self._moves(moves[0]), {mother.id: born})
        self._history(plan)
        self._take_reservation(plan)
        self.counts["uasc" if uasc else "care_leavers"] = (
            self.counts.get("uasc" if uasc else "care_leavers", 0) + 1
        )

    def build(self, progress: Callable[[int], None] | None = None) -> None:
        written = 0
        while self.counts.get("children", 0) < self.n_children:
            remaining = self.n_children - self.counts.get("children", 0)
            draw = self.rng.random()
            if self.need["uasc"] or (draw < self.p_uasc and self._uasc_room()):
                self.need["uasc"] = False
                self._lone_child(uasc=True)
            elif draw < self.p_uasc:
                self._ordinary_family(remaining)
            elif draw < self.p_uasc + self.p_care_leaver:
                self._lone_child(uasc=False)
            else:
                self._ordinary_family(remaining)
            if len(self.buffers[Person]) >= CHUNK_CHILDREN * 2:
                self.flush()
                done = self.counts.get("children", 0)
                if progress is not None:
                    progress(done - written)
                written = done
        self.records.queue()
        self.flush()
        if progress is not None:
            progress(self.counts.get("children", 0) - written)
