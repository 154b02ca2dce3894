"""A social worker finds a child, reads the record, adds a case note and sees their work;
an auditor then sees that the worker opened the record.

The journey runs twice: with JavaScript, checking every page with axe-core, and without
JavaScript, because every journey must work without it (ARCHITECTURE §7).
"""

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import PASSWORD, Council
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


@dataclass
class Journey:
    page: Page
    base_url: str
    javascript: bool
    visited: list[str] = field(default_factory=list)

    def check(self, *, signed_in: bool) -> None:
        """What every page must get right: a main landmark, the timeout warning, axe."""
        self.visited.append(urlsplit(self.page.url).path)
        expect(self.page.locator("main#main-content")).to_be_visible()
        warning = self.page.locator("dialog#haven-timeout")
        body = self.page.locator("body")
        if signed_in:
            expect(warning).to_have_count(1)
            expect(warning).to_be_hidden()
            expect(warning).to_contain_text("You’re about to be signed out")
            expect(
                warning.get_by_role("button", name="Stay signed in", include_hidden=True)
            ).to_have_count(1)
            expect(body).to_have_attribute("data-session-seconds", re.compile(r"^\d+$"))
            expect(self.page.get_by_text("You will be signed out after")).to_be_visible()
        else:
            expect(warning).to_have_count(0)
            expect(body).not_to_have_attribute("data-session-seconds", re.compile(".*"))
        if self.javascript:
            assert_accessible(self.page)

    def sign_in(self, username: str) -> None:
        self.page.goto(self.base_url + "/")
        expect(self.page).to_have_title(re.compile(r"^Sign in – Haven"))
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Sign in to Haven")
        self.check(signed_in=False)
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("My work")
        self.check(signed_in=True)

    def sign_out(self) -> None:
        self.page.locator("header").get_by_role("button", name="Sign out").click()
        expect(self.page.get_by_role("heading", level=1)).to_have_text("Sign in to Haven")

    def nav(self, name: str) -> None:
        menu = self.page.get_by_role("navigation", name="Menu")
        menu.get_by_role("link", name=name, exact=True).click()


def date_group(page: Page, legend: str) -> Locator:
    return page.get_by_role("group", name=legend)


