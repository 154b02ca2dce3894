"""The health and education, permanence and leaving care pages and their forms: who may see
and record, the reads logged, what a recording writes, and what a refusal leaves behind (the
page again with GOV.UK errors, what was typed kept, nothing written but the logged read)."""

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from conftest import make_child
from django.test import Client
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.allocation.services import allocation_start
from haven.audit.models import AccessEvent
from haven.care.enums import AdopterSex, HealthCheckKind, LeaverInTouch, ReasonEpisodeCeased
from haven.care.models import (
    AdoptionPlan,
    AdviserContact,
    HealthCheck,
    PermanenceBefore,
    PersonalAdviser,
    StrengthsAndDifficulties,
)
from haven.care.services import care_end
from haven.care.services.health import health_check_record
from haven.care.services.permanence import adoption_decision_record
from haven.care.tests.conftest import Register, look_after

pytestmark = pytest.mark.django_db

D = dt.date
NO_ACCESS = "You do not have access to this record"
NAMES = ("isla", "carter", "sam stone")


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, child: Any, **kw: Any) -> str:
    return reverse(f"care:{name}", kwargs={"child_id": child.pk, **kw})


def date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


def assert_refused_with_errors(page: Any, before: dict[str, int], *anchors: str) -> str:
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
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def child(council: Any, register: Register, worker: Any) -> Any:
    child = council.children["in_care"]
    look_after(worker, child, register)
    return child


@pytest.fixture
def leaver(council: Any, register: Register, worker: Any) -> Any:
    """Sam, 17, looked after since 15 and a half, allocated to the children in care worker."""
    sam = make_child("Sam", "Stone", dob=D(2008, 6, 15))
    allocation_start(actor=None, child=sam, worker=worker.worker, started_on=D(2024, 1, 2))
    look_after(worker, sam, register, on=D(2024, 1, 2))
    return sam


# The pages


def test_the_health_page_shows_records_and_clocks(worker: Any, child: Any) -> None:
    health_check_record(
        actor=worker, child=child, kind=HealthCheckKind.INITIAL, completed_on=D(2025, 9, 22)
    )
    page = client_for(worker).get(url("health", child))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Initial health assessment" in html
    assert "Review the health of a looked-after child aged 5 or over" in html
    assert "22 September 2026" in html
    assert url("health-check-new", child) in html
    assert "The child was not looked after for the whole of that year" in html
    assert reads(child, "care.health") == 1


def test_the_permanence_and_leaving_pages_log_their_reads(
    worker: Any, child: Any, leaver: Any
) -> None:
    client = client_for(worker)
    html = client.get(url("permanence", child)).content.decode()
    assert "No decision that the child should be placed for adoption" in html
    assert url("adoption-decision", child) in html
    assert reads(child, "care.permanence") == 1
    html = client.get(url("leaving-care", leaver)).content.decode()
    assert "Eligible" in html
    assert "15 June 2024" in html  # eligible since the 16th birthday
    assert url("adviser-appoint", leaver) in html
    assert reads(leaver, "care.leaving_care") == 1


def _pages(child: Any) -> list[str]:
    return [
        url("health", child),
        url("health-check-new", child),
        url("sdq-new", child),
        url("pep-new", child),
        url("substance-misuse-new", child),
        url("conviction-new", child),
        url("permanence", child),
        url("adoption-decision", child),
        url("previous-permanence", child),
        url("leaving-care", child),
        url("adviser-appoint", child),
        url("pathway-plan-new", child),
        url("adviser-contact-new", child),
        url("staying-put-start", child),
    ]


@pytest.mark.parametrize("persona", ["other_worker", "social_worker", "performance_analyst"])
def test_every_page_refuses_those_without_reach(council: Any, child: Any, persona: str) -> None:
    client = client_for(council.users[persona])
    for address in _pages(child):
        page = client.get(address)
        assert page.status_code == 403, address
        html = page.content.decode().lower()
        assert NO_ACCESS.lower() in html
        assert not names_in(html, NAMES)
    assert AccessEvent.objects.filter(person_id=child.pk).count() == 0


