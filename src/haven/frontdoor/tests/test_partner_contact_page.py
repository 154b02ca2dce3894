"""A partner's contact on the screener's page: who sent it, and the records that may be the
same child as one the submission could not match safely."""

import datetime as dt
from typing import Any

from conftest import make_child
from django.test import Client
from django.urls import reverse

from haven.frontdoor.services import partner_contact_submit
from haven.frontdoor.services.partner import PartnerChild


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
