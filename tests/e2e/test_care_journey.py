"""A child becomes looked after, in a browser.

The children-in-care social worker starts the child's period of care in a children's home that is
not registered with Ofsted: Haven refuses to save it, keeps everything typed, and sends it for
sign-off. The director finds it on the unregistered placements list and signs it off with a
reason and a first review date; the placement and its 903 episode then exist, flagged. The
worker records the first statutory visit; the IRO records the first looked-after review.

Dates are in the recent past, counted back from today. The journey runs with JavaScript (axe-core
on every page) and without it.
"""

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from conftest import Council
from playwright.sync_api import Browser, Page, expect

from haven.care.enums import PlacementProvider, RegistrationStatus, SettingRegistration
from haven.care.services import provider_save, setting_save
from haven.core import clock
from tests.e2e.conftest import new_context
from tests.e2e.test_protection_journey import Journey, fill_date, weekday_on_or_before

pytestmark = pytest.mark.e2e


def unregistered_home() -> None:
    provider = provider_save(actor=None, name="Oakfield Care Ltd", ownership=PlacementProvider.PR4)
    setting_save(
        actor=None,
        provider=provider,
        name="Beech Lodge",
        registration=SettingRegistration.CHILDRENS_HOME,
        status=RegistrationStatus.NOT_REGISTERED,
        postcode="CV1 2GT",
        weekly_cost=Decimal("9800.00"),
    )


def worker_asks_for_sign_off(j: Journey, child: Any, started: dt.date) -> None:
    page = j.page
    j.sign_in("cat_cic")
    page.goto(f"{j.base_url}/care/children/{child.pk}/")
    j.check("Care record")
    j.button("Start to be looked after")
    j.check("Start to be looked after")
    fill_date(
        page.get_by_role("group", name="Date the child started to be looked after (903 DECOM)"),
        started,
    )
    page.get_by_label("Legal status (903 LS)").select_option("C1")
    page.get_by_label("Category of need (903 CIN)").select_option("N1")
    page.get_by_label("Postcode of the home the child was living in (optional)").fill("NN3 8QT")
    page.get_by_label("Setting on the providers register").select_option(
        label="Beech Lodge (CV1 2GT): Not registered"
    )
    page.get_by_label("Placement type (903 PLACE)").select_option("K2")
    j.button("Start to be looked after")
    # Refused: the setting must be registered and is not. What was typed is kept.
    expect(page.get_by_role("alert")).to_contain_text("named senior officer")
    expect(page.get_by_label("Placement type (903 PLACE)")).to_have_value("K2")
    j.check("Start to be looked after")
    j.button("Ask for sign-off")
    j.banner("Placement sent for sign-off")
    j.check("Care record")
    expect(page.locator("#pending-request")).to_contain_text("A placement is waiting for sign-off")
    expect(page.get_by_role("button", name="Move placement")).to_have_count(0)


def director_signs_off(j: Journey, review_on: dt.date) -> None:
    page = j.page
    j.sign_in("dee_director")
    j.link("Unregistered placements")
    j.check("Placements in unregistered settings")
    page.get_by_role("link", name=re.compile("^Isla Carter")).first.click()
    j.check("Request for sign-off")
    expect(page.get_by_text("The setting must be registered with Ofsted")).to_be_visible()
    page.get_by_label("Why you agree to this placement").fill(
        "No registered home could take her tonight; the search for a registered placement "
        "continues daily."
    )
    fill_date(page.get_by_role("group", name="Date of the first senior review"), review_on)
    j.button("Sign off the placement")
    j.banner("Placement signed off")


def worker_visits(j: Journey, child: Any, visited: dt.date) -> None:
    page = j.page
    j.sign_in("cat_cic")
    page.goto(f"{j.base_url}/care/children/{child.pk}/")
    j.check("Care record")
    expect(page.get_by_text("Unregistered setting").first).to_be_visible()
    j.link("Record a visit")
    j.check("Record a statutory visit")
    fill_date(page.get_by_role("group", name="Date of the visit"), visited)
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did you see the child’s bedroom?").get_by_label("Yes").check()
    page.get_by_label("What the child said").fill("I miss my brother but staff are kind.")
    page.get_by_label("What you saw, and what happens next").fill("Room clean; staff present.")
    j.button("Record the visit")
    j.banner("Visit recorded")
    j.check("Care record")
    expect(page.get_by_role("table", name="The latest statutory visits")).to_contain_text(
        "Yes, alone"
    )


def iro_reviews(j: Journey, child: Any, held: dt.date) -> None:
    page = j.page
    j.sign_in("ira_reviewer")
    page.goto(f"{j.base_url}/care/children/{child.pk}/")
    j.check("Care record")
    j.link("Record a review")
    j.check("Record a looked-after review")
    fill_date(page.get_by_role("group", name="Date of the review"), held)
    page.get_by_role("group", name="How the child took part").get_by_label(
        re.compile("^PN1")
    ).check()
    page.get_by_label("The child’s views (optional)").fill("She wants to live nearer school.")
    page.get_by_label("The review’s decisions").fill("Find a registered home near her school.")
    j.button("Record the review")
    j.banner("Review recorded")
    j.check("Care record")
    expect(page.get_by_role("table", name="Reviews held")).to_contain_text("PN1")
    expect(page.get_by_text("Next review due by", exact=True)).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_looked_after_in_an_unregistered_home_signed_off_visited_and_reviewed(
    browser: Browser, live_server: Any, council: Council, javascript: bool
) -> None:
    child = council.children["in_care"]
    today = clock.today()
    started = weekday_on_or_before(today - dt.timedelta(days=14))
    visited = started + dt.timedelta(days=3)
    held = weekday_on_or_before(today - dt.timedelta(days=1))
    unregistered_home()
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
        worker_asks_for_sign_off(journey, child, started)
        director_signs_off(journey, today)
        worker_visits(journey, child, visited)
        iro_reviews(journey, child, held)
    finally:
        context.close()
    assert problems == [], problems
    assert journey.checked >= 12
