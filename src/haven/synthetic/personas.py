"""The named demo logins: one per kind of user, each placed where that user would work.

A trainer or tester signs in as ``social.worker`` and finds a caseload, as ``team.manager``
and finds that worker's team, and so on. All share one demo password, printed by
``haven generate --logins``.
"""

from dataclasses import dataclass

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole

#: Passes every password validator in settings (length 12+, three character classes).
DEMO_PASSWORD = "Haven-demo-2026!"  # noqa: S105 - a published demo login, on synthetic data only

#: How many children ``social.worker`` holds, and care leavers ``personal.adviser`` holds.
SOCIAL_WORKER_CASELOAD = 15
PERSONAL_ADVISER_CASELOAD = 8
#: Personas whose current caseload is set aside for them rather than drawn at random.
RESERVED_PERSONAS = {
    "social.worker": SOCIAL_WORKER_CASELOAD,
    "personal.adviser": PERSONAL_ADVISER_CASELOAD,
}


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    role: Role
    #: None for users with no place in a team (analysts, auditors, administrators).
    job_role: JobRole | None
    #: Where they sit: a team kind (the first team of that kind), "service:<kind>" for the
    #: service above that kind of team, or "directorate".
    place: str


PERSONAS: tuple[Persona, ...] = (
    Persona("social.worker", "Sam", "Okoye", Role.SOCIAL_WORKER, JobRole.SOCIAL_WORKER, "cin_cp"),
    Persona(
        "senior.practitioner",
        "Priya",
        "Shah",
        Role.SENIOR_PRACTITIONER,
        JobRole.SENIOR_PRACTITIONER,
        "cin_cp",
    ),
    Persona("team.manager", "Tom", "Fletcher", Role.TEAM_MANAGER, JobRole.TEAM_MANAGER, "cin_cp"),
    Persona(
        "service.manager",
        "Sue",
        "Marsh",
        Role.SERVICE_MANAGER,
        JobRole.SERVICE_MANAGER,
        "service:cin_cp",
    ),
    Persona("dcs", "Dee", "Carter", Role.DCS, JobRole.DIRECTOR, "directorate"),
    Persona("mash.screener", "Max", "Hill", Role.MASH_SCREENER, JobRole.SCREENER, "front_door"),
    Persona("mash.manager", "Mia", "Grant", Role.MASH_MANAGER, JobRole.TEAM_MANAGER, "front_door"),
    Persona("iro", "Ira", "Jones", Role.IRO, JobRole.IRO, "quality"),
    Persona(
        "personal.adviser",
        "Pat",
        "Doyle",
        Role.PERSONAL_ADVISER,
        JobRole.PERSONAL_ADVISER,
        "care_leavers",
    ),
    Persona(
        "business.support",
        "Bea",
        "Lowe",
        Role.BUSINESS_SUPPORT,
        JobRole.BUSINESS_SUPPORT,
        "cin_cp",
    ),
    Persona("analyst", "Ana", "Lister", Role.PERFORMANCE_ANALYST, None, "directorate"),
    Persona("auditor", "Amy", "Ward", Role.AUDITOR, None, "directorate"),
    Persona("admin", "Sid", "Adams", Role.SYSTEM_ADMIN, None, "directorate"),
)

PERSONA_USERNAMES = tuple(p.username for p in PERSONAS)
