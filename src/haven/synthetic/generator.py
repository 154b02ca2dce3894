"""Build a whole synthetic council in one transaction: ``haven generate``.

The same seed gives the same council: every name, date and identifier comes from one
``random.Random(seed)`` and a Faker seeded with it, drawn in a fixed order. Dates are counted
back from the day of generation, so open cases, visits and deadlines are current.

Bulk-written rows get no audit event each: one ``SYNTHETIC_COUNCIL_GENERATED`` event records
what was made (docs/synthetic.md explains why). Teams, staff and the personas' deadlines go
through their services and are audited as usual.
"""

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import transaction
from django.db.models import Count
from faker import Faker

from haven.accounts.models import User
from haven.allocation.enums import REGISTERED_ROLES, Employment, JobRole
from haven.allocation.models import Absence, Allocation, Worker
from haven.allocation.services import worker_leave
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_open
from haven.oversight.enums import RiskRating
from haven.oversight.models import RiskReview
from haven.oversight.selectors.queue import REVIEW_RULE, joined_on, queued_child_ids
from haven.oversight.services import queue_sync
from haven.people.models import Person
from haven.synthetic import calibration as cal
from haven.synthetic.absence import AbsenceBuilder, absences_write
from haven.synthetic.care import care_counts
from haven.synthetic.outside_home import OutsideHome
from haven.synthetic.personas import PERSONA_USERNAMES
from haven.synthetic.population import Population
from haven.synthetic.selectors import council_summary
from haven.synthetic.workforce import Workforce, WorkforceBuilder

#: Bumped when the same seed would give a different council.
GENERATOR_VERSION = 6
#: Open cases at which a worker counts as overloaded in the summary (Ofsted found social
#: workers in Northamptonshire holding 30 to 50 children).
OVERLOADED_CASES = 30

#: social.worker's open deadlines set by hand: (rule, days before today the clock started).
#: Their child protection and child in need clocks (an enquiry awaiting its conference, a plan
#: whose visits have lapsed) come from the protection pathway (``protection``).
PERSONA_DEADLINES = (
    ("child-and-family-assessment", 80),  # overdue: 45 working days have passed
    ("child-and-family-assessment", 20),
    ("referral-decision", 0),
)


class GenerationRefused(Exception):
    """The database already holds a council (or its logins), so nothing was written."""


def _persona_deadlines(*, social_worker: Any, children: list[Person], today: dt.date) -> int:
    """A few open clocks on the persona's caseload, one overdue, so "my work" has items."""
    worker = social_worker.worker
    opened = 0
    for child, (rule_id, ago) in zip(children, PERSONA_DEADLINES, strict=False):
        try:
            deadline_open(
                actor=None,
                child=child,
                rule_id=rule_id,
                start=today - dt.timedelta(days=ago),
                assignee=social_worker,
                team=worker.team,
            )
        except (ValidationError, ValueError):
            continue  # the rule or the bank-holiday calendar does not cover that date
        opened += 1
    return opened


@dataclass
class Strain:
    """What a scenario did to the workforce before any case was allocated."""

    vacated: list[UUID] = field(default_factory=list)
    stretched: list[UUID] = field(default_factory=list)
    agency: int = 0


def _strain(
    workforce: Workforce, *, scenario: cal.Scenario, rng: random.Random, today: dt.date
) -> Strain:
    """Leave posts empty, move permanent staff to agency contracts and pick the workers who
    will carry more than their share: the workforce of a council in crisis.

    Done after the workforce is built and before any case is allocated, so the leavers'
    caseloads fall on those who remain and their children wait. Nothing is drawn from
    ``rng`` for the typical scenario, so its council is unchanged.
    """
    strain = Strain()
    if max(scenario.vacancy_share, scenario.extra_agency_share, scenario.stretched_share) <= 0:
        return strain
    personas = list(workforce.persona_staff.values())
    history_start = today - dt.timedelta(days=int(365.25 * cal.HISTORY_YEARS))
    agency: list[UUID] = []
    for staff_list in workforce.case_holders.values():
        for staff in staff_list:
            # Personas stay, and so do the long-serving workers who hold the early history.
            if staff.ended_on is not None or any(staff is p for p in personas):
                continue
            if staff.started_on <= history_start:
                continue
            if rng.random() < scenario.vacancy_share:
                low, high = scenario.vacancy_months
                left = today - dt.timedelta(days=rng.randint(30 * low, 30 * high))
                if left > staff.started_on + dt.timedelta(days=30):
                    staff.worker = worker_leave(actor=None, worker=staff.worker, ended_on=left)
                    staff.ended_on = left
                    strain.vacated.append(staff.worker.id)
                    workforce.leavers += 1
                    continue
            worker = staff.worker
            if (
                worker.employment == Employment.PERMANENT
                and worker.job_role in REGISTERED_ROLES
                and worker.job_role != JobRole.ASYE_SOCIAL_WORKER
                and rng.random() < scenario.extra_agency_share
            ):
                agency.append(worker.id)
                worker.employment = Employment.AGENCY
            if rng.random() < scenario.stretched_share:
                strain.stretched.append(worker.id)
    Worker.objects.filter(pk__in=agency).update(employment=Employment.AGENCY)
    strain.agency = len(agency)
    workforce.agency += len(agency)
    return strain


