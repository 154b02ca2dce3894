"""Who may do what in management oversight: every persona against every question, so a
change to a role shows up here as a changed cell."""

from typing import Any

import pytest

from haven.oversight import policies

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "can_view_queue",
    "can_review_risk",
    "can_allocate",
    "can_view_measures",
    "can_view_team_caseloads",
    "can_view_workforce",
)

#: persona: (queue, review risk, allocate, measures, team caseloads, workforce)
MATRIX: dict[str, tuple[bool, bool, bool, bool, bool, bool]] = {
    "social_worker": (False, False, False, False, False, False),
    "colleague": (False, False, False, False, False, False),
    "other_worker": (False, False, False, False, False, False),
    "cic_worker": (False, False, False, False, False, False),
    "team_manager": (True, True, True, True, True, True),
    "service_manager": (True, True, True, True, True, True),
    "dcs": (True, False, False, True, True, True),
    "mash_screener": (False, False, False, False, False, False),
    "iro": (False, False, False, False, False, False),
    "business_support": (False, False, False, False, False, False),
    "performance_analyst": (False, False, False, True, False, True),
    "auditor": (False, False, False, False, False, False),
    "system_admin": (False, False, False, False, False, False),
    "partner_police": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_persona_against_each_question(council: Any, persona: str) -> None:
    user = council.users[persona]
    answers = tuple(getattr(policies, q)(user) for q in QUESTIONS)
    assert dict(zip(QUESTIONS, answers, strict=True)) == dict(
        zip(QUESTIONS, MATRIX[persona], strict=True)
    )


def test_every_persona_is_in_the_matrix(council: Any) -> None:
    assert set(MATRIX) == set(council.users)