def test_the_iro_reads_the_pages_but_records_nothing(council: Any, child: Any) -> None:
    client = client_for(council.users["iro"])
    html = client.get(url("health", child)).content.decode()
    assert url("health-check-new", child) not in html
    for address in _pages(child):
        if address.endswith("/new/") or "adoption" in address or "before-care" in address:
            assert client.get(address).status_code == 403, address
    assert AccessEvent.objects.filter(person_id=child.pk).count() == 1


def test_unknown_children_and_adults_are_not_found(council: Any) -> None:
    client = client_for(council.users["social_worker"])  # the mother's record is in reach
    assert client.get(reverse("care:health", kwargs={"child_id": uuid.uuid4()})).status_code == 404
    for name in ("health", "permanence", "leaving-care"):
        assert client.get(url(name, council.children["parent"])).status_code == 404


# Recording


def test_recording_a_health_check_goes_back_to_the_page(worker: Any, child: Any) -> None:
    client = client_for(worker)
    assert client.get(url("health-check-new", child)).status_code == 200
    page = client.post(
        url("health-check-new", child),
        {
            "kind": HealthCheckKind.INITIAL,
            **date("completed_on", D(2025, 9, 22)),
            "outcome": "Well",
        },
    )
    assert page.status_code == 302
    assert page["Location"] == url("health", child)
    assert HealthCheck.objects.get(child=child).outcome == "Well"
    assert "Health check recorded" in client.get(page["Location"]).content.decode()


def test_a_refused_health_check_keeps_what_was_typed(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("health-check-new", child),
        {
            "kind": HealthCheckKind.REVIEW,
            **date("completed_on", D(2025, 10, 1)),
            "outcome": "Typed",
        },
    )
    html = assert_refused_with_errors(page, before, "id_kind")
    assert "Record the initial health assessment for this period of care first" in html
    assert "Typed" in html
    assert re.search(r'value="review"[^>]*checked', html)
    assert not re.search(r'value="initial"[^>]*checked', html)


def test_a_form_refusal_uses_govuk_messages(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("sdq-new", child), {"score": "lots", **date("completed_on", D(2025, 10, 1))}
    )
    html = assert_refused_with_errors(page, before, "id_score")
    assert "The score must be a whole number from 0 to 40" in html
    assert 'value="lots"' in html
    before = row_counts()
    page = client.post(url("sdq-new", child), {"score": "12"})
    html = assert_refused_with_errors(page, before, "id_completed_on-day")
    assert "Enter date the questionnaire was completed" in html
    assert StrengthsAndDifficulties.objects.count() == 0


def test_the_service_refusal_lands_on_the_field(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("conviction-new", child), {**date("convicted_on", D(2025, 8, 1)), "notes": "Kept"}
    )
    html = assert_refused_with_errors(page, before, "id_convicted_on-day")
    assert "The child was not looked after on this date" in html
    assert "Kept" in html


# Permanence forms


def test_the_adoption_steps_are_recorded_through_their_pages(worker: Any, child: Any) -> None:
    client = client_for(worker)
    assert client.get(url("adoption-step", child, step="match")).status_code == 404
    assert reads(child, "care.adoption_match") == 0
    page = client.post(url("adoption-decision", child), date("decided_on", D(2025, 9, 15)))
    assert page["Location"] == url("permanence", child)
    assert client.get(url("adoption-step", child, step="nonsense")).status_code == 404
    assert client.get(url("adoption-step", child, step="placed")).status_code == 404
    page = client.post(
        url("adoption-step", child, step="placement-order"), date("on", D(2025, 10, 1))
    )
    assert page.status_code == 302
    before = row_counts()
    page = client.post(
        url("adoption-step", child, step="match"),
        {
            **date("matched_on", D(2025, 10, 20)),
            "adopters": "1",
            "adopter_sex": AdopterSex.MF,
            "adopter_legal_status": "L4",
            "with_foster_carer": "no",
        },
    )
    html = assert_refused_with_errors(page, before, "id_adopter_sex")
    assert "A single adopter is a single male or a single female" in html
    page = client.post(url("adoption-step", child, step="placed"), {})
    assert page.status_code == 404
    plan = AdoptionPlan.objects.get(child=child)
    assert (plan.decided_on, plan.placement_order_on) == (D(2025, 9, 15), D(2025, 10, 1))
    html = client.get(url("permanence", child)).content.decode()
    assert url("adoption-step", child, step="match") in html


