import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.casework.enums import AssessmentOutcome
from haven.casework.models import Assessment, IdentifiedFactor
from haven.casework.selectors import (
    assessment_deadline,
    assessments_for,
    casework_for,
    episode_deadlines,
    sibling_assessments,
)
from haven.casework.services import (
    assessment_authorise,
    assessment_complete,
    assessment_record_seen,
    assessment_record_wishes,
    assessment_start,
    assessment_start_for_siblings,
    episode_close,
)
from haven.core.errors import PermissionDenied, ValidationError
from haven.deadlines.enums import DeadlineStatus

from .conftest import REFERRED, TODAY, audited, completed_assessment, refer

pytestmark = pytest.mark.django_db

STARTED = REFERRED + dt.timedelta(days=1)


def test_an_assessment_from_start_to_authorisation(council: Any) -> None:
    sw, manager, child = (
        council.users["social_worker"],
        council.users["team_manager"],
        council.children["allocated"],
    )
    episode = refer(sw, child)
    (deadline,) = episode_deadlines(episode)

    assessment = assessment_start(actor=sw, episode=episode, start_date=STARTED)
    assert (assessment.child, assessment.episode, assessment.group_id) == (child, episode, None)
    assert audited(AuditVerb.ASSESSMENT_STARTED, assessment).person_id == child.pk

    assessment_record_seen(actor=sw, assessment=assessment, seen_on=STARTED, seen_alone=True)
    assessment_record_wishes(actor=sw, assessment=assessment, text="  I want to stay with Nan.  ")
    updates = assessment.__class__.objects.get(pk=assessment.pk)
    assert (updates.child_seen_on, updates.seen_alone) == (STARTED, True)
    assert updates.wishes_and_feelings == "I want to stay with Nan."

    completed = TODAY - dt.timedelta(days=2)
    assessment_complete(
        actor=sw,
        assessment=assessment,
        completed_on=completed,
        factors=["3B", "16A", "3B"],
        outcome=AssessmentOutcome.CHILD_IN_NEED,
    )
    event = audited(AuditVerb.ASSESSMENT_COMPLETED, assessment)
    assert event.payload["factors"] == ["16A", "3B"]
    # Completing is not the clock's end: the census times assessments by authorisation.
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.OPEN

    assessment_authorise(actor=manager, assessment=assessment, authorised_on=TODAY)
    assessment.refresh_from_db()
    deadline.refresh_from_db()
    assert (assessment.authorised_on, assessment.authorised_by) == (TODAY, manager)
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["16A", "3B"]
    assert (deadline.status, deadline.met_on) == (DeadlineStatus.MET, TODAY)
    assert audited(AuditVerb.ASSESSMENT_AUTHORISED, assessment).actor == manager
    assert assessment_deadline(episode) is None
    assert list(assessments_for(child)) == [assessment]
    summary = casework_for(child)
    assert summary.open_episode == episode
    assert summary.current_assessment is None


def test_the_childs_words_stay_out_of_the_audit_trail(council: Any) -> None:
    sw = council.users["social_worker"]
    assessment = assessment_start(
        actor=sw, episode=refer(sw, council.children["allocated"]), start_date=STARTED
    )
    assessment_record_wishes(actor=sw, assessment=assessment, text="I am scared of Dad.")
    event = audited(AuditVerb.ASSESSMENT_UPDATED, assessment)
    assert "scared" not in str(event.payload)


@pytest.mark.parametrize(
    ("factors", "rule"),
    [
        (["21", "1B"], "8869"),
        ([], "8897Q"),
        (["18A"], "8945Q"),
        (["19A", "1A"], "8950Q"),
        (["99Z"], "from the list"),
    ],
)
def test_factor_rules_are_refused_at_completion(
    council: Any, factors: list[str], rule: str
) -> None:
    sw = council.users["social_worker"]
    assessment = assessment_start(
        actor=sw, episode=refer(sw, council.children["allocated"]), start_date=STARTED
    )
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        assessment_complete(
            actor=sw,
            assessment=assessment,
            completed_on=TODAY,
            factors=factors,
            outcome=AssessmentOutcome.NO_FURTHER_ACTION,
        )
    assert rule in e.value.message_dict["factors"][0]
    assert row_counts() == before


def test_21_alone_is_accepted(council: Any) -> None:
    sw = council.users["social_worker"]
    assessment = completed_assessment(sw, refer(sw, council.children["allocated"]), factors=("21",))
    assert list(assessment.factors.values_list("code", flat=True)) == ["21"]


def test_factors_are_required_at_authorisation_8897q_8614(council: Any) -> None:
    sw, manager = council.users["social_worker"], council.users["team_manager"]
    assessment = completed_assessment(sw, refer(sw, council.children["allocated"]))
    IdentifiedFactor.objects.filter(assessment=assessment).delete()  # e.g. a migrated record
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        assessment_authorise(actor=manager, assessment=assessment, authorised_on=TODAY)
    assert "8897Q" in e.value.message_dict["factors"][0]
    assert row_counts() == before


def test_an_assessment_must_be_completed_before_it_is_authorised(council: Any) -> None:
    sw, manager = council.users["social_worker"], council.users["team_manager"]
    assessment = assessment_start(
        actor=sw, episode=refer(sw, council.children["allocated"]), start_date=STARTED
    )
    with pytest.raises(ValidationError) as e:
        assessment_authorise(actor=manager, assessment=assessment, authorised_on=TODAY)
    assert "completed" in e.value.message_dict["assessment"][0]


