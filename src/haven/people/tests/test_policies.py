"""Who may do what to which record: persona x action x relationship, every cell asserted.

The expected table is written out here by hand, independently of ``accounts.permissions``,
so a change to the policy must be made twice, on purpose.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from conftest import make_child, make_user

from haven.accounts.permissions import Action
from haven.accounts.roles import Role
from haven.allocation.enums import Employment, JobRole, TeamKind
from haven.allocation.selectors import worker_for_user
from haven.allocation.services import allocation_start, team_create, worker_create
from haven.people import policies
from haven.people.enums import PersonKind, RelationshipType, RestrictionReason
from haven.people.services import break_glass, person_create, person_restrict, relationship_add


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """The council fixture creates a dozen users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


RELATIONSHIPS = [
    "allocated",
    "team",
    "other_team",
    "in_care",
    "unallocated",
    "restricted",
    "parent",
]
EVERYONE_BUT_RESTRICTED = set(RELATIONSHIPS) - {"restricted"}
TEAM_A = {"allocated", "team", "parent"}

REACH = {
    "social_worker": TEAM_A,
    "colleague": TEAM_A,
    "other_worker": {"other_team"},
    "cic_worker": {"in_care"},
    "team_manager": TEAM_A | {"restricted"},  # named on the restricted record
    "service_manager": TEAM_A | {"other_team"},
    "dcs": EVERYONE_BUT_RESTRICTED,
    "mash_screener": EVERYONE_BUT_RESTRICTED,
    "iro": EVERYONE_BUT_RESTRICTED,
    "business_support": EVERYONE_BUT_RESTRICTED,
    "performance_analyst": set(),
    "auditor": set(),
    "system_admin": set(),
    "partner_police": set(),
}

V, N, E, G = Action.VIEW_RECORD, Action.ADD_CASE_NOTE, Action.EDIT_PERSON, Action.BREAK_GLASS
ACTIONS = {
    "social_worker": {V, N, E, G},
    "colleague": {V, N, E, G},
    "other_worker": {V, N, E, G},
    "cic_worker": {V, N, E, G},
    "team_manager": {V, N, E, G},
    "service_manager": {V, N, E, G},
    "dcs": {V, G},
    "mash_screener": {V, N, E, G},
    "iro": {V, N, G},
    "business_support": {V, E},
    "performance_analyst": set(),
    "auditor": set(),
    "system_admin": set(),
    "partner_police": set(),
}


@pytest.mark.parametrize("persona", sorted(REACH))
def test_every_cell_of_the_matrix(council: Any, persona: str) -> None:
    user = council.users[persona]
    wrong = []
    for action in (V, N, E):
        visible = set(policies.visible_people(user, action).values_list("pk", flat=True))
        for rel in RELATIONSHIPS:
            child = council.children[rel]
            expected = action in ACTIONS[persona] and rel in REACH[persona]
            if policies.can(user, action, child) != expected:
                wrong.append((action, rel, "can", expected))
            if (child.pk in visible) != expected:
                wrong.append((action, rel, "visible", expected))
    for rel in RELATIONSHIPS:
        expected = G in ACTIONS[persona] and rel not in REACH[persona]
        if policies.can_break_glass(user, council.children[rel]) != expected:
            wrong.append((G, rel, "break_glass", expected))
    assert wrong == []


def test_only_auditors_see_audit_trails(council: Any) -> None:
    assert {p for p, u in council.users.items() if policies.can_view_audit(u)} == {"auditor"}


def test_break_glass_opens_a_record_for_a_limited_time(council: Any) -> None:
    user, child = council.users["social_worker"], council.children["restricted"]
    assert not policies.can(user, V, child)
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        break_glass(actor=user, person=child, reason="Police at the door asking about Rory")
        assert policies.can(user, V, child)
    with time_machine.travel(dt.datetime(2026, 5, 1, 10, 1, tzinfo=dt.UTC), tick=False):
        assert not policies.can(user, V, child)


def test_break_glass_needs_a_reason(council: Any) -> None:
    from haven.core.errors import ValidationError

    with pytest.raises(ValidationError) as e:
        break_glass(
            actor=council.users["social_worker"], person=council.children["in_care"], reason="  "
        )
    assert "reason" in e.value.message_dict
    assert not policies.can(council.users["social_worker"], V, council.children["in_care"])


def test_new_person_stays_visible_to_its_creator_until_allocated(council: Any) -> None:
    from haven.people.services import person_create

    sw = council.users["social_worker"]
    baby = person_create(
        actor=sw,
        given_name="",
        family_name="Hart",
        expected_date_of_birth=dt.date.today() + dt.timedelta(days=60),
    )
    assert policies.can(sw, V, baby)
    assert not policies.can(council.users["other_worker"], V, baby)


# --- Persona x action x relationship ------------------------------------------------------
#
# Each persona meets a fresh person in each relationship to them, built in ``_relationships``.
# "My service" is the service the persona's team belongs to (a service manager's own node);
# "another service" is a directorate outside the council's tree. Letters: V view the record,
# E edit the person, N add a case note, R manage restrictions, G may break the glass (the
# record is outside reach), A may read its audit trail. "-" is nothing. new_mine and new_other
# are unallocated records created by the persona and by someone else; named and unnamed are
# restricted records; glass and expired are restricted records opened by breaking the glass,
# the grant still running and run out.

