"""What care costs: the arithmetic of a placement's weekly cost prorated over the financial
year, and the database's sums checked against it on hand-built histories."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from conftest import make_child

from haven.allocation.models import Worker
from haven.allocation.services import allocation_start
from haven.care.enums import (
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
    RegistrationStatus,
    SettingRegistration,
)
from haven.care.rules import PlacementDetails
from haven.care.selectors.costs import (
    NO_TEAM,
    FinancialYear,
    care_costs,
    days_paid,
    financial_year,
    most_expensive,
    prorated,
)
from haven.care.services import care_end, placement_change, setting_save
from haven.care.tests.conftest import TODAY, Register, foster, look_after

YEAR = FinancialYear(dt.date(2025, 4, 1), dt.date(2026, 3, 31))
D = dt.date


@pytest.mark.parametrize(
    ("day", "starts_on"),
    [
        (D(2025, 12, 1), D(2025, 4, 1)),
        (D(2025, 4, 1), D(2025, 4, 1)),
        (D(2026, 3, 31), D(2025, 4, 1)),
        (D(2026, 4, 1), D(2026, 4, 1)),
        (D(2025, 3, 31), D(2024, 4, 1)),
        (D(2025, 1, 15), D(2024, 4, 1)),
    ],
)
def test_the_financial_year_runs_from_1_april_to_31_march(day: dt.date, starts_on: dt.date) -> None:
    year = financial_year(day)
    assert year.starts_on == starts_on
    assert year.ends_on == D(starts_on.year + 1, 3, 31)
    assert year.label == f"{starts_on.year} to {starts_on.year + 1}"


@pytest.mark.parametrize(
    ("started_on", "ended_on", "until", "days"),
    [
        # Open, started this year: 1 September to today (1 December) inclusive.
        (D(2025, 9, 1), None, TODAY, 30 + 31 + 30 + 1),
        # Started before 1 April: counted from 1 April.
        (D(2025, 1, 1), None, TODAY, 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 1),
        # Ended this year: to the day before it ended (the move day is the next placement's).
        (D(2025, 3, 1), D(2025, 4, 8), TODAY, 7),
        (D(2025, 5, 1), D(2025, 7, 1), TODAY, 31 + 30),
        # Ended on 1 April or before: nothing this year.
        (D(2025, 3, 1), D(2025, 4, 1), TODAY, 0),
        (D(2024, 6, 1), D(2025, 2, 1), TODAY, 0),
        # Started and ended the same day: no night, no cost.
        (D(2025, 6, 2), D(2025, 6, 2), TODAY, 0),
        # Started today: one day so far.
        (TODAY, None, TODAY, 1),
        # The forecast: an open placement continues to 31 March inclusive.
        (D(2025, 9, 1), None, YEAR.ends_on, 30 + 31 + 30 + 31 + 31 + 28 + 31),
        (D(2024, 9, 1), None, YEAR.ends_on, 365),
        # An ended placement's forecast is what it cost.
        (D(2025, 5, 1), D(2025, 7, 1), YEAR.ends_on, 61),
    ],
)
def test_days_paid_this_year(
    started_on: dt.date, ended_on: dt.date | None, until: dt.date, days: int
) -> None:
    assert days_paid(started_on, ended_on, year=YEAR, until=until) == days


def test_a_leap_year_has_366_days_to_pay() -> None:
    leap = financial_year(D(2023, 6, 1))
    assert days_paid(D(2020, 1, 1), None, year=leap, until=leap.ends_on) == 366


@pytest.mark.parametrize(
    ("weekly", "days", "pounds"),
    [
        ("700.00", 7, "700.00"),
        ("700.00", 1, "100.00"),
        ("450.00", 92, "5914.29"),  # 450 x 92 / 7 = 5914.2857…
        ("5200.00", 212, "157485.71"),
        ("1000.00", 3, "428.57"),
        ("0.01", 3, "0.00"),
        ("0.00", 30, "0.00"),
        ("450.00", 0, "0.00"),
    ],
)
def test_a_seventh_of_the_weekly_cost_per_day_to_the_penny(
    weekly: str, days: int, pounds: str
) -> None:
    assert prorated(Decimal(weekly), days) == Decimal(pounds)


# The database's sums, on hand-built histories.


@pytest.fixture
def uncosted(register: Register) -> Any:
    return setting_save(
        actor=None,
        provider=register.private,
        name="Hawthorn House",
        registration=SettingRegistration.CHILDRENS_HOME,
        status=RegistrationStatus.REGISTERED,
        urn="SC600004",
        postcode="NN4 6AA",
        la_code="940",
        weekly_cost=None,
    )


def home(register: Register, **kw: Any) -> PlacementDetails:
    return PlacementDetails(place=PlacementType.K2, setting=kw.pop("setting", register.home), **kw)


def move(child: Any, on: dt.date, details: PlacementDetails) -> None:
    placement_change(
        actor=None,
        child=child,
        changed_on=on,
        placement=details,
        reason_place_change=ReasonPlaceChange.CARPL,
    )


def leave(child: Any, on: dt.date) -> None:
    care_end(actor=None, child=child, ended_on=on, reason=ReasonEpisodeCeased.E4A)


@pytest.fixture
def histories(council: Any, register: Register, uncosted: Any) -> dict[str, Any]:
    """Five children whose placements cross the year's boundaries in different ways."""
    kids = {
        name: make_child(name.title(), "Costing")
        for name in ("moved", "override", "unknown", "before", "left")
    }
    # In foster care (£450 a week) from before the year; moved on 1 September to a children's
    # home (£5,200 a week), still there.
    look_after(None, kids["moved"], register, on=D(2025, 1, 1))
    move(kids["moved"], D(2025, 9, 1), home(register))
    # In foster care since 1 October at an agreed £600 a week instead of the register's £450.
    look_after(
        None,
        kids["override"],
        register,
        on=D(2025, 10, 1),
        placement=foster(register, weekly_cost=Decimal("600.00")),
    )
    # In a home whose cost nobody has entered.
    look_after(
        None,
        kids["unknown"],
        register,
        on=D(2025, 6, 1),
        placement=home(register, setting=uncosted),
    )
    # Placed and gone home before the year began.
    look_after(None, kids["before"], register, on=D(2025, 1, 1))
    leave(kids["before"], D(2025, 3, 1))
    # Placed in May, home on 1 July.
    look_after(None, kids["left"], register, on=D(2025, 5, 1))
    leave(kids["left"], D(2025, 7, 1))
    return kids


