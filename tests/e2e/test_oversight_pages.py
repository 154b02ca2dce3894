"""The managers' oversight pages in a browser: caseloads, the workforce view, the plan for
the whole queue and the allocation measures, each checked with axe-core."""

import datetime as dt
from typing import Any

import pytest
from conftest import PASSWORD, Council
from playwright.sync_api import Browser, Page, expect

from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.services import referral_open
from haven.core import clock
from haven.oversight.services import queue_sync
from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


def test_oversight_pages(browser: Browser, live_server: Any, council: Council) -> None:
    referral_open(
        actor=council.users["social_worker"],
        child=council.children["unallocated"],
        referral_date=clock.today() - dt.timedelta(days=3),
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )
    queue_sync(actor=None)
    context = new_context(browser, javascript=True)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "tom_manager")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Allocation").click()
        for link, heading in (
            ("A plan for the whole queue", "A plan for the whole queue"),
            ("Caseloads against capacity", None),
            ("Allocation measures", "Allocation measures"),
        ):
            page.goto(live_server.url + "/oversight/queue/")
            page.get_by_role("link", name=link).click()
            if heading:
                expect(page.get_by_role("heading", level=1)).to_have_text(heading)
            expect(page.locator("main#main-content")).to_be_visible()
            assert_accessible(page)
        page.goto(live_server.url + "/oversight/workforce/")
        expect(page.locator("main#main-content")).to_be_visible()
        assert_accessible(page)
        worker = council.users["colleague"].worker
        page.goto(f"{live_server.url}/oversight/workers/{worker.pk}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(str(worker))
        page.get_by_role("button", name="Record the absence").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter first day away")
        assert_accessible(page)
    finally:
        context.close()
