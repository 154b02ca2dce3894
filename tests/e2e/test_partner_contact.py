"""A contact sent through the partner API, seen by the screener: who sent it, the record the
submission created beside the existing one it may duplicate, and "Use this record"."""

import datetime as dt
from typing import Any

import pytest
from conftest import PASSWORD, Council, make_child
from playwright.sync_api import Browser, Page, expect

from haven.frontdoor.services import partner_contact_submit
from haven.frontdoor.services.partner import PartnerChild
from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


def test_screener_uses_the_existing_record(
    browser: Browser, live_server: Any, council: Council
) -> None:
    known = make_child("Olivia", "Marsh", dob=dt.date(2016, 5, 4))
    contact = partner_contact_submit(
        actor=council.users["partner_police"],
        idempotency_key="incident-7",
        source="6",
        concern="Officers attended a domestic incident.",
        consent="yes",
        urgency="same_day",
        children=[
            PartnerChild(
                given_name="Olivia", family_name="Marsh", date_of_birth=dt.date(2016, 4, 5)
            )
        ],
        reference="NP-7",
    ).contact
    context = new_context(browser, javascript=True)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "max_screener")
        page.goto(f"{live_server.url}/front-door/contacts/{contact.pk}/")
        expect(page.get_by_role("heading", name="Possible duplicate records")).to_be_visible()
        expect(page.get_by_text("Their reference: NP-7")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("button", name="Use this record").click()
        expect(page.get_by_text("The existing record is now on the contact")).to_be_visible()
        expect(page.get_by_role("heading", name="Possible duplicate records")).to_have_count(0)
        expect(page.get_by_role("link", name=known.full_name)).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()
