"""Who may record what on the protection pathway: persona x action x relationship.

The expected answers are written out by hand, so a change to the policy is made twice.
"""

from typing import Any

import pytest

from haven.protection import policies

pytestmark = pytest.mark.django_db

# For the child allocated to the social worker in team A.
EXPECTED = {
    #                    view, record, conference, pre-proceedings
    "social_worker": (True, True, False, False),
    "other_worker": (False, False, False, False),  # outside reach (team B)
    "team_manager": (True, True, True, True),
    "service_manager": (True, True, True, True),
    "dcs": (True, False, False, False),  # sees everything, records nothing
    "iro": (True, False, True, False),  # chairs conferences for every child
    "mash_screener": (True, True, False, False),  # the front door holds strategy discussions
    "performance_analyst": (False, False, False, False),  # figures, never records
    "business_support": (True, False, False, False),
    "partner_police": (False, False, False, False),
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_policy_matrix(council: Any, persona: str) -> None:
    user = council.users[persona]
    child = council.children["allocated"]
    answers = (
        policies.can_view(user, child),
        policies.can_record(user, child),
        policies.can_record_conference(user, child),
        policies.can_decide_pre_proceedings(user, child),
    )
    assert answers == EXPECTED[persona]
    assert policies.can_view(user, child.pk) is EXPECTED[persona][0]


def test_the_restricted_child_needs_a_named_worker(council: Any) -> None:
    child = council.children["restricted"]
    assert policies.can_record(council.users["team_manager"], child)
    assert not policies.can_record(council.users["service_manager"], child)
    assert not policies.can_record_conference(council.users["iro"], child)


@pytest.mark.parametrize(
    ("persona", "sees_list", "figures_only"),
    [
        ("social_worker", False, False),
        ("team_manager", True, False),
        ("dcs", True, False),
        ("performance_analyst", True, True),
        ("iro", False, False),
    ],
)
def test_who_sees_the_long_term_neglect_list(
    council: Any, persona: str, sees_list: bool, figures_only: bool
) -> None:
    user = council.users[persona]
    assert policies.can_view_neglect_list(user) is sees_list
    assert policies.sees_figures_only(user) is figures_only
