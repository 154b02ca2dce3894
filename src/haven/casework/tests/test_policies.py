"""Who may record and sign off casework: persona x action x relationship.

The expected answers are written out here by hand, so a change to the policy is made twice.
"""

from typing import Any

import pytest

from haven.casework import policies
from haven.casework.models import CINEpisode

from .conftest import completed_assessment, refer

pytestmark = pytest.mark.django_db

PERSONAS = ["social_worker", "other_worker", "team_manager", "service_manager", "dcs", "iro"]

# For the child allocated to the social worker in team A.
EXPECTED = {
    #                  record, authorise, close, early help
    "social_worker": (True, False, False, True),
    "other_worker": (False, False, False, False),  # outside reach (team B)
    "team_manager": (True, True, True, True),
    "service_manager": (True, True, True, True),
    "dcs": (False, False, False, False),  # sees everything, records nothing
    "iro": (False, False, False, False),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_policy_matrix(council: Any, persona: str) -> None:
    child = council.children["allocated"]
    sw = council.users["social_worker"]
    episode = refer(sw, child)
    assessment = completed_assessment(sw, episode)
    user = council.users[persona]
    answers = (
        policies.can_record_assessment(user, assessment),
        policies.can_authorise(user, assessment),
        policies.can_close_episode(user, episode),
        policies.can_record_early_help(user, child),
    )
    assert answers == EXPECTED[persona]
    assert policies.can_record_assessment(user, child) is EXPECTED[persona][0]
    assert policies.can_record_assessment(user, episode) is EXPECTED[persona][0]


def test_visible_episodes_follow_reach(council: Any) -> None:
    sw = council.users["social_worker"]
    mine = refer(sw, council.children["allocated"])
    theirs = refer(council.users["other_worker"], council.children["other_team"])
    restricted = refer(sw, council.children["restricted"])
    assert set(policies.visible_episodes(sw)) == {mine}
    assert set(policies.visible_episodes(council.users["other_worker"])) == {theirs}
    # Named on the restricted record, the team manager reaches it; the DCS does not.
    assert restricted in policies.visible_episodes(council.users["team_manager"])
    assert restricted not in policies.visible_episodes(council.users["dcs"])
    assert set(policies.visible_episodes(council.users["dcs"])) == {mine, theirs}
    assert not policies.visible_episodes(council.users["partner_police"]).exists()
    assert CINEpisode.objects.count() == 3


def test_the_restricted_childs_assessment_needs_a_named_manager(council: Any) -> None:
    sw = council.users["social_worker"]
    assessment = completed_assessment(sw, refer(sw, council.children["restricted"]))
    assert policies.can_authorise(council.users["team_manager"], assessment)
    assert not policies.can_authorise(council.users["service_manager"], assessment)
    assert not policies.can_record_assessment(sw, assessment)
