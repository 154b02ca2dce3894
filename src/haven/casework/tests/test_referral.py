import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.casework.enums import ClosureReason, PrimaryNeed, ReferralSource
from haven.casework.models import CINEpisode
from haven.casework.selectors import assessment_deadline, episode_deadlines, open_episode
from haven.casework.services import assessment_start, episode_close, referral_open
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.people.models import ChronologyEntry

from .conftest import REFERRED, TODAY, audited, completed_assessment, refer

pytestmark = pytest.mark.django_db


def test_a_referral_opens_an_episode_and_the_assessment_clock(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    contact = uuid.uuid4()
    episode = referral_open(
        actor=sw,
        child=child,
        referral_date=REFERRED,
        source=ReferralSource.POLICE,
        primary_need=PrimaryNeed.ACUTE_STRESS,
        contact_id=contact,
        assignee=sw,
        team=council.teams["team_a"],
    )
    episode.refresh_from_db()
    assert (episode.referral_source, episode.primary_need) == ("6", "N4")
    assert episode.is_open
    assert not episode.referral_nfa
    assert not episode.is_re_referral
    assert (episode.contact_id, episode.opened_by) == (contact, sw)
    assert open_episode(child) == episode

    event = audited(AuditVerb.REFERRAL_OPENED, episode)
    assert event.person_id == child.pk
    assert event.actor == sw
    assert event.payload["source"] == "6"
    assert event.payload["contact_id"] == str(contact)
    entry = ChronologyEntry.objects.get(source_id=str(episode.pk))
    assert entry.occurred_on == REFERRED
    assert "Police" in entry.summary

    deadline = assessment_deadline(episode)
    assert deadline is not None
    assert deadline.due_on == working_days_after(REFERRED, 45) == dt.date(2025, 8, 4)
    assert (deadline.child, deadline.assignee, deadline.team) == (
        child,
        sw,
        council.teams["team_a"],
    )


def test_an_nfa_referral_is_recorded_and_closed_the_same_day(council: Any) -> None:
    child = council.children["allocated"]
    episode = refer(council.users["mash_screener"], child, nfa=True)
    assert episode.referral_nfa
    assert episode.primary_need == ""
    assert (episode.closure_date, episode.closure_reason) == (
        REFERRED,
        ClosureReason.SERVICES_CEASED,
    )
    assert not episode_deadlines(episode).exists()
    assert audited(AuditVerb.EPISODE_CLOSED, episode).payload["nfa"] is True
    assert open_episode(child) is None


def test_primary_need_is_required_unless_nfa_8610(council: Any) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        refer(council.users["social_worker"], council.children["allocated"], primary_need="")
    assert "8610" in e.value.message_dict["primary_need"][0]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("field", "kw"),
    [
        ("referral_date", {"on": TODAY + dt.timedelta(days=1)}),
        ("source", {"source": "11"}),
        ("primary_need", {"primary_need": "N10"}),
        ("child", {"child_key": "parent"}),
    ],
)
def test_bad_referrals_are_refused_and_write_nothing(
    council: Any, field: str, kw: dict[str, Any]
) -> None:
    child = council.children[kw.pop("child_key", "allocated")]
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        refer(council.users["social_worker"], child, **kw)
    assert field in e.value.message_dict
    assert row_counts() == before


def test_a_second_open_episode_is_refused_8815(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    refer(sw, child)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        refer(sw, child, on=TODAY)
    assert "8815" in e.value.message_dict["child"][0]
    assert row_counts() == before


def test_a_referral_cannot_predate_the_previous_closure(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    episode = refer(sw, child, on=dt.date(2025, 5, 1))
    episode_close(actor=sw, episode=episode, closure_date=dt.date(2025, 5, 20), reason="RC7")
    with pytest.raises(ValidationError) as e:
        refer(sw, child, on=dt.date(2025, 5, 19))
    assert "referral_date" in e.value.message_dict


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        (dt.date(2024, 7, 2), True),  # 11 months before
        (dt.date(2024, 6, 2), True),  # exactly 12 months
        (dt.date(2024, 5, 2), False),  # 13 months before
    ],
)
def test_re_referral_is_stored_when_the_referral_opens(
    council: Any, previous: dt.date, expected: bool
) -> None:
    screener, child = council.users["mash_screener"], council.children["allocated"]
    refer(screener, child, on=previous, nfa=True)
    episode = refer(screener, child)
    assert CINEpisode.objects.get(pk=episode.pk).is_re_referral is expected
    assert audited(AuditVerb.REFERRAL_OPENED, episode).payload["re_referral"] is expected