RATIONALES = (
    "Known to services; no new incidents reported since the referral.",
    "Parents engaging with the family support worker; school reports no concerns.",
    "Domestic abuse history; the perpetrator is not in the household.",
    "Concerns about neglect; the health visitor is visiting weekly.",
)
INTERIM = (
    "Team manager to keep under review; school and health visitor to report any concern.",
    "Duty worker to make a phone call to the parent each fortnight.",
    "Family support worker visits weekly until a social worker is allocated.",
)


def _risk_reviews(*, share: float, rng: random.Random, today: dt.date, workforce: Workforce) -> int:
    """A stale risk review for ``share`` of the children waiting: reviewed once, soon after
    they joined the queue, and not since; the others have never been reviewed."""
    if share <= 0:
        return 0
    joined = joined_on(queued_child_ids())
    teams: dict[UUID, UUID] = dict(
        Allocation.objects.filter(child_id__in=list(joined))
        .order_by("child_id", "started_on")
        .values_list("child_id", "team_id")
    )
    now = clock.now()
    rows = []
    for child_id in sorted(joined):
        if rng.random() >= share:
            continue
        reviewed = joined[child_id] + dt.timedelta(days=rng.randint(2, 15))
        if reviewed > today - dt.timedelta(days=20):
            continue
        team_id = teams.get(child_id)
        manager = workforce.managers.get(team_id) if team_id is not None else None
        rows.append(
            RiskReview(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                child_id=child_id,
                reviewed_on=reviewed,
                rating=rng.choices(
                    (RiskRating.HIGH, RiskRating.MEDIUM, RiskRating.LOW), weights=(20, 55, 25)
                )[0],
                rationale=rng.choice(RATIONALES),
                interim_actions=rng.choice(INTERIM),
                who_will_see="The duty social worker, when the case is allocated",
                reviewed_by_id=manager.pk if manager is not None else None,
                created_at=now,
                updated_at=now,
            )
        )
    RiskReview.objects.bulk_create(rows, batch_size=2_000)
    return len(rows)