def test_a_date_step_refusal_lands_on_its_date(worker: Any, child: Any) -> None:
    adoption_decision_record(actor=worker, child=child, decided_on=D(2025, 9, 15))
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("adoption-step", child, step="placement-order"), date("on", D(2025, 9, 1))
    )
    html = assert_refused_with_errors(page, before, "id_on-day")
    assert "on or after the decision (15 September 2025)" in html


def test_previous_permanence_is_recorded_for_a_chosen_period(worker: Any, child: Any) -> None:
    client = client_for(worker)
    period = child.care_periods.get()
    html = client.get(url("previous-permanence", child)).content.decode()
    assert "Looked after from 1 September 2025 (current)" in html
    page = client.post(
        url("previous-permanence", child),
        {"period": str(period.pk), "option": "P2", "la_code": "941"},
    )
    assert page.status_code == 302
    assert PermanenceBefore.objects.get(period=period).la_code == "941"


def test_the_uasc_page_is_only_for_a_uasc(worker: Any, child: Any) -> None:
    assert client_for(worker).get(url("uasc-ceased", child)).status_code == 404


# Leaving care forms


def test_appointing_an_adviser_and_recording_a_contact(worker: Any, leaver: Any) -> None:
    client = client_for(worker)
    html = client.get(url("adviser-appoint", leaver)).content.decode()
    assert "Cat Cic" in html
    page = client.post(
        url("adviser-appoint", leaver),
        {"adviser": str(worker.pk), **date("started_on", D(2025, 10, 1))},
    )
    assert page["Location"] == url("leaving-care", leaver)
    assert PersonalAdviser.objects.get(child=leaver).adviser == worker
    before = row_counts()
    page = client.post(
        url("adviser-contact-new", leaver),
        {
            **date("contact_on", D(2025, 11, 14)),
            "method": "phone",
            "in_touch": LeaverInTouch.YES,
            "notes": "Doing well",
        },
    )
    html = assert_refused_with_errors(page, before, "id_activity", "id_accommodation")
    assert "Doing well" in html
    page = client.post(
        url("adviser-contact-new", leaver),
        {
            **date("contact_on", D(2025, 11, 14)),
            "method": "phone",
            "in_touch": LeaverInTouch.YES,
            "activity": "F2",
            "accommodation": "E",
            "accommodation_suitable": "yes",
        },
    )
    assert page.status_code == 302
    assert AdviserContact.objects.get(child=leaver).accommodation == "E"
    html = client.get(url("leaving-care", leaver)).content.decode()
    assert "E1" in html  # ACCOM: supported lodgings, suitable


def test_an_unknown_adviser_is_refused_on_its_field(worker: Any, leaver: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("adviser-appoint", leaver), {"adviser": "999999", **date("started_on", D(2025, 10, 1))}
    )
    assert_refused_with_errors(page, before, "id_adviser")


def test_the_pathway_plan_form_knows_the_first_from_a_review(worker: Any, leaver: Any) -> None:
    client = client_for(worker)
    page = client.post(
        url("pathway-plan-new", leaver),
        {"is_review": "no", **date("completed_on", D(2025, 10, 1)), "summary": "Plan"},
    )
    assert page.status_code == 302
    html = client.get(url("pathway-plan-new", leaver)).content.decode()
    assert re.search(r'name="is_review" value="yes"[^>]*checked', html)


def test_staying_put_pages_follow_the_arrangement(worker: Any, leaver: Any) -> None:
    client = client_for(worker)
    assert client.get(url("staying-put-end", leaver)).status_code == 404
    html = client.get(url("staying-put-start", leaver)).content.decode()
    assert 'value="Mr and Mrs Patel"' in html  # the last placement's carers
    care_end(actor=worker, child=leaver, ended_on=D(2025, 11, 1), reason=ReasonEpisodeCeased.E5)
    before = row_counts()
    page = client.post(
        url("staying-put-start", leaver),
        {"carer": "Mr and Mrs Patel", **date("started_on", D(2025, 11, 1))},
    )
    html = assert_refused_with_errors(page, before, "id_started_on-day")
    assert "Staying put is for a young person aged 18 to 20" in html
