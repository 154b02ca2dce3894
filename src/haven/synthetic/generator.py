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
from collections.abc import Callable
from typing import Any

from django.db import transaction
from faker import Faker

from haven.accounts.models import User
from haven.allocation.models import Allocation
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.services import deadline_open
from haven.oversight.services import queue_sync
from haven.people.models import Person
from haven.synthetic import calibration as cal
from haven.synthetic.personas import PERSONA_USERNAMES
from haven.synthetic.population import Population
from haven.synthetic.selectors import council_summary
from haven.synthetic.workforce import WorkforceBuilder

#: Bumped when the same seed would give a different council.
GENERATOR_VERSION = 2

#: social.worker's open deadlines: (rule, days before today the clock started).
PERSONA_DEADLINES = (
    ("child-and-family-assessment", 80),  # overdue: 45 working days have passed
    ("child-and-family-assessment", 20),
    ("referral-decision", 0),
    ("initial-child-protection-conference", 4),
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


def generate(
    *,
    scale: str,
    seed: int,
    children: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Generate a council and return what was made (the audit payload)."""
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
    n_children = preset.children if children is None else children
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    today = clock.today()
    with transaction.atomic():
        workforce = WorkforceBuilder(rng=rng, fake=fake, today=today, scale=preset).build()
        population = Population(
            rng=rng,
            fake=fake,
            today=today,
            now=clock.now(),
            scale=preset,
            n_children=n_children,
            workforce=workforce,
        )
        population.build(progress)
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
        c = population.counts
        r = population.records.counts
        payload: dict[str, Any] = {
            "version": GENERATOR_VERSION,
            "scale": scale,
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
            "deadlines": deadlines,
            "queue_clocks": queue.opened,
            "personas": sorted(workforce.personas),
        }
        audit_record(
            actor=None,
            verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED,
            subject=workforce.directorate,
            payload=payload,
        )
    return payload
