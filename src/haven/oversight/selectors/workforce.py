"""The workforce on a day: the establishment against the staff in post, the DfE vacancy and
agency rates, caseloads per case-holding FTE and how they spread, workers over capacity, and
the records that break the DfE agency rules (docs/workforce.md).

Counts and staff names only: nothing here names a child. The figures are for social work
jobs (those that need Social Work England registration), as the DfE workforce census counts
them. A fixed number of queries however many workers: teams, posts, workers, and the five of
``worker_caseloads``.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from uuid import UUID

from django.conf import settings
from django.db.models import Q, Sum

from haven.allocation.enums import REGISTERED_ROLES, Employment
from haven.allocation.models import Post, Team, Worker
from haven.oversight.selectors.caseloads import WorkerCaseload, worker_caseloads
from haven.timescales.calendar import add_months

#: Caseload bands: how many children a worker holds (the census counts cases, not weights).
BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 5),
    (6, 10),
    (11, 15),
    (16, 20),
    (21, 25),
    (26, 30),
    (31, None),
)
#: Contracts that are not employment by the council: agency staff and locums.
NOT_EMPLOYED = frozenset({Employment.AGENCY, Employment.LOCUM})
SOCIAL_WORK_JOBS = frozenset(str(j) for j in REGISTERED_ROLES)
ZERO = Decimal(0)


def band_label(low: int, high: int | None) -> str:
    return f"{low} or more" if high is None else f"{low} to {high}"


def band_index(cases: int) -> int:
    for i, (low, high) in enumerate(BANDS):
        if high is None or low <= cases <= high:
            return i
    return len(BANDS) - 1  # pragma: no cover - the last band is open-ended


def _rate(part: Decimal, other: Decimal) -> float | None:
    whole = part + other
    return float(part / whole) if whole > 0 else None


@dataclass
class WorkforceFigures:
    """One team's social work figures, or the total of several teams."""

    team_id: UUID | None
    team_name: str
    service_name: str
    establishment_fte: Decimal = ZERO
    #: FTE of permanent (council-employed) staff in post.
    permanent_fte: Decimal = ZERO
    #: FTE of agency and locum staff in post.
    agency_fte: Decimal = ZERO
    #: For each job, the establishment less the permanent FTE in post, where that is more than
    #: nothing, added up: a post covered by agency staff is vacant, as the DfE counts it.
    vacant_fte: Decimal = ZERO
    headcount: int = 0
    agency_headcount: int = 0
    #: Social workers holding at least one case, their FTE and how many children they hold.
    case_holders: int = 0
    case_holding_fte: Decimal = ZERO
    cases: int = 0
    workers_over_capacity: int = 0
    #: Case-holding workers (any job) in each caseload band, as ``BANDS``.
    distribution: list[int] = field(default_factory=lambda: [0] * len(BANDS))

    @property
    def vacancy_rate(self) -> float | None:
        """Vacant FTE ÷ (vacant FTE + permanent FTE in post)."""
        return _rate(self.vacant_fte, self.permanent_fte)

    @property
    def agency_rate(self) -> float | None:
        """Agency FTE ÷ (agency FTE + council-employed FTE)."""
        return _rate(self.agency_fte, self.permanent_fte)

    @property
    def average_caseload(self) -> float | None:
        """Children held by case-holding social workers ÷ their FTE."""
        if self.case_holding_fte <= 0:
            return None
        return self.cases / float(self.case_holding_fte)

    @property
    def case_holding_workers(self) -> int:
        """Workers (any job) holding cases or whose job holds them: those in the bands."""
        return sum(self.distribution)

    @property
    def filled_fte(self) -> Decimal:
        return self.permanent_fte + self.agency_fte

    def add(self, other: "WorkforceFigures") -> None:
        self.establishment_fte += other.establishment_fte
        self.permanent_fte += other.permanent_fte
        self.agency_fte += other.agency_fte
        self.vacant_fte += other.vacant_fte
        self.headcount += other.headcount
        self.agency_headcount += other.agency_headcount
        self.case_holders += other.case_holders
        self.case_holding_fte += other.case_holding_fte
        self.cases += other.cases
        self.workers_over_capacity += other.workers_over_capacity
        self.distribution = [
            a + b for a, b in zip(self.distribution, other.distribution, strict=True)
        ]


@dataclass(frozen=True)
class Band:
    label: str
    workers: int
    share: float | None


@dataclass(frozen=True)
class AgencyRuleBreach:
    """An agency or locum social worker whose record breaks the DfE agency rules."""

    worker_id: UUID
    name: str
    team_name: str
    job_role_label: str
    employment_label: str
    started_on: dt.date
    qualified_on: dt.date | None
    #: What is wrong, in words.
    reason: str


