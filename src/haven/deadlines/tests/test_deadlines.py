"""Deadlines: opened from the statutory rules, met, moved and cancelled; and the worklists."""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_move, deadline_open

TODAY = dt.date(2026, 3, 2)  # a Monday


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def open_for(council: Any, persona: str, child: str, rule: str, start: dt.date) -> Deadline:
    user = council.users[persona]
    return deadline_open(
        actor=council.users["team_manager"],
        child=council.children[child],
        rule_id=rule,
        start=start,
        assignee=user,
        team=user.worker.team,
    )


@pytest.mark.parametrize(
    ("rule", "start", "working_days"),
    [
        ("referral-decision", dt.date(2026, 1, 5), 1),
        ("referral-decision", dt.date(2025, 12, 24), 1),  # Christmas and Boxing Day
        ("referral-decision", dt.date(2026, 4, 2), 1),  # Good Friday, Easter Monday
        ("child-and-family-assessment", dt.date(2026, 1, 5), 45),
        ("child-and-family-assessment", dt.date(2025, 12, 1), 45),
    ],
)
def test_open_takes_the_due_date_from_the_rule(
    council: Any, rule: str, start: dt.date, working_days: int
) -> None:
    d = open_for(council, "social_worker", "allocated", rule, start)
    assert d.due_on == working_days_after(start, working_days)
    assert (d.rule_id, d.rule_version, d.status, d.met_on) == (rule, 1, "open", None)
    assert d.team == council.teams["team_a"]


def test_the_holiday_cases_above_really_skip_holidays() -> None:
    assert working_days_after(dt.date(2025, 12, 24), 1) == dt.date(2025, 12, 29)
    assert working_days_after(dt.date(2026, 4, 2), 1) == dt.date(2026, 4, 7)


def test_an_unknown_rule_is_refused(council: Any) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        open_for(council, "social_worker", "allocated", "no-such-rule", TODAY)
    assert list(e.value.message_dict) == ["rule_id"]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("met_on", "late"), [(dt.date(2026, 1, 6), False), (dt.date(2026, 1, 7), True)]
)
def test_meet_records_whether_it_was_late(council: Any, met_on: dt.date, late: bool) -> None:
    d = open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 1, 5))
    d = deadline_meet(actor=council.users["social_worker"], deadline=d, met_on=met_on)
    assert (d.status, d.met_on) == (DeadlineStatus.MET, met_on)
    event = AuditEvent.objects.get(verb=AuditVerb.DEADLINE_MET)
    assert event.payload["late"] is late
    with pytest.raises(ValidationError) as e:
        deadline_meet(actor=None, deadline=d, met_on=met_on)
    assert list(e.value.message_dict) == ["status"]


def test_move_needs_a_reason_and_keeps_the_history(council: Any) -> None:
    tm = council.users["team_manager"]
    d = open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 1, 5))
    before = row_counts()
    for reason, due_on, field in (
        ("  ", dt.date(2026, 1, 9), "reason"),
        ("Family on holiday", dt.date(2026, 1, 6), "due_on"),
    ):
        with pytest.raises(ValidationError) as e:
            deadline_move(actor=tm, deadline=d, due_on=due_on, reason=reason)
        assert list(e.value.message_dict) == [field]
    assert row_counts() == before
    d = deadline_move(actor=tm, deadline=d, due_on=dt.date(2026, 1, 9), reason=" Family away ")
    d = deadline_move(actor=tm, deadline=d, due_on=dt.date(2026, 1, 12), reason="Still away")
    assert Deadline.objects.get(pk=d.pk).due_on == dt.date(2026, 1, 12)
    assert [(m.from_due_on, m.to_due_on, m.reason, m.moved_by) for m in d.moves.all()] == [
        (dt.date(2026, 1, 6), dt.date(2026, 1, 9), "Family away", tm),
        (dt.date(2026, 1, 9), dt.date(2026, 1, 12), "Still away", tm),
    ]


