import datetime as dt
import uuid
from typing import Any

import pytest
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.casework.enums import EarlyHelpClosureReason, ReferralSource
from haven.casework.selectors import assessment_deadline, early_help_for, open_early_help
from haven.casework.services import (
    early_help_close,
    early_help_record_assessment,
    early_help_start,
    early_help_step_up,
)
from haven.core.errors import ValidationError

from .conftest import TODAY, audited, refer

pytestmark = pytest.mark.django_db

STARTED = dt.date(2025, 3, 3)


def test_early_help_starts_is_assessed_and_closes(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    contact = uuid.uuid4()
    episode = early_help_start(
        actor=sw,
        child=child,
        started_on=STARTED,
        organisation=" Riverside Family Hub ",
        lead_practitioner="Jo Bloggs",
        contact_id=contact,
    )
    assert (episode.organisation, episode.contact_id) == ("Riverside Family Hub", contact)
    assert audited(AuditVerb.EARLY_HELP_STARTED, episode).person_id == child.pk
    assert open_early_help(child) == episode

    early_help_record_assessment(
        actor=sw, episode=episode, started_on=STARTED, completed_on=dt.date(2025, 3, 20)
    )
    assert audited(AuditVerb.EARLY_HELP_UPDATED, episode).payload["assessment_completed_on"]

    early_help_close(
        actor=sw, episode=episode, closed_on=TODAY, reason=EarlyHelpClosureReason.NEEDS_MET
    )
    episode.refresh_from_db()
    assert (episode.closed_on, episode.closure_reason) == (TODAY, "needs_met")
    assert audited(AuditVerb.EARLY_HELP_CLOSED, episode).payload["reason"] == "needs_met"
    assert open_early_help(child) is None


def test_one_open_early_help_episode_per_child(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    early_help_start(actor=sw, child=child, started_on=STARTED)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        early_help_start(actor=sw, child=child, started_on=TODAY)
    assert "child" in e.value.message_dict
    assert row_counts() == before


def test_step_up_keeps_the_early_help_history(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    early_help = early_help_start(actor=sw, child=child, started_on=STARTED)
    referral_date = dt.date(2025, 6, 2)
    cin = early_help_step_up(
        actor=sw,
        episode=early_help,
        referral_date=referral_date,
        source=ReferralSource.EARLY_HELP,
        primary_need="N5",
        assignee=sw,
    )
    early_help.refresh_from_db()
    assert (early_help.closed_on, early_help.closure_reason) == (referral_date, "stepped_up")
    assert early_help.stepped_up_episode == cin
    assert (cin.child, cin.referral_source, cin.is_open) == (child, "5D", True)
    assert list(early_help_for(child)) == [early_help]
    assert list(cin.stepped_up_from.all()) == [early_help]
    deadline = assessment_deadline(cin)
    assert deadline is not None
    assert deadline.due_on == working_days_after(referral_date, 45)
    assert audited(AuditVerb.EARLY_HELP_CLOSED, early_help).payload["stepped_up_to"] == str(cin.pk)


def test_a_refused_step_up_writes_nothing(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    early_help = early_help_start(actor=sw, child=child, started_on=STARTED)
    refer(sw, child)  # already open to social care
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        early_help_step_up(
            actor=sw,
            episode=early_help,
            referral_date=TODAY,
            source=ReferralSource.EARLY_HELP,
            primary_need="N5",
        )
    assert "8815" in e.value.message_dict["child"][0]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("field", "closed_on", "reason"),
    [
        ("reason", TODAY, EarlyHelpClosureReason.STEPPED_UP),  # a step up needs its referral
        ("reason", TODAY, "unknown"),
        ("closed_on", STARTED - dt.timedelta(days=1), EarlyHelpClosureReason.MOVED_AWAY),
        ("closed_on", TODAY + dt.timedelta(days=1), EarlyHelpClosureReason.MOVED_AWAY),
    ],
)
def test_bad_early_help_closures_are_refused(
    council: Any, field: str, closed_on: dt.date, reason: str
) -> None:
    sw, child = council.users["social_worker"], council.children["allocated"]
    early_help = early_help_start(actor=sw, child=child, started_on=STARTED)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        early_help_close(actor=sw, episode=early_help, closed_on=closed_on, reason=reason)
    assert field in e.value.message_dict
    assert row_counts() == before


def test_a_step_up_must_link_the_same_child(council: Any) -> None:
    sw = council.users["social_worker"]
    early_help = early_help_start(actor=sw, child=council.children["allocated"], started_on=STARTED)
    other = refer(sw, council.children["team"])
    with pytest.raises(ValidationError) as e:
        early_help_close(
            actor=sw,
            episode=early_help,
            closed_on=TODAY,
            reason=EarlyHelpClosureReason.STEPPED_UP,
            stepped_up_to=other,
        )
    assert "stepped_up_to" in e.value.message_dict


def test_an_early_help_assessment_cannot_predate_early_help(council: Any) -> None:
    sw = council.users["social_worker"]
    early_help = early_help_start(actor=sw, child=council.children["allocated"], started_on=STARTED)
    with pytest.raises(ValidationError) as e:
        early_help_record_assessment(
            actor=sw, episode=early_help, started_on=STARTED - dt.timedelta(days=1)
        )
    assert "started_on" in e.value.message_dict
