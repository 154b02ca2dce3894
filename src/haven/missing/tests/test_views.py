"""The missing pages: who may see and record, the reads logged, what a recording writes, and
what a refusal leaves behind (the page again with GOV.UK errors, nothing written but the read)."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from tests.support import assert_refused_with_errors, client_for, row_counts

from haven.audit.models import AccessEvent
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.missing.enums import Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.missing.models import InterviewAction, MissingEpisode, ReturnInterview
from haven.missing.selectors import REPEAT_RULE, RHI_RULE
from haven.missing.services import interview_offer, missing_end, missing_start

pytestmark = pytest.mark.django_db

# Now: 10:00 GMT on Monday 1 December 2025.
NOW = dt.datetime(2025, 12, 1, 10, 0, tzinfo=dt.UTC)
NO_ACCESS = "You do not have access to this record"


@pytest.fixture(autouse=True)
def _now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def london(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, month, day, hour, minute, tzinfo=clock.LONDON)


def moment(prefix: str, time_name: str, at: dt.datetime) -> dict[str, str]:
    return {
        f"{prefix}-day": str(at.day),
        f"{prefix}-month": str(at.month),
        f"{prefix}-year": str(at.year),
        time_name: f"{at:%H:%M}",
    }


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["social_worker"]


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["allocated"]


def went(worker: Any, child: Any, at: dt.datetime | None = None) -> MissingEpisode:
    return missing_start(
        actor=worker,
        child=child,
        kind=MissingKind.MISSING,
        started_at=at or london(11, 28, 21, 15),
        reported_to_police=True,
        police_reference="NP-118842",
    )


def came_back(worker: Any, episode: MissingEpisode, at: dt.datetime) -> MissingEpisode:
    return missing_end(actor=worker, episode=episode, ended_at=at, found_where=FoundWhere.FRIENDS)


# Reading


def test_the_page_shows_episodes_with_the_hours_left_and_logs_the_read(
    worker: Any, child: Any
) -> None:
    came_back(worker, went(worker, child), london(11, 29, 6, 40))
    page = client_for(worker).get(reverse("missing:child", args=[child.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "NP-118842" in html
    assert "(9 hours away)" in html  # 21:15 to 06:40
    assert "Not offered yet" in html
    # Back at 06:40 on Saturday: due 06:40 on Tuesday 2 December, 20 hours and 40 minutes away.
    assert "20 hours left" in html
    assert reverse("missing:offer", args=[MissingEpisode.objects.get().pk]) in html
    assert reads(child, "missing.child") == 1


def test_an_overdue_interview_says_by_how_many_hours(worker: Any, child: Any) -> None:
    came_back(worker, went(worker, child, london(11, 24, 18, 0)), london(11, 25, 7, 30))
    html = client_for(worker).get(reverse("missing:child", args=[child.pk])).content.decode()
    # Due 07:30 on 28 November; now 10:00 on 1 December: 74 and a half hours, a part hour counted.
    assert "75 hours overdue" in html


def test_outside_reach_the_page_is_the_no_access_page(council: Any, child: Any) -> None:
    page = client_for(council.users["other_worker"]).get(reverse("missing:child", args=[child.pk]))
    assert NO_ACCESS in page.content.decode()
    assert reads(child, "missing.child") == 0


@pytest.mark.parametrize("persona", ["iro", "dcs", "business_support"])
def test_those_who_may_read_but_not_record_get_no_buttons_and_no_forms(
    council: Any, child: Any, worker: Any, persona: str
) -> None:
    episode = came_back(worker, went(worker, child), london(11, 29, 6, 40))
    client = client_for(council.users[persona])
    html = client.get(reverse("missing:child", args=[child.pk])).content.decode()
    assert "NP-118842" in html
    assert reverse("missing:start", args=[child.pk]) not in html
    assert reverse("missing:offer", args=[episode.pk]) not in html
    assert client.get(reverse("missing:start", args=[child.pk])).status_code == 403
    assert client.get(reverse("missing:offer", args=[episode.pk])).status_code == 403


def test_the_record_shows_missing_now_and_missing_again_and_again(worker: Any, child: Any) -> None:
    record = reverse("people:record", args=[child.pk])
    client = client_for(worker)
    assert "Missing now" not in client.get(record).content.decode()
    came_back(worker, went(worker, child, london(10, 1, 20)), london(10, 2, 8))
    came_back(worker, went(worker, child, london(11, 1, 20)), london(11, 2, 8))
    went(worker, child)
    html = client.get(record).content.decode()
    assert "Missing now" in html
    assert "Missing 3 times in 90 days" in html
    page = client.get(reverse("missing:child", args=[child.pk])).content.decode()
    assert "Missing 3 times in the last 90 days" in page
    assert "is asked to consider a strategy discussion by 1 December 2025" in page


# Recording


def test_recording_an_episode_and_the_return(worker: Any, child: Any) -> None:
    client = client_for(worker)
    page = client.post(
        reverse("missing:start", args=[child.pk]),
        {
            "kind": MissingKind.AWAY,
            **moment("started_at", "started_time", london(11, 30, 22, 5)),
            "reported_to_police": "no",
            "with_whom": "Older friends from the park",
        },
    )
    assert page.status_code == 302
    episode = MissingEpisode.objects.get()
    assert (episode.kind, episode.started_at) == (MissingKind.AWAY, london(11, 30, 22, 5))
    assert reads(child, "missing.start") == 1
    page = client.post(
        reverse("missing:end", args=[episode.pk]),
        {
            **moment("ended_at", "ended_time", london(12, 1, 2, 30)),
            "found_where": FoundWhere.PUBLIC_PLACE,
            "with_whom": "Older friends from the park",
        },
    )
    assert page.status_code == 302
    episode.refresh_from_db()
    assert episode.ended_at == london(12, 1, 2, 30)
    rhi = Deadline.objects.get(rule_id=RHI_RULE)
    assert rhi.due_at == london(12, 4, 2, 30)
    # The return is recorded once: the form is gone.
    assert client.get(reverse("missing:end", args=[episode.pk])).status_code == 403


def test_a_bad_episode_names_each_field_and_writes_nothing(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        reverse("missing:start", args=[child.pk]),
        {
            **moment("started_at", "started_time", london(11, 30, 22, 5)),
            "started_time": "25:00",
            "reported_to_police": "yes",
        },
    )
    html = assert_refused_with_errors(page, before, "id_kind", "id_started_time")
    assert "Enter the time the child went, like 9:30am or 14:30" in html
    before = row_counts()
    page = client.post(
        reverse("missing:start", args=[child.pk]),
        {
            "kind": MissingKind.MISSING,
            **moment("started_at", "started_time", london(11, 30, 22, 5)),
            "reported_to_police": "yes",
        },
    )
    html = assert_refused_with_errors(page, before, "id_police_reference")
    assert "Enter the police reference" in html
    assert 'value="22:05"' in html  # what was typed is kept


def test_an_offer_declined_needs_the_reason(worker: Any, child: Any) -> None:
    episode = came_back(worker, went(worker, child), london(11, 29, 6, 40))
    client = client_for(worker)
    url = reverse("missing:offer", args=[episode.pk])
    data = {
        **moment("offered_at", "offered_time", london(11, 29, 11, 0)),
        "answer": InterviewOutcome.DECLINED,
    }
    before = row_counts()
    html = assert_refused_with_errors(client.post(url, data), before, "id_declined_reason")
    assert "Enter why the child declined" in html
    page = client.post(url, {**data, "declined_reason": "Just wants to sleep"})
    assert page.status_code == 302
    interview = ReturnInterview.objects.get()
    assert (interview.outcome, interview.declined_reason) == ("declined", "Just wants to sleep")
    assert Deadline.objects.get(rule_id=RHI_RULE).status == DeadlineStatus.CANCELLED


def test_the_answer_after_an_offer(worker: Any, child: Any) -> None:
    episode = came_back(worker, went(worker, child), london(11, 29, 6, 40))
    interview_offer(actor=worker, episode=episode, offered_at=london(11, 29, 11, 0))
    client = client_for(worker)
    html = client.get(reverse("missing:child", args=[child.pk])).content.decode()
    assert reverse("missing:answer", args=[episode.pk]) in html
    page = client.post(
        reverse("missing:answer", args=[episode.pk]), {"answer": InterviewOutcome.ACCEPTED}
    )
    assert page.status_code == 302
    assert ReturnInterview.objects.get().outcome == InterviewOutcome.ACCEPTED


def _interview(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        **moment("done_at", "done_time", london(11, 30, 15, 0)),
        "interviewer_name": "Jo Reid",
        "interviewer_organisation": "Northshire Young People's Service",
        "independent": "yes",
        "push_factors": [Factor.CONFLICT_HOME],
        "pull_factors": [Factor.OLDER_PEOPLE, Factor.MONEY],
        "child_words": "They give me stuff and I can stay out.",
        "risks": "Older males at the park",
        "action_2_action": "Share with the police exploitation team",
        "action_2_owner": "Sam Worker",
        "action_2_due_on-day": "5",
        "action_2_due_on-month": "12",
        "action_2_due_on-year": "2025",
    }
    data.update(changes)
    return data


def test_recording_the_interview_meets_the_clock(worker: Any, child: Any) -> None:
    episode = came_back(worker, went(worker, child), london(11, 29, 6, 40))
    interview_offer(
        actor=worker,
        episode=episode,
        offered_at=london(11, 29, 11, 0),
        answer=InterviewOutcome.ACCEPTED,
    )
    client = client_for(worker)
    page = client.post(reverse("missing:interview", args=[episode.pk]), _interview())
    assert page.status_code == 302
    interview = ReturnInterview.objects.get()
    assert interview.done_at == london(11, 30, 15, 0)
    assert {f.factor for f in interview.factors.all()} == {
        Factor.CONFLICT_HOME,
        Factor.OLDER_PEOPLE,
        Factor.MONEY,
    }
    action = InterviewAction.objects.get()
    assert (action.owner, action.due_on) == ("Sam Worker", dt.date(2025, 12, 5))
    rhi = Deadline.objects.get(rule_id=RHI_RULE)
    assert (rhi.status, rhi.met_at) == (DeadlineStatus.MET, london(11, 30, 15, 0))
    html = client.get(reverse("missing:child", args=[child.pk])).content.decode()
    assert "Push: Conflict at home or in the placement" in html
    assert "Pull: Money or gifts" in html
    assert "Within 72 hours" in html


def test_a_bad_interview_puts_each_error_by_its_field(worker: Any, child: Any) -> None:
    episode = came_back(worker, went(worker, child), london(11, 29, 6, 40))
    interview_offer(actor=worker, episode=episode, offered_at=london(11, 29, 11, 0))
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        reverse("missing:interview", args=[episode.pk]),
        _interview(push_factors=[], pull_factors=[], action_2_owner=""),
    )
    html = assert_refused_with_errors(page, before, "id_push_factors", "id_action_2_action")
    assert "Select at least one reason the child went" in html
    assert "They give me stuff" in html  # the child's words are kept


def test_the_manager_records_whether_to_hold_a_strategy_discussion(
    council: Any, worker: Any, child: Any
) -> None:
    came_back(worker, went(worker, child, london(10, 1, 20)), london(10, 2, 8))
    came_back(worker, went(worker, child, london(11, 1, 20)), london(11, 2, 8))
    came_back(worker, went(worker, child), london(11, 29, 6, 40))
    url = reverse("missing:repeat-decision", args=[child.pk])
    page_url = reverse("missing:child", args=[child.pk])
    assert url not in client_for(worker).get(page_url).content.decode()
    assert client_for(worker).get(url).status_code == 403
    manager = client_for(council.users["team_manager"])
    assert url in manager.get(page_url).content.decode()
    before = row_counts()
    assert_refused_with_errors(
        manager.post(url, {"reasons": "Pattern of weekend episodes"}),
        before,
        "id_strategy_discussion",
    )
    page = manager.post(url, {"strategy_discussion": "yes", "reasons": "Pattern of weekends"})
    assert page.status_code == 302
    prompt = Deadline.objects.get(rule_id=REPEAT_RULE)
    assert (prompt.status, prompt.met_on) == (DeadlineStatus.MET, dt.date(2025, 12, 1))
    html = manager.get(page_url).content.decode()
    assert "Strategy discussion to be held: decided by" in html
    assert url not in html  # answered: nothing asks for a decision now
    before = row_counts()
    html = assert_refused_with_errors(
        manager.post(url, {"strategy_discussion": "no", "reasons": "Again"}), before
    )
    assert "the child has no open prompt" in html