def test_cancel_needs_a_reason(council: Any) -> None:
    d = open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 1, 5))
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        deadline_cancel(actor=None, deadline=d, reason="")
    assert list(e.value.message_dict) == ["reason"]
    assert row_counts() == before
    d = deadline_cancel(actor=None, deadline=d, reason="Referral withdrawn")
    stored = Deadline.objects.get(pk=d.pk)
    assert (stored.status, stored.cancel_reason) == ("cancelled", "Referral withdrawn")
    with pytest.raises(ValidationError):
        deadline_move(actor=None, deadline=d, due_on=dt.date(2026, 2, 1), reason="Too late")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _rows(html: str) -> list[str]:
    """The text of each row of the deadlines table, whitespace squeezed."""
    table = html.split('<table class="govuk-table">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", table, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows[1:]]


def test_my_work_lists_my_open_deadlines_overdue_first(council: Any) -> None:
    # Due the next working day after each start: 26 Feb (overdue), 2 Mar (today), 9 Mar.
    open_for(council, "social_worker", "team", "referral-decision", dt.date(2026, 3, 6))
    open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 2, 25))
    open_for(council, "social_worker", "unallocated", "referral-decision", dt.date(2026, 2, 27))
    done = open_for(council, "social_worker", "team", "referral-decision", dt.date(2026, 2, 2))
    deadline_meet(actor=None, deadline=done, met_on=dt.date(2026, 2, 3))
    open_for(council, "colleague", "team", "child-and-family-assessment", dt.date(2026, 2, 2))

    html = _client(council.users["social_worker"]).get(reverse("deadlines:my-work")).content
    assert _rows(html.decode()) == [
        "Amelia Hart Decide the response to a referral 26 Feb 2026 4 days overdue",
        "Uma Nowak Decide the response to a referral 2 Mar 2026 Due today",
        "Tyler Hart Decide the response to a referral 9 Mar 2026 7 days (5 working)",
    ]


def test_my_team_lists_the_team_s_deadlines_for_a_manager(council: Any) -> None:
    open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 2, 25))
    open_for(council, "colleague", "team", "referral-decision", dt.date(2026, 3, 6))
    open_for(council, "other_worker", "other_team", "referral-decision", dt.date(2026, 3, 6))

    html = _client(council.users["team_manager"]).get(reverse("deadlines:my-team")).content
    assert _rows(html.decode()) == [
        "Amelia Hart Decide the response to a referral Sam Worker 26 Feb 2026 4 days overdue",
        "Tyler Hart Decide the response to a referral Cara Colleague 9 Mar 2026 7 days (5 working)",
    ]
    html = _client(council.users["service_manager"]).get(reverse("deadlines:my-team")).content
    assert "Olivia Okafor" in html.decode()
    assert "Amelia Hart" in html.decode()


@pytest.mark.parametrize("persona", ["social_worker", "partner_police", "auditor"])
def test_my_team_is_refused_without_team_work(council: Any, persona: str) -> None:
    response = _client(council.users[persona]).get(reverse("deadlines:my-team"))
    assert response.status_code == 403


def test_my_work_does_not_query_per_row(council: Any, django_assert_max_num_queries: Any) -> None:
    client = _client(council.users["social_worker"])
    url = reverse("deadlines:my-work")
    open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 2, 2))
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n, child in enumerate(["team", "unallocated", "other_team", "in_care"] * 2):
        start = dt.date(2026, 2, 2) + dt.timedelta(days=n)
        open_for(council, "social_worker", child, "child-and-family-assessment", start)
    with django_assert_max_num_queries(len(one)):
        html = client.get(url).content.decode()
    assert len(_rows(html)) == 9


def test_worklists_do_not_name_a_restricted_child_the_user_is_not_named_on(
    client: Any, council: Any
) -> None:
    """The restricted child is allocated to the social worker, but only the manager is named."""
    restricted = council.children["restricted"]
    deadline_open(
        actor=None,
        child=restricted,
        rule_id="referral-decision",
        start=dt.date(2026, 1, 5),
        assignee=council.users["social_worker"],
        team=council.teams["team_a"],
    )
    client.force_login(council.users["social_worker"])
    page = client.get("/work/").content.decode()
    assert "Restricted record" in page
    assert restricted.family_name not in page
    assert str(restricted.pk) not in page
    client.force_login(council.users["team_manager"])
    team_page = client.get("/work/team/").content.decode()
    assert restricted.family_name in team_page


# Clocks counted in hours: the 72-hour return home interview. "Now" is 10:00 GMT on Monday 2
# March 2026 (the fixture above).

RHI = "return-home-interview"


def london(year: int, month: int, day: int, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=clock.LONDON)


def test_an_hours_clock_is_due_72_hours_after_the_moment(council: Any) -> None:
    d = open_for(council, "social_worker", "allocated", RHI, london(2026, 2, 27, 23, 30))
    assert d.due_at == london(2026, 3, 2, 23, 30)
    assert d.due_on == dt.date(2026, 3, 2)
    event = AuditEvent.objects.get(verb=AuditVerb.DEADLINE_OPENED)
    assert event.payload["due_on"] == "2026-03-02"
    assert event.payload["due_at"] == "2026-03-02 23:30:00+00:00"


