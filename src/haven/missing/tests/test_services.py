"""Missing and away episodes and the return home interview: what is recorded, what is refused
(naming the field, writing nothing), and the 72-hour clock the return opens."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.tests.conftest import look_after
from haven.core import clock
from haven.core.actions import ActionDraft
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.missing.enums import Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.missing.models import MissingEpisode, ReturnInterview
from haven.missing.selectors import (
    REPEAT_RULE,
    RHI_RULE,
    AnnexAMissing,
    annex_a_missing,
    missing_again_and_again,
)
from haven.missing.services import (
    interview_accept,
    interview_answer,
    interview_decline,
    interview_offer,
    interview_record,
    missing_end,
    missing_start,
    repeat_review_decide,
)
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db

# Now: 10:00 GMT on Monday 1 December 2025.
NOW = dt.datetime(2025, 12, 1, 10, 0, tzinfo=dt.UTC)


def london(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=clock.LONDON)


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def go(council: Any, child: str = "allocated", **kw: Any) -> MissingEpisode:
    kw.setdefault("kind", MissingKind.MISSING)
    kw.setdefault("started_at", london(2025, 11, 28, 21, 15))
    kw.setdefault("reported_to_police", True)
    kw.setdefault("police_reference", "NP-2025-118842")
    return missing_start(actor=council.users["social_worker"], child=council.children[child], **kw)


def back(council: Any, episode: MissingEpisode, **kw: Any) -> MissingEpisode:
    kw.setdefault("ended_at", london(2025, 11, 29, 6, 40))
    kw.setdefault("found_where", FoundWhere.ADDRESS_OF_CONCERN)
    return missing_end(actor=council.users["social_worker"], episode=episode, **kw)


def test_an_episode_is_recorded_audited_and_in_the_chronology(council: Any) -> None:
    episode = go(council, with_whom=" Two older boys ")
    stored = MissingEpisode.objects.get(pk=episode.pk)
    assert (stored.kind, stored.started_at, stored.ended_at) == ("M", episode.started_at, None)
    assert (stored.police_reference, stored.with_whom, stored.period) == (
        "NP-2025-118842",
        "Two older boys",
        None,
    )
    assert AuditEvent.objects.filter(verb=AuditVerb.MISSING_STARTED, subject_id=str(stored.pk))
    entry = ChronologyEntry.objects.get(source_id=str(stored.pk))
    assert (entry.category, entry.occurred_on) == ("missing", dt.date(2025, 11, 28))
    assert entry.summary == "Missing from 21:15 on 28 November 2025"


def test_an_episode_of_a_child_in_care_belongs_to_the_period(council: Any, register: Any) -> None:
    period = look_after(None, council.children["allocated"], register, on=dt.date(2025, 6, 2))
    episode = go(council, kind=MissingKind.AWAY, reported_to_police=False, police_reference="")
    assert episode.period == period


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "X"}, "kind"),
        ({"started_at": None}, "started_at"),
        ({"started_at": dt.datetime(2025, 11, 28, 21, 0)}, "started_at"),  # no time zone
        ({"started_at": london(2025, 12, 1, 11, 0)}, "started_at"),  # in the future
        ({"reported_to_police": None, "police_reference": ""}, "reported_to_police"),
        ({"police_reference": "  "}, "police_reference"),
        ({"reported_to_police": False}, "police_reference"),  # a reference but not reported
    ],
)
def test_a_bad_episode_names_the_field_and_writes_nothing(
    council: Any, change: dict[str, Any], field: str
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        go(council, **change)
    assert list(e.value.message_dict) == [field]
    assert row_counts() == before


def test_a_child_is_missing_once_at_a_time(council: Any) -> None:
    first = go(council)
    with pytest.raises(ValidationError) as e:
        go(council, started_at=london(2025, 11, 30, 20, 0))
    assert list(e.value.message_dict) == ["child"]
    back(council, first)
    with pytest.raises(ValidationError) as e:  # before the last one ended
        go(council, started_at=london(2025, 11, 29, 6, 0))
    assert list(e.value.message_dict) == ["started_at"]
    go(council, started_at=london(2025, 11, 30, 20, 0))
    assert MissingEpisode.objects.filter(child=council.children["allocated"]).count() == 2


def test_the_return_opens_the_72_hour_clock_for_the_worker(council: Any) -> None:
    episode = back(council, go(council), with_whom="Found with a 19-year-old")
    clock_row = Deadline.objects.get(rule_id=RHI_RULE, subject_id=str(episode.pk))
    assert clock_row.due_at == london(2025, 12, 2, 6, 40)
    assert clock_row.due_on == dt.date(2025, 12, 2)
    assert clock_row.assignee == council.users["social_worker"]
    assert clock_row.status == DeadlineStatus.OPEN
    stored = MissingEpisode.objects.get(pk=episode.pk)
    assert (stored.found_where, stored.with_whom) == (
        "address_of_concern",
        "Found with a 19-year-old",
    )
    assert ChronologyEntry.objects.filter(source_id=str(episode.pk)).count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ended_at": london(2025, 11, 28, 21, 0)}, "ended_at"),  # before they went
        ({"ended_at": london(2025, 12, 1, 12, 0)}, "ended_at"),  # in the future
        ({"found_where": ""}, "found_where"),
    ],
)
def test_a_bad_return_names_the_field_and_writes_nothing(
    council: Any, change: dict[str, Any], field: str
) -> None:
    episode = go(council)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        back(council, episode, **change)
    assert list(e.value.message_dict) == [field]
    assert row_counts() == before


def test_a_return_is_recorded_once(council: Any) -> None:
    episode = back(council, go(council))
    with pytest.raises(ValidationError) as e:
        back(council, episode)
    assert list(e.value.message_dict) == ["episode"]


def _held(council: Any, episode: MissingEpisode, **kw: Any) -> ReturnInterview:
    kw.setdefault("done_at", london(2025, 12, 1, 9, 30))
    kw.setdefault("interviewer_name", "Jo Kaur")
    kw.setdefault("interviewer_organisation", "Runaway Helpline Northshire")
    kw.setdefault("independent", True)
    kw.setdefault("factors", [Factor.CONFLICT_HOME, Factor.OLDER_PEOPLE])
    kw.setdefault("child_words", "I went because of the rows at home. They give me stuff.")
    return interview_record(actor=council.users["social_worker"], episode=episode, **kw)


def test_the_interview_held_meets_the_clock_at_the_moment_it_was_held(council: Any) -> None:
    went = go(council, started_at=london(2025, 11, 26, 21, 15))
    episode = back(council, went, ended_at=london(2025, 11, 27, 6, 40))
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 27, 9, 0))
    interview = _held(
        council,
        episode,
        risks="Older males at an address of concern",
        actions=[
            ActionDraft("Share intelligence with the police", "Social worker", dt.date(2025, 12, 3))
        ],
    )
    assert interview.outcome == InterviewOutcome.DONE
    assert sorted(interview.factors.values_list("factor", flat=True)) == [
        "conflict_home",
        "older_people",
    ]
    assert [(a.action, a.due_on) for a in interview.actions.all()] == [
        ("Share intelligence with the police", dt.date(2025, 12, 3))
    ]
    rhi = Deadline.objects.get(rule_id=RHI_RULE, subject_id=str(episode.pk))
    assert (rhi.status, rhi.met_at) == (DeadlineStatus.MET, london(2025, 12, 1, 9, 30))
    met = AuditEvent.objects.get(verb=AuditVerb.DEADLINE_MET, subject_id=str(rhi.pk))
    assert met.payload["late"] is True  # 98 hours 50 minutes after the return


def test_an_interview_within_72_hours_is_on_time(council: Any) -> None:
    episode = back(council, go(council), ended_at=london(2025, 11, 29, 10, 0))
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 11, 0))
    interview_accept(actor=None, episode=episode)
    _held(council, episode, done_at=london(2025, 12, 1, 9, 59))
    rhi = Deadline.objects.get(rule_id=RHI_RULE, subject_id=str(episode.pk))
    met = AuditEvent.objects.get(verb=AuditVerb.DEADLINE_MET, subject_id=str(rhi.pk))
    assert met.payload["late"] is False


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"done_at": london(2025, 11, 29, 8, 0)}, "done_at"),  # before the offer
        ({"interviewer_name": ""}, "interviewer_name"),
        ({"independent": None}, "independent"),
        ({"factors": []}, "factors"),
        ({"factors": ["not-a-factor"]}, "factors"),
        ({"child_words": " "}, "child_words"),
        ({"actions": [ActionDraft("Call school", "", dt.date(2025, 12, 5))]}, "actions-1"),
    ],
)
def test_a_bad_interview_names_the_field_and_writes_nothing(
    council: Any, change: dict[str, Any], field: str
) -> None:
    episode = back(council, go(council))
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 0))
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        _held(council, episode, **change)
    assert list(e.value.message_dict) == [field]
    assert row_counts() == before


def test_an_interview_is_offered_after_the_return_and_only_once(council: Any) -> None:
    episode = go(council)
    with pytest.raises(ValidationError) as e:
        interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 0))
    assert list(e.value.message_dict) == ["episode"]
    episode = back(council, episode)
    with pytest.raises(ValidationError) as e:
        interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 6, 0))
    assert list(e.value.message_dict) == ["offered_at"]
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 0))
    with pytest.raises(ValidationError) as e:
        interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 5))
    assert list(e.value.message_dict) == ["episode"]


def test_a_declined_interview_keeps_the_reason_and_closes_the_clock(council: Any) -> None:
    episode = back(council, go(council))
    with pytest.raises(ValidationError) as e:
        interview_decline(actor=None, episode=episode, reason="Did not want to")
    assert list(e.value.message_dict) == ["episode"]  # not offered yet
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 0))
    with pytest.raises(ValidationError) as e:
        interview_decline(actor=None, episode=episode, reason=" ")
    assert list(e.value.message_dict) == ["reason"]
    interview = interview_decline(actor=None, episode=episode, reason=" Said it was pointless ")
    assert (interview.outcome, interview.declined_reason) == ("declined", "Said it was pointless")
    rhi = Deadline.objects.get(rule_id=RHI_RULE, subject_id=str(episode.pk))
    assert rhi.status == DeadlineStatus.CANCELLED
    assert "Said it was pointless" in rhi.cancel_reason
    with pytest.raises(ValidationError) as e:
        _held(council, episode)
    assert list(e.value.message_dict) == ["episode"]


def test_the_third_episode_in_90_days_prompts_the_worker_s_manager(council: Any) -> None:
    child = council.children["allocated"]
    went = [london(2025, 9, 5, 20, 0), london(2025, 10, 20, 22, 0), london(2025, 11, 28, 21, 15)]
    first = back(council, go(council, started_at=went[0]), ended_at=london(2025, 9, 6, 8, 0))
    back(council, go(council, started_at=went[1]), ended_at=london(2025, 10, 21, 9, 0))
    assert not Deadline.objects.filter(rule_id=REPEAT_RULE).exists()
    assert not missing_again_and_again(child_id=child.pk, at=went[1])
    third = go(council, started_at=went[2])  # 84 days after the first began
    assert missing_again_and_again(child_id=child.pk, at=went[2])
    prompt = Deadline.objects.get(rule_id=REPEAT_RULE)
    assert prompt.subject_id == str(third.pk)
    assert prompt.assignee == council.users["team_manager"]
    assert prompt.team == council.teams["team_a"]
    assert prompt.due_on == dt.date(2025, 12, 1)  # Friday 28 November: the next working day
    # A fourth while the prompt is open does not open another.
    back(council, third, ended_at=london(2025, 11, 29, 2, 0))
    go(council, started_at=london(2025, 11, 30, 23, 0))
    assert Deadline.objects.filter(rule_id=REPEAT_RULE).count() == 1
    assert first.started_at == went[0]


def test_three_episodes_more_than_90_days_apart_are_not_flagged(council: Any) -> None:
    back(
        council,
        go(council, started_at=london(2025, 8, 29, 20, 0)),
        ended_at=london(2025, 8, 30, 8, 0),
    )
    back(
        council,
        go(council, started_at=london(2025, 10, 20, 22, 0)),
        ended_at=london(2025, 10, 21, 9, 0),
    )
    go(council, started_at=london(2025, 11, 28, 21, 15))  # 91 days after the first began
    assert not Deadline.objects.filter(rule_id=REPEAT_RULE).exists()


def test_the_child_s_answer_can_come_with_the_offer(council: Any) -> None:
    accepted = back(council, go(council))
    interview = interview_offer(
        actor=None,
        episode=accepted,
        offered_at=london(2025, 11, 29, 9, 0),
        answer=InterviewOutcome.ACCEPTED,
    )
    assert interview.outcome == InterviewOutcome.ACCEPTED
    assert Deadline.objects.get(subject_id=str(accepted.pk)).status == DeadlineStatus.OPEN
    declined = back(
        council,
        go(council, started_at=london(2025, 11, 30, 1, 0)),
        ended_at=london(2025, 11, 30, 4, 0),
    )
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        interview_offer(
            actor=None,
            episode=declined,
            offered_at=london(2025, 11, 30, 9, 0),
            answer=InterviewOutcome.DECLINED,
        )
    assert list(e.value.message_dict) == ["declined_reason"]
    with pytest.raises(ValidationError) as e:
        interview_offer(
            actor=None, episode=declined, offered_at=london(2025, 11, 30, 9, 0), answer="done"
        )
    assert list(e.value.message_dict) == ["answer"]
    assert row_counts() == before
    interview = interview_offer(
        actor=None,
        episode=declined,
        offered_at=london(2025, 11, 30, 9, 0),
        answer=InterviewOutcome.DECLINED,
        declined_reason="Does not want to talk to anyone",
    )
    assert interview.outcome == InterviewOutcome.DECLINED
    clock_row = Deadline.objects.get(subject_id=str(declined.pk))
    assert clock_row.status == DeadlineStatus.CANCELLED


def test_after_the_manager_decides_three_more_episodes_prompt_again(council: Any) -> None:
    manager = council.users["team_manager"]
    child = council.children["allocated"]
    for day in (3, 10, 17):
        back(
            council,
            go(council, started_at=london(2025, 10, day, 20, 0)),
            ended_at=london(2025, 10, day, 23, 0),
        )
    repeat_review_decide(actor=manager, child=child, strategy_discussion=False, reasons="Known")
    # Decided at 10:00 on 1 December; two more episodes do not prompt again, the third does.
    with time_machine.travel(dt.datetime(2025, 12, 2, 18, 0, tzinfo=dt.UTC), tick=False):
        for hour in (11, 13):
            back(
                council,
                go(council, started_at=london(2025, 12, 1, hour, 0)),
                ended_at=london(2025, 12, 1, hour, 30),
            )
        open_prompts = Deadline.objects.filter(rule_id=REPEAT_RULE, status=DeadlineStatus.OPEN)
        assert open_prompts.count() == 0
        go(council, started_at=london(2025, 12, 2, 15, 0))
        assert open_prompts.count() == 1


def test_annex_a_list_8_missing_columns(council: Any) -> None:
    child = council.children["allocated"]
    assert annex_a_missing(child_id=child.pk, on=dt.date(2025, 12, 1)) == AnnexAMissing(
        0, 0, "", ""
    )
    back(
        council,
        go(council, started_at=london(2024, 12, 1, 20, 0)),  # a year ago to the day: not counted
        ended_at=london(2024, 12, 1, 23, 0),
    )
    back(
        council,
        go(council, kind=MissingKind.AWAY, started_at=london(2025, 3, 1, 20, 0)),
        ended_at=london(2025, 3, 1, 23, 0),
    )
    last = back(council, go(council), ended_at=london(2025, 11, 29, 6, 40))
    assert annex_a_missing(child_id=child.pk, on=dt.date(2025, 12, 1)) == AnnexAMissing(
        1, 1, "N", "N"
    )
    interview_offer(actor=None, episode=last, offered_at=london(2025, 11, 30, 9, 0))
    assert annex_a_missing(child_id=child.pk, on=dt.date(2025, 11, 29)).rhi_offered == "N"
    assert annex_a_missing(child_id=child.pk, on=dt.date(2025, 12, 1)) == AnnexAMissing(
        1, 1, "Y", "N"
    )
    interview_accept(actor=None, episode=last)
    assert annex_a_missing(child_id=child.pk, on=dt.date(2025, 12, 1)).rhi_accepted == "Y"


def test_the_answer_later_is_accepted_or_declined_and_nothing_else(council: Any) -> None:
    episode = back(council, go(council))
    interview_offer(actor=None, episode=episode, offered_at=london(2025, 11, 29, 9, 0))
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        interview_answer(actor=None, episode=episode, answer=InterviewOutcome.DONE)
    assert list(e.value.message_dict) == ["answer"]
    with pytest.raises(ValidationError) as e:
        interview_answer(actor=None, episode=episode, answer=InterviewOutcome.DECLINED)
    assert list(e.value.message_dict) == ["reason"]
    assert row_counts() == before
    interview = interview_answer(
        actor=None, episode=episode, answer=InterviewOutcome.DECLINED, reason="Tired of questions"
    )
    assert interview.outcome == InterviewOutcome.DECLINED
