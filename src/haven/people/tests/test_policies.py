"""Who may do what to which record: persona x action x relationship, every cell asserted.

The expected table is written out here by hand, independently of ``accounts.permissions``,
so a change to the policy must be made twice, on purpose.
"""

import datetime as dt

import pytest
import time_machine

from haven.accounts.permissions import Action
from haven.people import policies
from haven.people.services import break_glass

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
def test_every_cell_of_the_matrix(council, persona):
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


def test_only_auditors_see_audit_trails(council):
    assert {p for p, u in council.users.items() if policies.can_view_audit(u)} == {"auditor"}


def test_break_glass_opens_a_record_for_a_limited_time(council):
    user, child = council.users["social_worker"], council.children["restricted"]
    assert not policies.can(user, V, child)
    with time_machine.travel(dt.datetime(2026, 5, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        break_glass(actor=user, person=child, reason="Police at the door asking about Rory")
        assert policies.can(user, V, child)
    with time_machine.travel(dt.datetime(2026, 5, 1, 10, 1, tzinfo=dt.UTC), tick=False):
        assert not policies.can(user, V, child)


def test_break_glass_needs_a_reason(council):
    from haven.core.errors import ValidationError

    with pytest.raises(ValidationError) as e:
        break_glass(
            actor=council.users["social_worker"], person=council.children["in_care"], reason="  "
        )
    assert "reason" in e.value.message_dict
    assert not policies.can(council.users["social_worker"], V, council.children["in_care"])


def test_new_person_stays_visible_to_its_creator_until_allocated(council):
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