MATRIX = """
persona             mine team service other new_mine new_other family named unnamed glass expired
social_worker       VEN  VEN  G       G     VEN      G         VEN    VEN   G       VEN   G
senior_practitioner VEN  VEN  G       G     VEN      G         VEN    VEN   G       VEN   G
personal_adviser    VEN  VEN  G       G     VEN      G         VEN    VEN   G       VEN   G
team_manager        VEN  VEN  G       G     VEN      G         VEN    VEN   G       VEN   G
service_manager     VENR VENR VENR    G     VENR     G         VENR   VENR  G       VENR  G
dcs                 VR   VR   VR      VR    VR       VR        VR     VR    G       VR    G
mash_screener       VEN  VEN  VEN     VEN   VEN      VEN       VEN    VEN   G       VEN   G
mash_manager        VEN  VEN  VEN     VEN   VEN      VEN       VEN    VEN   G       VEN   G
iro                 VN   VN   VN      VN    VN       VN        VN     VN    G       VN    G
business_support    VE   VE   VE      VE    VE       VE        VE     VE    -       -     -
performance_analyst -    -    -       -     -        -         -      -     -       -     -
auditor             A    A    A       A     A        A         A      A     A       A     A
system_admin        -    -    -       -     -        -         -      -     -       -     -
partner_police      -    -    -       -     -        -         -      -     -       -     -
"""
_HEADER, *_ROWS = MATRIX.strip().splitlines()
RELATIONSHIP_NAMES = _HEADER.split()[1:]
EXPECTED: dict[str, dict[str, set[str]]] = {
    row.split()[0]: {
        rel: set(cell.replace("-", ""))
        for rel, cell in zip(RELATIONSHIP_NAMES, row.split()[1:], strict=True)
    }
    for row in _ROWS
}
LETTERS = {"V": V, "E": E, "N": N, "R": Action.MANAGE_RESTRICTIONS}

#: Personas the council fixture lacks, added here: (role, team key, job).
EXTRA_PERSONAS = {
    "senior_practitioner": (Role.SENIOR_PRACTITIONER, "team_a", JobRole.SENIOR_PRACTITIONER),
    "personal_adviser": (Role.PERSONAL_ADVISER, "cic", JobRole.PERSONAL_ADVISER),
    "mash_manager": (Role.MASH_MANAGER, "front_door", JobRole.TEAM_MANAGER),
}
#: Personas without a worker record get one, so that "allocated to me" can be built for them
#: and shown to grant nothing their role does not.
TEAM_FOR_UNSTAFFED = "quality"


def test_the_matrix_covers_every_role_and_every_record_action() -> None:
    roles = [Role.PARTNER if p == "partner_police" else Role(p) for p in EXPECTED]
    assert sorted(roles) == sorted(Role)
    assert set(EXPECTED) - set(EXTRA_PERSONAS) <= set(REACH)
    record_actions = {V, E, N, Action.MANAGE_RESTRICTIONS, G, Action.VIEW_AUDIT}
    team_or_system = {
        Action.SEARCH_PEOPLE,
        Action.CREATE_PERSON,
        Action.ALLOCATE,
        Action.VIEW_TEAM_WORK,
        Action.MANAGE_DEADLINES,
        Action.ADMINISTER,
    }
    # Front-door and casework actions are checked by those areas' own policy tests.
    areas = {
        Action.RECORD_CONTACT,
        Action.SCREEN_CONTACT,
        Action.DECIDE_CONTACT,
        Action.SIGN_OFF_DECISION,
        Action.VIEW_FRONT_DOOR,
        Action.SUBMIT_PARTNER_CONTACT,
        Action.RECORD_ASSESSMENT,
        Action.AUTHORISE_ASSESSMENT,
        Action.CLOSE_EPISODE,
        Action.RECORD_EARLY_HELP,
        Action.RECORD_PROTECTION,
        Action.RECORD_CONFERENCE,
        Action.DECIDE_PRE_PROCEEDINGS,
        Action.RECORD_CARE,
        Action.CHAIR_CARE_REVIEW,
        Action.SIGN_OFF_IRREGULAR_PLACEMENT,
        Action.MANAGE_PROVIDERS,
        Action.RECORD_MISSING,
        Action.RECORD_EXPLOITATION,
    }
    assert record_actions | team_or_system | areas == set(Action)


def _persona(council: Any, persona: str) -> Any:
    if persona in EXTRA_PERSONAS:
        role, team, job = EXTRA_PERSONAS[persona]
        return make_user(f"{persona}_extra", role, team=council.teams[team], job=job)
    user = council.users[persona]
    if worker_for_user(user=user) is None:
        worker_create(
            actor=None,
            user=user,
            team=council.teams[TEAM_FOR_UNSTAFFED],
            job_role=JobRole.FAMILY_SUPPORT,
            fte=Decimal("1.0"),
            employment=Employment.PERMANENT,
            started_on=START,
        )
        user.refresh_from_db()
    return user


