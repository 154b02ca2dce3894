"""The child protection pathway in a browser.

A social worker records a strategy discussion that starts a section 47 enquiry and records
seeing the child; the IRO records the initial conference, which puts the child on a child
protection plan for neglect; the worker builds the plan (two outcomes, each with an owned and
dated action), finalises it and records a visit; the IRO records the review conference, rating
each outcome, and the plan page shows each outcome's ratings over time.

Dates are in the recent past, counted back from today. The journey runs with JavaScript (axe-core
on every page) and without it.
"""

import datetime as dt
import re
from typing import Any

import pytest
from conftest import PASSWORD, Council
from playwright.sync_api import Browser, Locator, Page, expect

from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.services import referral_open
from haven.core import clock
from tests.e2e.conftest import assert_accessible, new_context

pytestmark = pytest.mark.e2e


def weekday_on_or_before(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


class Journey:
    def __init__(self, page: Page, base_url: str, javascript: bool) -> None:
        self.page = page
        self.base_url = base_url
        self.javascript = javascript
        self.checked = 0

    def check(self, heading: str | re.Pattern[str]) -> None:
        """The page has loaded with its heading; with JavaScript, axe finds nothing."""
        expect(self.page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(self.page.locator("main#main-content")).to_be_visible()
        if self.javascript:
            assert_accessible(self.page)
        self.checked += 1

    def sign_in(self, username: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(self.base_url + "/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.check("My work")

    def button(self, name: str) -> None:
        """A submit button, or a link that looks like one (GOV.UK start and action buttons)."""
        self.page.get_by_role("button", name=name, exact=True).click()

    def link(self, name: str | re.Pattern[str]) -> None:
        self.page.get_by_role("link", name=name, exact=isinstance(name, str)).click()

    def banner(self, text: str) -> None:
        expect(self.page.get_by_text(text, exact=True)).to_be_visible()


def fill_date(group: Locator, day: dt.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def fill_person(page: Page, row: str, agency: str, name: str) -> None:
    group = page.get_by_role("group", name=row, exact=True)
    group.get_by_label("Agency").select_option(agency)
    group.get_by_label("Name", exact=True).fill(name)


def social_worker_starts_the_enquiry(j: Journey, child: Any, discussed: dt.date) -> None:
    page = j.page
    j.sign_in("sam_worker")
    page.goto(f"{j.base_url}/casework/children/{child.pk}/")
    j.check("Casework")
    j.link("Child protection and plans")
    expect(page).to_have_url(f"{j.base_url}/protection/children/{child.pk}/")
    j.check("Child protection and plans")
    expect(page.get_by_text("No section 47 enquiries.")).to_be_visible()

    j.button("Record a strategy discussion")
    j.check("Record a strategy discussion")
    fill_date(page.get_by_role("group", name="Date of the discussion"), discussed)
    page.get_by_label("Time the discussion started").fill("10:30am")
    fill_person(page, "Participant 1", "social_care", "Sam Worker")
    fill_person(page, "Participant 2", "police", "DC Jones")
    page.get_by_label("Information shared").fill("Bruising seen at school; home very cold.")
    # Nothing decided yet: refused, with what was typed kept.
    j.button("Record the strategy discussion")
    expect(page.get_by_role("alert")).to_contain_text("Select what the discussion decided")
    expect(page.get_by_label("Information shared")).to_have_value(
        "Bruising seen at school; home very cold."
    )
    expect(
        page.get_by_role("group", name="Participant 2", exact=True).get_by_label("Name", exact=True)
    ).to_have_value("DC Jones")
    j.check("Record a strategy discussion")
    fill_person(page, "Participant 3", "health", "Health visitor")
    page.get_by_role("group", name="What the discussion decided").get_by_label(
        "Section 47 enquiry", exact=True
    ).check()
    page.get_by_label("Reasons for the decision").fill("Reasonable cause to suspect harm.")
    j.button("Record the strategy discussion")
    j.banner("Strategy discussion recorded")
    expect(
        page.get_by_role("heading", name=re.compile("^Section 47 enquiry started"))
    ).to_be_visible()
    j.check("Child protection and plans")

    j.link(re.compile("^Update the enquiry"))
    j.check("Update the section 47 enquiry")
    fill_date(page.get_by_role("group", name="Date the child was seen (optional)"), discussed)
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("What the enquiry is finding (optional)").fill("Child spoke about home.")
    j.button("Save")
    j.banner("Section 47 enquiry updated")
    expect(page.get_by_text(f"{discussed.day} {discussed:%B %Y}, seen alone")).to_be_visible()
    j.check("Child protection and plans")


def iro_records_the_initial_conference(j: Journey, child: Any, held: dt.date, iro: Any) -> None:
    page = j.page
    j.sign_in("ira_reviewer")
    page.goto(f"{j.base_url}/protection/children/{child.pk}/")
    j.check("Child protection and plans")
    j.button("Record the initial conference")
    j.check("Record the initial child protection conference")
    fill_date(page.get_by_role("group", name="Date of the conference"), held)
    expect(page.get_by_label("Chair")).to_have_value(str(iro.pk))  # the IRO recording
    fill_person(page, "Attendee 1", "social_care", "Sam Worker")
    fill_person(page, "Attendee 2", "police", "DC Jones")
    fill_person(page, "Attendee 3", "education", "Head teacher")
    page.get_by_label("The child’s views").fill("Wants home to be warm.")
    page.get_by_label("The family’s views").fill("Parents accept help.")
    page.get_by_role("group", name="The conference’s decision").get_by_label(
        "Child protection plan", exact=True
    ).check()
    page.get_by_role("group", name="Category of abuse").get_by_label("Neglect").check()
    j.button("Record the conference")
    j.banner("Conference recorded")
    j.check(f"Child protection plan from {held.day} {held:%B %Y} Draft")


def social_worker_builds_the_plan(j: Journey, child: Any, target: dt.date) -> None:
    page = j.page
    j.sign_in("sam_worker")
    page.goto(f"{j.base_url}/protection/children/{child.pk}/")
    j.link(re.compile("^View plan"))
    j.check(re.compile("^Child protection plan from"))
    expect(page.get_by_text("Add at least one outcome")).to_be_visible()

    outcomes = [
        ("The home is warm and there is food every day", "3", "Health", "health", "Health visitor"),
        ("Amelia gets to school on time", "2", None, None, None),
    ]
    for number, (statement, baseline, _, agency, owner) in enumerate(outcomes, start=1):
        j.button("Add an outcome")
        j.check("Add an outcome")
        page.get_by_label("What will be different for the child").fill(statement)
        page.get_by_role("group", name="How things are now").get_by_label(
            baseline, exact=True
        ).check()
        j.button("Add the outcome")
        j.banner("Outcome added")
        j.check(re.compile("^Child protection plan from"))

        j.link(f"Add an action towards outcome {number}")
        j.check(f"Add an action towards outcome {number}")
        page.get_by_label("What will be done").fill(f"Support towards outcome {number}")
        if agency:
            page.get_by_label("Agency responsible (optional)").select_option(agency)
            page.get_by_label("Name or role of the person in that agency (optional)").fill(
                str(owner)
            )
        else:
            page.get_by_label("Person responsible (optional)").select_option(label="Sam Worker")
        fill_date(page.get_by_role("group", name="Target date"), target)
        j.button("Add the action")
        j.banner("Action added")
        j.check(re.compile("^Child protection plan from"))

    outcome_1 = page.locator("#outcome-1")
    expect(outcome_1).to_contain_text(
        "Health (GP, health visitor, school nurse, hospital): Health visitor"
    )
    expect(page.locator("#outcome-2")).to_contain_text("Sam Worker")
    j.button("Finalise the plan")
    j.check("Finalise the plan")
    j.button("Finalise the plan")
    j.banner("Plan finalised")
    j.check(re.compile("Finalised$"))

    j.button("Record a visit")
    j.check("Record a visit")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did you see the child’s bedroom?").get_by_label("Yes").check()
    page.get_by_label("What the child said").fill("My room is warm now.")
    j.button("Record the visit")
    j.banner("Visit recorded")
    visits = page.get_by_role("table", name="Visits to the child on this plan")
    expect(visits).to_contain_text("Yes, alone")
    expect(visits).to_contain_text("My room is warm now.")
    j.check(re.compile("Finalised$"))


def iro_records_the_review(j: Journey, child: Any, held: dt.date) -> None:
    page = j.page
    j.sign_in("ira_reviewer")
    page.goto(f"{j.base_url}/protection/children/{child.pk}/")
    j.button("Record a review conference")
    j.check("Record the child protection review conference")
    fill_date(page.get_by_role("group", name="Date of the conference"), held)
    fill_person(page, "Attendee 1", "social_care", "Sam Worker")
    fill_person(page, "Attendee 2", "health", "Health visitor")
    fill_person(page, "Attendee 3", "education", "Head teacher")
    page.get_by_label("The child’s views").fill("Happier at home.")
    page.get_by_label("The family’s views").fill("Things are better.")
    for number, score, why in [(1, "5", "Heating fixed"), (2, "2", "Still late most days")]:
        page.get_by_role("group", name=f"Outcome {number}: how things are now").get_by_label(
            score, exact=True
        ).check()
        page.get_by_label(f"Outcome {number}: why you gave this rating").fill(why)
    page.get_by_role("group", name="The conference’s decision").get_by_label(
        "Continue the child protection plan"
    ).check()
    page.get_by_role("group", name="Category of abuse").get_by_label("Neglect").check()
    j.button("Record the conference")
    j.banner("Conference recorded")
    j.check(re.compile("Finalised$"))

    for number, baseline, rated, why in [(1, "3", "5", "Heating fixed"), (2, "2", "2", "Still")]:
        ratings = page.get_by_role("table", name=f"Outcome {number}: ratings over time")
        rows = ratings.locator("tbody tr")
        expect(rows).to_have_count(2)
        expect(rows.nth(0).locator("td").nth(1)).to_have_text(baseline)
        expect(rows.nth(1).locator("td").nth(1)).to_have_text(rated)
        expect(rows.nth(1).locator("td").nth(2)).to_contain_text(why)
        chart = page.get_by_role("img", name=f"Outcome {number}: ratings over time")
        expect(chart).to_be_visible()
        expect(chart.locator("circle")).to_have_count(2)
    expect(page.get_by_text(f"{held.day} {held:%B %Y}: plan continues (neglect)")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_strategy_discussion_to_a_reviewed_plan(
    browser: Browser, live_server: Any, council: Council, javascript: bool
) -> None:
    child = council.children["allocated"]
    today = clock.today()
    referred = today - dt.timedelta(days=120)
    discussed = weekday_on_or_before(today - dt.timedelta(days=110))
    conference = weekday_on_or_before(discussed + dt.timedelta(days=14))
    review = weekday_on_or_before(today - dt.timedelta(days=1))
    referral_open(
        actor=council.users["social_worker"],
        child=child,
        referral_date=referred,
        source=ReferralSource.POLICE,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )
    problems: list[str] = []
    context = new_context(browser, javascript=javascript)
    try:
        page = context.new_page()
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        journey = Journey(page, live_server.url, javascript)
        social_worker_starts_the_enquiry(journey, child, discussed)
        iro_records_the_initial_conference(journey, child, conference, council.users["iro"])
        social_worker_builds_the_plan(journey, child, today + dt.timedelta(days=28))
        iro_records_the_review(journey, child, review)
    finally:
        context.close()
    assert problems == [], problems
    assert journey.checked >= 20
