"""The recommender's inputs read from the records: skills a child's case needs and the
workers who have them, previous workers, and capacity."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from tests.support import row_counts

from haven.allocation.enums import Skill
from haven.allocation.services import worker_skills_set
from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.services import referral_open
from haven.core.errors import ValidationError
from haven.oversight.selectors.recommend import case_needs, recommendations_for
from haven.people.services import person_update

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def waiting(council: Any) -> Any:
    child = council.children["unallocated"]
    referral_open(
        actor=council.users["social_worker"],
        child=child,
        referral_date=dt.date(2025, 6, 2),
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.DISABILITY,
    )
    return child


def recommended(council: Any, child: Any) -> list[Any]:
    manager = council.users["team_manager"]
    return recommendations_for(
        child_id=child.pk,
        team_ids=[manager.worker.team_id],
        fallback_team_id=manager.worker.team_id,
        on=TODAY,
    )


def test_a_disabled_child_is_matched_to_a_worker_with_that_skill(
    council: Any, waiting: Any
) -> None:
    person_update(actor=None, person=waiting, disabilities=["MOB"])
    (need,) = case_needs(child_ids=[waiting.pk], fallback_team_id=waiting.pk, on=TODAY)
    assert need.skills == {Skill.DISABILITY}
    # Whoever Haven would choose without skills, the other worker wins once they have it.
    first = recommended(council, waiting)[0].worker.worker_id
    other = next(
        council.users[k].worker
        for k in ("social_worker", "colleague")
        if council.users[k].worker.pk != first
    )
    worker_skills_set(actor=None, worker=other, skills=[Skill.DISABILITY])
    top = recommended(council, waiting)[0]
    assert top.worker.worker_id == other.pk
    assert "skills: disability" in top.recommendation.reasons


def test_skills_must_come_from_the_list(council: Any) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_skills_set(actor=None, worker=council.users["colleague"].worker, skills=["juggling"])
    assert "skills" in e.value.message_dict
    assert row_counts() == before