def fill_date(group: Locator, day: str, month: str, year: str) -> None:
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def social_worker_journey(j: Journey, child_id: str) -> None:
    page = j.page
    j.sign_in("sam_worker")

    # Find the child from a misspelt name and the date of birth.
    j.nav("Find a child")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    j.check(signed_in=True)
    page.get_by_label("Name", exact=True).fill("Amelai Hrat")
    expect(page.get_by_label("Name", exact=True)).to_have_attribute(
        "aria-describedby", re.compile(r"\S")
    )
    fill_date(date_group(page, "Date of birth"), "2", "3", "2015")
    for label in ("UPN", "NHS number", "Postcode"):
        expect(page.get_by_label(label, exact=True)).to_be_empty()
    expect(page.get_by_label("Include adults")).not_to_be_checked()
    page.get_by_role("button", name="Search").click()
    # Searches are posted: nothing about the child goes into the address.
    expect(page).to_have_url(j.base_url + "/people/")
    results = page.get_by_role("table", name=re.compile(r"\d+ results?"))
    expect(results).to_be_visible()
    first = results.locator("tbody tr").first
    expect(first.get_by_role("link", name="Amelia Hart")).to_be_visible()
    expect(first).to_contain_text("2 Mar 2015")
    # The form keeps what was searched for.
    expect(page.get_by_label("Name", exact=True)).to_have_value("Amelai Hrat")
    expect(date_group(page, "Date of birth").get_by_label("Year")).to_have_value("2015")
    j.check(signed_in=True)

    # The record: identity, family, addresses, allocated worker, chronology, case notes.
    first.get_by_role("link", name="Amelia Hart").click()
    expect(page).to_have_url(j.base_url + f"/people/{child_id}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hart")
    for heading in (
        "Identity",
        "Allocated worker",
        "Family and relationships",
        "Addresses",
        "Chronology",
        "Case notes",
    ):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    expect(page.get_by_text("2 March 2015")).to_be_visible()
    expect(page.locator("dl").filter(has_text="Worker").first).to_contain_text("Sam Worker")
    expect(page.get_by_role("link", name="Helen Hart")).to_be_visible()
    expect(page.get_by_text("12 Lime Street, Northshire, NS1 4AB")).to_be_visible()
    expect(page.get_by_text("No case notes yet.")).to_be_visible()
    expect(page.get_by_text("Nothing in the chronology yet.")).to_be_visible()
    j.check(signed_in=True)

    # A case note: an empty form is refused with an error summary that links to the fields.
    page.get_by_role("link", name="Add a case note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case note")
    j.check(signed_in=True)
    page.get_by_role("button", name="Save case note").click()
    expect(page).to_have_title(re.compile(r"^Error: Add a case note"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(summary.get_by_role("link")).not_to_have_count(0)
    j.check(signed_in=True)

    page.get_by_role("group", name="Type of contact").get_by_label("Visit").check()
    fill_date(date_group(page, "Date it happened"), "3", "2", "2025")
    page.get_by_label("Subject").fill("Home visit: Amelia seen alone")
    page.get_by_label("Case note", exact=True).fill(
        "Amelia showed me her room and said school is going well."
    )
    page.get_by_label("Significant event: add it to the chronology").check()
    page.get_by_role("button", name="Save case note").click()

    expect(page).to_have_url(j.base_url + f"/people/{child_id}/")
    expect(page.get_by_text("Case note added")).to_be_visible()
    note = page.locator(".govuk-summary-card").filter(has_text="Home visit: Amelia seen alone")
    expect(note).to_contain_text("Amelia showed me her room and said school is going well.")
    expect(note).to_contain_text("Visit · 3 February 2025 · Sam Worker")
    timeline = page.locator(".moj-timeline__item").filter(
        has=page.get_by_role("heading", name="Home visit: Amelia seen alone")
    )
    expect(timeline).to_contain_text("Visit by Sam Worker")
    expect(timeline.locator("time")).to_have_attribute("datetime", "2025-02-03")
    j.check(signed_in=True)

    # My work: the child is in the worker's caseload.
    j.nav("My work")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    caseload = page.get_by_role("table", name=re.compile(r"^My caseload"))
    expect(caseload.get_by_role("link", name="Amelia Hart")).to_be_visible()
    j.check(signed_in=True)
    j.sign_out()


def auditor_journey(j: Journey, child_id: str) -> None:
    page = j.page
    j.sign_in("amy_auditor")
    page.goto(j.base_url + f"/people/{child_id}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail: Amelia Hart")
    opened = page.get_by_role("table", name="Who opened this record")
    row = opened.locator("tbody tr").filter(has_text="Sam Worker (Social worker)")
    expect(row.filter(has_text="record").first).to_be_visible()
    changes = page.get_by_role("table", name="What changed")
    expect(changes.locator("tbody tr").filter(has_text="Sam Worker").first).to_be_visible()
    j.check(signed_in=True)


def run_journey(browser: Browser, live_server: Any, council: Council, *, javascript: bool) -> None:
    child_id = str(council.children["allocated"].pk)
    context = new_context(browser, javascript=javascript)
    problems: list[str] = []
    try:
        page = context.new_page()

        def keep(message: ConsoleMessage) -> None:
            url = message.location.get("url", "")
            if message.type == "error":
                problems.append(f"{message.text} ({url})")

        page.on("console", keep)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        journey = Journey(page=page, base_url=live_server.url, javascript=javascript)
        social_worker_journey(journey, child_id)
        auditor_journey(journey, child_id)
    finally:
        context.close()
    assert problems == [], "the browser reported errors:\n" + "\n".join(problems)
    record = f"/people/{child_id}/"
    assert journey.visited == [
        "/accounts/sign-in/",
        "/work/",
        "/people/",
        "/people/",
        record,
        record + "case-notes/new/",
        record + "case-notes/new/",
        record,
        "/work/",
        "/accounts/sign-in/",
        "/work/",
        record + "audit/",
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_social_worker_journey_then_auditor_sees_the_access(
    browser: Browser,
    live_server: Any,
    journey_council: Council,
    javascript: bool,
) -> None:
    run_journey(browser, live_server, journey_council, javascript=javascript)


def test_the_session_timeout_warning_opens_and_unsaved_work_survives(
    browser: Browser, live_server: Any, settings: Any, journey_council: Council
) -> None:
    """The page clock is moved on, so no one waits half an hour: the server's session is alive
    throughout, as it is when a worker's laptop sleeps past the page's own timer."""
    settings.SESSION_COOKIE_AGE = 30 * 60
    settings.SESSION_WARNING_SECONDS = 120
    child_id = str(journey_council.children["allocated"].pk)
    context = new_context(browser, javascript=True)
    try:
        page = context.new_page()
        page.clock.install()
        journey = Journey(page=page, base_url=live_server.url, javascript=True)
        journey.sign_in("sam_worker")
        page.goto(live_server.url + f"/people/{child_id}/")

        warning = page.get_by_role("dialog", name="You’re about to be signed out")
        expect(warning).to_be_hidden()
        page.clock.run_for("28:30")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("you will be signed out in 2 minutes")
        assert_accessible(page)
        warning.get_by_role("button", name="Stay signed in").click()
        expect(warning).to_be_hidden()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Amelia Hart")

        page.get_by_role("link", name="Add a case note").click()
        page.get_by_label("Subject").fill("Phone call with school")
        page.clock.run_for("30:01")
        expect(page.get_by_text("Your unsaved work has been put back")).to_be_visible()
        expect(page).to_have_url(live_server.url + f"/people/{child_id}/case-notes/new/")
        expect(page.get_by_label("Subject")).to_have_value("Phone call with school")
    finally:
        context.close()
