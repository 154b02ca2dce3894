"""The pre-proceedings, emergency protection and neglect pages: each page's GET and POST, who
is refused, what a refusal leaves behind, and which children the long-term neglect list names."""

import datetime as dt
import uuid
from typing import Any

import pytest
from conftest import make_child
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.allocation.services import allocation_start
from haven.audit.models import AccessEvent
from haven.core import clock
from haven.protection.enums import (
    AbuseCategory,
    ConferenceDecision,
    ConferenceKind,
    PreProceedingsOutcome,
    ProtectiveOrderKind,
)
from haven.protection.models import Plan, PreProceedings, PreProceedingsMeeting, ProtectiveOrder
from haven.protection.selectors.lists import whole_months
from haven.protection.services import (
    conference_record,
    outcome_add,
    pre_proceedings_meeting_record,
    pre_proceedings_start,
    pre_proceedings_update,
    protective_order_record,
    visit_record,
)

from .conftest import (
    QUORATE,
    REFERRED,
    TODAY,
    assert_refused_with_errors,
    at,
    client_for,
    date,
    enquiry_with_child_seen,
    icpc,
    reads,
    refer,
    url,
)

pytestmark = pytest.mark.django_db

NAMES = ("amelia", "hart", "stuck", "improved", "neglect")
STARTED = dt.date(2025, 11, 3)


def assert_no_names(address: str) -> None:
    assert not names_in(address, NAMES), address


@pytest.fixture
def sw(council: Any) -> Any:
    return council.users["social_worker"]


@pytest.fixture
def manager(council: Any) -> Any:
    return council.users["team_manager"]


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["allocated"]


@pytest.fixture
def pp(sw: Any, manager: Any, child: Any) -> PreProceedings:
    refer(sw, child)
    return pre_proceedings_start(actor=manager, child=child, started_on=STARTED)


# Entering pre-proceedings