def test_authorisation_cannot_predate_completion(council: Any) -> None:
    sw, manager = council.users["social_worker"], council.users["team_manager"]
    assessment = completed_assessment(sw, refer(sw, council.children["allocated"]))
    with pytest.raises(ValidationError) as e:
        assessment_authorise(actor=manager, assessment=assessment, authorised_on=STARTED)
    assert "authorised_on" in e.value.message_dict


def test_an_authorised_assessment_is_locked(council: Any) -> None:
    sw, manager = council.users["social_worker"], council.users["team_manager"]
    assessment = completed_assessment(sw, refer(sw, council.children["allocated"]))
    assessment_authorise(actor=manager, assessment=assessment, authorised_on=TODAY)
    with pytest.raises(ValidationError) as e:
        assessment_record_wishes(actor=sw, assessment=assessment, text="later")
    assert "authorised" in e.value.message_dict["assessment"][0]
    with pytest.raises(ValidationError) as e:
        assessment_authorise(actor=manager, assessment=assessment, authorised_on=TODAY)
    assert "authorised" in e.value.message_dict["assessment"][0]


def test_a_social_worker_cannot_authorise(council: Any) -> None:
    sw = council.users["social_worker"]
    assessment = completed_assessment(sw, refer(sw, council.children["allocated"]))
    before = row_counts()
    with pytest.raises(PermissionDenied):
        assessment_authorise(actor=sw, assessment=assessment, authorised_on=TODAY)
    assert row_counts() == before


def test_no_assessment_on_an_nfa_referral_8831(council: Any) -> None:
    sw = council.users["social_worker"]
    episode = refer(council.users["mash_screener"], council.children["allocated"], nfa=True)
    with pytest.raises(ValidationError) as e:
        assessment_start(actor=sw, episode=episode, start_date=REFERRED)
    assert "8831" in e.value.message_dict["episode"][0]


def test_no_assessment_on_a_closed_episode_8565(council: Any) -> None:
    sw = council.users["social_worker"]
    episode = refer(sw, council.children["allocated"])
    episode_close(actor=sw, episode=episode, closure_date=REFERRED, reason="RC7")
    with pytest.raises(ValidationError) as e:
        assessment_start(actor=sw, episode=episode, start_date=TODAY)
    assert "8565" in e.value.message_dict["episode"][0]


@pytest.mark.parametrize(
    ("start", "field"),
    [(REFERRED - dt.timedelta(days=1), "start_date"), (TODAY + dt.timedelta(days=1), "start_date")],
)
def test_assessment_dates_are_checked(council: Any, start: dt.date, field: str) -> None:
    sw = council.users["social_worker"]
    episode = refer(sw, council.children["allocated"])
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        assessment_start(actor=sw, episode=episode, start_date=start)
    assert field in e.value.message_dict
    assert row_counts() == before


def test_one_assessment_in_progress_per_episode(council: Any) -> None:
    sw = council.users["social_worker"]
    episode = refer(sw, council.children["allocated"])
    assessment_start(actor=sw, episode=episode, start_date=STARTED)
    with pytest.raises(ValidationError) as e:
        assessment_start(actor=sw, episode=episode, start_date=TODAY)
    assert "in progress" in e.value.message_dict["episode"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(episode=episode, child=episode.child, start_date=TODAY)


def test_seen_before_the_referral_is_refused(council: Any) -> None:
    sw = council.users["social_worker"]
    assessment = assessment_start(
        actor=sw, episode=refer(sw, council.children["allocated"]), start_date=STARTED
    )
    with pytest.raises(ValidationError) as e:
        assessment_record_seen(
            actor=sw,
            assessment=assessment,
            seen_on=REFERRED - dt.timedelta(days=1),
            seen_alone=False,
        )
    assert "seen_on" in e.value.message_dict


def test_brothers_and_sisters_are_assessed_together(council: Any) -> None:
    sw = council.users["social_worker"]
    amelia, tyler = council.children["allocated"], council.children["team"]
    episodes = [refer(sw, amelia), refer(sw, tyler)]
    first, second = assessment_start_for_siblings(actor=sw, episodes=episodes, start_date=STARTED)
    assert first.group_id is not None
    assert first.group_id == second.group_id
    assert (first.child, second.child) == (amelia, tyler)
    assert list(sibling_assessments(first)) == [second]
    assert audited(AuditVerb.ASSESSMENT_STARTED, second).person_id == tyler.pk
    # Each child's assessment goes on separately.
    assessment_complete(
        actor=sw,
        assessment=first,
        completed_on=TODAY,
        factors=["21"],
        outcome=AssessmentOutcome.NO_FURTHER_ACTION,
    )
    second.refresh_from_db()
    assert second.completed_on is None


def test_a_sibling_group_needs_two_children_and_is_all_or_nothing(council: Any) -> None:
    sw = council.users["social_worker"]
    amelia, tyler = council.children["allocated"], council.children["team"]
    episode = refer(sw, amelia)
    nfa = refer(council.users["mash_screener"], tyler, nfa=True)
    before = row_counts()
    for episodes in ([episode], [episode, episode], [episode, nfa]):
        with pytest.raises(ValidationError) as e:
            assessment_start_for_siblings(actor=sw, episodes=episodes, start_date=STARTED)
        assert "episodes" in e.value.message_dict
    assert row_counts() == before
