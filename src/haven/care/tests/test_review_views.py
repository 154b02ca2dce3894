"""The pages that record plans, reviews, IRO contacts and statutory visits, and the summary the
child's care record shows of them: who may use each, what a refusal leaves behind, and that
every read is logged."""

import datetime as dt
import re
import uuid
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.support import names_in, row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AccessEvent, AuditEvent
from haven.care.models import CarePlan, CareVisit, IROContact, LookedAfterReview, Placement
from haven.care.selectors.reviews import child_summary
from haven.care.services.plans import care_plan_record
from haven.care.services.review import care_review_record
from haven.care.services.visits import care_visit_record
from haven.care.tests.conftest import Register, look_after

pytestmark = pytest.mark.django_db

NO_ACCESS = "You do not have access to this record"
NAMES = ("isla", "carter")


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"care:{name}", kwargs=kwargs)


def date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def checked(html: str, name: str, value: str) -> bool:
    """Whether the radio ``name`` with ``value`` is selected on the page."""
    return re.search(f'name="{name}" value="{value}"[^>]* checked', html) is not None


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


def assert_refused_with_errors(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again, each error linked to its field, and nothing written but the logged read
    of the page shown again."""
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
def child(council: Any, register: Register) -> Any:
    """Looked after since 1 September 2025 in foster care, allocated to the children in care
    worker."""
    child = council.children["in_care"]
    look_after(council.users["cic_worker"], child, register)
    return child


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def iro(council: Any) -> Any:
    return council.users["iro"]


def pages(child: Any) -> list[str]:
    placement = Placement.objects.get(child=child, ended_on__isnull=True)
    return [
        url("review-new", child_id=child.pk),
        url("iro-contact-new", child_id=child.pk),
        url("visit-new", child_id=child.pk),
        url("plan-new", child_id=child.pk),
        url("placement-visits", placement_id=placement.pk),
    ]


def _review_post(iro: Any, **overrides: Any) -> dict[str, str]:
    return {
        **date("held_on", dt.date(2025, 9, 26)),
        "chair": str(iro.pk),
        "participation": "PN1",
        "child_views": "I want to stay with my carers",
        "decisions": "The plan continues; contact with mum fortnightly",
        **overrides,
    }


# Who may use the pages


def test_out_of_reach_every_page_gives_the_no_access_page(council: Any, child: Any) -> None:
    for address in pages(child):
        assert not names_in(address, NAMES)
        for persona in ("other_worker", "social_worker", "performance_analyst"):
            page = client_for(council.users[persona]).get(address)
            assert page.status_code == 403, (persona, address)
            html = page.content.decode()
            assert NO_ACCESS in html
            assert not names_in(html, NAMES)
    assert AccessEvent.objects.filter(person_id=child.pk).count() == 0


def test_a_social_worker_cannot_record_a_review_or_an_iro_contact(
    worker: Any, iro: Any, child: Any
) -> None:
    client = client_for(worker)
    before = row_counts()
    for name in ("review-new", "iro-contact-new"):
        assert client.get(url(name, child_id=child.pk)).status_code == 403
    refused = client.post(url("review-new", child_id=child.pk), _review_post(iro))
    assert refused.status_code == 403
    assert row_counts() == before


def test_an_iro_records_reviews_and_contacts_but_not_visits_or_plans(iro: Any, child: Any) -> None:
    client = client_for(iro)
    assert client.get(url("review-new", child_id=child.pk)).status_code == 200
    assert client.get(url("iro-contact-new", child_id=child.pk)).status_code == 200
    for name in ("visit-new", "plan-new"):
        assert client.get(url(name, child_id=child.pk)).status_code == 403
    assert reads(child, "care.visit") == 0


def test_the_pages_need_a_looked_after_child(council: Any) -> None:
    child = council.children["allocated"]
    client = client_for(council.users["social_worker"])
    assert client.get(url("visit-new", child_id=child.pk)).status_code == 403
    assert client.get(url("plan-new", child_id=child.pk)).status_code == 403
    manager = client_for(council.users["team_manager"])
    assert manager.get(url("review-new", child_id=child.pk)).status_code == 403


def test_unknown_ids_are_not_found(worker: Any, child: Any) -> None:
    client = client_for(worker)
    assert client.get(url("visit-new", child_id=uuid.uuid4())).status_code == 404
    assert client.get(url("placement-visits", placement_id=uuid.uuid4())).status_code == 404


# Reviews and IRO contacts


def test_the_iro_records_a_review(iro: Any, child: Any) -> None:
    client = client_for(iro)
    address = url("review-new", child_id=child.pk)
    page = client.get(address)
    html = page.content.decode()
    assert "Record a looked-after review" in html
    assert f'<option value="{iro.pk}" selected>' in html
    assert "PN0: Child aged under 4 at the time of the review" in html
    done = client.post(address, _review_post(iro))
    assert done.status_code == 302
    assert done["Location"] == url("child", child_id=child.pk)
    review = LookedAfterReview.objects.get(child=child)
    assert (review.held_on, review.chair, review.participation) == (
        dt.date(2025, 9, 26),
        iro,
        "PN1",
    )
    assert AuditEvent.objects.filter(
        verb=AuditVerb.CARE_REVIEW_RECORDED, subject_id=str(review.pk)
    ).exists()
    assert reads(child, "care.review") == 2


def test_a_refused_review_keeps_what_was_typed(iro: Any, child: Any) -> None:
    client = client_for(iro)
    before = row_counts()
    page = client.post(
        url("review-new", child_id=child.pk),
        _review_post(iro, participation="PN0", chair=""),
    )
    html = assert_refused_with_errors(page, before, "id_chair")
    assert "Select the chair" in html
    assert "The plan continues; contact with mum fortnightly" in html
    assert "I want to stay with my carers" in html
    before = row_counts()
    page = client.post(url("review-new", child_id=child.pk), _review_post(iro, participation="PN0"))
    html = assert_refused_with_errors(page, before, "id_participation")
    assert "PN0 is only for a child under 4 on the day of the review" in html
    assert checked(html, "participation", "PN0")


def test_the_iro_records_a_contact(iro: Any, child: Any) -> None:
    client = client_for(iro)
    address = url("iro-contact-new", child_id=child.pk)
    done = client.post(
        address, {**date("contact_on", dt.date(2025, 10, 14)), "method": "phone", "notes": "OK"}
    )
    assert done["Location"] == url("child", child_id=child.pk)
    contact = IROContact.objects.get(child=child)
    assert (contact.iro, contact.method) == (iro, "phone")
    before = row_counts()
    page = client.post(address, {**date("contact_on", dt.date(2025, 8, 1)), "notes": "Kept"})
    html = assert_refused_with_errors(page, before, "id_method")
    assert "Kept" in html
    before = row_counts()
    page = client.post(
        address, {**date("contact_on", dt.date(2025, 8, 1)), "method": "video", "notes": "Kept"}
    )
    html = assert_refused_with_errors(page, before, "id_contact_on-day")
    assert "on or after the child became looked after (01 September 2025)" in html
    assert checked(html, "method", "video")


# Visits and the visiting pattern


def _visit_post(**overrides: Any) -> dict[str, str]:
    return {
        **date("visited_on", dt.date(2025, 9, 5)),
        "child_seen": "yes",
        "seen_alone": "yes",
        "bedroom_seen": "yes",
        "child_said": "My carers are kind",
        "observations": "Settled, room tidy",
        **overrides,
    }


def test_the_worker_records_a_visit(worker: Any, child: Any) -> None:
    client = client_for(worker)
    address = url("visit-new", child_id=child.pk)
    html = client.get(address).content.decode()
    assert "Next visit due by" in html
    assert "8 September 2025" in html
    done = client.post(address, _visit_post())
    assert done["Location"] == url("child", child_id=child.pk)
    visit = CareVisit.objects.get(child=child)
    assert (visit.child_seen, visit.seen_alone, visit.visitor) == (True, True, worker)
    assert AuditEvent.objects.filter(verb=AuditVerb.CARE_VISIT_RECORDED).count() == 1
    assert reads(child, "care.visit") == 2


def test_a_refused_visit_keeps_what_was_typed(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(url("visit-new", child_id=child.pk), _visit_post(child_said=""))
    html = assert_refused_with_errors(page, before, "id_child_said")
    assert "Enter what the child said, in their words where you can" in html
    assert "Settled, room tidy" in html


def test_the_worker_changes_the_visiting_pattern(worker: Any, child: Any) -> None:
    client = client_for(worker)
    placement = Placement.objects.get(child=child)
    address = url("placement-visits", placement_id=placement.pk)
    html = client.get(address).content.decode()
    assert checked(html, "long_term", "no")
    assert checked(html, "child_agreed_fewer_visits", "no")
    before = row_counts()
    page = client.post(address, {"long_term": "no", "child_agreed_fewer_visits": "yes"})
    html = assert_refused_with_errors(page, before, "id_child_agreed_fewer_visits")
    assert "Fewer visits can be agreed only in a placement intended to last until 18" in html
    done = client.post(address, {"long_term": "yes", "child_agreed_fewer_visits": "no"})
    assert done["Location"] == url("child", child_id=child.pk)
    placement.refresh_from_db()
    assert placement.long_term
    assert AuditEvent.objects.filter(verb=AuditVerb.PLACEMENT_VISITS_CHANGED).count() == 1
    assert reads(child, "care.placement_visits") == 3


# Plans


def test_the_worker_records_a_placement_plan(worker: Any, child: Any) -> None:
    client = client_for(worker)
    address = url("plan-new", child_id=child.pk)
    html = client.get(address + "?kind=placement").content.decode()
    assert checked(html, "kind", "placement")
    done = client.post(
        address,
        {"kind": "placement", **date("completed_on", dt.date(2025, 9, 4)), "summary": "Routine"},
    )
    assert done["Location"] == url("child", child_id=child.pk)
    plan = CarePlan.objects.get(child=child)
    assert plan.placement == Placement.objects.get(child=child)


def test_a_permanence_plan_without_its_option_is_refused(worker: Any, child: Any) -> None:
    client = client_for(worker)
    before = row_counts()
    page = client.post(
        url("plan-new", child_id=child.pk),
        {
            "kind": "permanence",
            **date("completed_on", dt.date(2025, 11, 3)),
            "summary": "Long-term plan",
        },
    )
    html = assert_refused_with_errors(page, before, "id_permanence_option")
    assert "Choose the permanence plan for the child (Annex A)" in html
    assert "Long-term plan" in html


# The summary the child's care record shows


def _history(worker: Any, iro: Any, child: Any) -> None:
    care_plan_record(
        actor=worker, child=child, kind="care", completed_on=dt.date(2025, 9, 5), summary="Plan"
    )
    care_visit_record(
        actor=worker,
        child=child,
        visited_on=dt.date(2025, 9, 5),
        child_seen=True,
        seen_alone=False,
        bedroom_seen=True,
        child_said="Fine",
    )
    care_review_record(
        actor=iro,
        child=child,
        held_on=dt.date(2025, 9, 26),
        chair=iro,
        participation="PN5",
        decisions="Continue",
    )


def test_the_summary_shows_plans_reviews_and_visits(worker: Any, iro: Any, child: Any) -> None:
    _history(worker, iro, child)
    summary = child_summary(child, user=worker)
    assert summary.next_visit is not None
    assert (summary.next_visit.deadline.due_on, summary.next_visit.variant) == (
        dt.date(2025, 10, 17),
        "Every 6 weeks",
    )
    assert summary.next_review is not None
    assert summary.next_review.due_on == dt.date(2025, 12, 26)
    html = render_to_string("care/review/_summary.html", {"summary": summary})
    assert "5 September 2025" in html
    assert "Yes, not alone" in html
    assert "PN5: Child does not attend; briefs an advocate to speak for them" in html
    assert "26 December 2025" in html
    assert "Every 6 weeks" in html
    assert url("visit-new", child_id=child.pk) in html
    assert url("plan-new", child_id=child.pk) in html
    assert url("review-new", child_id=child.pk) not in html
    for_iro = render_to_string(
        "care/review/_summary.html", {"summary": child_summary(child, user=iro)}
    )
    assert url("review-new", child_id=child.pk) in for_iro
    assert url("iro-contact-new", child_id=child.pk) in for_iro
    assert url("visit-new", child_id=child.pk) not in for_iro


def test_the_summary_flags_a_missing_permanence_plan(
    council: Any, iro: Any, register: Register
) -> None:
    child = council.children["team"]
    look_after(None, child, register, on=dt.date(2025, 6, 2))
    care_review_record(
        actor=iro,
        child=child,
        held_on=dt.date(2025, 6, 27),
        chair=iro,
        participation="PN1",
        decisions="Continue",
    )
    html = render_to_string("care/review/_summary.html", {"summary": child_summary(child)})
    assert "There is no permanence plan: it was due by the second review." in html
    assert "Overdue" in html  # the care plan, due within 10 working days, is not recorded


def test_the_summary_of_a_child_never_looked_after(council: Any) -> None:
    summary = child_summary(council.children["allocated"])
    assert summary.period is None
    html = render_to_string("care/review/_summary.html", {"summary": summary})
    assert "The child has not been looked after." in html


def test_the_summary_reads_as_often_however_long_the_history(
    worker: Any, iro: Any, child: Any
) -> None:
    _history(worker, iro, child)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            summary = child_summary(child, user=worker)
            render_to_string("care/review/_summary.html", {"summary": summary})
        return len(captured)

    first = queries()
    for day in (10, 17, 24):
        care_visit_record(
            actor=iro if day == 24 else worker,
            child=child,
            visited_on=dt.date(2025, 10, day),
            child_seen=True,
            seen_alone=True,
            bedroom_seen=False,
            child_said="Fine",
        )
    assert queries() == first