@dataclass(frozen=True)
class Workforce:
    on: dt.date
    teams: list[WorkforceFigures]
    totals: WorkforceFigures
    bands: list[Band]
    over_capacity: list[WorkerCaseload]
    breaches: list[AgencyRuleBreach]
    min_pqe_years: int


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def pqe_breach(
    *, employment: str, job_role: str, started_on: dt.date, qualified_on: dt.date | None
) -> str | None:
    """Why this worker breaks the agency rule on post-qualifying experience, or None.

    Agency and locum social workers need ``HAVEN_AGENCY_MIN_PQE_YEARS`` years' experience
    since qualifying on the day they start; a missing qualification date cannot show it."""
    if employment not in NOT_EMPLOYED or job_role not in SOCIAL_WORK_JOBS:
        return None
    years: int = settings.HAVEN_AGENCY_MIN_PQE_YEARS
    if qualified_on is None:
        return "No date of qualification is recorded"
    if add_months(qualified_on, 12 * years) > started_on:
        return (
            f"Qualified on {_day(qualified_on)}: less than {years} years before starting "
            f"on {_day(started_on)}"
        )
    return None


def _teams(team_ids: list[UUID]) -> list[Team]:
    return list(Team.objects.select_related("parent").filter(pk__in=team_ids).order_by("path"))


def _establishment(team_ids: list[UUID], on: dt.date) -> dict[tuple[UUID, str], Decimal]:
    rows = (
        Post.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            team_id__in=team_ids,
            job_role__in=SOCIAL_WORK_JOBS,
            established_on__lte=on,
        )
        .values("team_id", "job_role")
        .annotate(total=Sum("fte"))
        .values_list("team_id", "job_role", "total")
    )
    return {(team_id, job): total or ZERO for team_id, job, total in rows}


def _social_workers(team_ids: list[UUID], on: dt.date) -> list[Worker]:
    return list(
        Worker.objects.select_related("user")
        .filter(
            Q(ended_on__isnull=True) | Q(ended_on__gt=on),
            team_id__in=team_ids,
            job_role__in=SOCIAL_WORK_JOBS,
            started_on__lte=on,
        )
        .order_by("user__last_name", "user__first_name")
    )


def workforce_summary(*, team_ids: Iterable[UUID], on: dt.date) -> Workforce:
    """The workforce of ``team_ids`` on ``on``: each team that has social work posts or staff,
    and their total."""
    ids = list(team_ids)
    teams = _teams(ids)
    establishment = _establishment(ids, on)
    staff = _social_workers(ids, on)
    caseloads = worker_caseloads(team_ids=ids, on=on)

    figures = {
        t.pk: WorkforceFigures(
            team_id=t.pk, team_name=t.name, service_name=t.parent.name if t.parent else ""
        )
        for t in teams
    }
    in_post: dict[tuple[UUID, str], Decimal] = defaultdict(Decimal)
    for (team_id, _job), fte in establishment.items():
        figures[team_id].establishment_fte += fte
    breaches = []
    names = {t.pk: t.name for t in teams}
    for w in staff:
        f = figures[w.team_id]
        f.headcount += 1
        if w.employment in NOT_EMPLOYED:
            f.agency_fte += w.fte
            f.agency_headcount += 1
        else:
            f.permanent_fte += w.fte
            in_post[(w.team_id, w.job_role)] += w.fte
        reason = pqe_breach(
            employment=w.employment,
            job_role=w.job_role,
            started_on=w.started_on,
            qualified_on=w.qualified_on,
        )
        if reason is not None:
            breaches.append(
                AgencyRuleBreach(
                    worker_id=w.pk,
                    name=w.user.get_full_name() or w.user.get_username(),
                    team_name=names[w.team_id],
                    job_role_label=w.get_job_role_display(),
                    employment_label=w.get_employment_display(),
                    started_on=w.started_on,
                    qualified_on=w.qualified_on,
                    reason=reason,
                )
            )
    for key, fte in establishment.items():
        figures[key[0]].vacant_fte += max(fte - in_post.get(key, ZERO), ZERO)
    for row in caseloads:
        f = figures[row.team_id]
        f.distribution[band_index(row.cases)] += 1
        f.workers_over_capacity += row.over_capacity
        if row.cases and row.job_role in SOCIAL_WORK_JOBS:
            f.case_holders += 1
            f.case_holding_fte += row.fte
            f.cases += row.cases

    shown = [
        f for f in figures.values() if f.establishment_fte or f.headcount or any(f.distribution)
    ]
    totals = WorkforceFigures(team_id=None, team_name="All teams shown", service_name="")
    for f in shown:
        totals.add(f)
    holders = sum(totals.distribution)
    bands = [
        Band(
            label=band_label(low, high),
            workers=n,
            share=n / holders if holders else None,
        )
        for (low, high), n in zip(BANDS, totals.distribution, strict=True)
    ]
    over = sorted(
        (r for r in caseloads if r.over_capacity),
        key=lambda r: (-(r.utilisation or float("inf")), r.name),
    )
    return Workforce(
        on=on,
        teams=shown,
        totals=totals,
        bands=bands,
        over_capacity=over,
        breaches=breaches,
        min_pqe_years=settings.HAVEN_AGENCY_MIN_PQE_YEARS,
    )