def test_a_manager_enters_pre_proceedings(manager: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    client = client_for(manager)
    start = url("pre-proceedings-start", child_id=child.pk)
    page = client.get(start)
    assert page.status_code == 200
    assert "Date of the decision to enter pre-proceedings" in page.content.decode()
    done = client.post(start, date("started_on", STARTED))
    pp = PreProceedings.objects.get()
    assert (pp.child, pp.started_on, pp.started_by) == (child, STARTED, manager)
    assert done.status_code == 302
    assert done["Location"] == url("pre-proceedings", pre_proceedings_id=pp.pk)
    assert_no_names(done["Location"])
    html = client.get(done["Location"]).content.decode()
    assert "Pre-proceedings started" in html
    assert "3 November 2025" in html
    assert reads(child, "protection.pre_proceedings_start") == 2
    assert reads(child, "protection.pre_proceedings") == 1


def test_only_a_manager_in_reach_enters_pre_proceedings(council: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    start = url("pre-proceedings-start", child_id=child.pk)
    # In reach, but deciding on pre-proceedings is a manager's: 403 without the "no access" page.
    for persona in ("social_worker", "iro"):
        page = client_for(council.users[persona]).get(start)
        assert page.status_code == 403
        assert "You do not have access to this record" not in page.content.decode()
    # Out of reach: the people app's "no access" page.
    for persona in ("other_worker", "performance_analyst", "partner_police"):
        assert client_for(council.users[persona]).get(start).status_code == 403
    assert client_for(sw).post(start, date("started_on", STARTED)).status_code == 403
    assert not PreProceedings.objects.exists()
    assert reads(child, "protection.pre_proceedings_start") == 0
    adult = council.children["parent"]
    page = client_for(council.users["team_manager"]).get(
        url("pre-proceedings-start", child_id=adult.pk)
    )
    assert page.status_code == 404
    assert (
        client_for(sw).get(url("pre-proceedings-start", child_id=uuid.uuid4())).status_code == 404
    )


def test_a_decision_before_the_referral_is_refused_on_the_date(
    manager: Any, sw: Any, child: Any
) -> None:
    refer(sw, child)
    client = client_for(manager)
    before = row_counts()
    page = client.post(
        url("pre-proceedings-start", child_id=child.pk), date("started_on", dt.date(2025, 1, 6))
    )
    html = assert_refused_with_errors(page, before, "id_started_on-day")
    assert "on or after the referral date" in html
    # What was typed is kept.
    assert 'name="started_on-day" value="6"' in html
    assert 'name="started_on-year" value="2025"' in html


def test_a_child_without_an_open_episode_is_refused_with_the_reason(
    manager: Any, child: Any
) -> None:
    client = client_for(manager)
    before = row_counts()
    page = client.post(url("pre-proceedings-start", child_id=child.pk), date("started_on", STARTED))
    html = assert_refused_with_errors(page, before)
    assert "no open child in need episode" in html


def test_a_future_or_missing_date_is_refused_by_the_form(manager: Any, sw: Any, child: Any) -> None:
    refer(sw, child)
    start = url("pre-proceedings-start", child_id=child.pk)
    client = client_for(manager)
    before = row_counts()
    page = client.post(start, date("started_on", TODAY + dt.timedelta(days=2)))
    assert "must be today or in the past" in assert_refused_with_errors(
        page, before, "id_started_on-day"
    )
    client = client_for(manager)
    before = row_counts()
    page = client.post(start, {"started_on-day": "3", "started_on-year": "2025"})
    html = assert_refused_with_errors(page, before, "id_started_on-month")
    assert "must include a month" in html


# The pre-proceedings record


def test_the_record_shows_the_letter_meetings_and_decision(
    manager: Any, sw: Any, child: Any, pp: PreProceedings
) -> None:
    pre_proceedings_update(
        actor=sw,
        pre_proceedings=pp,
        letter_sent_on=dt.date(2025, 11, 5),
        fgdm_offered=True,
        fgdm_held=None,
    )
    pre_proceedings_meeting_record(actor=sw, pre_proceedings=pp, held_on=dt.date(2025, 11, 12))
    pre_proceedings_meeting_record(actor=sw, pre_proceedings=pp, held_on=dt.date(2025, 11, 26))
    page = client_for(sw).get(url("pre-proceedings", pre_proceedings_id=pp.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Sent 5 November 2025" in html
    assert "Initial meeting" in html
    assert "12 November 2025" in html
    assert "Review meeting 1" in html
    assert "Not recorded yet" in html  # FGDM held
    assert url("pre-proceedings-meeting", pre_proceedings_id=pp.pk) in html
    assert url("pre-proceedings-update", pre_proceedings_id=pp.pk) in html
    assert url("pre-proceedings-decide", pre_proceedings_id=pp.pk) not in html
    assert reads(child, "protection.pre_proceedings") == 1
    page = client_for(manager).get(url("pre-proceedings", pre_proceedings_id=pp.pk))
    assert url("pre-proceedings-decide", pre_proceedings_id=pp.pk) in page.content.decode()


def test_the_record_is_refused_outside_reach(council: Any, pp: PreProceedings) -> None:
    page = url("pre-proceedings", pre_proceedings_id=pp.pk)
    for persona in ("other_worker", "cic_worker", "performance_analyst", "partner_police"):
        response = client_for(council.users[persona]).get(page)
        assert response.status_code == 403, persona
    assert reads(pp.child, "protection.pre_proceedings") == 0
    client = client_for(council.users["social_worker"])
    assert client.get(url("pre-proceedings", pre_proceedings_id=uuid.uuid4())).status_code == 404


def test_recording_the_letter_and_family_group_decision_making(sw: Any, pp: PreProceedings) -> None:
    client = client_for(sw)
    update = url("pre-proceedings-update", pre_proceedings_id=pp.pk)
    page = client.get(update)
    assert page.status_code == 200
    # Nothing recorded yet: "Not recorded yet" is selected.
    assert 'value="not_yet" id="id_fgdm_offered-3" checked' in page.content.decode()
    done = client.post(
        update,
        {**date("letter_sent_on", dt.date(2025, 11, 6)), "fgdm_offered": "yes", "fgdm_held": "no"},
    )
    assert done.status_code == 302
    pp.refresh_from_db()
    assert (pp.letter_sent_on, pp.fgdm_offered, pp.fgdm_held) == (dt.date(2025, 11, 6), True, False)


def test_bad_letter_and_fgdm_answers_are_refused_on_their_fields(
    sw: Any, pp: PreProceedings
) -> None:
    update = url("pre-proceedings-update", pre_proceedings_id=pp.pk)
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        update,
        {**date("letter_sent_on", dt.date(2025, 10, 1)), "fgdm_offered": "no", "fgdm_held": "yes"},
    )
    html = assert_refused_with_errors(page, before, "id_letter_sent_on-day", "id_fgdm_held")
    assert "on or after the decision to enter pre-proceedings" in html
    assert "held only once offered" in html
    assert 'name="letter_sent_on-month" value="10"' in html
    assert 'value="no" id="id_fgdm_offered-2" checked' in html
    assert 'value="yes" id="id_fgdm_held" checked' in html


def test_recording_meetings(sw: Any, pp: PreProceedings) -> None:
    client = client_for(sw)
    new = url("pre-proceedings-meeting", pre_proceedings_id=pp.pk)
    assert "Record the initial pre-proceedings meeting" in client.get(new).content.decode()
    done = client.post(new, {**date("held_on", dt.date(2025, 11, 10)), "summary": "Agreed"})
    assert done["Location"] == url("pre-proceedings", pre_proceedings_id=pp.pk)
    assert "Record a review meeting" in client.get(new).content.decode()
    before = row_counts()
    page = client.post(new, {**date("held_on", dt.date(2025, 10, 1)), "summary": "Too early"})
    html = assert_refused_with_errors(page, before, "id_held_on-day")
    assert "on or after pre-proceedings began" in html
    assert "Too early</textarea>" in html
    assert PreProceedingsMeeting.objects.count() == 1


def test_a_manager_records_the_decision(
    council: Any, manager: Any, sw: Any, pp: PreProceedings
) -> None:
    decide = url("pre-proceedings-decide", pre_proceedings_id=pp.pk)
    assert client_for(sw).get(decide).status_code == 403
    assert client_for(council.users["other_worker"]).get(decide).status_code == 403
    client = client_for(manager)
    html = client.get(decide).content.decode()
    for outcome in PreProceedingsOutcome:
        assert outcome.label in html
    assert "The DfE has not yet published its descriptions" in html
    assert 'aria-describedby="id_outcome-hint"' in html
    done = client.post(
        decide,
        {
            **date("decision_on", dt.date(2025, 11, 24)),
            "outcome": "A",
            **date("court_application_on", dt.date(2025, 11, 28)),
        },
    )
    assert done.status_code == 302
    pp.refresh_from_db()
    assert (pp.decision_on, pp.outcome, pp.court_application_on) == (
        dt.date(2025, 11, 24),
        "A",
        dt.date(2025, 11, 28),
    )
    # Ended: nothing more is recorded on it.
    for step in ("pre-proceedings-update", "pre-proceedings-meeting", "pre-proceedings-decide"):
        assert client.get(url(step, pre_proceedings_id=pp.pk)).status_code == 403
    html = client.get(url("pre-proceedings", pre_proceedings_id=pp.pk)).content.decode()
    assert "A: decision to issue care proceedings" in html
    assert "28 November 2025" in html


def test_a_court_date_without_a_decision_to_issue_is_refused(
    manager: Any, pp: PreProceedings
) -> None:
    decide = url("pre-proceedings-decide", pre_proceedings_id=pp.pk)
    client = client_for(manager)
    before = row_counts()
    page = client.post(
        decide,
        {
            **date("decision_on", dt.date(2025, 11, 24)),
            "outcome": "B",
            **date("court_application_on", dt.date(2025, 11, 28)),
        },
    )
    html = assert_refused_with_errors(page, before, "id_court_application_on-day")
    assert "only with a decision to issue proceedings" in html
    assert 'value="B" id="id_outcome-2" checked' in html
    client = client_for(manager)
    before = row_counts()
    page = client.post(decide, date("decision_on", dt.date(2025, 11, 24)))
    html = assert_refused_with_errors(page, before, "id_outcome")
    assert "Select the outcome of pre-proceedings" in html
    assert PreProceedings.objects.get().is_open


# Emergency protection


def test_recording_police_protection(sw: Any, child: Any) -> None:
    client = client_for(sw)
    new = url("protective-order-record", child_id=child.pk)
    assert client.get(new).status_code == 200
    done = client.post(
        new,
        {
            "kind": ProtectiveOrderKind.POLICE_PROTECTION,
            **date("started_at", dt.date(2025, 11, 28)),
            "started_time": "9:30pm",
            "details": "Taken to foster carers",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == url("child", child_id=child.pk)
    order = ProtectiveOrder.objects.get()
    assert order.kind == ProtectiveOrderKind.POLICE_PROTECTION
    assert order.started_at == dt.datetime(2025, 11, 28, 21, 30, tzinfo=clock.LONDON)
    assert order.ended_at is None
    assert order.details == "Taken to foster carers"
    assert reads(child, "protection.protective_order_record") == 2


def test_bad_protection_answers_are_refused_and_kept(sw: Any, child: Any) -> None:
    new = url("protective-order-record", child_id=child.pk)
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        new,
        {
            **date("started_at", dt.date(2025, 11, 28)),
            "started_time": "25:99",
            **date("ended_at", dt.date(2025, 11, 29)),
            "details": "Details typed",
        },
    )
    html = assert_refused_with_errors(page, before, "id_kind", "id_started_time", "id_ended_time")
    assert "Select an emergency protection order or police protection" in html
    assert 'value="25:99"' in html
    assert "Details typed</textarea>" in html
    # The service's refusal lands on the end date.
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        new,
        {
            "kind": ProtectiveOrderKind.EPO,
            **date("started_at", dt.date(2025, 11, 28)),
            "started_time": "14:00",
            **date("ended_at", dt.date(2025, 11, 27)),
            "ended_time": "14:00",
        },
    )
    html = assert_refused_with_errors(page, before, "id_ended_at-day")
    assert "The end must be after the start" in html
    assert 'value="epo" id="id_kind" checked' in html


def test_ending_an_order(council: Any, sw: Any, child: Any) -> None:
    order = protective_order_record(
        actor=sw, child=child, kind=ProtectiveOrderKind.EPO, started_at=at(dt.date(2025, 11, 27))
    )
    end = url("protective-order-end", order_id=order.pk)
    assert client_for(council.users["other_worker"]).get(end).status_code == 403
    assert client_for(council.users["iro"]).get(end).status_code == 403
    client = client_for(sw)
    before = row_counts()
    page = client.post(end, {**date("ended_at", dt.date(2025, 11, 26)), "ended_time": "10am"})
    assert "after the start and in the past" in assert_refused_with_errors(
        page, before, "id_ended_at-day"
    )
    done = client.post(end, {**date("ended_at", dt.date(2025, 11, 30)), "ended_time": "midday"})
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.ended_at == at(dt.date(2025, 11, 30), 12)
    assert client.get(end).status_code == 403
    assert client.get(url("protective-order-end", order_id=uuid.uuid4())).status_code == 404


# Neglect


def _neglect_plan(sw: Any, child: Any, icpc_on: dt.date, baseline: int, rated: int) -> Plan:
    enquiry_with_child_seen(sw, child, icpc_on - dt.timedelta(days=14))
    icpc(sw, child, icpc_on, category=AbuseCategory.NEGLECT)
    plan = Plan.objects.get(child=child, ended_on__isnull=True)
    outcome = outcome_add(
        actor=sw, plan=plan, statement="Home is warm, clean, fed", baseline_score=baseline
    )
    visit_record(
        actor=sw,
        plan=plan,
        visited_on=icpc_on + dt.timedelta(days=7),
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        child_said="I get my own breakfast",
        observations="Little food in the kitchen",
    )
    conference_record(
        actor=sw,
        child=child,
        kind=ConferenceKind.REVIEW,
        held_on=icpc_on + dt.timedelta(days=91),
        attendance=QUORATE,
        child_views="ok",
        family_views="ok",
        decision=ConferenceDecision.PLAN,
        category=AbuseCategory.NEGLECT,
        ratings={outcome.pk: (rated, "As seen on visits")},
    )
    return plan


def _neglected(council: Any, name: str, rated: int, persona: str = "social_worker") -> Any:
    """A child on a neglect plan since 14 June 2024 (more than 12 months before today), with
    one outcome rated 3 at the start and ``rated`` at the review. ``name`` may be a persona's
    child in the council instead."""
    worker = council.users[persona]
    child = council.children.get(name)
    if child is None:
        child = make_child(name, "Neglect")
        allocation_start(
            actor=None, child=child, worker=worker.worker, started_on=dt.date(2024, 1, 8)
        )
    refer(worker, child, dt.date(2024, 5, 1))
    _neglect_plan(worker, child, dt.date(2024, 6, 14), baseline=3, rated=rated)
    return child


def test_the_neglect_chronology_shows_events_the_flag_and_the_chart(council: Any, sw: Any) -> None:
    stuck = _neglected(council, "Stuck", rated=2)
    page = client_for(sw).get(url("neglect", child_id=stuck.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Long-term neglect without improvement" in html
    assert "since 14 June 2024 (17 months)" in html
    assert 'Mean rating at the start (baseline)</dt><dd class="govuk-summary-list__value">3.0' in (
        html
    )
    assert 'Mean latest rating</dt><dd class="govuk-summary-list__value">2.0' in html
    # Oldest first: the plan, the visit, the review's rating.
    plan_at = html.index("Child protection plan started")
    visit_at = html.index("Visit: child seen alone, bedroom seen. Little food in the kitchen")
    rating_at = html.index("Outcome 1: As seen on visits")
    assert plan_at < visit_at < rating_at
    assert 'role="img"' in html
    assert 'aria-labelledby="ratings-title ratings-desc"' in html
    assert "<circle" in html
    assert reads(stuck, "protection.neglect") == 1


def test_a_child_whose_neglect_improved_is_not_flagged(council: Any, sw: Any) -> None:
    improved = _neglected(council, "Improved", rated=6)
    html = client_for(sw).get(url("neglect", child_id=improved.pk)).content.decode()
    assert "Long-term neglect without improvement" not in html
    assert "Outcome 1: As seen on visits" in html


def test_the_neglect_chronology_is_refused_outside_reach(council: Any, sw: Any) -> None:
    stuck = _neglected(council, "Stuck", rated=2)
    for persona in ("other_worker", "performance_analyst", "partner_police"):
        page = client_for(council.users[persona]).get(url("neglect", child_id=stuck.pk))
        assert page.status_code == 403, persona
    assert reads(stuck, "protection.neglect") == 0
    assert client_for(sw).get(url("neglect", child_id=uuid.uuid4())).status_code == 404


def test_the_long_term_neglect_list_names_children_in_reach(council: Any, manager: Any) -> None:
    stuck = _neglected(council, "Stuck", rated=2)
    improved = _neglected(council, "Improved", rated=6)
    elsewhere = _neglected(council, "Elsewhere", rated=3, persona="other_worker")
    page = client_for(manager).get(url("neglect-list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'href="{url("neglect", child_id=stuck.pk)}">Stuck Neglect' in html
    assert "Improved" not in html
    assert url("neglect", child_id=improved.pk) not in html
    # The other team's child is counted across the council, but not named to this manager.
    assert "Elsewhere" not in html
    assert "Children in your reach (1)" in html
    assert 'All plans</th><td class="govuk-table__cell govuk-table__cell--numeric">2' in html
    assert "after 12 months" in html
    assert "17</td>" in html  # months since 14 June 2024
    # A service manager reaches both teams.
    html = client_for(council.users["service_manager"]).get(url("neglect-list")).content.decode()
    assert "Stuck Neglect" in html
    assert "Elsewhere Neglect" in html
    # The list opens no record: it logs no reads.
    assert not AccessEvent.objects.filter(person_id__in=[stuck.pk, elsewhere.pk]).exists()


def test_a_restricted_record_is_named_only_to_those_named_on_it(council: Any) -> None:
    _neglected(council, "restricted", rated=2)
    named = client_for(council.users["team_manager"]).get(url("neglect-list")).content.decode()
    assert "Rory Quinn" in named
    html = client_for(council.users["service_manager"]).get(url("neglect-list")).content.decode()
    assert "Rory" not in html
    assert "Children in your reach (0)" in html
    assert 'All plans</th><td class="govuk-table__cell govuk-table__cell--numeric">1' in html


def test_the_analyst_sees_counts_and_no_names(council: Any) -> None:
    _neglected(council, "Stuck", rated=2)
    page = client_for(council.users["performance_analyst"]).get(url("neglect-list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'All plans</th><td class="govuk-table__cell govuk-table__cell--numeric">1' in html
    assert "Stuck" not in html
    assert "Neglect</a>" not in html
    assert "figures only" in html


def test_the_list_is_for_those_who_see_team_work(council: Any) -> None:
    for persona in ("social_worker", "iro", "business_support", "auditor", "partner_police"):
        page = client_for(council.users[persona]).get(url("neglect-list"))
        assert page.status_code == 403, persona
    nav = f'href="{url("neglect-list")}"'
    search = reverse("people:search")
    for persona in ("team_manager", "dcs"):
        assert nav in client_for(council.users[persona]).get(search).content.decode()
    work = reverse("deadlines:my-work")
    assert nav in client_for(council.users["performance_analyst"]).get(work).content.decode()
    assert nav not in client_for(council.users["social_worker"]).get(search).content.decode()


def test_the_months_come_from_the_setting(council: Any, manager: Any, settings: Any) -> None:
    _neglected(council, "Stuck", rated=2)
    settings.HAVEN_LONG_TERM_NEGLECT_MONTHS = 24
    html = client_for(manager).get(url("neglect-list")).content.decode()
    assert "after 24 months" in html
    assert "Stuck" not in html


def test_the_list_reads_the_same_number_of_times_however_many_children(
    council: Any, manager: Any
) -> None:
    def queries() -> int:
        client = client_for(manager)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("neglect-list")).status_code == 200
        return len(captured)

    _neglected(council, "Stuck", rated=2)
    one = queries()
    _neglected(council, "Stucker", rated=1)
    _neglected(council, "Stuckest", rated=3)
    assert queries() == one


def test_whole_months_counts_as_the_look_back_does() -> None:
    assert whole_months(dt.date(2024, 6, 14), TODAY) == 17
    assert whole_months(dt.date(2024, 12, 1), TODAY) == 12
    assert whole_months(dt.date(2024, 12, 2), TODAY) == 11
    assert whole_months(dt.date(2025, 1, 31), dt.date(2025, 2, 28)) == 1
    assert whole_months(TODAY, TODAY) == 0
    assert REFERRED < TODAY
