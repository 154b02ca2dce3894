"""The costs and stability pages: who may open them, what each viewer sees of the children
behind the figures, and that they read the database the same number of times however many
children there are."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from haven.allocation.services import allocation_start
from haven.audit.models import AccessEvent
from haven.care import policies
from haven.care.enums import PlacementProvider, PlacementType, ReasonPlaceChange
from haven.care.rules import PlacementDetails
from haven.care.services import placement_change
from haven.care.tests.conftest import Register, foster, look_after

pytestmark = pytest.mark.django_db

PAGES = ("care:costs", "care:stability")
ALLOWED = ("team_manager", "service_manager", "dcs", "performance_analyst")
REFUSED = ("social_worker", "cic_worker", "iro", "business_support", "auditor", "partner_police")


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def get(user: Any, name: str) -> str:
    page = client_for(user).get(reverse(name))
    assert page.status_code == 200
    return page.content.decode()


def child_link(child: Any) -> str:
    return f'href="{reverse("care:child", kwargs={"child_id": child.pk})}">{child.la_child_id}<'


def children_home(register: Register) -> PlacementDetails:
    return PlacementDetails(place=PlacementType.K2, setting=register.home)


@pytest.fixture
def placed(council: Any, register: Register) -> dict[str, Any]:
    """Amelia (team A) in a children's home in Leicester after two moves this year; Isla (the
    children in care team) in the council's foster care near home since before the year."""
    amelia, isla = council.children["allocated"], council.children["in_care"]
    look_after(None, amelia, register, on=dt.date(2025, 2, 1))
    placement_change(
        actor=None,
        child=amelia,
        changed_on=dt.date(2025, 5, 1),
        placement=foster(register, carer="Ms Okoye"),
        reason_place_change=ReasonPlaceChange.CARPL,
    )
    placement_change(
        actor=None,
        child=amelia,
        changed_on=dt.date(2025, 9, 1),
        placement=children_home(register),
        reason_place_change=ReasonPlaceChange.CREQB,
    )
    look_after(None, isla, register, on=dt.date(2025, 1, 6))
    return {"amelia": amelia, "isla": isla}


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", ALLOWED)
def test_those_who_see_team_work_open_the_pages(council: Any, persona: str, name: str) -> None:
    assert client_for(council.users[persona]).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona", REFUSED)
def test_others_are_refused(council: Any, persona: str, name: str) -> None:
    assert client_for(council.users[persona]).get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_no_one_signed_out_sees_them(db: Any, name: str) -> None:
    page = Client().get(reverse(name))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "figures_only"),
    [
        ("performance_analyst", True),
        ("team_manager", False),
        ("dcs", False),
        ("social_worker", False),
    ],
)
def test_only_a_role_that_opens_no_record_sees_figures_only(
    council: Any, persona: str, figures_only: bool
) -> None:
    assert policies.sees_figures_only(council.users[persona]) is figures_only


def test_the_costs_page_shows_the_years_spend_and_the_dearest_placements(
    council: Any, placed: dict[str, Any]
) -> None:
    html = get(council.users["dcs"], "care:costs")
    assert "Financial year 2025 to 2026, as at 1 December 2025" in html
    # Foster care at £450: Amelia 1 to 30 April and 1 May to 31 August (153 days), Isla 245
    # days; the home at £5,200, 92 days. (450 x 398 + 5200 x 92) / 7 = 93,928.57.
    assert 'Spent to date</dt><dd class="govuk-summary-list__value">£93,929<' in html
    # Forecast: Isla to 31 March (365 days), Amelia's home 212 days.
    # (450 x (153 + 365) + 5200 x 212) / 7 = 190,785.71
    assert 'Forecast for the year</dt><dd class="govuk-summary-list__value">£190,786<' in html
    assert ">Children&#x27;s home (K2)</th>" in html
    assert ">Other foster carer: other (U6)</th>" in html
    assert ">Children in care 1</th>" in html  # Isla's worker's team
    assert ">Assessment A</th>" in html  # Amelia's
    # The dearest first; the director reaches both children.
    top = html[html.index('id="top"') :]
    assert top.index(child_link(placed["amelia"])) < top.index(child_link(placed["isla"]))
    assert "£5,200.00" in top
    assert "Oakfield House" in top
    # Nothing about the children beyond their ids, and the list opens no record.
    assert "Amelia" not in html
    assert "Isla" not in html
    assert not AccessEvent.objects.filter(person_id__in=[c.pk for c in placed.values()]).exists()


