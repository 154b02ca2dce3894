"""The stability measures on hand-built histories: three or more placements in a year (and in
two), long-term stability, and where children live against their home and the council's
area — each history written through the same services a worker uses."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child

from haven.care.enums import (
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
)
from haven.care.rules import PlacementDetails
from haven.care.selectors.stability import FAR_MILES, Stability, stability
from haven.care.services import care_end, placement_change
from haven.care.tests.conftest import TODAY, Register, foster, look_after

pytestmark = pytest.mark.django_db

D = dt.date
COUNCIL = "940"  # West Northamptonshire


def home(register: Register) -> PlacementDetails:
    return PlacementDetails(place=PlacementType.K2, setting=register.home)


def other_foster(register: Register, carer: str = "Ms Okoye", **kw: Any) -> PlacementDetails:
    return foster(register, carer=carer, **kw)


def temporary(place: str = PlacementType.T1, postcode: str = "NN1 5BD") -> PlacementDetails:
    return PlacementDetails(place=place, postcode=postcode)


def move(child: Any, on: dt.date, details: PlacementDetails, **kw: Any) -> None:
    """A move; from a temporary placement no reason is recorded (903 rule 226)."""
    placement_change(
        actor=None,
        child=child,
        changed_on=on,
        placement=details,
        reason_place_change=kw.pop("reason", ReasonPlaceChange.CARPL),
        **kw,
    )


def history(register: Register, name: str, since: dt.date, *moves: Any, **kw: Any) -> Any:
    """A child looked after from ``since`` in foster care, then each (date, details, options)."""
    child = make_child(name, "Stable", dob=kw.pop("dob", D(2015, 3, 2)))
    look_after(None, child, register, on=since, **kw)
    for on, details, *options in moves:
        move(child, on, details, **(options[0] if options else {}))
    return child


def measures() -> Stability:
    return stability(on=TODAY, la_code=COUNCIL)


# Three or more placements in the 12 months before the date (window: 2 Dec 2024 to 1 Dec 2025)


def test_three_placements_in_a_year_are_counted(council: Any, register: Register) -> None:
    three = history(
        register,
        "Three",
        D(2025, 1, 1),
        (D(2025, 3, 1), home(register)),
        (D(2025, 6, 1), other_foster(register)),
    )
    two = history(register, "Two", D(2025, 1, 1), (D(2025, 3, 1), home(register)))
    found = measures().in_year
    assert found.looked_after == 2
    assert [(c.child_id, c.placements) for c in found.children] == [(three.pk, 3)]
    assert found.rate == 0.5
    assert two.pk not in {c.child_id for c in found.children}


@pytest.mark.parametrize(
    ("first_move", "counted"),
    [
        # The placement in place when the window opened (2 December 2024) counts ...
        (D(2024, 12, 2), 3),
        (D(2024, 12, 3), 3),
        # ... one that ended before it does not.
        (D(2024, 12, 1), 2),
        (D(2024, 11, 30), 2),
    ],
)
def test_the_window_opens_a_year_before_the_date(
    council: Any, register: Register, first_move: dt.date, counted: int
) -> None:
    child = history(
        register,
        "Edge",
        D(2024, 11, 1),
        (first_move, home(register)),
        (D(2025, 3, 1), other_foster(register)),
    )
    row = [c for c in measures().in_year.children if c.child_id == child.pk]
    assert (row[0].placements if row else 2) == counted


def test_temporary_placements_and_the_return_from_them_are_not_moves(
    council: Any, register: Register
) -> None:
    history(
        register,
        "Hospital",
        D(2025, 1, 1),
        (D(2025, 2, 1), temporary(PlacementType.T1)),
        (D(2025, 2, 5), foster(register), {"reason": ""}),  # back to the same carers
        (D(2025, 5, 1), temporary(PlacementType.T3)),
        (D(2025, 5, 8), foster(register), {"reason": ""}),
        (D(2025, 7, 1), home(register)),
    )
    found = measures().in_year
    assert found.children == []  # two placements, not six


def test_a_move_with_the_same_carers_is_not_a_move(council: Any, register: Register) -> None:
    history(
        register,
        "Samecarers",
        D(2025, 1, 1),
        # The carers moved house: a new placement in the 903 (RNE T), the same people.
        (D(2025, 4, 1), foster(register, postcode="NN5 7AA"), {"same_carer": True}),
        (D(2025, 8, 1), home(register)),
    )
    assert measures().in_year.children == []


def test_children_on_short_breaks_are_left_out(council: Any, register: Register) -> None:
    history(
        register,
        "Breaks",
        D(2025, 1, 1),
        (D(2025, 3, 1), home(register)),
        (D(2025, 6, 1), other_foster(register)),
        legal_status=LegalStatus.V3,
    )
    found = measures()
    assert found.looked_after == 0
    assert found.in_year.children == []


def test_children_no_longer_looked_after_are_left_out(council: Any, register: Register) -> None:
    child = history(
        register,
        "Left",
        D(2025, 1, 1),
        (D(2025, 3, 1), home(register)),
        (D(2025, 6, 1), other_foster(register)),
    )
    care_end(actor=None, child=child, ended_on=D(2025, 11, 1), reason=ReasonEpisodeCeased.E4A)
    assert measures().looked_after == 0
    # Asked about a date when the child was looked after, the child is counted.
    assert [c.child_id for c in stability(on=D(2025, 10, 1)).in_year.children] == [child.pk]


def test_the_two_year_measure_is_over_children_looked_after_two_years(
    council: Any, register: Register
) -> None:
    early = history(
        register,
        "Early",
        D(2023, 11, 1),
        (D(2024, 3, 1), home(register)),
        (D(2024, 6, 1), other_foster(register)),
    )
    history(
        register,
        "Recent",
        D(2024, 1, 1),
        (D(2024, 3, 1), home(register)),
        (D(2024, 6, 1), other_foster(register)),
    )
    found = measures()
    # Neither moved in the last 12 months.
    assert found.in_year.children == []
    assert found.in_year.looked_after == 2
    # Over two years (from 2 December 2023), only the child looked after that long is counted.
    assert found.in_two_years.looked_after == 1
    assert [(c.child_id, c.placements) for c in found.in_two_years.children] == [(early.pk, 3)]
    assert found.in_two_years.national.rate == 0.23


# Long-term stability: under 16, looked after since 1 June 2023 or before, placed since
# 1 December 2023 or before.


def test_long_term_stability(council: Any, register: Register) -> None:
    history(register, "Settled", D(2023, 1, 1))
    moved = history(register, "Moved", D(2023, 1, 1), (D(2025, 1, 1), other_foster(register)))
    history(
        register,
        "Holiday",
        D(2023, 1, 1),
        (D(2025, 8, 1), temporary(PlacementType.T2, "NN1 1AA")),
        (D(2025, 8, 15), foster(register), {"reason": ""}),
    )
    history(register, "Sixteen", D(2023, 1, 1), (D(2025, 1, 1), home(register)), dob=D(2009, 6, 1))
    history(register, "Newer", D(2023, 7, 1))
    found = measures().long_term
    # Settled, Moved and Holiday count; Sixteen is 16 and Newer has been looked after 2 years.
    assert found.looked_after == 3
    assert found.stable == 2
    assert [(u.child_id, u.placed_since) for u in found.unsettled] == [(moved.pk, D(2025, 1, 1))]
    assert found.rate == pytest.approx(2 / 3)
    assert found.national.rate == 0.68


def test_the_date_the_looked_after_and_same_placement_clocks_start(
    council: Any, register: Register
) -> None:
    # Looked after on 1 June 2023 exactly (2½ years) and placed on 1 December 2023 (2 years).
    history(register, "Exactly", D(2023, 6, 1), (D(2023, 12, 1), other_foster(register)))
    history(register, "Dayshort", D(2023, 6, 1), (D(2023, 12, 2), other_foster(register)))
    history(register, "Tooshort", D(2023, 6, 2))
    found = measures().long_term
    assert found.looked_after == 2
    assert found.stable == 1
    assert [u.placed_since for u in found.unsettled] == [D(2023, 12, 2)]


def test_placed_for_adoption_counts_with_the_placement_before(
    council: Any, register: Register
) -> None:
    adopters = PlacementDetails(
        place=PlacementType.A6,
        postcode="NN4 9AA",
        carer="The Adopters",
        provider=PlacementProvider.PR1,
        urn="XXXXXXX",  # a regional adoption agency (903 rule 242)
    )
    with_carers = PlacementDetails(
        place=PlacementType.A5, setting=register.foster, carer="Mr and Mrs Patel"
    )
    history(
        register,
        "Adopted",
        D(2023, 1, 1),
        (D(2025, 6, 1), adopters, {"legal_status": LegalStatus.E1}),
    )
    history(
        register,
        "Fostertoadopt",
        D(2023, 1, 1),
        (D(2025, 6, 1), with_carers, {"legal_status": LegalStatus.E1}),
    )
    # Placed for adoption after a placement of only a year: not yet two years together.
    short = history(
        register,
        "Short",
        D(2023, 1, 1),
        (D(2024, 6, 1), other_foster(register)),
        (D(2025, 6, 1), adopters, {"legal_status": LegalStatus.E1}),
    )
    found = measures().long_term
    assert found.looked_after == 3
    assert [u.child_id for u in found.unsettled] == [short.pk]
    assert found.unsettled[0].placed_since == D(2024, 6, 1)
    # A placement for adoption with the child's own foster carers is not a move at all:
    # over two years only Short had three placements.
    assert [c.child_id for c in measures().in_two_years.children] == [short.pk]


# Distance from home and the council's area


def test_where_children_live_against_home_and_the_area(council: Any, register: Register) -> None:
    near = history(register, "Near", D(2025, 1, 1))  # NN3 home, NN1 placement: 2.5 miles
    leicester = history(register, "Leicester", D(2025, 1, 1), (D(2025, 3, 1), home(register)))
    kettering = history(
        register, "Kettering", D(2025, 1, 1), placement=foster(register, postcode="NN16 8AA")
    )
    brackley = history(  # home in Brackley, placed in Brixworth: inside the area, 22.8 miles
        register,
        "Brackley",
        D(2025, 1, 1),
        home_postcode="NN13 5AA",
        placement=foster(register, postcode="NN6 9AA"),
    )
    history(register, "Nohome", D(2025, 1, 1), home_postcode="")
    history(register, "Shetland", D(2025, 1, 1), placement=foster(register, postcode="ZE1 0AA"))
    found = measures().location
    assert found.total == 6
    cells = {c.label: c.count for c in found.cells}
    assert cells == {
        "Inside the area, 20 miles or less from home": 1,
        "Inside the area, more than 20 miles from home": 1,
        "Outside the area, 20 miles or less from home": 1,
        "Outside the area, more than 20 miles from home": 1,
        "Not known (a postcode missing or not recognised)": 2,
    }
    assert (found.out_of_area, found.far) == (2, 2)
    assert found.out_of_area_rate == pytest.approx(2 / 6)
    by_child = {w.child_id: w for w in found.placements}
    assert by_child[near.pk].in_area is True
    assert by_child[leicester.pk].la_code == "856"
    miles = by_child[leicester.pk].miles
    assert miles is not None
    assert miles > FAR_MILES
    assert by_child[kettering.pk].la_name == "North Northamptonshire"
    # The list: outside the area or far from home, farthest first.
    assert [w.child_id for w in found.away] == [leicester.pk, brackley.pk, kettering.pk]
    assert sum(c.national for c in found.cells) == pytest.approx(1.0)


def test_the_area_is_the_councils_setting(council: Any, register: Register, settings: Any) -> None:
    history(register, "Kettering", D(2025, 1, 1), placement=foster(register, postcode="NN16 8AA"))
    settings.HAVEN_LA_OLD_CODE = "941"
    assert stability(on=TODAY).location.out_of_area == 0
    settings.HAVEN_LA_OLD_CODE = "940"
    assert stability(on=TODAY).location.out_of_area == 1


def test_nobody_looked_after_has_no_rates(db: Any) -> None:
    found = measures()
    assert found.looked_after == 0
    assert found.in_year.rate is None
    assert found.long_term.rate is None
    assert found.location.far_rate is None
    assert found.child_ids == set()