def test_an_hours_clock_across_the_clocks_going_forward(council: Any) -> None:
    # Back at 22:00 GMT on Saturday 28 March 2026; the clocks go forward the next night.
    d = open_for(council, "social_worker", "allocated", RHI, london(2026, 3, 28, 22, 0))
    assert d.due_at == dt.datetime(2026, 3, 31, 22, 0, tzinfo=dt.UTC)
    assert clock.local(d.due_at).hour == 23
    assert d.due_on == dt.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("start", "field"),
    [
        (dt.date(2026, 3, 1), "start"),  # a date alone: the hours need the time
        (dt.datetime(2026, 3, 1, 9, 0), "start"),  # no time zone
        (london(2026, 3, 29, 1, 30), "start"),  # the hour the clocks skip
    ],
)
def test_an_hours_clock_needs_a_real_moment(council: Any, start: Any, field: str) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        open_for(council, "social_worker", "allocated", RHI, start)
    assert list(e.value.message_dict) == [field]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("met_at", "late"),
    [
        (london(2026, 3, 2, 23, 30), False),  # on the minute
        (london(2026, 3, 2, 23, 31), True),
        (london(2026, 3, 1, 9, 0), False),
    ],
)
def test_meeting_an_hours_clock_takes_the_moment(
    council: Any, met_at: dt.datetime, late: bool
) -> None:
    d = open_for(council, "social_worker", "allocated", RHI, london(2026, 2, 27, 23, 30))
    before = row_counts()
    for met_on, moment, field in (
        (met_at.date(), None, "met_at"),
        (met_at.date() + dt.timedelta(days=1), met_at, "met_at"),
    ):
        with pytest.raises(ValidationError) as e:
            deadline_meet(actor=None, deadline=d, met_on=met_on, met_at=moment)
        assert list(e.value.message_dict) == [field]
    assert row_counts() == before
    d = deadline_meet(actor=None, deadline=d, met_on=met_at.date(), met_at=met_at)
    assert (d.status, d.met_on, d.met_at) == (DeadlineStatus.MET, met_at.date(), met_at)
    assert AuditEvent.objects.get(verb=AuditVerb.DEADLINE_MET).payload["late"] is late


def test_a_days_clock_is_not_met_with_a_time(council: Any) -> None:
    d = open_for(council, "social_worker", "allocated", "referral-decision", dt.date(2026, 1, 5))
    with pytest.raises(ValidationError) as e:
        deadline_meet(actor=None, deadline=d, met_on=TODAY, met_at=london(2026, 3, 2, 9, 0))
    assert list(e.value.message_dict) == ["met_at"]


def test_moving_an_hours_clock_keeps_its_time_of_day(council: Any) -> None:
    d = open_for(council, "social_worker", "allocated", RHI, london(2026, 3, 25, 14, 15))
    assert d.due_at == london(2026, 3, 28, 14, 15)
    d = deadline_move(
        actor=council.users["team_manager"],
        deadline=d,
        due_on=dt.date(2026, 3, 30),
        reason="Young person in hospital",
    )
    stored = Deadline.objects.get(pk=d.pk)
    assert (stored.due_on, stored.due_at) == (dt.date(2026, 3, 30), london(2026, 3, 30, 14, 15))
    assert stored.due_at is not None
    assert clock.local(stored.due_at).utcoffset() == dt.timedelta(hours=1)  # now BST


def test_the_worklist_counts_an_hours_clock_in_hours(council: Any) -> None:
    # Now is 10:00 on 2 March: one due at 23:30 tonight, one that fell due at 08:30 today.
    open_for(council, "social_worker", "allocated", RHI, london(2026, 2, 27, 23, 30))
    open_for(council, "social_worker", "team", RHI, london(2026, 2, 27, 8, 30))
    open_for(council, "social_worker", "unallocated", "referral-decision", dt.date(2026, 2, 27))
    html = _client(council.users["social_worker"]).get(reverse("deadlines:my-work")).content
    rhi = "Return home interview after a missing episode"
    assert _rows(html.decode()) == [
        "Uma Nowak Decide the response to a referral 2 Mar 2026 Due today",
        f"Tyler Hart {rhi} 08:30 on 2 Mar 2026 2 hours overdue",
        f"Amelia Hart {rhi} 23:30 on 2 Mar 2026 13 hours left",
    ]
