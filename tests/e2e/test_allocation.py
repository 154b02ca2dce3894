"""A team manager opens the allocation queue, records a risk review for a waiting child,
accepts Haven's recommended worker, and the child appears on that worker's "My work".

Runs with JavaScript (axe-core on every page) and without it.
"""

import datetime as dt
import re
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

WORKERS = {"sam_worker": "Sam Worker", "cara_colleague": "Cara Colleague"}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_manager_reviews_risk_and_allocates_from_the_queue(
    browser: Browser, live_server: Any, council: Council, javascript: bool
) -> None:
    child = council.children["unallocated"]
    referral_open(
        actor=council.users["social_worker"],
        child=child,
        referral_date=clock.today() - dt.timedelta(days=14),
        source=ReferralSource.SCHOOLS,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )
    queue_sync(actor=None)

    def checked(page: Page) -> None:
        expect(page.locator("main#main-content")).to_be_visible()
        if javascript:
            assert_accessible(page)

    base = live_server.url
    problems: list[str] = []
    context = new_context(browser, javascript=javascript)
    try:
        page = context.new_page()
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        sign_in(page, base, "tom_manager")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Allocation").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for allocation (1)")
        expect(page.get_by_text("Overdue", exact=True)).to_be_visible()
        checked(page)

        page.get_by_role("link", name=child.full_name).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(child.full_name)
        checked(page)

        # A review with a missing answer is refused, keeping what was typed.
        page.get_by_role("group", name="Risk rating").get_by_label("High").check()
        page.get_by_label("Why you rated the risk this way").fill("Police report of violence.")
        page.get_by_role("button", name="Record the risk review").click()
        expect(page.get_by_role("alert")).to_contain_text(
            "Enter what will happen while the case waits"
        )
        expect(page.get_by_label("Why you rated the risk this way")).to_have_value(
            "Police report of violence."
        )
        checked(page)
        page.get_by_label("What will happen while the case waits").fill(
            "Duty worker visits twice weekly; school reports absence the same day."
        )
        page.get_by_label("Who will see the child, and when").fill("Duty worker, Friday")
        page.get_by_role("button", name="Record the risk review").click()
        expect(page.get_by_text("Risk review recorded")).to_be_visible()
        expect(page.get_by_role("heading", name=re.compile(r"High risk"))).to_be_visible()
        checked(page)

        expect(page.get_by_role("table", name="Haven recommends")).to_be_visible()
        chosen = page.get_by_label(re.compile(r"^Recommendation 1:"))
        expect(chosen).to_be_checked()
        label = chosen.evaluate("el => el.labels[0].textContent")
        username, name = next((u, n) for u, n in WORKERS.items() if n in label)
        page.get_by_role("button", name="Allocate").click()
        expect(page.get_by_text(f"Allocated to {name}")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("Waiting for allocation (0)")
        checked(page)

        page.context.clear_cookies()
        sign_in(page, base, username)
        expect(page.get_by_role("link", name=child.full_name)).to_be_visible()
        checked(page)
        assert problems == [], problems
    finally:
        context.close()
