"""A child goes missing, comes back, is interviewed, screened and linked, in a browser.

Amelia's social worker records that she went missing and came back, offers a return home
interview, which she accepts, and records it with the push and pull factors and her own words.
The worker screens her for exploitation and links her to a park where Olivia, a child in another
team judged at high risk, is linked too. Both workers are told: each finds the shared risk on
their list, and Olivia's worker sees on the park's page that a linked record exists and whom to
ask, not Amelia's details.

Moments are in the last two days, counted back from now. The journey runs with JavaScript
(axe-core on every page) and without it.
"""

import datetime as dt
import re
from typing import Any

import pytest
from conftest import Council
from playwright.sync_api import Browser, Page, expect

from haven.core import clock
from haven.exploitation.enums import Risk
from haven.exploitation.tests.conftest import link, park, screen
from tests.e2e.conftest import new_context
from tests.e2e.test_protection_journey import Journey, fill_date

pytestmark = pytest.mark.e2e
SHARED = "Consider a shared risk of exploitation"


def moment(page: Page, date_label: str, time_label: str, day: dt.date, time: str) -> None:
    fill_date(page.get_by_role("group", name=date_label), day)
    page.get_by_label(time_label).fill(time)


def goes_missing_and_comes_back(j: Journey, child: Any, went: dt.date, back: dt.date) -> None:
    page = j.page
    j.sign_in("sam_worker")
    page.goto(f"{j.base_url}/casework/children/{child.pk}/")
    j.check("Casework")
    j.link("Missing and away")
    j.check("Missing and away")
    expect(page.get_by_text("No missing or away episodes are recorded")).to_be_visible()
    j.button("Record that the child is missing or away")
    j.check("Record that the child is missing or away")
    page.get_by_label("Missing", exact=True).check()
    moment(page, "Date the child went", "Time the child went", went, "9:15pm")
    page.get_by_role("group", name="Was it reported to the police?").get_by_label("Yes").check()
    j.button("Record the episode")
    # Refused: reported, so the reference is needed. What was typed is kept.
    expect(page.get_by_role("alert")).to_contain_text("Enter the police reference")
    expect(page.get_by_label("Time the child went")).to_have_value("9:15pm")
    j.check("Record that the child is missing or away")
    page.get_by_label("Police reference (if reported)").fill("NP-2025-118842")
    j.button("Record the episode")
    j.banner("Episode recorded")
    j.check("Missing and away")
    j.link("Record the child's return")
    j.check("Record the child's return")
    moment(
        page,
        "Date the child came back or was found",
        "Time the child came back or was found",
        back,
        "6:40am",
    )
    page.get_by_label("At an address of concern").check()
    j.button("Record the return")
    j.banner("Return recorded: offer the child a return home interview within 72 hours")
    j.check("Missing and away")
    expect(page.get_by_text(re.compile(r"\d+ hours left"))).to_be_visible()


def interviewed(j: Journey, back: dt.date) -> None:
    page = j.page
    j.link(re.compile("^Record the offer of an interview"))
    j.check("Record the offer of a return home interview")
    moment(
        page, "Date the interview was offered", "Time the interview was offered", back, "11:00am"
    )
    page.get_by_label("Accepted").check()
    j.button("Record the offer")
    j.banner("Interview offer recorded")
    j.check("Missing and away")
    j.link(re.compile("^Record the interview"))
    j.check("Record the return home interview")
    moment(page, "Date the interview was held", "Time the interview was held", back, "3pm")
    page.get_by_label("Who held the interview").fill("Jo Reid")
    page.get_by_label("Their organisation (optional)").fill("Northshire Young People's Service")
    page.get_by_role(
        "group", name="Is the interviewer independent of the child's carers and social worker?"
    ).get_by_label("Yes").check()
    page.get_by_label("Conflict at home or in the placement").check()
    page.get_by_label("Older people or adults").check()
    page.get_by_label("What the child said, in their own words").fill(
        "They give me stuff and I can stay out at the park."
    )
    row = page.get_by_role("group", name="Action 1", exact=True)
    row.get_by_label("What is to be done").fill("Share with the police exploitation team")
    row.get_by_label("By whom").fill("Sam Worker")
    fill_date(row.get_by_role("group", name="By when"), clock.today() + dt.timedelta(days=3))
    j.button("Record the interview")
    j.banner("Return home interview recorded")
    j.check("Missing and away")
    expect(page.get_by_text("Push: Conflict at home or in the placement")).to_be_visible()
    expect(page.get_by_text("Within 72 hours")).to_be_visible()


