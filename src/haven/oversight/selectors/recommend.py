"""The recommender's inputs, read from the records: each waiting child as a ``CaseNeed`` and
each worker a manager may allocate to as a ``WorkerSupply`` (``allocation.recommend`` is a
pure algorithm and reads nothing itself)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Q

from haven.allocation.capacity import case_weight
from haven.allocation.enums import STATUTORY_CASE_KINDS, Skill
from haven.allocation.models import Allocation, OpenCase, Team, Worker
from haven.allocation.recommend import (
    CaseNeed,
    QueuePlan,
    Recommendation,
    WorkerSupply,
    recommend_for_case,
    recommend_for_queue,
)
from haven.casework.enums import AssessmentFactor
from haven.casework.models import IdentifiedFactor
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.selectors.caseloads import SIBLING_TYPES, WorkerCaseload, worker_caseloads
from haven.people.enums import Disability
from haven.people.models import Person, PersonDisability, Relationship


def _supply(rows: Iterable[WorkerCaseload]) -> list[WorkerSupply]:
    rows = list(rows)
    skills = dict(
        Worker.objects.filter(pk__in=[r.worker_id for r in rows]).values_list("pk", "skills")
    )
    teams = {
        t.pk: t
        for t in Team.objects.filter(pk__in={r.team_id for r in rows}).only(
            "id", "parent_id", "area"
        )
    }
    return [
        WorkerSupply(
            id=r.worker_id,
            team_id=r.team_id,
            service_id=teams[r.team_id].parent_id or r.team_id,
            capacity=r.available,
            load=r.weighted_load,
            area=teams[r.team_id].area,
            registered=r.registered,
            skills=frozenset(skills.get(r.worker_id) or ()),
        )
        for r in rows
        if r.capacity > 0
    ]


def _siblings(child_ids: set[UUID], on: dt.date) -> dict[UUID, set[UUID]]:
    current = (Q(started_on__isnull=True) | Q(started_on__lte=on)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    found: dict[UUID, set[UUID]] = defaultdict(set)
    for a, b in Relationship.objects.filter(
        current,
        Q(from_person_id__in=child_ids) | Q(to_person_id__in=child_ids),
        type__in=SIBLING_TYPES,
    ).values_list("from_person_id", "to_person_id"):
        if a in child_ids:
            found[a].add(b)
        if b in child_ids:
            found[b].add(a)
    return found


#: Assessment factors (CIN census codes) whose cases want a worker with a skill.
FACTOR_SKILLS: dict[str, Skill] = {
    AssessmentFactor.CSE: Skill.EXPLOITATION,
    AssessmentFactor.TRAFFICKING: Skill.EXPLOITATION,
    AssessmentFactor.GANGS: Skill.EXPLOITATION,
    AssessmentFactor.DOMESTIC_ABUSE_CHILD: Skill.DOMESTIC_ABUSE,
    AssessmentFactor.DOMESTIC_ABUSE_PARENT: Skill.DOMESTIC_ABUSE,
    AssessmentFactor.DOMESTIC_ABUSE_OTHER: Skill.DOMESTIC_ABUSE,
}


def _skills_needed(child_ids: set[UUID]) -> dict[UUID, set[str]]:
    """What each child's case asks of a worker: a disability on the record, an
    unaccompanied asylum-seeking child, and the factors found at assessment."""
    needed: dict[UUID, set[str]] = defaultdict(set)
    for child_id in (
        PersonDisability.objects.filter(person_id__in=child_ids)
        .exclude(code=Disability.NONE)
        .values_list("person_id", flat=True)
    ):
        needed[child_id].add(Skill.DISABILITY)
    for child_id in Person.objects.filter(pk__in=child_ids, uasc=True).values_list("pk", flat=True):
        needed[child_id].add(Skill.UASC)
    for child_id, code in IdentifiedFactor.objects.filter(
        assessment__child_id__in=child_ids, code__in=list(FACTOR_SKILLS)
    ).values_list("assessment__child_id", "code"):
        needed[child_id].add(FACTOR_SKILLS[code])
    return needed


def case_needs(*, child_ids: Sequence[UUID], fallback_team_id: UUID, on: dt.date) -> list[CaseNeed]:
    """Each waiting child as the recommender sees them, in the order given: the weight of
    their heaviest open case, whether it is statutory, their team (their last worker's, else
    the team holding their clocks, else ``fallback_team_id``), their previous workers, and
    the workers who hold a brother or sister now."""
    ids = set(child_ids)
    kinds: dict[UUID, set[str]] = defaultdict(set)
    for child_id, kind in OpenCase.objects.filter(
        child_id__in=ids, closed_on__isnull=True
    ).values_list("child_id", "kind"):
        kinds[child_id].add(kind)
    previous: dict[UUID, set[UUID]] = defaultdict(set)
    last_team: dict[UUID, UUID] = {}
    for child_id, worker_id, team_id in (
        Allocation.objects.filter(child_id__in=ids)
        .order_by("started_on")
        .values_list("child_id", "worker_id", "team_id")
    ):
        previous[child_id].add(worker_id)
        last_team[child_id] = team_id
    clock_team = dict(
        Deadline.objects.filter(
            child_id__in=ids, status=DeadlineStatus.OPEN, team_id__isnull=False
        ).values_list("child_id", "team_id")
    )
    siblings = _siblings(ids, on)
    sibling_ids = set().union(*siblings.values()) if siblings else set()
    holder = dict(
        Allocation.objects.filter(child_id__in=sibling_ids, ended_on__isnull=True).values_list(
            "child_id", "worker_id"
        )
    )
    teams = {t.pk: t for t in Team.objects.only("id", "parent_id", "area")}
    needed = _skills_needed(ids)
    needs = []
    for child_id in child_ids:
        team_id = last_team.get(child_id) or clock_team.get(child_id) or fallback_team_id
        team = teams.get(team_id)
        group = min((str(c) for c in siblings.get(child_id, set()) | {child_id}), default=None)
        needs.append(
            CaseNeed(
                id=child_id,
                weight=case_weight(kinds[child_id]),
                team_id=team_id,
                service_id=(team.parent_id if team and team.parent_id else team_id),
                area=team.area if team else "",
                statutory=any(k in STATUTORY_CASE_KINDS for k in kinds[child_id]),
                skills=frozenset(needed.get(child_id, ())),
                previous_worker_ids=frozenset(previous[child_id]),
                sibling_worker_ids=frozenset(
                    holder[s] for s in siblings.get(child_id, set()) if s in holder
                ),
                sibling_group=group if siblings.get(child_id) else None,
            )
        )
    return needs


@dataclass(frozen=True)
class Recommended:
    worker: WorkerCaseload
    recommendation: Recommendation


def recommendations_for(
    *, child_id: UUID, team_ids: Sequence[UUID], fallback_team_id: UUID, on: dt.date, limit: int = 5
) -> list[Recommended]:
    """The best workers for one waiting child among those in ``team_ids``, best first."""
    rows: dict[Any, WorkerCaseload] = {
        r.worker_id: r for r in worker_caseloads(team_ids=team_ids, on=on)
    }
    (need,) = case_needs(child_ids=[child_id], fallback_team_id=fallback_team_id, on=on)
    ranked = recommend_for_case(
        need,
        _supply(rows.values()),
        limit=limit,
        section_17_led_by_others=bool(settings.HAVEN_SECTION_17_LED_BY_OTHERS),
    )
    return [Recommended(rows[r.worker_id], r) for r in ranked]


def queue_plan(
    *, child_ids: Sequence[UUID], team_ids: Sequence[UUID], fallback_team_id: UUID, on: dt.date
) -> tuple[QueuePlan, dict[UUID, WorkerCaseload]]:
    """A worker for every waiting child who can have one, solved for the whole queue."""
    rows = {r.worker_id: r for r in worker_caseloads(team_ids=team_ids, on=on)}
    needs = case_needs(child_ids=child_ids, fallback_team_id=fallback_team_id, on=on)
    plan = recommend_for_queue(
        needs,
        _supply(rows.values()),
        section_17_led_by_others=bool(settings.HAVEN_SECTION_17_LED_BY_OTHERS),
    )
    return plan, rows