def test_closing_an_episode_cancels_its_clocks(council: Any) -> None:
    sw, manager, child = (
        council.users["social_worker"],
        council.users["team_manager"],
        council.children["allocated"],
    )
    episode = refer(sw, child)
    (deadline,) = episode_deadlines(episode)
    episode_close(actor=manager, episode=episode, closure_date=TODAY, reason="RC5")
    episode.refresh_from_db()
    deadline.refresh_from_db()
    assert (episode.closure_date, episode.closure_reason) == (TODAY, "RC5")
    assert deadline.status == DeadlineStatus.CANCELLED
    assert "RC5" in deadline.cancel_reason
    assert audited(AuditVerb.EPISODE_CLOSED, episode).person_id == child.pk
    assert open_episode(child) is None


def test_rc8_and_rc9_need_an_assessment_8825q(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    episode = refer(sw, child)
    before = row_counts()
    for reason in ("RC8", "RC9"):
        with pytest.raises(ValidationError) as e:
            episode_close(actor=sw, episode=episode, closure_date=TODAY, reason=reason)
        assert "8825Q" in e.value.message_dict["reason"][0]
    assert row_counts() == before
    assessment_start(actor=sw, episode=episode, start_date=REFERRED)
    episode_close(actor=sw, episode=episode, closure_date=TODAY, reason="RC8")


@pytest.mark.parametrize(
    ("field", "closure_date", "reason", "rule"),
    [
        ("reason", TODAY, "", ""),  # a closure date needs a reason (8805/8810)
        ("reason", TODAY, "RC10", ""),
        ("closure_date", REFERRED - dt.timedelta(days=1), "RC7", "referral date"),
        ("closure_date", TODAY + dt.timedelta(days=1), "RC7", "today"),
        ("closure_date", REFERRED + dt.timedelta(days=3), "RC7", "8565"),  # before the assessment
    ],
)
def test_bad_closures_are_refused(
    council: Any, field: str, closure_date: dt.date, reason: str, rule: str
) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    episode = refer(sw, child)
    completed_assessment(sw, episode)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        episode_close(actor=sw, episode=episode, closure_date=closure_date, reason=reason)
    assert rule in e.value.message_dict[field][0]
    assert row_counts() == before


def test_a_closed_episode_cannot_close_again(council: Any) -> None:
    sw = council.users["social_worker"]
    episode = refer(sw, council.children["allocated"], nfa=True)
    with pytest.raises(ValidationError) as e:
        episode_close(actor=sw, episode=episode, closure_date=TODAY, reason="RC7")
    assert "already closed" in e.value.message_dict["closure_date"][0]


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"primary_need": ""}, "primary_need_unless_nfa"),  # 8610
        ({"closure_date": TODAY}, "closure_date_and_reason"),  # 8805
        ({"closure_reason": "RC7"}, "closure_date_and_reason"),  # 8810
        (
            {"closure_date": REFERRED - dt.timedelta(days=1), "closure_reason": "RC7"},
            "closes_after_referral",
        ),
    ],
)
def test_the_database_keeps_the_episode_rules(
    council: Any, fields: dict[str, Any], constraint: str
) -> None:
    row = {
        "child": council.children["allocated"],
        "referral_date": REFERRED,
        "referral_source": "2A",
        "primary_need": "N1",
        **fields,
    }
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        CINEpisode.objects.create(**row)


def test_the_database_allows_one_open_episode_per_child_8815(council: Any) -> None:
    row = {
        "child": council.children["allocated"],
        "referral_date": REFERRED,
        "referral_source": "2A",
        "primary_need": "N1",
    }
    CINEpisode.objects.create(**row)
    with (
        pytest.raises(IntegrityError, match=r"one_open_per_child|cinepisode\.child_id"),
        transaction.atomic(),
    ):
        CINEpisode.objects.create(**row)
