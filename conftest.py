"""Fixtures shared by every test: a small council with one user per persona.

Everything is built through the same services a person uses.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from haven.accounts.roles import Role
from haven.accounts.services import user_create
from haven.allocation.enums import Employment, JobRole, TeamKind
from haven.allocation.services import allocation_start, team_create, worker_create
from haven.people.enums import PersonKind, RelationshipType, RestrictionReason, Sex
from haven.people.services import person_create, person_restrict, relationship_add

PASSWORD = "Correct-Horse-42"  # meets the password rules


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgresql`` need what SQLite lacks (concurrent writers). ``make test``
    runs the suite on both databases, so on SQLite they are deselected, not skipped: each
    still runs, in the PostgreSQL pass."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if item.get_closest_marker("postgresql") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


@pytest.fixture(autouse=True)
def _test_settings(settings: Any) -> None:
    """A fast hasher (the real one is slow on purpose and fixtures create many users) and
    plain static files (the hashed manifest exists only after ``collectstatic``)."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # users made outside a test
    ]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class Council:
    teams: dict[str, Any]
    users: dict[str, Any]
    children: dict[str, Any]


def make_user(
    username: str,
    role: Role,
    *,
    team: Any = None,
    job: JobRole | None = None,
    swe: str = "",
    employment: Employment = Employment.PERMANENT,
) -> Any:
    first, _, last = username.partition("_")
    user = user_create(
        actor=None,
        username=username,
        first_name=first.title(),
        last_name=(last or "user").replace("_", " ").title(),
        role=role,
        password=PASSWORD,
    )
    if team is not None:
        worker_create(
            actor=None,
            user=user,
            team=team,
            job_role=job or JobRole.SOCIAL_WORKER,
            fte=Decimal("1.0"),
            employment=employment,
            started_on=dt.date(2020, 1, 6),
            swe_number=swe,
        )
    return user


def make_child(given: str, family: str, dob: dt.date = dt.date(2015, 3, 2), **kw: Any) -> Any:
    return person_create(
        actor=None,
        given_name=given,
        family_name=family,
        date_of_birth=dob,
        sex=kw.pop("sex", Sex.FEMALE),
        **kw,
    )


@pytest.fixture
def council(db: Any) -> Council:
    t: dict[str, Any] = {}
    t["csc"] = team_create(actor=None, name="Children's services", kind=TeamKind.DIRECTORATE)
    t["safeguarding"] = team_create(
        actor=None, name="Safeguarding", kind=TeamKind.SERVICE, parent=t["csc"]
    )
    t["team_a"] = team_create(
        actor=None, name="Assessment A", kind=TeamKind.ASSESSMENT, parent=t["safeguarding"]
    )
    t["team_b"] = team_create(
        actor=None, name="Assessment B", kind=TeamKind.ASSESSMENT, parent=t["safeguarding"]
    )
    t["care"] = team_create(
        actor=None, name="Children in care", kind=TeamKind.SERVICE, parent=t["csc"]
    )
    t["cic"] = team_create(
        actor=None, name="Children in care 1", kind=TeamKind.CHILDREN_IN_CARE, parent=t["care"]
    )
    t["front_door"] = team_create(
        actor=None, name="MASH", kind=TeamKind.FRONT_DOOR, parent=t["csc"]
    )
    t["quality"] = team_create(actor=None, name="Reviewing", kind=TeamKind.QUALITY, parent=t["csc"])
    u: dict[str, Any] = {
        "social_worker": make_user(
            "sam_worker", Role.SOCIAL_WORKER, team=t["team_a"], swe="SW100001"
        ),
        "colleague": make_user(
            "cara_colleague",
            Role.SOCIAL_WORKER,
            team=t["team_a"],
            swe="SW100002",
            employment=Employment.AGENCY,
        ),
        "other_worker": make_user(
            "olu_other", Role.SOCIAL_WORKER, team=t["team_b"], swe="SW100003"
        ),
        "cic_worker": make_user("cat_cic", Role.SOCIAL_WORKER, team=t["cic"], swe="SW100004"),
        "team_manager": make_user(
            "tom_manager",
            Role.TEAM_MANAGER,
            team=t["team_a"],
            job=JobRole.TEAM_MANAGER,
            swe="SW100005",
        ),
        "service_manager": make_user(
            "sue_service",
            Role.SERVICE_MANAGER,
            team=t["safeguarding"],
            job=JobRole.SERVICE_MANAGER,
            swe="SW100006",
        ),
        "dcs": make_user("dee_director", Role.DCS, team=t["csc"], job=JobRole.DIRECTOR),
        "mash_screener": make_user(
            "max_screener", Role.MASH_SCREENER, team=t["front_door"], job=JobRole.SCREENER
        ),
        "iro": make_user(
            "ira_reviewer", Role.IRO, team=t["quality"], job=JobRole.IRO, swe="SW100007"
        ),
        "business_support": make_user(
            "bea_support", Role.BUSINESS_SUPPORT, team=t["team_a"], job=JobRole.BUSINESS_SUPPORT
        ),
        "performance_analyst": make_user("pat_analyst", Role.PERFORMANCE_ANALYST),
        "auditor": make_user("amy_auditor", Role.AUDITOR),
        "system_admin": make_user("sid_admin", Role.SYSTEM_ADMIN),
        "partner_police": make_user("pc_police", Role.PARTNER),
    }
    start = dt.date(2024, 1, 8)
    c: dict[str, Any] = {
        "allocated": make_child("Amelia", "Hart"),
        "team": make_child("Tyler", "Hart", dob=dt.date(2017, 6, 1), sex=Sex.MALE),
        "other_team": make_child("Olivia", "Okafor"),
        "in_care": make_child("Isla", "Carter"),
        "unallocated": make_child("Uma", "Nowak"),
        "restricted": make_child("Rory", "Quinn", sex=Sex.MALE),
    }
    c["parent"] = person_create(
        actor=None,
        kind=PersonKind.ADULT,
        given_name="Helen",
        family_name="Hart",
        date_of_birth=dt.date(1988, 9, 9),
        sex=Sex.FEMALE,
    )
    relationship_add(
        actor=None, from_person=c["parent"], to_person=c["allocated"], type=RelationshipType.MOTHER
    )
    workers = {
        "allocated": "social_worker",
        "team": "colleague",
        "other_team": "other_worker",
        "in_care": "cic_worker",
        "restricted": "social_worker",
    }
    for child, persona in workers.items():
        allocation_start(actor=None, child=c[child], worker=u[persona].worker, started_on=start)
    person_restrict(
        actor=None,
        person=c["restricted"],
        reason=RestrictionReason.ADOPTION,
        named_users=[u["team_manager"]],
    )
    return Council(teams=t, users=u, children=c)