def test_a_manager_is_shown_only_the_children_in_their_reach(
    council: Any, placed: dict[str, Any]
) -> None:
    html = get(council.users["team_manager"], "care:costs")
    assert child_link(placed["amelia"]) in html
    assert placed["isla"].la_child_id not in html
    assert "Not in your reach" in html
    # The council's figures are the same whoever looks.
    assert "£93,929<" in html


def test_the_analyst_sees_the_costs_without_children(council: Any, placed: dict[str, Any]) -> None:
    html = get(council.users["performance_analyst"], "care:costs")
    assert "£93,929<" in html
    assert "Oakfield House" in html
    for child in placed.values():
        assert child.la_child_id not in html
        assert str(child.pk) not in html
    assert "figures only" in html


def test_a_placement_with_no_known_cost_is_flagged(
    council: Any, register: Register, placed: dict[str, Any]
) -> None:
    child = make_child("Nocost", "Child")
    look_after(
        None,
        child,
        register,
        placement=PlacementDetails(
            place=PlacementType.U3,
            postcode="NN2 7AA",
            carer="Aunt",
            provider=PlacementProvider.PR1,
            urn="XXXXXXX",
        ),
    )
    html = get(council.users["dcs"], "care:costs")
    assert "1 placement this year has no weekly cost recorded" in html


def test_the_stability_page_shows_the_measures_and_the_children_in_reach(
    council: Any, placed: dict[str, Any], settings: Any
) -> None:
    settings.HAVEN_LA_OLD_CODE = "940"
    html = get(council.users["team_manager"], "care:stability")
    assert "As at 1 December 2025" in html
    assert "the 2 children looked after today" in html
    measures = html[html.index('id="measures"') : html.index('id="location"')]
    # Amelia: three placements this year (1 of 2 children, 50%); England about 10%.
    assert (
        "Three or more placements in the last 12 months</th>"
        '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">50%</td>'
    ) in measures
    assert "about 10%" in measures
    assert "68%" in measures
    # Amelia is in Leicester, outside the area and 28 miles from home; Isla near home.
    assert (
        "Placed outside the council’s area</th>"
        '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>'
    ) in measures
    # The children behind the figures: the manager reaches Amelia, not Isla.
    in_year = html[html.index('id="in-year"') :]
    assert child_link(placed["amelia"]) in in_year
    away = html[html.index('id="away"') :]
    assert child_link(placed["amelia"]) in away
    assert "Leicester" in away
    assert placed["isla"].la_child_id not in html
    assert not AccessEvent.objects.filter(person_id__in=[c.pk for c in placed.values()]).exists()


def test_the_analyst_sees_the_stability_figures_only(council: Any, placed: dict[str, Any]) -> None:
    html = get(council.users["performance_analyst"], "care:stability")
    assert "Three or more placements in the last 12 months" in html
    assert "figures only" in html
    assert 'id="in-year"' not in html
    for child in placed.values():
        assert child.la_child_id not in html
        assert str(child.pk) not in html


def _queries(user: Any, name: str) -> int:
    client = client_for(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse(name)).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_read_the_same_number_of_times_however_many_children(
    council: Any, register: Register, placed: dict[str, Any], name: str
) -> None:
    dcs = council.users["dcs"]
    before = _queries(dcs, name)
    for n in range(4):
        child = make_child(f"More{n}", "Children")
        allocation_start(
            actor=None,
            child=child,
            worker=council.users["cic_worker"].worker,
            started_on=dt.date(2024, 1, 8),
        )
        look_after(None, child, register, on=dt.date(2025, 3, 1))
        placement_change(
            actor=None,
            child=child,
            changed_on=dt.date(2025, 6, 1),
            placement=children_home(register),
            reason_place_change=ReasonPlaceChange.CARPL,
        )
    assert _queries(dcs, name) == before


@pytest.mark.parametrize(
    ("persona", "shown"), [("dcs", True), ("performance_analyst", True), ("cic_worker", False)]
)
def test_the_menu_offers_the_pages_to_those_who_may_open_them(
    council: Any, persona: str, shown: bool
) -> None:
    home = client_for(council.users[persona]).get("/", follow=True).content.decode()
    for name, text in (
        ("care:costs", "Placement costs"),
        ("care:stability", "Placement stability"),
    ):
        assert (f'href="{reverse(name)}"' in home and text in home) is shown