START = dt.date(2024, 1, 8)
NOW = dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC)


def _relationships(council: Any, user: Any) -> dict[str, Any]:
    """One fresh person per relationship to ``user``."""
    worker = worker_for_user(user=user)
    assert worker is not None
    team = worker.team
    service = team if team.kind in (TeamKind.SERVICE, TeamKind.DIRECTORATE) else team.parent
    sibling = team_create(actor=None, name="Sibling team", kind=TeamKind.CIN_CP, parent=service)
    elsewhere = team_create(actor=None, name="Neighbouring council", kind=TeamKind.DIRECTORATE)
    far_team = team_create(
        actor=None, name="Neighbouring team", kind=TeamKind.CIN_CP, parent=elsewhere
    )
    staff = {
        "team": make_user("tess_teammate", Role.SOCIAL_WORKER, team=team),
        "service": make_user("sia_sibling", Role.SOCIAL_WORKER, team=sibling),
        "other": make_user("fay_faraway", Role.SOCIAL_WORKER, team=far_team),
    }
    people: dict[str, Any] = {}

    def allocated(key: str, to: Any, **kw: Any) -> Any:
        child = make_child(key.title(), "Matrix", **kw)
        allocation_start(actor=None, child=child, worker=to.worker, started_on=START)
        people[key] = child
        return child

    allocated("mine", user)
    allocated("team", staff["team"])
    allocated("service", staff["service"])
    allocated("other", staff["other"])
    for key, creator in (("new_mine", user), ("new_other", staff["team"])):
        people[key] = person_create(
            actor=creator, given_name=key, family_name="Matrix", date_of_birth=dt.date(2016, 1, 1)
        )
    people["family"] = person_create(
        actor=None, kind=PersonKind.ADULT, given_name="Parent", family_name="Matrix"
    )
    relationship_add(
        actor=None,
        from_person=people["family"],
        to_person=people["mine"],
        type=RelationshipType.FATHER,
    )
    for key, to, named in (
        ("named", staff["other"], [user]),
        ("unnamed", user, []),
        ("glass", staff["other"], []),
        ("expired", staff["other"], []),
    ):
        child = allocated(key, to)
        person_restrict(actor=None, person=child, reason=RestrictionReason.STAFF, named_users=named)
    return people


def _break_glass_if_allowed(user: Any, person: Any) -> None:
    if policies.can_break_glass(user, person):
        break_glass(actor=user, person=person, reason="Police at the door asking about the child")


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_persona_action_relationship(council: Any, persona: str) -> None:
    user = _persona(council, persona)
    people = _relationships(council, user)
    assert set(people) == set(RELATIONSHIP_NAMES)
    with time_machine.travel(NOW - dt.timedelta(hours=2), tick=False):
        _break_glass_if_allowed(user, people["expired"])
    with time_machine.travel(NOW, tick=False):
        _break_glass_if_allowed(user, people["glass"])
        visible = {
            letter: set(
                policies.visible_people(user, action)
                .filter(pk__in=[p.pk for p in people.values()])
                .values_list("pk", flat=True)
            )
            for letter, action in LETTERS.items()
        }
        actual: dict[str, set[str]] = {}
        disagreements = []
        for rel, person in people.items():
            cell = {
                letter for letter, action in LETTERS.items() if policies.can(user, action, person)
            }
            for letter in LETTERS:
                if (letter in cell) != (person.pk in visible[letter]):
                    disagreements.append((rel, letter))
            if "R" in cell and not policies.can_manage_restrictions(user, person):
                disagreements.append((rel, "can_manage_restrictions"))
            if policies.can_break_glass(user, person):
                cell.add("G")
            if policies.can_view_audit(user):
                cell.add("A")
            actual[rel] = cell
    assert disagreements == []
    assert actual == EXPECTED[persona]


def test_a_role_outside_the_matrix_sees_nothing(council: Any) -> None:
    user = council.users["social_worker"]
    user.role = "retired_role"
    user.save()
    assert not policies.visible_people(user, V).exists()
    user.role = Role.SOCIAL_WORKER
    user.is_active = False
    user.save()
    assert not policies.visible_people(user, V).exists()
    assert not policies.can_break_glass(user, council.children["in_care"])


def test_reads_of_several_records_on_one_page_are_each_logged_with_emergency_access(
    council: Any,
) -> None:
    from haven.audit.models import AccessEvent
    from haven.people.services import records_viewed

    user = council.users["social_worker"]
    restricted, allocated = council.children["restricted"], council.children["allocated"]
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        break_glass(actor=user, person=restricted, reason="Police at the door asking about Rory")
        records_viewed(actor=user, people=[allocated, restricted, allocated], view="list")
    events = {
        e.person_id: e.break_glass for e in AccessEvent.objects.filter(actor=user, view="list")
    }
    assert events == {allocated.pk: False, restricted.pk: True}
    records_viewed(actor=user, people=[], view="empty")
    assert not AccessEvent.objects.filter(view="empty").exists()
