"""The establishment: adding and deleting posts, and workers' qualification dates."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from conftest import make_user
from tests.support import row_counts

from haven.accounts.roles import Role
from haven.allocation.enums import Employment, JobRole
from haven.allocation.models import Post
from haven.allocation.services import (
    post_create,
    post_end,
    worker_create,
    worker_qualification_record,
)
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.core.errors import ValidationError

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 13)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 13, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def a_post(council: Any, **kw: Any) -> Post:
    fields: dict[str, Any] = {
        "actor": council.users["service_manager"],
        "team": council.teams["team_a"],
        "job_role": JobRole.SOCIAL_WORKER,
        "fte": Decimal("1.0"),
        "established_on": dt.date(2025, 4, 1),
    }
    return post_create(**(fields | kw))


def test_a_post_is_added_and_audited(council: Any) -> None:
    post = a_post(council, fte=Decimal("0.6"), title="Social worker (part time)")
    post.refresh_from_db()
    assert (post.team, post.job_role, post.fte, post.ended_on) == (
        council.teams["team_a"],
        JobRole.SOCIAL_WORKER,
        Decimal("0.60"),
        None,
    )
    event = AuditEvent.objects.get(verb=AuditVerb.POST_CREATED)
    assert event.actor == council.users["service_manager"]
    assert event.payload["job_role"] == "social_worker"


def test_a_post_is_deleted_by_ending_it(council: Any) -> None:
    post = a_post(council)
    post_end(actor=None, post=post, ended_on=dt.date(2026, 1, 1))
    post.refresh_from_db()
    assert post.ended_on == dt.date(2026, 1, 1)
    assert AuditEvent.objects.filter(verb=AuditVerb.POST_ENDED).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"fte": Decimal("0")}, "fte"),
        ({"fte": Decimal("1.5")}, "fte"),
        ({"fte": Decimal("0.555")}, "fte"),
        ({"fte": "lots"}, "fte"),
        ({"job_role": "astronaut"}, "job_role"),
        ({"title": "x" * 121}, "title"),
    ],
)
def test_a_bad_post_is_refused_and_nothing_written(
    council: Any, change: dict[str, Any], field: str
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        a_post(council, **change)
    assert field in e.value.message_dict
    assert row_counts() == before


def test_a_post_cannot_end_twice_or_before_it_began(council: Any) -> None:
    post = a_post(council)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        post_end(actor=None, post=post, ended_on=dt.date(2025, 3, 31))
    assert "ended_on" in e.value.message_dict
    assert row_counts() == before
    post_end(actor=None, post=post, ended_on=ON)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        post_end(actor=None, post=post, ended_on=ON)
    assert "ended_on" in e.value.message_dict
    assert row_counts() == before


def test_a_qualification_date_is_recorded_and_audited(council: Any) -> None:
    worker = council.users["colleague"].worker
    worker_qualification_record(actor=None, worker=worker, qualified_on=dt.date(2019, 7, 1))
    worker.refresh_from_db()
    assert worker.qualified_on == dt.date(2019, 7, 1)
    event = AuditEvent.objects.filter(verb=AuditVerb.WORKER_UPDATED).get()
    assert event.payload == {"qualified_on": "2019-07-01"}
    # Recording the same date again writes nothing.
    before = row_counts()
    worker_qualification_record(actor=None, worker=worker, qualified_on=dt.date(2019, 7, 1))
    assert row_counts() == before


def test_a_qualification_date_in_the_future_is_refused(council: Any) -> None:
    worker = council.users["colleague"].worker
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_qualification_record(actor=None, worker=worker, qualified_on=ON.replace(year=2027))
    assert "qualified_on" in e.value.message_dict
    assert row_counts() == before


def test_worker_create_takes_a_qualification_date(council: Any) -> None:
    user = make_user("nia_new", Role.SOCIAL_WORKER)
    worker = worker_create(
        actor=None,
        user=user,
        team=council.teams["team_b"],
        job_role=JobRole.SOCIAL_WORKER,
        fte=Decimal("1.0"),
        employment=Employment.AGENCY,
        started_on=dt.date(2026, 1, 5),
        swe_number="SW200001",
        qualified_on=dt.date(2020, 6, 30),
    )
    assert worker.qualified_on == dt.date(2020, 6, 30)
    other = make_user("ned_next", Role.SOCIAL_WORKER)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        worker_create(
            actor=None,
            user=other,
            team=council.teams["team_b"],
            job_role=JobRole.SOCIAL_WORKER,
            fte=Decimal("1.0"),
            employment=Employment.AGENCY,
            started_on=dt.date(2026, 1, 5),
            qualified_on=dt.date(2026, 12, 1),
        )
    assert "qualified_on" in e.value.message_dict
    assert row_counts() == before