def test_spend_to_date_and_forecast_by_placement_type(histories: dict[str, Any]) -> None:
    costs = care_costs(today=TODAY)
    assert costs.year == YEAR
    by_type = {line.label: line for line in costs.by_type}
    foster_line = by_type["Other foster carer: other (U6)"]
    home_line = by_type["Children's home (K2)"]
    # Foster: the moved child's 153 days at £450 (1 April to 31 August), the override's 62 days
    # at £600, the child who left's 61 days at £450. Only the override is still open.
    assert foster_line.spent == Decimal("19071.43")  # (450 x 153 + 600 x 62 + 450 x 61) / 7
    assert foster_line.forecast == Decimal("29357.14")  # the override runs 182 days to 31 March
    assert (foster_line.placements, foster_line.open, foster_line.no_cost) == (3, 1, 0)
    # Home: 92 days at £5,200 so far, 212 to 31 March; the uncosted home is counted apart.
    assert home_line.spent == Decimal("68342.86")
    assert home_line.forecast == Decimal("157485.71")
    assert (home_line.placements, home_line.open, home_line.no_cost) == (2, 2, 1)
    assert costs.total.spent == Decimal("87414.29")  # (133500 + 478400) / 7
    assert costs.total.forecast == Decimal("186842.86")  # (205500 + 1102400) / 7
    assert costs.no_cost == 1
    assert costs.total.placements == 5  # the placement before the year is not counted
    # Dearest forecast first.
    assert [line.label for line in costs.by_type] == [
        "Children's home (K2)",
        "Other foster carer: other (U6)",
    ]


