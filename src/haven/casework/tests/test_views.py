"""The casework pages: a child's casework, the assessment and its steps, closing an episode,
and early help. Each page's GET and POST, who is refused, and what a refusal leaves behind."""

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.audit.models import AccessEvent
from haven.casework.enums import AssessmentOutcome, ClosureReason, EarlyHelpClosureReason
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.casework.services import (
    assessment_authorise,
    assessment_complete,
    assessment_start,
    early_help_start,
    episode_close,
)
from haven.frontdoor.enums import ContactOutcome, Rag, ReferralRoute
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record
from haven.people.enums import RelationshipType
from haven.people.services import relationship_add

from .conftest import REFERRED, TODAY, completed_assessment, refer

pytestmark = pytest.mark.django_db

NAMES = ("amelia", "tyler", "hart", "rory", "quinn", "olivia", "okafor")
STARTED = REFERRED + dt.timedelta(days=1)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"casework:{name}", kwargs=kwargs)


def child_url(child: Any) -> str:
    return url("child", child_id=child.pk)


def assessment_url(assessment: Any, step: str = "") -> str:
    return url(f"assessment-{step}" if step else "assessment", assessment_id=assessment.pk)


def date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def assert_no_names(address: str) -> None:
    assert not names_in(address, NAMES), address


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