def allocation_figures(today: dt.date) -> dict[str, Any]:
    """Today's allocation and caseload picture, as the summary prints it."""
    waiting = joined_on(queued_child_ids())
    longest = min(waiting.values(), default=None)
    loads = list(
        Allocation.objects.filter(ended_on__isnull=True)
        .values("worker")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    in_post = Worker.objects.filter(ended_on__isnull=True, job_role__in=REGISTERED_ROLES)
    registered = in_post.count()
    agency = in_post.filter(employment=Employment.AGENCY).count()
    return {
        "open_cases_unallocated": len(waiting),
        "longest_wait_days": (today - longest).days if longest is not None else 0,
        "workers_over_30": sum(1 for n in loads if n >= OVERLOADED_CASES),
        "largest_caseload": max(loads, default=0),
        "risk_reviews_overdue": Deadline.objects.filter(
            rule_id=REVIEW_RULE, status=DeadlineStatus.OPEN, due_on__lt=today
        ).count(),
        "agency_share": round(agency / registered, 3) if registered else 0.0,
        "absent_today": Absence.objects.filter(starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .count(),
    }


def protection_figures(rows: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    """What the protection pathway wrote (rows by model) and what is open today."""
    return {
        "strategy_discussions": rows.get("strategydiscussion", 0),
        "section47_enquiries": rows.get("section47enquiry", 0),
        "enquiries_open": counts.get("enquiries_open", 0),
        "initial_conferences": counts.get("conferences_initial", 0),
        "review_conferences": counts.get("conferences_review", 0),
        "cp_plans": counts.get("plans_cp", 0),
        "cp_plans_repeat": counts.get("plans_cp_repeat", 0),
        "cin_plans": counts.get("plans_cin", 0),
        "open_cp_plans": counts.get("open_cp_plans", 0),
        "open_cin_plans": counts.get("open_cin_plans", 0),
        "outcomes": rows.get("planoutcome", 0),
        "actions": rows.get("planaction", 0),
        "ratings": rows.get("outcomerating", 0),
        "cin_plan_reviews": rows.get("planreview", 0),
        "core_groups": rows.get("coregroupmeeting", 0),
        "visits": rows.get("visit", 0),
        "protective_orders": rows.get("protectiveorder", 0),
        "pre_proceedings": rows.get("preproceedings", 0),
        "open_clocks": counts.get("open_clocks", 0),
        "overdue_clocks": counts.get("overdue_clocks", 0),
    }


def generate(
    *,
    scale: str,
    seed: int,
    children: int | None = None,
    progress: Callable[[int], None] | None = None,
    scenario: str = "typical",
) -> dict[str, Any]:
    """Generate a council and return what was made (the audit payload).

    ``scenario`` is ``typical`` (national rates) or ``crisis`` (a council in the state
    Northamptonshire was found in: docs/synthetic.md).
    """
    if council_summary() is not None:
        raise GenerationRefused(
            "This database already has a synthetic council. Use a fresh database "
            "(for example, set HAVEN_VAR_DIR or DATABASE_URL) to generate another."
        )
    taken = sorted(
        User.objects.filter(username__in=PERSONA_USERNAMES).values_list("username", flat=True)
    )
    if taken:
        raise GenerationRefused(
            f"Users {', '.join(taken)} already exist: generate into an empty database."
        )
    preset = cal.SCALES[scale]
    setting = cal.SCENARIOS[scenario]
    n_children = preset.children if children is None else children
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    today = clock.today()
    with transaction.atomic():
        workforce = WorkforceBuilder(rng=rng, fake=fake, today=today, scale=preset).build()
        strain = _strain(workforce, scenario=setting, rng=rng, today=today)
        # Absences draw from a generator of their own; workers on a long absence today have
        # had their cases handed on (ABSENC), so the histories below read them.
        absence_rng = random.Random(f"absence:{seed}")
        absences = AbsenceBuilder(
            rng=absence_rng,
            today=today,
            scenario=setting,
            steady={u.pk for u in workforce.personas.values()},
        ).build(Worker.objects.order_by("started_on", "user__username"))
        absences_write(
            absences,
            now=clock.now(),
            new_id=lambda: uuid.UUID(int=absence_rng.getrandbits(128), version=4),
        )
        population = Population(
            rng=rng,
            fake=fake,
            today=today,
            now=clock.now(),
            scale=preset,
            n_children=n_children,
            workforce=workforce,
            scenario=setting,
            vacated=strain.vacated,
            handover=absences.handover,
            stretched=strain.stretched,
            protection_rng=random.Random(f"protection:{seed}"),
            care_rng=random.Random(f"care:{seed}"),
        )
        population.build(progress)
        outside = OutsideHome(seed=seed, today=today, now=clock.now()).build(
            [c.id for c in population.persona_children.get("social.worker", [])]
        )
        reviews = _risk_reviews(
            share=setting.reviewed_share, rng=rng, today=today, workforce=workforce
        )
        social_worker = workforce.personas.get("social.worker")
        deadlines = (
            _persona_deadlines(
                social_worker=social_worker,
                children=population.persona_children.get("social.worker", []),
                today=today,
            )
            if social_worker is not None
            else 0
        )
        # The allocation queue's clocks, as the nightly reconciliation starts them.
        queue = queue_sync(actor=None)
        figures = allocation_figures(today)
        c = population.counts
        r = population.records.counts
        payload: dict[str, Any] = {
            "version": GENERATOR_VERSION,
            "scale": scale,
            "scenario": scenario,
            "seed": seed,
            "as_of": today.isoformat(),
            "children": c.get("children", 0),
            "adults": c.get("adults", 0),
            "unborn": c.get("unborn", 0),
            "uasc": c.get("uasc", 0),
            "care_leavers": c.get("care_leavers", 0),
            "restricted": c.get("restricted", 0),
            "open_children": c.get("open_children", 0),
            "unallocated_children": c.get("unallocated_children", 0),
            "teams": sum(len(t) for t in workforce.teams.values()),
            "staff": workforce.staff,
            "leavers": workforce.leavers,
            "agency": workforce.agency,
            "users": workforce.users,
            "allocations": c.get("allocation", 0),
            "open_allocations": Allocation.objects.filter(ended_on__isnull=True).count(),
            "relationships": c.get("relationship", 0),
            "addresses": c.get("address", 0),
            "search_keys": c.get("personsearchkey", 0),
            "case_notes": c.get("casenote", 0),
            "chronology_entries": c.get("chronologyentry", 0),
            "contacts": c.get("contact", 0),
            "contact_children": c.get("contactchild", 0),
            "contacts_by_outcome": {
                outcome: r.get(f"contacts_{outcome}", 0)
                for outcome in ("referral", "nfa", "information_advice", "early_help")
            },
            "contacts_awaiting_decision": r.get("queue_contacts", 0),
            "agency_checks": c.get("agencycheck", 0),
            "contact_decisions": c.get("contactdecision", 0),
            "cin_episodes": c.get("cinepisode", 0),
            "nfa_referrals": r.get("nfa_referrals", 0),
            "assessments": c.get("assessment", 0),
            "assessment_factors": c.get("identifiedfactor", 0),
            "early_help_episodes": c.get("earlyhelpepisode", 0),
            "early_help_stepped_up": r.get("early_help_stepped_up", 0),
            "open_deadlines": c.get("deadline", 0),
            "protection": protection_figures(c, population.protection.counts),
            "care": care_counts(c, population.care),
            "outside_home": outside,
            "deadlines": deadlines,
            "queue_clocks": queue.opened,
            "risk_reviews": reviews,
            "absences": len(absences.rows),
            "absences_by_kind": {k: v for k, v in sorted(absences.counts.items())},
            "vacancies_left_empty": len(strain.vacated),
            "moved_to_agency": strain.agency,
            **figures,
            "personas": sorted(workforce.personas),
        }
        audit_record(
            actor=None,
            verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED,
            subject=workforce.directorate,
            payload=payload,
        )
    return payload
