"""A screener records a contact about two siblings, rates it red, asks the police, decides
on a referral for a child and family assessment; a front-door manager signs it off. Then the
social worker for the siblings' team starts their assessments together and takes the elder
child's through: seen, heard, completed with its factors; and the team manager authorises it.

It runs with JavaScript, checking every page with axe-core, and without it.
"""

import re
from typing import Any

import pytest
from conftest import PASSWORD, Council, make_user
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from haven.accounts.roles import Role
from haven.allocation.enums import JobRole
from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


def fill_date(page: Page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_screener_records_screens_and_decides_then_manager_signs_off(
    browser: Browser, live_server: Any, council: Council, javascript: bool
) -> None:
    def checked(page: Page) -> None:
        expect(page.locator("main#main-content")).to_be_visible()
        if javascript:
            assert_accessible(page)

    make_user(
        "mia_mash", Role.MASH_MANAGER, team=council.teams["front_door"], job=JobRole.TEAM_MANAGER
    )
    base = live_server.url
    problems: list[str] = []
    context = new_context(browser, javascript=javascript)
    try:
        page = context.new_page()
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        sign_in(page, base, "max_screener")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Front door")
        checked(page)

        page.get_by_role("button", name="Record a contact").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Who is the contact about?")
        checked(page)
        page.get_by_label("Name", exact=True).fill("Hart")
        page.get_by_role("button", name="Search").click()
        expect(page).to_have_url(base + "/front-door/contacts/new/")
        checked(page)
        page.get_by_label(re.compile(r"^Amelia Hart")).check()
        page.get_by_label(re.compile(r"^Tyler Hart")).check()
        page.get_by_role("button", name="Continue").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record a contact")
        checked(page)

        received = page.get_by_role("group", name="Date received")
        received.get_by_label("Day").fill("2")
        received.get_by_label("Month").fill("3")
        received.get_by_label("Year").fill("2025")
        page.get_by_label("Time received").fill("9:30am")
        page.get_by_label("Who the contact came from").select_option(label="Police")
        page.get_by_label("Referrer’s name (optional)").fill("PC Jo Bloggs")
        page.get_by_label("The concern").fill("Officers attended a domestic incident.")
        page.get_by_role("group", name="Did the family agree").get_by_label("Yes").check()
        page.get_by_role("group", name="How urgent is it?").get_by_label("Same day").check()
        page.get_by_role("button", name="Record contact").click()

        expect(page.get_by_text("Contact recorded")).to_be_visible()
        expect(page).to_have_url(re.compile(r"/front-door/contacts/[0-9a-f-]{36}/$"))
        contact_url = page.url
        expect(page.get_by_role("link", name="Amelia Hart")).to_be_visible()
        expect(page.get_by_role("link", name="Tyler Hart")).to_be_visible()
        checked(page)

        page.get_by_role("group", name="RAG rating").get_by_label("Red").check()
        page.get_by_role("button", name="Save rating").click()
        expect(page.get_by_text("Rating saved")).to_be_visible()
        checked(page)

        page.get_by_role("group", name="Agency to ask").get_by_label("Police").check()
        page.get_by_role("button", name="Request check").click()
        expect(page.get_by_text("Check requested")).to_be_visible()
        checked(page)

        decision = page.get_by_role("group", name="Decision", exact=True)
        decision.get_by_label(re.compile(r"^Referral to children")).check()
        page.get_by_role("group", name="For a referral: what it goes on to").get_by_label(
            "Child and family assessment"
        ).check()
        page.get_by_label("For a referral: the child’s primary need").select_option(index=1)
        page.get_by_label("Reasons for the decision").fill("Repeated incidents; risk of harm.")
        page.get_by_role("button", name="Record decision").click()
        expect(page.get_by_text("Decision recorded")).to_be_visible()
        checked(page)
        page.locator("header").get_by_role("button", name="Sign out").click()

        sign_in(page, base, "mia_mash")
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Front door").click()
        awaiting = page.get_by_role("table", name=re.compile(r"^Awaiting sign-off"))
        expect(awaiting.get_by_role("link", name="Amelia Hart")).to_be_visible()
        checked(page)
        awaiting.get_by_role("link", name=re.compile(r"^Decision 1")).click()
        expect(page).to_have_url(contact_url)
        checked(page)
        page.get_by_role("button", name="Sign off the decision").click()
        expect(page.get_by_text("Decision signed off")).to_be_visible()
        checked(page)
        page.locator("header").get_by_role("button", name="Sign out").click()

        # The social worker's team holds both children: from the contact to Amelia's casework.
        sign_in(page, base, "sam_worker")
        page.goto(contact_url)
        page.get_by_role("link", name="Casework for Amelia Hart").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Casework")
        expect(page.get_by_text("Referral 2 March 2025").first).to_be_visible()
        assert "amelia" not in page.url.lower()
        checked(page)
        page.get_by_role("button", name="Start an assessment").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Start a child and family assessment"
        )
        checked(page)
        fill_date(page, "Date the assessment started", 3, 3, 2025)
        page.get_by_label(re.compile(r"^Tyler Hart, referred")).check()
        page.get_by_role("button", name="Start the assessment").click()
        expect(page.get_by_text("Assessments started", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Child and family assessment")
        expect(page.get_by_role("link", name="Tyler Hart")).to_be_visible()
        assessment_url = page.url
        checked(page)

        page.get_by_role("link", name="Record the child seen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record the child seen")
        checked(page)
        fill_date(page, "Date the child was seen", 4, 3, 2025)
        page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Child seen recorded", exact=True)).to_be_visible()
        expect(page.get_by_text("4 March 2025, seen alone")).to_be_visible()
        checked(page)

        page.get_by_role("link", name="Record wishes and feelings").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("The child’s wishes and feelings")
        checked(page)
        page.get_by_label("The child’s wishes and feelings").fill(
            "I want Mum to be safe. I like my school."
        )
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Wishes and feelings recorded", exact=True)).to_be_visible()
        expect(page.get_by_text("I want Mum to be safe. I like my school.")).to_be_visible()
        checked(page)

        page.get_by_role("button", name="Complete the assessment").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Complete the assessment")
        checked(page)
        # "No factors identified" stands alone (DfE rule 8869): refused with another factor.
        fill_date(page, "Date the assessment was completed", 20, 3, 2025)
        none = page.get_by_label("No factors identified (21)")
        domestic = page.get_by_label("Domestic abuse: parent or carer (3B)")
        none.check()
        domestic.check()
        if javascript:
            # GOV.UK Frontend's exclusive checkbox cleared 21; send both, as a browser
            # without JavaScript would, to see the service refuse them.
            expect(none).not_to_be_checked()
            none.evaluate("box => { box.checked = true; }")
        page.get_by_role("group", name="Outcome of the assessment").get_by_label(
            "Child in need services (CIN plan)"
        ).check()
        page.get_by_role("button", name="Complete the assessment").click()
        expect(page.get_by_role("alert")).to_contain_text("DfE rule 8869")
        expect(domestic).to_be_checked()
        checked(page)
        page.get_by_label("No factors identified (21)").uncheck()
        page.get_by_label("Neglect (16A)").check()
        page.get_by_role("button", name="Complete the assessment").click()
        expect(page.get_by_text("Assessment completed", exact=True)).to_be_visible()
        expect(page.get_by_text("Awaiting authorisation").first).to_be_visible()
        assert page.url == assessment_url
        checked(page)
        page.locator("header").get_by_role("button", name="Sign out").click()

        # The team manager, from the child's record.
        sign_in(page, base, "tom_manager")
        page.goto(base + reverse("people:record", args=[council.children["allocated"].pk]))
        page.get_by_role("link", name=re.compile(r"^Casework")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Casework")
        checked(page)
        page.get_by_role("link", name=re.compile(r"^View assessment")).click()
        expect(page).to_have_url(assessment_url)
        page.get_by_role("button", name="Authorise the assessment").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Authorise the assessment")
        expect(page.get_by_text("Neglect (16A)")).to_be_visible()
        checked(page)
        page.get_by_role("button", name="Authorise the assessment").click()
        expect(page.get_by_text("Assessment authorised", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Authorised")
        expect(page.get_by_text("Met late")).to_be_visible()
        checked(page)
    finally:
        context.close()
    assert problems == []
