"""The CPPCR reg 28 visit variants (STATUTORY.md §1 rows 14 to 19): one row per variant, with the
rule the next visit follows and the date its clock starts from, and the due date that gives."""

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from haven.timescales.calendar import default_calendar
from haven.timescales.care_visits import VisitFacts, next_visit_rule
from haven.timescales.rules import RULEBOOK

PLACED = date(2024, 1, 8)  # a Monday
EARLY = date(2024, 3, 4)  # a visit in the placement's first year
LATE = date(2025, 2, 3)  # a visit after the placement's first anniversary
ORDER = date(2024, 3, 18)  # a full care order made while the child lives at home

FOSTER = VisitFacts(placed_on=PLACED, place="U6", legal_status="C2")
LONG_TERM_FOSTER = replace(FOSTER, place="U4", long_term=True)
HOME_ICO = VisitFacts(placed_on=PLACED, place="P1", legal_status="C1")
CONNECTED = VisitFacts(placed_on=PLACED, place="U3", legal_status="C1", regime="reg24")
PARENT_BEFORE_ASSESSMENT = VisitFacts(
    placed_on=PLACED, place="P1", legal_status="C2", regime="reg19"
)
HOME_CARE_ORDER = VisitFacts(
    placed_on=PLACED, place="P1", legal_status="C2", care_order_at_home_on=ORDER
)

ROWS = [
    # row 14: within a week of any placement, then 6-weekly, then 3-monthly if long-term
    ("first week of a placement", FOSTER, "lac-visit-first-week", PLACED, date(2024, 1, 15)),
    (
        "first week, even in a long-term placement",
        LONG_TERM_FOSTER,
        "lac-visit-first-week",
        PLACED,
        date(2024, 1, 15),
    ),
    (
        "6-weekly in the first year",
        replace(FOSTER, last_visit=EARLY),
        "lac-visit-first-year",
        EARLY,
        date(2024, 4, 15),
    ),
    (
        "6-weekly in the first year of a long-term placement",
        replace(LONG_TERM_FOSTER, last_visit=EARLY),
        "lac-visit-first-year",
        EARLY,
        date(2024, 4, 15),
    ),
    (
        "6-weekly after a year when not meant to last until 18",
        replace(FOSTER, last_visit=LATE),
        "lac-visit-first-year",
        LATE,
        date(2025, 3, 17),
    ),
    (
        "3-monthly after a year in a long-term placement",
        replace(LONG_TERM_FOSTER, last_visit=LATE),
        "lac-visit-long-term",
        LATE,
        date(2025, 5, 3),
    ),
    (
        "3-monthly in a long-term children's home, the child's agreement aside",
        replace(
            FOSTER, place="K2", long_term=True, child_agreed_fewer_visits=True, last_visit=LATE
        ),
        "lac-visit-long-term",
        LATE,
        date(2025, 5, 3),
    ),
    # row 18: 6-monthly in a long-term foster placement where the child agrees
    (
        "6-monthly, long-term foster, the child agrees",
        replace(LONG_TERM_FOSTER, child_agreed_fewer_visits=True, last_visit=LATE),
        "lac-visit-long-term-foster",
        LATE,
        date(2025, 8, 3),
    ),
    (
        "6-weekly, long-term foster with agreement, still in the first year",
        replace(LONG_TERM_FOSTER, child_agreed_fewer_visits=True, last_visit=EARLY),
        "lac-visit-first-year",
        EARLY,
        date(2024, 4, 15),
    ),
    # rows 15 and 16: weekly until the first review
    (
        "weekly before the first review, reg 19",
        replace(PARENT_BEFORE_ASSESSMENT, last_visit=EARLY),
        "lac-visit-weekly",
        EARLY,
        date(2024, 3, 11),
    ),
    (
        "weekly before the first review, reg 24",
        replace(CONNECTED, last_visit=EARLY),
        "lac-visit-weekly",
        EARLY,
        date(2024, 3, 11),
    ),
    (
        "weekly before the first review, at home under an interim care order",
        replace(HOME_ICO, last_visit=EARLY),
        "lac-visit-weekly",
        EARLY,
        date(2024, 3, 11),
    ),
    (
        "first week before weekly visits begin, reg 24",
        CONNECTED,
        "lac-visit-first-week",
        PLACED,
        date(2024, 1, 15),
    ),
    # after the first review
    (
        "6-weekly after the first review, reg 19",
        replace(PARENT_BEFORE_ASSESSMENT, first_review_held=True, last_visit=EARLY),
        "lac-visit-first-year",
        EARLY,
        date(2024, 4, 15),
    ),
    (
        "4-weekly after the first review, reg 24",
        replace(CONNECTED, first_review_held=True, last_visit=EARLY),
        "lac-visit-four-weekly",
        EARLY,
        date(2024, 4, 1),
    ),
    (
        "4-weekly after the first review, at home under an interim care order",
        replace(HOME_ICO, first_review_held=True, last_visit=EARLY),
        "lac-visit-four-weekly",
        EARLY,
        date(2024, 4, 1),
    ),
    (
        "4-weekly after the first review, reg 19 under an interim care order (the more often)",
        replace(
            PARENT_BEFORE_ASSESSMENT, legal_status="C1", first_review_held=True, last_visit=EARLY
        ),
        "lac-visit-four-weekly",
        EARLY,
        date(2024, 4, 1),
    ),
    (
        "4-weekly, reg 24, even after a year in a long-term placement",
        replace(CONNECTED, long_term=True, first_review_held=True, last_visit=LATE),
        "lac-visit-four-weekly",
        LATE,
        date(2025, 3, 3),
    ),
    # row 17: a full care order made while the child lives with a parent
    (
        "within a week of a full care order made at home",
        replace(HOME_CARE_ORDER, last_visit=date(2024, 3, 11)),
        "lac-visit-first-week",
        ORDER,
        date(2024, 3, 25),
    ),
    (
        "a visit the day the order was made counts as after it",
        replace(HOME_CARE_ORDER, last_visit=ORDER),
        "lac-visit-first-year",
        ORDER,
        date(2024, 4, 29),
    ),
    (
        "6-weekly after the order's first visit",
        replace(HOME_CARE_ORDER, last_visit=date(2024, 3, 20)),
        "lac-visit-first-year",
        date(2024, 3, 20),
        date(2024, 5, 1),
    ),
    (
        "6-weekly at home under a full care order, even long-term after a year",
        replace(HOME_CARE_ORDER, long_term=True, last_visit=LATE),
        "lac-visit-first-year",
        LATE,
        date(2025, 3, 17),
    ),
    (
        "a care order away from home starts no new first week",
        replace(FOSTER, care_order_at_home_on=ORDER, last_visit=date(2024, 3, 11)),
        "lac-visit-first-year",
        date(2024, 3, 11),
        date(2024, 4, 22),
    ),
    (
        "no visit yet in a placement at home under a care order: a week from the placement",
        HOME_CARE_ORDER,
        "lac-visit-first-week",
        PLACED,
        date(2024, 1, 15),
    ),
    # month ends: 3 and 6 months clamp to the last day of the month
    (
        "3-monthly from 30 November ends on the last day of February",
        replace(LONG_TERM_FOSTER, last_visit=date(2025, 11, 30)),
        "lac-visit-long-term",
        date(2025, 11, 30),
        date(2026, 2, 28),
    ),
    (
        "6-monthly from 31 August ends on the last day of February in a leap year",
        replace(
            LONG_TERM_FOSTER,
            placed_on=date(2021, 6, 1),
            child_agreed_fewer_visits=True,
            last_visit=date(2027, 8, 31),
        ),
        "lac-visit-long-term-foster",
        date(2027, 8, 31),
        date(2028, 2, 29),
    ),
]