def test_the_database_agrees_with_the_arithmetic_for_each_placement(
    histories: dict[str, Any],
) -> None:
    """The sums, worked out again a placement at a time with ``days_paid`` and ``prorated``."""
    from haven.care.models import Placement

    spent = forecast = Decimal(0)
    for p in Placement.objects.select_related("setting"):
        weekly = p.weekly_cost
        if weekly is None and p.setting is not None:
            weekly = p.setting.weekly_cost
        if weekly is None:
            continue
        spent += weekly * days_paid(p.started_on, p.ended_on, year=YEAR, until=TODAY)
        forecast += weekly * days_paid(p.started_on, p.ended_on, year=YEAR, until=YEAR.ends_on)
    costs = care_costs(today=TODAY)
    assert costs.total.spent == prorated(spent, 1)
    assert costs.total.forecast == prorated(forecast, 1)
    assert sum(line.spent for line in costs.by_type) == pytest.approx(
        costs.total.spent, abs=Decimal("0.02")
    )


def test_spend_by_the_team_of_the_worker_allocated_now(
    council: Any, histories: dict[str, Any]
) -> None:
    allocation_start(
        actor=None,
        child=histories["moved"],
        worker=council.users["cic_worker"].worker,
        started_on=D(2025, 1, 2),
    )
    allocation_start(
        actor=None,
        child=histories["override"],
        worker=council.users["other_worker"].worker,
        started_on=D(2025, 10, 1),
    )
    # The worker has since moved team: the spend follows them to their team now.
    Worker.objects.filter(pk=council.users["other_worker"].worker.pk).update(
        team=council.teams["cic"]
    )
    by_team = {line.label: line for line in care_costs(today=TODAY).by_team}
    assert set(by_team) == {"Children in care 1", NO_TEAM}
    cic = by_team["Children in care 1"]
    assert cic.spent == Decimal("83492.86")  # (450 x 153 + 5200 x 92 + 600 x 62) / 7
    assert cic.placements == 3
    assert by_team[NO_TEAM].placements == 2  # the uncosted home and the child who left
    assert by_team[NO_TEAM].no_cost == 1
    assert by_team[NO_TEAM].spent == Decimal("3921.43")


def test_the_dearest_open_placements_first_with_their_spend_this_year(
    histories: dict[str, Any],
) -> None:
    top = most_expensive(today=TODAY)
    # Open placements with a known cost only: the home, then the override.
    assert [(row.child_id, row.weekly_cost) for row in top] == [
        (histories["moved"].pk, Decimal("5200.00")),
        (histories["override"].pk, Decimal("600.00")),
    ]
    first = top[0]
    assert (first.place, first.setting, first.provider) == (
        "K2",
        "Oakfield House",
        "Oakfield Care Ltd",
    )
    assert first.la_child_id == histories["moved"].la_child_id
    assert first.weeks == 13  # 91 days since 1 September
    assert first.spent == Decimal("68342.86")
    assert top[1].spent == Decimal("5314.29")  # 62 days at £600


def test_the_top_list_stops_at_twenty(council: Any, register: Register) -> None:
    for n in range(22):
        child = make_child(f"Child{n}", "Many")
        look_after(None, child, register, placement=foster(register, weekly_cost=Decimal(1000 + n)))
    top = most_expensive(today=TODAY)
    assert len(top) == 20
    assert top[0].weekly_cost == Decimal("1021.00")
    assert top[-1].weekly_cost == Decimal("1002.00")


def test_nothing_placed_costs_nothing(db: Any) -> None:
    costs = care_costs(today=TODAY)
    assert (costs.by_type, costs.by_team, costs.top) == ([], [], [])
    assert costs.total.spent == costs.total.forecast == Decimal("0.00")
    assert costs.no_cost == 0
