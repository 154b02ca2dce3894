"""A partner's contact on the screener's page: who sent it, and the records that may be the
same child as one the submission could not match safely."""

import datetime as dt
from typing import Any

from conftest import make_child
from django.test import Client
from django.urls import reverse

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import ContactOutcome, Rag
from haven.frontdoor.services import (
    contact_child_replace,
    contact_decide,
    contact_rag_set,
    partner_contact_submit,
)
from haven.frontdoor.services.partner import PartnerChild
from haven.frontdoor.tests.support import refused


def submit(council: Any, *children: PartnerChild) -> Any:
    return partner_contact_submit(
        actor=council.users["partner_police"],
        idempotency_key="incident-1",
        source="6",
        concern="Officers attended a domestic incident.",
        consent="yes",
        urgency="same_day",
        children=list(children),
        reference="NP-2026-0042",
    ).contact


def test_the_screener_sees_likely_duplicates_beside_a_new_record(
    client: Client, council: Any
) -> None:
    known = make_child("Olivia", "Marsh", dob=dt.date(2016, 5, 4))
    # Day and month swapped: not a safe match, so a new record is made.
    contact = submit(
        council,
        PartnerChild(given_name="Olivia", family_name="Marsh", date_of_birth=dt.date(2016, 4, 5)),
    )
    (created,) = [link.child for link in contact.child_links.all()]
    assert created.pk != known.pk

    client.force_login(council.users["mash_screener"])
    html = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert "Sent through the partner API" in html
    assert "Their reference: NP-2026-0042" in html
    section = html.split("Possible duplicate records", 1)[1].split("Checks with other agencies")[0]
    assert f'href="/people/{created.pk}/"' in section
    assert f'href="/people/{known.pk}/"' in section
    assert "4 May 2016" in section
    assert "5 April 2016" in section


def test_no_warning_when_the_child_was_matched(client: Client, council: Any) -> None:
    make_child("Olivia", "Marsh", dob=dt.date(2016, 5, 4))
    contact = submit(
        council,
        PartnerChild(given_name="Olivia", family_name="Marsh", date_of_birth=dt.date(2016, 5, 4)),
    )
    client.force_login(council.users["mash_screener"])
    html = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert "Possible duplicate records" not in html


def test_the_screener_puts_the_existing_record_in_place_of_the_new_one(
    client: Client, council: Any
) -> None:
    known = make_child("Olivia", "Marsh", dob=dt.date(2016, 5, 4))
    contact = submit(
        council,
        PartnerChild(given_name="Olivia", family_name="Marsh", date_of_birth=dt.date(2016, 4, 5)),
    )
    (created,) = [link.child for link in contact.child_links.all()]
    url = reverse("frontdoor:child-replace", args=[contact.pk])
    body = {"replace-child": str(created.pk), "replace-existing": str(known.pk)}

    client.force_login(council.users["social_worker"])  # not a screener
    assert client.post(url, body).status_code == 403

    client.force_login(council.users["mash_screener"])
    page = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert 'name="replace-existing" value="' + str(known.pk) in page
    response = client.post(url, body)
    assert response.status_code == 302
    assert [link.child for link in contact.child_links.all()] == [known]
    clocks = Deadline.objects.filter(subject_id=str(contact.pk)).order_by("created_at")
    assert [(d.child, d.status) for d in clocks] == [
        (created, DeadlineStatus.CANCELLED),
        (known, DeadlineStatus.OPEN),
    ]
    assert clocks[0].due_on == clocks[1].due_on  # the clock still runs from receipt
    contact.refresh_from_db()
    assert contact.partner_children[0]["child"] == str(known.pk)
    assert contact.partner_children[0]["matched_on"] == "screener"
    for child in (created, known):
        assert AuditEvent.objects.filter(
            verb=AuditVerb.CONTACT_CHILD_REPLACED, person_id=child.pk
        ).exists()
    page = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert "Possible duplicate records" not in page


def test_refusals_name_the_field_and_change_nothing(council: Any) -> None:
    known = make_child("Olivia", "Marsh", dob=dt.date(2016, 5, 4))
    sister = make_child("Ava", "Marsh", dob=dt.date(2018, 1, 9))
    contact = submit(
        council,
        PartnerChild(given_name="Olivia", family_name="Marsh", date_of_birth=dt.date(2016, 4, 5)),
        PartnerChild(given_name="Ava", family_name="Marsh", date_of_birth=dt.date(2018, 1, 9)),
    )
    created = next(link.child for link in contact.child_links.all() if link.child != sister)
    screener = council.users["mash_screener"]

    def replace(child: Any, existing: Any) -> dict[str, list[str]]:
        return refused(
            lambda: contact_child_replace(
                actor=screener, contact=contact, child=child, existing=existing
            )
        )

    assert replace(created, created)["existing"] == [
        "Choose a different record from the one on the contact"
    ]
    assert replace(created, sister)["existing"] == ["That record is already on this contact"]
    assert replace(known, sister)["child"] == ["That child is not on this contact"]
    assert "a child" in replace(created, council.children["parent"])["existing"][0]

    contact_rag_set(actor=screener, contact=contact, rag=Rag.GREEN)
    contact_decide(actor=screener, contact=contact, outcome=ContactOutcome.NFA, reasons="None.")
    assert "decided" in replace(created, known)["existing"][0]