def screened_and_linked(j: Journey, child: Any) -> None:
    page = j.page
    page.goto(f"{j.base_url}/casework/children/{child.pk}/")
    j.check("Casework")
    j.link("Exploitation")
    j.check("Exploitation")
    j.button("Screen for exploitation")
    j.check("Screen for exploitation")
    page.get_by_label("Going missing").check()
    page.get_by_label("Spending time with older people involved in crime").check()
    page.get_by_role(
        "group", name="Child criminal exploitation, including county lines", exact=True
    ).get_by_label("Medium").check()
    page.get_by_label("Your judgement of the risk, and why").fill(
        "Older youths at the park give her gifts; she goes missing to be with them."
    )
    j.button("Record the screening")
    j.banner("Screening recorded")
    j.check("Exploitation")
    expect(
        page.get_by_text("Child criminal exploitation, including county lines: medium")
    ).to_be_visible()
    j.button("Link to a place or peer group")
    j.check("Link the child to a place or peer group")
    page.get_by_label("Place or peer group").select_option(
        label="Riverside Park (park or open space)"
    )
    page.get_by_label("Where the information came from").fill("Return home interview")
    page.get_by_label("The nature of the link").fill("Goes there to meet older youths")
    j.button("Record the link")
    j.banner("Link recorded")
    j.check("Exploitation")
    warning = page.locator(".govuk-warning-text").filter(has_text="with a child at high risk")
    expect(warning).to_contain_text("Shares Riverside Park with a child at high risk")
    j.link("My work")
    j.check("My work")
    expect(page.get_by_text(SHARED).first).to_be_visible()


def other_worker_told(j: Journey, amelia: Any, olivia: Any) -> None:
    page = j.page
    j.sign_in("olu_other")
    expect(page.get_by_role("row").filter(has_text=SHARED)).to_contain_text(olivia.full_name)
    j.link("Places and groups")
    j.check("Places and peer groups")
    j.link("Riverside Park")
    j.check("Riverside Park")
    table = page.get_by_role("table", name="Children linked to Riverside Park")
    expect(table).to_contain_text(olivia.full_name)
    expect(table).not_to_contain_text(amelia.full_name)
    expect(table).to_contain_text("A linked child whose record you may not open. Ask Sam Worker")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_missing_returned_interviewed_screened_linked_and_both_workers_told(
    browser: Browser, live_server: Any, council: Council, javascript: bool
) -> None:
    amelia, olivia = council.children["allocated"], council.children["other_team"]
    today = clock.today()
    went, back = today - dt.timedelta(days=2), today - dt.timedelta(days=1)
    riverside = park()
    screen(olivia, Risk.HIGH, on=today - dt.timedelta(days=7))
    link(olivia, riverside, on=today - dt.timedelta(days=7))
    problems: list[str] = []
    context = new_context(browser, javascript=javascript)
    try:
        page: Page = context.new_page()
        page.on(
            "response",
            lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        journey = Journey(page, live_server.url, javascript)
        goes_missing_and_comes_back(journey, amelia, went, back)
        interviewed(journey, back)
        screened_and_linked(journey, amelia)
        other_worker_told(journey, amelia, olivia)
    finally:
        context.close()
    assert problems == [], problems
    assert journey.checked >= 15
