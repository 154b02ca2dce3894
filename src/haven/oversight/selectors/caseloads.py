"""Workers' caseloads against their capacity, and each team's totals.

Counts only: nothing here names a child. The weighting and capacity rules are
``haven.allocation.capacity`` (docs/caseloads.md); this module gathers the facts for them in
a fixed number of queries however many workers are asked for (five: workers, absences,
allocations, open cases, sibling relationships).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Q

from haven.allocation import capacity as rules
from haven.allocation.enums import REGISTERED_ROLES
from haven.allocation.models import Absence, Allocation, OpenCase, Team, Worker
from haven.core.errors import NotFound
from haven.people.enums import RelationshipType
from haven.people.models import Relationship

#: Relationships that make two children brothers and sisters (as for a joint assessment).
SIBLING_TYPES = (
    RelationshipType.SIBLING,
    RelationshipType.HALF_SIBLING,
    RelationshipType.STEP_SIBLING,
)


@dataclass(frozen=True)
class WorkerCaseload:
    worker_id: UUID
    user_id: int
    name: str
    team_id: UUID
    team_name: str
    #: The part of the service the team sits in (its parent in the hierarchy).
    service_name: str
    job_role: str
    job_role_label: str
    fte: Decimal
    employment: str
    employment_label: str
    #: A registered social worker in a registered role (Social Work England number held).
    registered: bool
    #: The job needs registration (social workers, managers) and no number is recorded.
    registration_missing: bool
    absent: bool
    #: The last day of the absence covering the day; None if open-ended or not absent.
    absent_until: dt.date | None
    cases: int
    weighted_load: float
    #: The job's maximum times FTE: what the worker holds when at work.
    capacity: float
    #: Capacity for new cases: none while absent.
    available: float
    #: ``available`` less the load; negative when over.
    headroom: float
    utilisation: float | None
    over_capacity: bool
    near_capacity: bool


@dataclass(frozen=True)
class TeamCaseload:
    team_id: UUID
    team_name: str
    service_name: str
    #: Case-holding workers (and anyone else holding a case).
    workers: int
    fte: Decimal
    cases: int
    weighted_load: float
    capacity: float
    available: float
    utilisation: float | None
    workers_over_capacity: int
    workers_absent: int


def caseload_team(*, team_id: UUID) -> Team:
    try:
        return Team.objects.get(pk=team_id)
    except (Team.DoesNotExist, ValueError) as e:
        raise NotFound("No such team") from e


def _sibling_groups(child_ids: Any, on: dt.date) -> dict[UUID, UUID]:
    """Each child's sibling group among ``child_ids`` (a subquery), named by one of its
    members; a child with no brother or sister among them is left out. Chains join: if A and
    B are siblings and B and C are, all three are one group."""
    current = (Q(started_on__isnull=True) | Q(started_on__lte=on)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    pairs = Relationship.objects.filter(
        current,
        type__in=SIBLING_TYPES,
        from_person_id__in=child_ids,
        to_person_id__in=child_ids,
    ).values_list("from_person_id", "to_person_id")
    parent: dict[UUID, UUID] = {}

    def root(child: UUID) -> UUID:
        while parent.get(child, child) != child:
            child = parent[child]
        return child

    for a, b in pairs:
        ra, rb = root(a), root(b)
        parent.setdefault(rb, rb)
        if ra != rb:
            parent[ra] = rb
    return {child: root(child) for child in parent}


def _children_in_proceedings(child_ids: set[UUID], on: dt.date) -> set[UUID]:
    """Children for whom the council is in care proceedings on ``on``.

    The hook for the ``care_proceedings`` weight: no record marks proceedings yet. When the
    care area records them (an application to court, until the final order), read them here
    in one query and the uplift applies everywhere caseloads are weighed."""
    return set()


def worker_caseloads(
    *, team_ids: Iterable[UUID], on: dt.date, worker_ids: Collection[UUID] | None = None
) -> list[WorkerCaseload]:
    """Each worker in ``team_ids`` on ``on`` who holds cases or whose job does: their
    caseload, weighted, against their capacity. ``worker_ids`` narrows to those workers."""
    workers = Worker.objects.select_related("user", "team__parent").filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on),
        team_id__in=list(team_ids),
        started_on__lte=on,
    )
    if worker_ids is not None:
        workers = workers.filter(pk__in=list(worker_ids))
    staff = list(workers.order_by("team__path", "user__last_name", "user__first_name"))
    # The later queries take the workers and their children as subqueries, not as lists of
    # ids: a large council's 700 workers hold over 10,000 children.
    worker_ids_sql = workers.values("pk")
    absent_until: dict[UUID, dt.date | None] = dict(
        Absence.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on),
            worker_id__in=worker_ids_sql,
            starts_on__lte=on,
        ).values_list("worker_id", "ends_on")
    )
    allocations = Allocation.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on),
        worker_id__in=worker_ids_sql,
        started_on__lte=on,
    )
    held: dict[UUID, set[UUID]] = defaultdict(set)
    for worker_id, child_id in allocations.values_list("worker_id", "child_id"):
        held[worker_id].add(child_id)
    child_ids_sql = allocations.values("child_id")

    kinds: dict[UUID, set[str]] = defaultdict(set)
    for child_id, kind in OpenCase.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=on),
        child_id__in=child_ids_sql,
        opened_on__lte=on,
    ).values_list("child_id", "kind"):
        kinds[child_id].add(kind)
    held_ids: set[UUID] = set().union(*held.values())
    for child_id in _children_in_proceedings(held_ids, on):
        kinds[child_id].add(rules.CARE_PROCEEDINGS)
    groups = _sibling_groups(child_ids_sql, on) if held_ids else {}

    rows = []
    for w in staff:
        children = held.get(w.pk, set())
        if not children and not rules.holds_cases(w.job_role):
            continue
        absent = w.pk in absent_until
        load = round(
            rules.weighted_load(((c, frozenset(kinds.get(c, ()))) for c in children), groups), 2
        )
        full = rules.capacity(w.job_role, w.fte, absent=False)
        available = rules.capacity(w.job_role, w.fte, absent=absent)
        used = rules.utilisation(load, full)
        rows.append(
            WorkerCaseload(
                worker_id=w.pk,
                user_id=w.user_id,
                name=w.user.get_full_name() or w.user.get_username(),
                team_id=w.team_id,
                team_name=w.team.name,
                service_name=w.team.parent.name if w.team.parent else "",
                job_role=w.job_role,
                job_role_label=w.get_job_role_display(),
                fte=w.fte,
                employment=w.employment,
                employment_label=w.get_employment_display(),
                registered=w.is_registered_social_worker,
                registration_missing=w.job_role in REGISTERED_ROLES and not w.swe_number,
                absent=absent,
                absent_until=absent_until.get(w.pk),
                cases=len(children),
                weighted_load=load,
                capacity=round(full, 2),
                available=round(available, 2),
                headroom=round(available - load, 2),
                utilisation=used,
                over_capacity=load > full,
                near_capacity=load <= full and used is not None and used >= rules.NEAR_CAPACITY,
            )
        )
    return rows


def team_caseloads(*, team_ids: Iterable[UUID], on: dt.date) -> list[TeamCaseload]:
    """Each team's totals, from its workers' rows, by service and then team name. Teams with
    nobody holding cases are left out (directorates, services, reviewing teams)."""
    by_team: dict[UUID, list[WorkerCaseload]] = defaultdict(list)
    for row in worker_caseloads(team_ids=team_ids, on=on):
        by_team[row.team_id].append(row)
    totals = [team_totals(rows) for rows in by_team.values()]
    return sorted(totals, key=lambda t: (t.service_name, t.team_name))


def team_totals(rows: list[WorkerCaseload]) -> TeamCaseload:
    """One team's totals from its workers' rows (all from the same team)."""
    load = round(sum(r.weighted_load for r in rows), 2)
    full = round(sum(r.capacity for r in rows), 2)
    return TeamCaseload(
        team_id=rows[0].team_id,
        team_name=rows[0].team_name,
        service_name=rows[0].service_name,
        workers=len(rows),
        fte=sum((r.fte for r in rows), Decimal(0)),
        cases=sum(r.cases for r in rows),
        weighted_load=load,
        capacity=full,
        available=round(sum(r.available for r in rows), 2),
        utilisation=rules.utilisation(load, full),
        workers_over_capacity=sum(r.over_capacity for r in rows),
        workers_absent=sum(r.absent for r in rows),
    )


def caseload_totals(rows: list[TeamCaseload]) -> TeamCaseload | None:
    """All the teams given, added up (the service view's last row)."""
    if not rows:
        return None
    load = round(sum(r.weighted_load for r in rows), 2)
    full = round(sum(r.capacity for r in rows), 2)
    return TeamCaseload(
        team_id=rows[0].team_id,
        team_name="All teams shown",
        service_name="",
        workers=sum(r.workers for r in rows),
        fte=sum((r.fte for r in rows), Decimal(0)),
        cases=sum(r.cases for r in rows),
        weighted_load=load,
        capacity=full,
        available=round(sum(r.available for r in rows), 2),
        utilisation=rules.utilisation(load, full),
        workers_over_capacity=sum(r.workers_over_capacity for r in rows),
        workers_absent=sum(r.workers_absent for r in rows),
    )
