"""The missing and exploitation pages the journey does not pass through, in a browser, each
checked with axe-core: the forms for the child's answer, the manager's decision and a shared
risk, a form refused with its errors, the places and figures pages and the children behind a
figure, and a multi-agency meeting."""

import datetime as dt
import re
from typing import Any

import pytest
from conftest import Council
from playwright.sync_api import Browser, Page, expect

from haven.core import clock
from haven.core.actions import ActionDraft
from haven.exploitation.enums import Risk
from haven.exploitation.models import SharedRiskAlert
from haven.exploitation.services.meetings import meeting_record
from haven.exploitation.tests.conftest import link, park, screen
from haven.missing.enums import Factor, FoundWhere, MissingKind
from haven.missing.services import interview_offer, interview_record, missing_end, missing_start
from tests.e2e.conftest import assert_accessible, new_context
from tests.e2e.test_oversight_pages import sign_in

pytestmark = pytest.mark.e2e


def episode(council: Council, days_ago: int, *, offered: bool = True, held: bool = False) -> Any:
    went = clock.now() - dt.timedelta(days=days_ago, hours=10)
    e = missing_start(
        actor=None,
        child=council.children["allocated"],
        kind=MissingKind.MISSING,
        started_at=went,
        reported_to_police=False,
    )
    e = missing_end(
        actor=None, episode=e, ended_at=went + dt.timedelta(hours=6), found_where=FoundWhere.FRIENDS
    )
    if offered:
        interview_offer(actor=None, episode=e, offered_at=went + dt.timedelta(hours=7))
    if held:
        interview_record(
            actor=None,
            episode=e,
            done_at=went + dt.timedelta(hours=9),
            interviewer_name="Jo Reid",
            independent=True,
            factors=[Factor.CONFLICT_HOME, Factor.OLDER_PEOPLE],
            child_words="I wanted to be out",
        )
    return e


def visit(page: Page, url: str, heading: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    expect(page.locator("main#main-content")).to_be_visible()
    assert_accessible(page)


def test_outside_home_pages(browser: Browser, live_server: Any, council: Council) -> None:
    amelia = council.children["allocated"]
    episode(council, 40, held=True)
    episode(council, 20, held=True)
    episode(council, 2)  # the third in 90 days: the manager is prompted
    riverside = park()
    screen(council.children["other_team"], Risk.HIGH)
    link(council.children["other_team"], riverside)
    link(amelia, riverside)
    alert = SharedRiskAlert.objects.get(child=amelia)
    meeting = meeting_record(
        actor=council.users["team_manager"],
        held_on=clock.today(),
        agencies=["Police", "Education"],
        chair="DI Rees",
        children=[amelia, council.children["other_team"]],
        places=[riverside],
        decisions="Patrols at the park",
        actions=[ActionDraft("Patrols", "PC Hall", clock.today() + dt.timedelta(days=7))],
    )
    base = live_server.url
    context = new_context(browser, javascript=True)
    try:
        page = context.new_page()
        sign_in(page, base, "sam_worker")
        visit(page, f"{base}/missing/children/{amelia.pk}/", "Missing and away")
        page.get_by_role("link", name="Record the child's answer").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Record the child's answer to the offer"
        )
        page.get_by_role("button", name="Record the answer").click()
        expect(page.get_by_role("alert")).to_contain_text("Select did the child accept")
        assert_accessible(page)
        visit(page, f"{base}/exploitation/alerts/{alert.pk}/", "Consider a shared risk")
        visit(page, f"{base}/exploitation/places/new/", "Record a place")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("alert")).to_contain_text("Enter name the place is known by")
        assert_accessible(page)
        visit(page, f"{base}/exploitation/groups/new/", "Record a peer group")
        visit(page, f"{base}/exploitation/places/{riverside.pk}/meeting/", "Record a multi-agency")
        visit(page, f"{base}/exploitation/meetings/{meeting.pk}/", "Multi-agency exploitation")
        context.clear_cookies()
        sign_in(page, base, "tom_manager")
        visit(page, f"{base}/missing/children/{amelia.pk}/strategy-decision/", "Decide whether")
        visit(page, f"{base}/exploitation/places/", "Places and peer groups")
        page.get_by_role("link", name="Figures on missing children and exploitation").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Missing children and exploitation"
        )
        assert_accessible(page)
        page.get_by_role("link", name=re.compile("not offered within 72 hours")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            "Returns with no interview offered within 72 hours"
        )
        assert_accessible(page)
    finally:
        context.close()
