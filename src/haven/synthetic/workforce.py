"""The council's service hierarchy and staff, built through the same services a person uses.

There are only hundreds of these, so each goes through ``team_create``, ``user_create``,
``worker_create`` and ``worker_leave`` with their validation and audit events. Staff other
than the personas get unusable passwords: they exist to hold cases and history.

The establishment (``Post`` rows: plain rows with nothing to check across them) is created in
one bulk insert, as the population's records are: a post for each worker in post (agency
staff mostly cover a vacant post), and vacant posts added across the case-holding teams until
the social work vacancy rate is ``VACANCY_RATE`` (docs/workforce.md).
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from faker import Faker

from haven.accounts.models import User
from haven.accounts.roles import Role
from haven.accounts.services import user_create
from haven.allocation.enums import REGISTERED_ROLES, Employment, JobRole, Skill, TeamKind
from haven.allocation.models import Post, Team, Worker
from haven.allocation.services import (
    team_create,
    worker_create,
    worker_leave,
    worker_skills_set,
)
from haven.synthetic import calibration as cal
from haven.synthetic.personas import DEMO_PASSWORD, PERSONAS, RESERVED_PERSONAS, Persona
from haven.synthetic.pools import COUNCIL_NAME, LOCALITIES

J, R = JobRole, Role

#: The social work vacancy rate the establishment is built to: vacant FTE ÷ (vacant FTE +
#: permanent FTE). CSWW: 18.9% (2023), 14.2% (2025); 2024 between them (U).
VACANCY_RATE = Decimal("0.17")
#: Agency social workers covering a vacant post rather than working over establishment
#: (CSWW 2025: 81%).
AGENCY_COVERING_VACANCY = 0.81
#: Share of the workers who could be agency staff (registered jobs other than ASYE, not the
#: personas) who are agency or locum staff, so that agency staff are about 16% of social
#: work FTE (CSWW 2024: 16.2%): most permanent staff are full time, and about a fifth of
#: social workers are ASYEs or personas. Dealt out evenly rather than drawn, so a small
#: council's rate is near it too; leavers are still drawn (``cal.AGENCY_SHARE``, doubled).
AGENCY_SHARE_OF_ELIGIBLE = 0.19
#: Every this-many-th agency or locum worker in post qualified under the DfE minimum before
#: starting (U: the agency rules are new; some records will break them), and the one after
#: has no qualification date recorded. Counted, not drawn, so the demo council has one.
AGENCY_UNDER_PQE_EVERY = 8
AGENCY_NO_QUALIFICATION_EVERY = 25
#: Fewest years since qualifying for each registered job held by permanent staff (U).
MIN_PQE_YEARS = {
    J.SOCIAL_WORKER: 1,
    J.SENIOR_PRACTITIONER: 4,
    J.TEAM_MANAGER: 6,
    J.IRO: 6,
    J.SERVICE_MANAGER: 8,
    J.HEAD_OF_SERVICE: 10,
}
MAX_PQE_YEARS = 25

#: Services under the directorate and the kinds of team in each.
SERVICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Front door and assessment", ("front_door", "assessment")),
    ("Safeguarding and family help", ("cin_cp",)),
    ("Children in care and care leavers", ("children_in_care", "care_leavers")),
    ("Disabled children", ("disabled_children",)),
    ("Quality assurance and reviewing", ("quality",)),
)
TEAM_NAMES = {
    "front_door": "MASH",
    "assessment": "Assessment team",
    "cin_cp": "Child in need and protection team",
    "children_in_care": "Children in care team",
    "care_leavers": "Leaving care team",
    "disabled_children": "Disabled children's team",
    "quality": "Independent reviewing team",
}
#: Who works in each kind of team: (job, role, how many).
COMPOSITION: dict[str, tuple[tuple[JobRole, Role, int], ...]] = {
    "front_door": (
        (J.TEAM_MANAGER, R.MASH_MANAGER, 1),
        (J.SENIOR_PRACTITIONER, R.MASH_SCREENER, 1),
        (J.SCREENER, R.MASH_SCREENER, 3),
    ),
    "assessment": (
        (J.TEAM_MANAGER, R.TEAM_MANAGER, 1),
        (J.SENIOR_PRACTITIONER, R.SENIOR_PRACTITIONER, 1),
        (J.SOCIAL_WORKER, R.SOCIAL_WORKER, 4),
        (J.ASYE_SOCIAL_WORKER, R.SOCIAL_WORKER, 1),
        (J.FAMILY_SUPPORT, R.SOCIAL_WORKER, 1),
    ),
    "cin_cp": (
        (J.TEAM_MANAGER, R.TEAM_MANAGER, 1),
        (J.SENIOR_PRACTITIONER, R.SENIOR_PRACTITIONER, 2),
        (J.SOCIAL_WORKER, R.SOCIAL_WORKER, 4),
        (J.ASYE_SOCIAL_WORKER, R.SOCIAL_WORKER, 1),
        (J.FAMILY_SUPPORT, R.SOCIAL_WORKER, 1),
    ),
    "children_in_care": (
        (J.TEAM_MANAGER, R.TEAM_MANAGER, 1),
        (J.SENIOR_PRACTITIONER, R.SENIOR_PRACTITIONER, 1),
        (J.SOCIAL_WORKER, R.SOCIAL_WORKER, 5),
    ),
    "care_leavers": (
        (J.TEAM_MANAGER, R.TEAM_MANAGER, 1),
        (J.PERSONAL_ADVISER, R.PERSONAL_ADVISER, 3),
    ),
    "disabled_children": (
        (J.TEAM_MANAGER, R.TEAM_MANAGER, 1),
        (J.SENIOR_PRACTITIONER, R.SENIOR_PRACTITIONER, 1),
        (J.SOCIAL_WORKER, R.SOCIAL_WORKER, 2),
    ),
    "quality": ((J.TEAM_MANAGER, R.TEAM_MANAGER, 1), (J.IRO, R.IRO, 2)),
}
#: Jobs that hold cases, and how much of a full caseload each carries (ASYE years are
#: protected: (U) 80%).
CASE_WEIGHT = {
    J.SOCIAL_WORKER: 1.0,
    J.SENIOR_PRACTITIONER: 1.0,
    J.ASYE_SOCIAL_WORKER: 0.8,
    J.PERSONAL_ADVISER: 1.0,
}
#: Team kinds whose workers hold cases (the front door screens; reviewing officers chair).
CASE_HOLDING_KINDS = frozenset(
    {"assessment", "cin_cp", "children_in_care", "care_leavers", "disabled_children"}
)
#: Leavers kept on record per case-holding post (U): turnover over roughly 2.5 years.
LEAVERS_PER_POST = cal.TURNOVER * 2.5
#: Services with at least this many teams also have a head of service.
HEAD_OF_SERVICE_FROM = 6
#: Case holders outside the disabled children's teams with a skill some cases need.
SKILLED_SHARE = 0.35
OTHER_SKILLS = (Skill.EXPLOITATION, Skill.DOMESTIC_ABUSE, Skill.COURT, Skill.UASC)


@dataclass
class Staff:
    """What the casework simulation needs to know about one case-holding worker."""

    worker: Worker
    team_id: UUID
    kind: str  # the team's kind
    started_on: dt.date
    ended_on: dt.date | None
    capacity: float
    load: int = 0
    #: A persona takes only the cases set aside for them, so their caseload is known.
    reserved: bool = False

    @property
    def user_id(self) -> int:
        return self.worker.user_id

    def active_on(self, on: dt.date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on > on)


@dataclass(frozen=True)
class FrontDoorStaff:
    """A MASH screener or manager: who can decide on contacts, and who can sign them off."""

    user_id: int
    team_id: UUID
    manager: bool
    started_on: dt.date

    def active_on(self, on: dt.date) -> bool:
        return self.started_on <= on


@dataclass
class Workforce:
    directorate: Team
    teams: dict[str, list[Team]] = field(default_factory=dict)
    case_holders: dict[UUID, list[Staff]] = field(default_factory=dict)
    managers: dict[UUID, Any] = field(default_factory=dict)
    personas: dict[str, Any] = field(default_factory=dict)
    persona_staff: dict[str, Staff] = field(default_factory=dict)
    front_door: list[FrontDoorStaff] = field(default_factory=list)
    staff: int = 0
    leavers: int = 0
    agency: int = 0
    users: int = 0
    posts: int = 0


@lru_cache(maxsize=4)
def _password_hash(hashers: tuple[str, ...]) -> str:
    validate_password(DEMO_PASSWORD)
    return make_password(DEMO_PASSWORD)


def demo_password_hash() -> str:
    """One hash shared by every persona: hashing is slow by design, and these are demo logins.

    Cached per hasher setting, so a change of ``PASSWORD_HASHERS`` gets a hash it can check.
    """
    return _password_hash(tuple(settings.PASSWORD_HASHERS))


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalpha())


class WorkforceBuilder:
    def __init__(self, *, rng: random.Random, fake: Faker, today: dt.date, scale: cal.Scale):
        self.rng = rng
        self.fake = fake
        self.today = today
        self.scale = scale
        self.usernames: set[str] = set()
        self.swe_numbers: set[str] = set()
        self.unplaced = list(PERSONAS)
        self.in_post: list[Worker] = []
        self.agency_in_post = 0
        self.agency_credit = rng.random()

    # Identities ------------------------------------------------------------------------

    def _swe_number(self) -> str:
        while True:
            number = f"SW{self.rng.randint(10_000, 999_999)}"
            if number not in self.swe_numbers:
                self.swe_numbers.add(number)
                return number

    def _username(self, first: str, last: str) -> str:
        base = f"{_ascii(first)}.{_ascii(last)}"
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name

    def _user(self, role: Role, persona: Persona | None) -> User:
        if persona is not None:
            self.usernames.add(persona.username)
            user = user_create(
                actor=None,
                username=persona.username,
                first_name=persona.first_name,
                last_name=persona.last_name,
                role=role,
                password=None,
                email=f"{persona.username}@haven.example",
            )
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
            return user
        first, last = self.fake.first_name(), self.fake.last_name()
        username = self._username(first, last)
        return user_create(
            actor=None,
            username=username,
            first_name=first,
            last_name=last,
            role=role,
            password=None,
            email=f"{username}@haven.example",
        )

    def _take_persona(self, place: str, job: JobRole | None) -> Persona | None:
        for persona in self.unplaced:
            if persona.place == place and persona.job_role == job:
                self.unplaced.remove(persona)
                return persona
        return None

    # Contracts -------------------------------------------------------------------------

    def _employment(self, job: JobRole, persona: Persona | None, leaver: bool) -> Employment:
        if persona is not None or job not in REGISTERED_ROLES or job == J.ASYE_SOCIAL_WORKER:
            return Employment.PERMANENT
        if not leaver:
            self.agency_credit += AGENCY_SHARE_OF_ELIGIBLE
            if self.agency_credit < 1:
                return Employment.PERMANENT
            self.agency_credit -= 1
            locum = cal.LOCUM_SHARE / (cal.AGENCY_SHARE + cal.LOCUM_SHARE)
            return Employment.LOCUM if self.rng.random() < locum else Employment.AGENCY
        agency = cal.AGENCY_SHARE * 2
        draw = self.rng.random()
        if draw < agency:
            return Employment.AGENCY
        if draw < agency + cal.LOCUM_SHARE:
            return Employment.LOCUM
        return Employment.PERMANENT

    def _fte(self, employment: Employment, persona: Persona | None) -> Decimal:
        if persona is not None or employment != Employment.PERMANENT:
            return Decimal("1.0")
        draw = self.rng.random()
        for fte, share in cal.PART_TIME:
            if draw < share:
                return Decimal(str(fte))
            draw -= share
        return Decimal("1.0")

    def _tenure_days(self, employment: Employment, *, long_serving: bool) -> int:
        if long_serving:
            return self.rng.randint(int(365.25 * (cal.HISTORY_YEARS + 0.3)), 365 * 15)
        if employment == Employment.PERMANENT:
            return min(int(self.rng.expovariate(1 / (365 * 4))) + 30, 365 * 20)
        return self.rng.randint(20, 2 * 365)

    @staticmethod
    def _skills(kind: str, job: JobRole, index: int) -> list[str]:
        """What a case holder brings: the disabled children's teams' workers that skill; about
        a third of the others one of the rest. Drawn from a generator of its own (by the
        worker's place in the build), so the rest of the council is the same with or without
        skills."""
        if job not in CASE_WEIGHT:
            return []
        if kind == TeamKind.DISABLED_CHILDREN:
            return [Skill.DISABILITY]
        draw = random.Random(f"skills-{index}")
        if draw.random() < SKILLED_SHARE:
            return [draw.choice(OTHER_SKILLS)]
        return []

    def _qualified_on(
        self, job: JobRole, employment: Employment, started: dt.date, leaver: bool
    ) -> dt.date | None:
        """When a registered worker qualified: ASYEs within the year before starting, agency
        staff mostly well before they started, everyone else 1 to 25 years ago."""
        if job not in REGISTERED_ROLES:
            return None
        if job == J.ASYE_SOCIAL_WORKER:
            return started - dt.timedelta(days=self.rng.randint(0, 45))
        if employment != Employment.PERMANENT:
            nth = 0
            if not leaver:
                self.agency_in_post += 1
                nth = self.agency_in_post
            if nth % AGENCY_NO_QUALIFICATION_EVERY == AGENCY_UNDER_PQE_EVERY // 2 + 1:
                return None
            if nth % AGENCY_UNDER_PQE_EVERY == 1:
                return started - dt.timedelta(days=self.rng.randint(120, 3 * 365 - 30))
            return started - dt.timedelta(days=self.rng.randint(3 * 365 + 30, 20 * 365))
        low = MIN_PQE_YEARS.get(job, 1)
        years = self.rng.uniform(low, MAX_PQE_YEARS)
        return min(self.today - dt.timedelta(days=int(365.25 * years)), started)

    def _establishment(self, wf: Workforce) -> None:
        """A post for each worker in post (most agency staff cover one), then vacant social
        work posts in the case-holding teams up to ``VACANCY_RATE``."""
        rows: list[Post] = []
        permanent = vacant = Decimal(0)

        def established(before: dt.date) -> dt.date:
            return before - dt.timedelta(days=self.rng.randint(0, 365 * 3))

        for w in self.in_post:
            is_permanent = w.employment == Employment.PERMANENT
            if not is_permanent and self.rng.random() >= AGENCY_COVERING_VACANCY:
                continue  # over establishment: extra capacity, not cover
            rows.append(
                Post(
                    team_id=w.team_id,
                    job_role=w.job_role,
                    fte=w.fte,
                    established_on=established(min(w.started_on, self.today)),
                )
            )
            if w.job_role in REGISTERED_ROLES:
                if is_permanent:
                    permanent += w.fte
                else:
                    vacant += w.fte
        target = permanent * VACANCY_RATE / (1 - VACANCY_RATE)
        teams = [t for kind, ts in wf.teams.items() if kind in CASE_HOLDING_KINDS for t in ts]
        while teams and target - vacant >= Decimal("0.2"):
            fte = min(Decimal(1), (target - vacant).quantize(Decimal("0.1")))
            rows.append(
                Post(
                    team_id=self.rng.choice(teams).id,
                    job_role=J.SOCIAL_WORKER,
                    fte=fte,
                    established_on=established(self.today - dt.timedelta(days=60)),
                )
            )
            vacant += fte
        Post.objects.bulk_create(rows)
        wf.posts = len(rows)

    # Building --------------------------------------------------------------------------

    def _staff(
        self,
        wf: Workforce,
        *,
        team: Team,
        kind: str,
        job: JobRole,
        role: Role,
        place: str,
        long_serving: bool = False,
        leaver: bool = False,
    ) -> Worker:
        persona = None if leaver else self._take_persona(place, job)
        employment = self._employment(job, persona, leaver)
        fte = self._fte(employment, persona)
        if leaver:
            window = 365 * cal.HISTORY_YEARS
            left = self.today - dt.timedelta(days=self.rng.randint(7, window))
            started = left - dt.timedelta(days=self._tenure_days(employment, long_serving=False))
            ended: dt.date | None = left
        else:
            ended = None
            if persona is not None and not long_serving:
                tenure = 365 * 3
            elif job == J.ASYE_SOCIAL_WORKER and not long_serving:
                tenure = self.rng.randint(14, 300)  # in their assessed first year
            else:
                tenure = self._tenure_days(employment, long_serving=long_serving)
            started = self.today - dt.timedelta(days=tenure)
        qualified = self._qualified_on(job, employment, started, leaver)
        user = self._user(persona.role if persona else role, persona)
        worker = worker_create(
            actor=None,
            user=user,
            team=team,
            job_role=job,
            fte=fte,
            employment=employment,
            started_on=started,
            swe_number=self._swe_number() if job in REGISTERED_ROLES else "",
            qualified_on=qualified,
        )
        skills = self._skills(kind, job, wf.staff)
        if skills:
            worker = worker_skills_set(actor=None, worker=worker, skills=skills)
        if ended is not None:
            worker = worker_leave(actor=None, worker=worker, ended_on=ended)
            wf.leavers += 1
        else:
            self.in_post.append(worker)
        wf.staff += 1
        wf.users += 1
        wf.agency += employment == Employment.AGENCY
        if persona is not None:
            wf.personas[persona.username] = user
        if kind in CASE_HOLDING_KINDS and job in CASE_WEIGHT:
            staff = Staff(
                worker=worker,
                team_id=team.id,
                kind=kind,
                started_on=started,
                ended_on=ended,
                capacity=float(fte) * CASE_WEIGHT[job],
                reserved=persona is not None and persona.username in RESERVED_PERSONAS,
            )
            wf.case_holders.setdefault(team.id, []).append(staff)
            if persona is not None:
                wf.persona_staff[persona.username] = staff
        if job == J.TEAM_MANAGER and not leaver:
            wf.managers[team.id] = user
        if kind == "front_door" and not leaver and role in (R.MASH_SCREENER, R.MASH_MANAGER):
            wf.front_door.append(
                FrontDoorStaff(
                    user_id=user.pk,
                    team_id=team.id,
                    manager=(persona.role if persona else role) == R.MASH_MANAGER,
                    started_on=started,
                )
            )
        return worker

    def _team_members(self, wf: Workforce, team: Team, kind: str, bs_here: bool) -> None:
        long_serving_done = False
        posts = 0
        for job, role, count in COMPOSITION[kind]:
            for _ in range(count):
                long_serving = job in CASE_WEIGHT and not long_serving_done
                long_serving_done = long_serving_done or long_serving
                self._staff(
                    wf,
                    team=team,
                    kind=kind,
                    job=job,
                    role=role,
                    place=kind,
                    long_serving=long_serving,
                )
                posts += job in CASE_WEIGHT
        if bs_here:
            self._staff(
                wf,
                team=team,
                kind=kind,
                job=J.BUSINESS_SUPPORT,
                role=R.BUSINESS_SUPPORT,
                place=kind,
            )
        leavers = posts * LEAVERS_PER_POST
        n = int(leavers) + (self.rng.random() < leavers - int(leavers))
        case_jobs = [(j, r) for j, r, _ in COMPOSITION[kind] if j in CASE_WEIGHT]
        for _ in range(n):
            job, role = self.rng.choice(case_jobs)
            self._staff(wf, team=team, kind=kind, job=job, role=role, place=kind, leaver=True)

    def build(self) -> Workforce:
        directorate = team_create(
            actor=None,
            name=f"Children's services, {COUNCIL_NAME}",
            kind=TeamKind.DIRECTORATE,
        )
        wf = Workforce(directorate=directorate)
        self._staff(
            wf,
            team=directorate,
            kind="directorate",
            job=J.DIRECTOR,
            role=R.DCS,
            place="directorate",
        )
        for service_name, kinds in SERVICES:
            service = team_create(
                actor=None, name=service_name, kind=TeamKind.SERVICE, parent=directorate
            )
            place = f"service:{kinds[0]}"
            self._staff(
                wf,
                team=service,
                kind="service",
                job=J.SERVICE_MANAGER,
                role=R.SERVICE_MANAGER,
                place=place,
            )
            n_teams = sum(self.scale.teams[k] for k in kinds)
            if n_teams >= HEAD_OF_SERVICE_FROM:
                self._staff(
                    wf,
                    team=service,
                    kind="service",
                    job=J.HEAD_OF_SERVICE,
                    role=R.SERVICE_MANAGER,
                    place=place,
                )
            index = 0
            for kind in kinds:
                count = self.scale.teams[kind]
                for i in range(count):
                    locality = LOCALITIES[i % len(LOCALITIES)]
                    name = TEAM_NAMES[kind] if count == 1 else f"{TEAM_NAMES[kind]} {i + 1}"
                    team = team_create(
                        actor=None,
                        name=f"{name} ({locality})" if count > 1 else name,
                        kind=TeamKind(kind),
                        parent=service,
                        area=locality,
                    )
                    wf.teams.setdefault(kind, []).append(team)
                    self._team_members(wf, team, kind, bs_here=index % 2 == 0)
                    index += 1
        for persona in list(self.unplaced):
            self.unplaced.remove(persona)
            wf.personas[persona.username] = self._user(persona.role, persona)
            wf.users += 1
        self._establishment(wf)
        return wf