def assert_refused_with_errors(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again, each error linked to its field, and nothing written but the logged
    read of the page shown again."""
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    for anchor in anchors:
        assert f'href="#{anchor}"' in html, anchor
        assert f'id="{anchor}"' in html, anchor
    after = row_counts()
    assert after.pop("audit.AccessEvent") == before.pop("audit.AccessEvent") + 1
    assert after == before
    return html


@pytest.fixture
def sw(council: Any) -> Any:
    return council.users["social_worker"]


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["allocated"]


# The child's casework page


def test_the_casework_page_shows_episodes_assessments_clocks_and_early_help(
    council: Any, sw: Any, child: Any
) -> None:
    old = refer(sw, child, on=dt.date(2025, 1, 6))
    first = assessment_complete(
        actor=sw,
        assessment=assessment_start(actor=sw, episode=old, start_date=dt.date(2025, 1, 7)),
        completed_on=dt.date(2025, 4, 28),
        factors=["21"],
        outcome=AssessmentOutcome.NO_FURTHER_ACTION,
    )
    assessment_authorise(
        actor=council.users["team_manager"], assessment=first, authorised_on=dt.date(2025, 5, 1)
    )
    episode_close(
        actor=council.users["team_manager"],
        episode=old,
        closure_date=dt.date(2025, 5, 2),
        reason=ClosureReason.AFTER_ASSESSMENT_NFA,
    )
    current = refer(sw, child, on=dt.date(2025, 5, 6))
    assessment_start(actor=sw, episode=current, start_date=dt.date(2025, 5, 7))
    early_help_start(actor=sw, child=child, started_on=dt.date(2025, 5, 20), organisation="Hub")
    page = client_for(sw).get(child_url(child))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Referral 6 May 2025" in html
    assert "Re-referral within 12 months" in html
    assert "Schools (2A)" in html
    assert "Abuse or neglect (N1)" in html
    assert "2 May 2025: Case closed after assessment, no further action (RC8)" in html
    assert "No factors identified (21)" in html
    # The first episode's clock was due 10 March and met on 1 May: late.
    assert "met 1 May 2025" in html
    assert "Met late" in html
    # The open referral's clock, read from the stored deadline.
    assert re.search(r"Due \d+ July 2025 <strong class=\"govuk-tag\">Open</strong>", html)
    assert "Early help from 20 May 2025" in html
    assert "Hub" in html
    # An assessment is in progress: no second one; the worker cannot close the episode.
    assert url("assessment-start", child_id=child.pk) not in html
    assert "Close the episode" not in html
    assert reads(child, "casework.child") == 1


def test_overdue_clock_and_actions_for_a_manager(council: Any, sw: Any, child: Any) -> None:
    refer(sw, child, on=dt.date(2025, 3, 3))  # due 5 May 2025, not met: overdue on 16 June
    html = client_for(council.users["team_manager"]).get(child_url(child)).content.decode()
    assert "Overdue" in html
    assert url("assessment-start", child_id=child.pk) in html
    assert "Close the episode" in html


def test_the_casework_page_refuses_those_without_reach(council: Any, child: Any) -> None:
    for persona in ("other_worker", "cic_worker"):
        page = client_for(council.users[persona]).get(child_url(child))
        assert page.status_code == 403
        assert "You do not have access to this record" in page.content.decode()
    restricted = council.children["restricted"]
    page = client_for(council.users["service_manager"]).get(child_url(restricted))
    assert page.status_code == 403
    assert "restricted record" in page.content.decode()
    assert client_for(council.users["team_manager"]).get(child_url(restricted)).status_code == 200
    assert client_for(council.users["partner_police"]).get(child_url(child)).status_code == 403
    assert reads(child, "casework.child") == 0


def test_the_record_links_to_casework(council: Any, sw: Any, child: Any) -> None:
    html = client_for(sw).get(reverse("people:record", args=[child.pk])).content.decode()
    assert f'href="{child_url(child)}"' in html
    adult = council.children["parent"]
    html = client_for(sw).get(reverse("people:record", args=[adult.pk])).content.decode()
    assert "/casework/" not in html
    assert client_for(sw).get(child_url(adult)).status_code == 404


# Starting an assessment


def test_starting_an_assessment(sw: Any, child: Any) -> None:
    episode = refer(sw, child)
    client = client_for(sw)
    start = url("assessment-start", child_id=child.pk)
    page = client.get(start)
    assert page.status_code == 200
    assert "brothers and sisters" not in page.content.decode().lower()
    done = client.post(start, date("start_date", STARTED))
    assessment = Assessment.objects.get()
    assert (assessment.episode, assessment.start_date, assessment.group_id) == (
        episode,
        STARTED,
        None,
    )
    assert done.status_code == 302
    assert done["Location"] == assessment_url(assessment)
    assert_no_names(done["Location"])
    assert "Assessment started" in client.get(done["Location"]).content.decode()
    assert reads(child, "casework.assessment_start") == 2


def test_a_start_before_the_referral_is_refused_on_the_date(sw: Any, child: Any) -> None:
    refer(sw, child)
    poster = client_for(sw)
    before = row_counts()
    page = poster.post(
        url("assessment-start", child_id=child.pk), date("start_date", REFERRED - dt.timedelta(1))
    )
    html = assert_refused_with_errors(page, before, "id_start_date-day")
    assert "Start date must be on or after the referral date" in html
    assert 'value="1"' in html  # the day typed is kept


def test_brothers_and_sisters_are_offered_and_started_together(
    council: Any, sw: Any, child: Any
) -> None:
    tyler = council.children["team"]
    relationship_add(actor=None, from_person=child, to_person=tyler, type=RelationshipType.SIBLING)
    mine, theirs = refer(sw, child), refer(sw, tyler)
    # Olivia shares nothing with Amelia; the restricted child is out of the worker's reach.
    refer(sw, council.children["other_team"])
    client = client_for(sw)
    start = url("assessment-start", child_id=child.pk)
    html = client.get(start).content.decode()
    assert f'value="{theirs.pk}"' in html
    assert "Tyler Hart, referred 2 June 2025" in html
    assert "Olivia" not in html
    done = client.post(start, {**date("start_date", STARTED), "episodes": [str(theirs.pk)]})
    first, second = (Assessment.objects.get(episode=e) for e in (mine, theirs))
    assert first.group_id is not None
    assert first.group_id == second.group_id
    assert done["Location"] == assessment_url(first)
    page = client.get(done["Location"]).content.decode()
    assert "Assessments started" in page
    assert "Assessed with brothers and sisters" in page
    assert assessment_url(second) in page


def test_children_on_one_contact_are_offered_together(council: Any, sw: Any, child: Any) -> None:
    contact = uuid.uuid4()
    refer(sw, child, contact_id=contact)
    theirs = refer(sw, council.children["team"], contact_id=contact)
    html = client_for(sw).get(url("assessment-start", child_id=child.pk)).content.decode()
    assert f'value="{theirs.pk}"' in html


def test_a_sibling_out_of_reach_is_not_offered(council: Any, sw: Any, child: Any) -> None:
    rory = council.children["restricted"]  # restricted: the worker is not named on it
    relationship_add(actor=None, from_person=child, to_person=rory, type=RelationshipType.SIBLING)
    refer(sw, child)
    theirs = refer(council.users["team_manager"], rory)
    client = client_for(sw)
    html = client.get(url("assessment-start", child_id=child.pk)).content.decode()
    assert str(theirs.pk) not in html
    assert "Rory" not in html
    # Nor can it be smuggled in by id: only offered choices count; the child's own starts.
    page = client.post(
        url("assessment-start", child_id=child.pk),
        {**date("start_date", STARTED), "episodes": [str(theirs.pk)]},
    )
    assert page.status_code == 302
    assert [a.child for a in Assessment.objects.all()] == [child]


def test_start_refused_without_reach_or_role_or_referral(council: Any, sw: Any, child: Any) -> None:
    start = url("assessment-start", child_id=child.pk)
    assert client_for(sw).get(start).status_code == 404  # no open referral
    refer(sw, child)
    assert client_for(council.users["other_worker"]).get(start).status_code == 403
    assert client_for(council.users["dcs"]).get(start).status_code == 403  # sees, records nothing
    dcs = client_for(council.users["dcs"])
    before = row_counts()
    assert dcs.post(start, date("start_date", STARTED)).status_code == 403
    assert row_counts() == before


# The assessment page and its steps


@pytest.fixture
def assessment(sw: Any, child: Any) -> Assessment:
    return assessment_start(actor=sw, episode=refer(sw, child), start_date=STARTED)


def test_the_assessment_page(council: Any, sw: Any, child: Any, assessment: Assessment) -> None:
    page = client_for(sw).get(assessment_url(assessment))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Not seen yet" in html
    assert "Record the child seen" in html
    assert "Complete the assessment" in html
    assert "Authorise the assessment" not in html
    assert "Due " in html
    assert reads(child, "casework.assessment") == 1
    # Out of reach: the no-access page; the manager sees it without record links.
    assert (
        client_for(council.users["other_worker"]).get(assessment_url(assessment)).status_code == 403
    )
    html = client_for(council.users["dcs"]).get(assessment_url(assessment)).content.decode()
    assert "Record the child seen" not in html
    assert "Complete the assessment" not in html


def test_recording_the_child_seen(sw: Any, assessment: Assessment) -> None:
    seen = assessment_url(assessment, "seen")
    client = client_for(sw)
    assert client.get(seen).status_code == 200
    done = client.post(seen, {**date("seen_on", TODAY), "seen_alone": "yes"})
    assert done["Location"] == assessment_url(assessment)
    assessment.refresh_from_db()
    assert (assessment.child_seen_on, assessment.seen_alone) == (TODAY, True)
    assert "16 June 2025, seen alone" in client.get(done["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "anchor"),
    [
        ({**date("seen_on", REFERRED - dt.timedelta(1)), "seen_alone": "no"}, "id_seen_on-day"),
        ({**date("seen_on", TODAY), "seen_alone": ""}, "id_seen_alone"),
        ({"seen_alone": "yes"}, "id_seen_on-day"),
    ],
)
def test_seen_errors_name_the_field(
    sw: Any, assessment: Assessment, data: dict[str, str], anchor: str
) -> None:
    poster = client_for(sw)
    before = row_counts()
    page = poster.post(assessment_url(assessment, "seen"), data)
    assert_refused_with_errors(page, before, anchor)


def test_recording_wishes_and_feelings_in_the_childs_words(sw: Any, assessment: Assessment) -> None:
    wishes = assessment_url(assessment, "wishes")
    client = client_for(sw)
    html = client.get(wishes).content.decode()
    assert '<h1 class="govuk-label-wrapper">' in html
    words = "I want to stay with my nan.\nI don’t like the shouting."
    done = client.post(wishes, {"text": words})
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.wishes_and_feelings == words
    html = client.get(done["Location"]).content.decode()
    assert "I want to stay with my nan.<br>I don’t like the shouting." in html
    before = row_counts()
    page = client.post(wishes, {"text": "   "})
    assert_refused_with_errors(page, before, "id_text")


def complete_data(*factors: str, **overrides: str) -> dict[str, Any]:
    return {
        **date("completed_on", TODAY),
        "factors": list(factors),
        "outcome": AssessmentOutcome.CHILD_IN_NEED,
        **overrides,
    }


def test_completing_an_assessment(sw: Any, assessment: Assessment) -> None:
    complete = assessment_url(assessment, "complete")
    client = client_for(sw)
    html = client.get(complete).content.decode()
    assert "Abuse and neglect" in html
    assert 'data-behaviour="exclusive"' in html
    assert re.search(r'id="id_factors"[^>]*>', html)
    done = client.post(complete, complete_data("3B", "16A"))
    assert done["Location"] == assessment_url(assessment)
    assessment.refresh_from_db()
    assert assessment.completed_on == TODAY
    assert sorted(assessment.factors.values_list("code", flat=True)) == ["16A", "3B"]
    html = client.get(done["Location"]).content.decode()
    assert "Neglect (16A)" in html
    assert "Awaiting authorisation" in html
    # Completed once: the page is gone, and a social worker cannot authorise.
    assert client.get(complete).status_code == 403
    assert "Authorise the assessment" not in html


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        (complete_data("21", "3B"), "id_factors", "cannot be chosen with other factors"),
        (complete_data(), "id_factors", "8897Q"),
        (complete_data("3B", outcome=""), "id_outcome", "Select the outcome"),
        (
            complete_data("3B", **date("completed_on", STARTED - dt.timedelta(1))),
            "id_completed_on-day",
            "Completion date must be on or after the start",
        ),
    ],
)
def test_completion_errors_name_the_field_and_keep_the_answers(
    sw: Any, assessment: Assessment, data: dict[str, Any], anchor: str, message: str
) -> None:
    poster = client_for(sw)
    before = row_counts()
    page = poster.post(assessment_url(assessment, "complete"), data)
    html = assert_refused_with_errors(page, before, anchor)
    assert message in html
    for code in data["factors"]:
        assert re.search(rf'value="{code}"[^>]*checked', html), code


def test_factor_21_with_others_is_refused_by_rule_8869(sw: Any, assessment: Assessment) -> None:
    page = client_for(sw).post(assessment_url(assessment, "complete"), complete_data("21", "16A"))
    assert "(DfE rule 8869)" in page.content.decode()
    assessment.refresh_from_db()
    assert assessment.completed_on is None
    assert not assessment.factors.exists()


def test_a_manager_authorises_a_social_worker_cannot(council: Any, sw: Any, child: Any) -> None:
    done_assessment = completed_assessment(sw, refer(sw, child))
    authorise = assessment_url(done_assessment, "authorise")
    worker, other = client_for(sw), client_for(council.users["other_worker"])
    before = row_counts()
    assert worker.get(authorise).status_code == 403
    assert worker.post(authorise, date("authorised_on", TODAY)).status_code == 403
    assert other.post(authorise, {}).status_code == 403
    assert row_counts() == before

    manager = client_for(council.users["team_manager"])
    html = manager.get(assessment_url(done_assessment)).content.decode()
    assert "Authorise the assessment" in html
    page = manager.get(authorise)
    assert page.status_code == 200
    assert "Neglect (16A)" in page.content.decode()
    done = manager.post(authorise, date("authorised_on", TODAY))
    assert done["Location"] == assessment_url(done_assessment)
    done_assessment.refresh_from_db()
    assert (done_assessment.authorised_on, done_assessment.authorised_by) == (
        TODAY,
        council.users["team_manager"],
    )
    html = manager.get(done["Location"]).content.decode()
    assert "Assessment authorised" in html
    assert "Met" in html
    # Authorised: nothing more can be changed.
    for step in ("seen", "wishes", "complete", "authorise"):
        assert manager.get(assessment_url(done_assessment, step)).status_code == 403


def test_authorising_before_completion_is_refused(council: Any, assessment: Assessment) -> None:
    manager = client_for(council.users["team_manager"])
    assert manager.get(assessment_url(assessment, "authorise")).status_code == 403


def test_an_authorisation_date_before_completion_is_refused(
    council: Any, sw: Any, child: Any
) -> None:
    done_assessment = completed_assessment(sw, refer(sw, child))
    poster = client_for(council.users["team_manager"])
    before = row_counts()
    page = poster.post(assessment_url(done_assessment, "authorise"), date("authorised_on", STARTED))
    html = assert_refused_with_errors(page, before, "id_authorised_on-day")
    assert "Authorisation date must be on or after" in html


# Closing an episode


def test_closing_an_episode(council: Any, sw: Any, child: Any) -> None:
    episode = refer(sw, child)
    close = url("episode-close", episode_id=episode.pk)
    assert client_for(sw).get(close).status_code == 403  # a social worker does not close
    manager = client_for(council.users["team_manager"])
    html = manager.get(close).content.decode()
    assert "RC8: Case closed after assessment, no further action" in html
    done = manager.post(close, {**date("closure_date", TODAY), "reason": "RC7"})
    assert done["Location"] == child_url(child)
    episode.refresh_from_db()
    assert (episode.closure_date, episode.closure_reason) == (TODAY, "RC7")
    assert "Episode closed" in manager.get(done["Location"]).content.decode()
    assert manager.get(close).status_code == 403  # closed already


@pytest.mark.parametrize(
    ("data", "anchor", "message"),
    [
        ({"reason": "RC8"}, "id_reason", "DfE rule 8825Q"),
        ({"reason": "RC9"}, "id_reason", "DfE rule 8825Q"),
        ({"reason": ""}, "id_reason", "Select the reason for closure"),
    ],
)
def test_closure_rules_show_as_field_errors(
    council: Any, sw: Any, child: Any, data: dict[str, str], anchor: str, message: str
) -> None:
    episode = refer(sw, child)
    poster = client_for(council.users["team_manager"])
    before = row_counts()
    page = poster.post(
        url("episode-close", episode_id=episode.pk), {**date("closure_date", TODAY), **data}
    )
    html = assert_refused_with_errors(page, before, anchor)
    assert message in html
    assert CINEpisode.objects.get().is_open


def test_closure_before_the_last_activity_is_refused_on_the_date(
    council: Any, sw: Any, child: Any
) -> None:
    episode = refer(sw, child)
    completed_assessment(sw, episode)
    poster = client_for(council.users["team_manager"])
    before = row_counts()
    page = poster.post(
        url("episode-close", episode_id=episode.pk),
        {**date("closure_date", STARTED), "reason": "RC8"},
    )
    html = assert_refused_with_errors(page, before, "id_closure_date-day")
    assert "DfE rule 8565" in html
    assert 'value="RC8" checked' in html or re.search(r'value="RC8"[^>]*checked', html)


# Early help


def test_early_help_start_assess_and_end(sw: Any, child: Any) -> None:
    client = client_for(sw)
    start = url("early-help-start", child_id=child.pk)
    assert client.get(start).status_code == 200
    done = client.post(
        start,
        {
            **date("started_on", REFERRED),
            "organisation": "Riverside Hub",
            "lead_practitioner": "Jo",
        },
    )
    assert done["Location"] == child_url(child)
    episode = EarlyHelpEpisode.objects.get()
    assert (episode.started_on, episode.organisation) == (REFERRED, "Riverside Hub")
    html = client.get(child_url(child)).content.decode()
    assert "Early help started" in html
    assert "Start early help" not in html

    assess = url("early-help-assessment", episode_id=episode.pk)
    before = row_counts()
    page = client.post(assess, {**date("started_on", STARTED), **date("completed_on", REFERRED)})
    assert_refused_with_errors(page, before, "id_completed_on-day")
    client.post(assess, {**date("started_on", STARTED), **date("completed_on", TODAY)})
    episode.refresh_from_db()
    assert (episode.assessment_started_on, episode.assessment_completed_on) == (STARTED, TODAY)

    close = url("early-help-close", episode_id=episode.pk)
    html = client.get(close).content.decode()
    assert "stepped_up" not in html  # a step up has its own page
    done = client.post(close, {**date("closed_on", TODAY), "reason": "needs_met"})
    episode.refresh_from_db()
    assert (episode.closed_on, episode.closure_reason) == (TODAY, EarlyHelpClosureReason.NEEDS_MET)
    assert client.get(close).status_code == 403  # ended


def test_early_help_step_up_opens_a_referral(sw: Any, child: Any) -> None:
    episode = early_help_start(actor=sw, child=child, started_on=REFERRED)
    client = client_for(sw)
    step_up = url("early-help-step-up", episode_id=episode.pk)
    html = client.get(step_up).content.decode()
    assert re.search(r'<option value="5D" selected>', html)
    before = row_counts()
    page = client.post(step_up, {**date("referral_date", TODAY), "source": "5D"})
    assert_refused_with_errors(page, before, "id_primary_need")
    done = client.post(
        step_up, {**date("referral_date", TODAY), "source": "5D", "primary_need": "N1"}
    )
    assert done["Location"] == child_url(child)
    cin = CINEpisode.objects.get()
    episode.refresh_from_db()
    assert episode.stepped_up_episode == cin
    assert cin.referral_source == "5D"


def test_early_help_refusals(council: Any, sw: Any, child: Any) -> None:
    episode = early_help_start(actor=sw, child=child, started_on=REFERRED)
    clients = {p: client_for(council.users[p]) for p in ("other_worker", "dcs", "iro")}
    before = row_counts()
    for client in clients.values():
        assert client.get(url("early-help-start", child_id=child.pk)).status_code == 403
        for name in ("early-help-assessment", "early-help-close", "early-help-step-up"):
            assert client.post(url(name, episode_id=episode.pk), {}).status_code == 403
    assert row_counts() == before
    # A second early help episode while one is open: the service's refusal, at the top.
    page = client_for(sw).post(
        url("early-help-start", child_id=child.pk), date("started_on", TODAY)
    )
    assert "already has an open early help episode" in page.content.decode()


# Throughout


def test_no_child_data_in_any_casework_address(council: Any, sw: Any, child: Any) -> None:
    episode = refer(sw, child)
    assessment = assessment_start(actor=sw, episode=episode, start_date=STARTED)
    early = early_help_start(actor=sw, child=child, started_on=REFERRED)
    addresses = [
        child_url(child),
        url("assessment-start", child_id=child.pk),
        url("early-help-start", child_id=child.pk),
        url("episode-close", episode_id=episode.pk),
        *(assessment_url(assessment, s) for s in ("", "seen", "wishes", "complete", "authorise")),
        *(url(n, episode_id=early.pk) for n in ("early-help-assessment", "early-help-close")),
    ]
    dob = child.date_of_birth
    for address in addresses:
        assert_no_names(address)
        assert str(dob.year) not in address.replace(str(child.pk), "")
        assert re.fullmatch(r"/casework/[a-z-]+/[0-9a-f-]{36}/([a-z-]+/)*", address), address


def test_every_page_logs_its_read(council: Any, sw: Any, child: Any) -> None:
    episode = refer(sw, child)
    assessment = assessment_start(actor=sw, episode=episode, start_date=STARTED)
    early = early_help_start(actor=sw, child=child, started_on=REFERRED)
    manager = client_for(council.users["team_manager"])
    pages = {
        child_url(child): "casework.child",
        assessment_url(assessment): "casework.assessment",
        assessment_url(assessment, "seen"): "casework.assessment_seen",
        assessment_url(assessment, "wishes"): "casework.assessment_wishes",
        assessment_url(assessment, "complete"): "casework.assessment_complete",
        url("episode-close", episode_id=episode.pk): "casework.episode_close",
        url("early-help-assessment", episode_id=early.pk): "casework.early_help_assessment",
        url("early-help-close", episode_id=early.pk): "casework.early_help_close",
        url("early-help-step-up", episode_id=early.pk): "casework.early_help_step_up",
    }
    for address, view in pages.items():
        assert manager.get(address).status_code == 200, address
        assert (
            AccessEvent.objects.filter(
                person_id=child.pk, view=view, actor=council.users["team_manager"]
            ).count()
            == 1
        ), view


def test_the_contact_page_links_each_visible_child_to_casework(council: Any) -> None:
    screener = council.users["mash_screener"]
    contact = record(
        council, dt.datetime(2025, 6, 16, 9, 0, tzinfo=dt.UTC), "allocated", "restricted"
    )
    contact_page = reverse("frontdoor:contact", kwargs={"contact_id": contact.pk})
    client = client_for(screener)
    assert "/casework/" not in client.get(contact_page).content.decode()
    contact_rag_set(actor=screener, contact=contact, rag=Rag.RED)
    contact_decide(
        actor=screener,
        contact=contact,
        outcome=ContactOutcome.REFERRAL,
        route=ReferralRoute.ASSESSMENT,
        primary_need="N1",
        reasons="Risk of harm.",
    )
    html = client.get(contact_page).content.decode()
    assert f'href="{child_url(council.children["allocated"])}"' in html
    assert child_url(council.children["restricted"]) not in html


def test_a_refused_joint_start_names_children_by_position(
    council: Any, sw: Any, child: Any
) -> None:
    tyler = council.children["team"]
    relationship_add(actor=None, from_person=child, to_person=tyler, type=RelationshipType.SIBLING)
    refer(sw, child)
    theirs = refer(sw, tyler, on=TODAY - dt.timedelta(days=2))
    client = client_for(sw)
    before = row_counts()
    page = client.post(
        url("assessment-start", child_id=child.pk),
        {**date("start_date", STARTED), "episodes": [str(theirs.pk)]},
    )
    html = assert_refused_with_errors(page, before, "id_episodes")
    assert "Child 2 of 2: Start date must be on or after the referral date" in html
    assert re.search(rf'value="{theirs.pk}"[^>]*checked', html)
    errors = re.findall(r'govuk-error-message">(.*?)</', html, re.S)
    assert errors
    assert not any(n in e.lower() for e in errors for n in NAMES)


def test_the_casework_page_query_count_does_not_grow(
    council: Any, sw: Any, child: Any, django_assert_max_num_queries: Any
) -> None:
    manager, client = council.users["team_manager"], client_for(sw)

    def episode(on: dt.date, closed: dt.date | None) -> None:
        e = refer(sw, child, on=on)
        assessment_start(actor=sw, episode=e, start_date=on)
        if closed:
            episode_close(actor=manager, episode=e, closure_date=closed, reason="RC8")

    episode(dt.date(2025, 1, 6), dt.date(2025, 1, 10))
    client.get(child_url(child))
    with django_assert_max_num_queries(40) as one:
        client.get(child_url(child))
    episode(dt.date(2025, 2, 3), dt.date(2025, 2, 20))
    episode(dt.date(2025, 3, 3), dt.date(2025, 3, 20))
    episode(REFERRED, None)
    early_help_start(actor=sw, child=child, started_on=REFERRED)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(child_url(child)).content.decode()
    assert html.count("Assessment started ") == 4
