"""A front-door manager reads the figures and follows a number to the children behind it;
the performance analyst reaches the same figures from the menu. axe-core checks each page."""

import datetime as dt
from typing import Any

import pytest
import time_machine
from conftest import PASSWORD, Council, make_user
from playwright.sync_api import Browser, Page, expect

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from haven.core import clock
from haven.frontdoor.enums import ContactOutcome, Rag
from haven.frontdoor.services import contact_decide, contact_rag_set
from haven.frontdoor.tests.support import record
from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


def test_figures_and_their_children(browser: Browser, live_server: Any, council: Council) -> None:
    screener = council.users["mash_screener"]
    received = clock.now() - dt.timedelta(days=2)
    with time_machine.travel(received, tick=False):
        decided = record(council, received, "allocated", "team")
        contact_rag_set(actor=screener, contact=decided, rag=Rag.GREEN)
        contact_decide(
            actor=screener, contact=decided, outcome=ContactOutcome.NFA, reasons="No concerns."
        )
        record(council, received, "other_team")
    make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )
    context = new_context(browser, javascript=True)
    try:
        page = context.new_page()
        sign_in(page, live_server.url, "mia_mash")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
        page.get_by_role("link", name="Front-door figures").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Front-door figures")
        assert_accessible(page)
        page.get_by_label("Period").select_option("12m")
        page.get_by_role("button", name="Show figures").click()
        expect(page.get_by_text("The last 12 months", exact=False).first).to_be_visible()

        page.get_by_role("link", name="3 children: Children on contacts received").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Children on contacts received (3)"
        )
        assert_accessible(page)
        for key in ("allocated", "team", "other_team"):
            expect(page.get_by_role("link", name=council.children[key].full_name)).to_be_visible()
        page.get_by_role("link", name="Back to the figures").click()
        expect(page).to_have_url(live_server.url + "/front-door/figures/?period=12m")

        page.goto(live_server.url + "/front-door/sign-off/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Decisions awaiting sign-off (1)")
        assert_accessible(page)

        page.context.clear_cookies()
        sign_in(page, live_server.url, "pat_analyst")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Front-door figures")
        page.get_by_role("link", name="1 child: Children on contacts awaiting a decision").click()
        expect(page.get_by_text("Not in your reach")).to_be_visible()
        assert_accessible(page)
    finally:
        context.close()