@pytest.mark.parametrize(
    ("facts", "rule_id", "start", "due"),
    [pytest.param(facts, rule, start, due, id=why) for why, facts, rule, start, due in ROWS],
)
def test_the_next_visit_follows_the_variant(
    facts: VisitFacts, rule_id: str, start: date, due: date
) -> None:
    assert next_visit_rule(facts) == (rule_id, start)
    assert RULEBOOK.get(rule_id, start).due(start, default_calendar()) == due


@pytest.mark.parametrize("status", ["V3", "V4"])
@pytest.mark.parametrize(
    "facts",
    [
        pytest.param(FOSTER, id="no visit yet"),
        pytest.param(replace(LONG_TERM_FOSTER, last_visit=LATE), id="after a year"),
        pytest.param(replace(HOME_ICO, last_visit=EARLY), id="at home"),
    ],
)
def test_short_breaks_have_no_visit_clock(facts: VisitFacts, status: str) -> None:
    """Row 19: visits on the days the child is placed, at intervals agreed with the IRO and the
    parents, so no statutory clock."""
    assert next_visit_rule(replace(facts, legal_status=status)) is None


def test_the_first_year_turns_on_the_placements_anniversary() -> None:
    """The interval is judged from the visit the next one is due from: a visit the day before
    the first anniversary keeps 6 weeks; one on the anniversary moves to 3 months."""
    eve, anniversary = date(2025, 1, 7), date(2025, 1, 8)
    assert next_visit_rule(replace(LONG_TERM_FOSTER, last_visit=eve)) == (
        "lac-visit-first-year",
        eve,
    )
    assert next_visit_rule(replace(LONG_TERM_FOSTER, last_visit=anniversary)) == (
        "lac-visit-long-term",
        anniversary,
    )


def test_every_variant_is_a_registered_rule() -> None:
    rules: set[Any] = {rule for _, _, rule, _, _ in ROWS}
    assert rules == {
        "lac-visit-first-week",
        "lac-visit-first-year",
        "lac-visit-long-term",
        "lac-visit-weekly",
        "lac-visit-four-weekly",
        "lac-visit-long-term-foster",
    }
    for rule in rules:
        assert RULEBOOK.get(rule, PLACED + timedelta(days=1)).id == rule
