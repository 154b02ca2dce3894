"""The looked-after and care-leaver clocks: the national ones and the council's own.

Each table row is a start date, the due date and why; the worked examples on the docs pages are
checked against the rules too, so a page cannot drift from the code.
"""

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import haven.timescales
from haven.timescales.calendar import default_calendar
from haven.timescales.local import (
    LIMITS,
    SETTING_NAMES,
    LocalTimescales,
    configure,
    configured,
    current,
)
from haven.timescales.rules import RULEBOOK, Confirmation, DayType, RuleNotFoundError
from haven.timescales.tests.docs_pages import council_example, worked_examples

CAL = default_calendar()
PACKAGE_DIR = Path(haven.timescales.__file__).parent
REPO_DIR = PACKAGE_DIR.parents[2]
DOCS_DIR = REPO_DIR / "docs" / "statutory"

CARE_PLAN = "care-plan"
PLACEMENT_PLAN = "placement-plan"
VISIT_FIRST_WEEK = "lac-visit-first-week"
VISIT_FIRST_YEAR = "lac-visit-first-year"
VISIT_LONG_TERM = "lac-visit-long-term"
VISIT_WEEKLY = "lac-visit-weekly"
VISIT_FOUR_WEEKLY = "lac-visit-four-weekly"
VISIT_LONG_TERM_FOSTER = "lac-visit-long-term-foster"
HEALTH_INITIAL = "initial-health-assessment"
HEALTH_UNDER_5 = "review-health-assessment-under-5"
HEALTH_5_AND_OVER = "review-health-assessment-5-and-over"
SDQ = "sdq"
PEP = "pep"
PEP_REVIEW = "pep-review"
NEEDS_ASSESSMENT = "leaving-care-needs-assessment"
PATHWAY_PLAN_REVIEW = "pathway-plan-review"
PA_CONTACT = "personal-adviser-contact"
IRREGULAR_PLACEMENT_REVIEW = "irregular-placement-review"

CPPCR_IN_FORCE = date(2011, 4, 1)
LOCAL_IN_FORCE = date(2013, 4, 15)

# The council's setting behind each new local clock, and the unit it is counted in.
LOCAL_FIELDS = {
    PLACEMENT_PLAN: ("placement_plan_working_days", "working days"),
    PEP_REVIEW: ("pep_review_weeks", "weeks"),
    PA_CONTACT: ("pa_contact_weeks", "weeks"),
    IRREGULAR_PLACEMENT_REVIEW: ("irregular_placement_review_days", "days"),
}


@pytest.fixture(autouse=True)
def _defaults_restored() -> None:
    assert current() == LocalTimescales(), "an earlier test left the local timescales changed"


def due(rule_id: str, start: date) -> date:
    return RULEBOOK.get(rule_id, start).due(start, CAL)


def table(*rows: tuple[date, date, str]) -> list[Any]:
    """Parametrize rows of (start, expected due, why), with the why as the test id."""
    return [pytest.param(start, expected, id=why) for start, expected, why in rows]


# --- the rules -----------------------------------------------------------------------------------

_C, _S, _U = Confirmation.CONFIRMED, Confirmation.SECONDARY, Confirmation.UNCONFIRMED
_WD, _CAL, _LOCAL = DayType.WORKING_DAYS, DayType.CALENDAR, DayType.LOCAL

# rule id: (day type, confirmation, in force from, words its source must cite)
RULES = {
    CARE_PLAN: (_WD, _S, CPPCR_IN_FORCE, ["SI 2010/959", "reg 4"]),
    PLACEMENT_PLAN: (
        _LOCAL,
        _U,
        CPPCR_IN_FORCE,
        ["reg 9", "setting HAVEN_PLACEMENT_PLAN_WORKING_DAYS, default 5 working days"],
    ),
    VISIT_FIRST_WEEK: (_CAL, _C, CPPCR_IN_FORCE, ["reg 28(2)"]),
    VISIT_FIRST_YEAR: (_CAL, _C, CPPCR_IN_FORCE, ["reg 28(2), (3) and (5)"]),
    VISIT_LONG_TERM: (_CAL, _C, CPPCR_IN_FORCE, ["reg 28(2)"]),
    VISIT_WEEKLY: (_CAL, _C, CPPCR_IN_FORCE, ["reg 28(3) and (4)", "regs 19 and 24"]),
    VISIT_FOUR_WEEKLY: (_CAL, _C, CPPCR_IN_FORCE, ["reg 28(4)", "interim care order"]),
    VISIT_LONG_TERM_FOSTER: (_CAL, _U, date(2015, 4, 1), ["reg 28", "SI 2015/495"]),
    HEALTH_INITIAL: (_WD, _C, CPPCR_IN_FORCE, ["reg 7", "reg 33(1)", "health and well-being"]),
    HEALTH_UNDER_5: (_CAL, _S, CPPCR_IN_FORCE, ["health and well-being", "reg 7"]),
    HEALTH_5_AND_OVER: (_CAL, _S, CPPCR_IN_FORCE, ["health and well-being", "reg 7"]),
    SDQ: (_CAL, _S, CPPCR_IN_FORCE, ["health and well-being", "OC2", "SDQ_SCORE"]),
    PEP: (_WD, _S, CPPCR_IN_FORCE, ["Promoting the education"]),
    PEP_REVIEW: (
        _LOCAL,
        _U,
        LOCAL_IN_FORCE,
        ["setting HAVEN_PEP_REVIEW_WEEKS, default 13 weeks", "Promoting the education"],
    ),
    NEEDS_ASSESSMENT: (_CAL, _C, CPPCR_IN_FORCE, ["regs 42 to 44"]),
    PATHWAY_PLAN_REVIEW: (_CAL, _U, CPPCR_IN_FORCE, ["reg 44", "SI 2010/2571", "list 9"]),
    PA_CONTACT: (
        _LOCAL,
        _U,
        LOCAL_IN_FORCE,
        ["setting HAVEN_PA_CONTACT_WEEKS, default 8 weeks", "list 9"],
    ),
    IRREGULAR_PLACEMENT_REVIEW: (
        _LOCAL,
        _U,
        LOCAL_IN_FORCE,
        ["setting HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS, default 7 days", "Northamptonshire"],
    ),
}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_care_rule_is_in_the_rulebook(rule_id: str) -> None:
    day_type, confirmation, in_force_from, cited = RULES[rule_id]
    (rule,) = RULEBOOK.versions(rule_id)
    assert rule.version == 1
    assert rule.title
    assert rule.starts
    assert rule.day_type is day_type
    assert rule.confirmation is confirmation
    for words in cited:
        assert words in rule.source
    if day_type is DayType.LOCAL:
        assert "local procedure" in rule.source
    assert rule.effective_from == in_force_from
    assert rule.effective_to is None
    with pytest.raises(RuleNotFoundError):
        RULEBOOK.get(rule_id, date.fromordinal(in_force_from.toordinal() - 1))


# --- the care plan, the placement plan, health and education: working days ----------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 17), "two whole weeks, no bank holidays"),
        (date(2024, 6, 8), date(2024, 6, 21), "a Saturday placement: Monday is day 1"),
        (date(2024, 3, 28), date(2024, 4, 15), "Good Friday and Easter Monday are skipped"),
        (date(2021, 12, 24), date(2022, 1, 12), "Christmas and Boxing Day substitutes, 27-28 Dec"),
        (date(2022, 12, 23), date(2023, 1, 11), "Boxing Day and Christmas Day's substitute"),
        (date(2024, 5, 2), date(2024, 5, 17), "the Early May bank holiday is skipped"),
    ),
)
def test_care_plan_is_due_10_working_days_after_the_first_placement(
    start: date, expected: date
) -> None:
    due_on = due(CARE_PLAN, start)
    assert due_on == expected
    assert CAL.working_days_between(start, due_on) == 10


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 10), "one whole week"),
        (date(2024, 6, 8), date(2024, 6, 14), "a Saturday placement: Monday is day 1"),
        (date(2024, 3, 28), date(2024, 4, 8), "Good Friday and Easter Monday are skipped"),
        (date(2020, 12, 24), date(2021, 1, 5), "Boxing Day's substitute and New Year's Day"),
        (date(2022, 12, 23), date(2023, 1, 4), "Boxing Day and the substitutes, 27 Dec, 2 Jan"),
        (date(2025, 5, 2), date(2025, 5, 12), "the Early May bank holiday is skipped"),
    ),
)
def test_placement_plan_is_due_5_working_days_after_the_placement(
    start: date, expected: date
) -> None:
    due_on = due(PLACEMENT_PLAN, start)
    assert due_on == expected
    assert CAL.working_days_between(start, due_on) == 5


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 7, 1), "four whole weeks, no bank holidays"),
        (date(2024, 12, 21), date(2025, 1, 22), "a Saturday, then Christmas and New Year's Day"),
        (date(2024, 3, 18), date(2024, 4, 17), "Good Friday and Easter Monday are skipped"),
        (date(2025, 4, 14), date(2025, 5, 15), "Easter 2025, then the Early May bank holiday"),
        (date(2023, 4, 28), date(2023, 5, 31), "Early May, the Coronation and the Spring holiday"),
        (date(2020, 12, 18), date(2021, 1, 20), "Boxing Day's substitute, Monday 28 December"),
    ),
)
def test_initial_health_assessment_is_due_by_the_first_review(start: date, expected: date) -> None:
    due_on = due(HEALTH_INITIAL, start)
    assert due_on == expected
    assert due_on == due("lac-review-first", start)


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 17), "two whole weeks, no bank holidays"),
        (date(2024, 3, 29), date(2024, 4, 15), "from Good Friday itself: Tuesday is day 1"),
        (date(2025, 4, 14), date(2025, 4, 30), "Good Friday and Easter Monday 2025"),
        (date(2024, 12, 16), date(2025, 1, 2), "Christmas, Boxing Day and New Year's Day"),
        (date(2020, 12, 24), date(2021, 1, 12), "Boxing Day's substitute, Monday 28 December"),
        (date(2023, 4, 28), date(2023, 5, 16), "Early May and the Coronation are skipped"),
    ),
)
def test_pep_is_due_10_working_days_after_becoming_looked_after(
    start: date, expected: date
) -> None:
    due_on = due(PEP, start)
    assert due_on == expected
    assert CAL.is_working_day(due_on)
    # Available at the first review, at the latest.
    assert due_on < due("lac-review-first", start)


# --- visits: calendar days, weeks and months -----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 10), "seven days"),
        (date(2024, 12, 20), date(2024, 12, 27), "not moved for Christmas"),
        (date(2024, 3, 29), date(2024, 4, 5), "from Good Friday: calendar days"),
        (date(2024, 2, 26), date(2024, 3, 4), "across 29 February"),
        (date(2023, 2, 26), date(2023, 3, 5), "not a leap year: a Sunday"),
    ),
)
def test_first_visit_is_due_a_week_after_the_placement(start: date, expected: date) -> None:
    assert due(VISIT_FIRST_WEEK, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 24), date(2024, 6, 5), "six weeks: 42 days"),
        (date(2024, 11, 13), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 1, 18), date(2024, 2, 29), "a leap year"),
        (date(2023, 1, 18), date(2023, 3, 1), "not a leap year"),
        (date(2024, 2, 20), date(2024, 4, 2), "across Easter"),
    ),
)
def test_visits_are_due_6_weeks_after_the_last(start: date, expected: date) -> None:
    assert due(VISIT_FIRST_YEAR, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 10), date(2024, 7, 10), "three calendar months"),
        (date(2024, 11, 30), date(2025, 2, 28), "February 2025 has no 30th"),
        (date(2023, 11, 30), date(2024, 2, 29), "a leap year"),
        (date(2024, 3, 31), date(2024, 6, 30), "June has no 31st"),
        (date(2024, 9, 26), date(2024, 12, 26), "not moved off Boxing Day"),
    ),
)
def test_long_term_visits_are_due_3_months_after_the_last(start: date, expected: date) -> None:
    assert due(VISIT_LONG_TERM, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 10), "seven days"),
        (date(2024, 12, 18), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 2, 23), date(2024, 3, 1), "across 29 February"),
        (date(2023, 12, 29), date(2024, 1, 5), "across the year end"),
    ),
)
def test_weekly_visits_are_due_7_days_after_the_last(start: date, expected: date) -> None:
    assert due(VISIT_WEEKLY, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 7, 1), "four weeks: 28 days"),
        (date(2024, 2, 1), date(2024, 2, 29), "a leap year"),
        (date(2023, 2, 1), date(2023, 3, 1), "not a leap year"),
        (date(2024, 11, 27), date(2024, 12, 25), "left on Christmas Day"),
    ),
)
def test_four_weekly_visits_are_due_28_days_after_the_last(start: date, expected: date) -> None:
    assert due(VISIT_FOUR_WEEKLY, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 7, 10), date(2025, 1, 10), "six calendar months"),
        (date(2024, 8, 31), date(2025, 2, 28), "31 August: February has no 31st"),
        (date(2023, 8, 31), date(2024, 2, 29), "31 August: a leap February"),
        (date(2024, 12, 31), date(2025, 6, 30), "June has no 31st"),
        (date(2015, 4, 1), date(2015, 10, 1), "the first day of the 2015 amendment"),
    ),
)
def test_long_term_foster_visits_are_due_6_months_after_the_last(
    start: date, expected: date
) -> None:
    assert due(VISIT_LONG_TERM_FOSTER, start) == expected


def test_the_visit_cadences_in_order() -> None:
    """A child placed with a connected person under reg 24: first week, weekly, then 4-weekly."""
    placed = date(2024, 6, 3)
    first = due(VISIT_FIRST_WEEK, placed)
    assert first == date(2024, 6, 10)
    assert due(VISIT_WEEKLY, first) == date(2024, 6, 17)
    first_review = due("lac-review-first", placed)
    assert first_review == date(2024, 7, 1)
    # Visited on the day of the first review: 4 weeks from then on.
    assert due(VISIT_FOUR_WEEKLY, first_review) == date(2024, 7, 29)


# --- health, SDQ and leaving care: months --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 7, 10), date(2025, 1, 10), "six calendar months"),
        (date(2024, 8, 31), date(2025, 2, 28), "31 August: February has no 31st"),
        (date(2023, 8, 31), date(2024, 2, 29), "31 August: a leap February"),
        (date(2024, 2, 29), date(2024, 8, 29), "from 29 February"),
        (date(2024, 12, 31), date(2025, 6, 30), "June has no 31st"),
    ),
)
def test_health_review_under_5_is_due_6_months_on(start: date, expected: date) -> None:
    assert due(HEALTH_UNDER_5, start) == expected


YEARLY = table(
    (date(2024, 6, 3), date(2025, 6, 3), "twelve calendar months"),
    (date(2024, 2, 29), date(2025, 2, 28), "from 29 February: 2025 is not a leap year"),
    (date(2023, 2, 28), date(2024, 2, 28), "into a leap year: not moved to the 29th"),
    (date(2023, 3, 1), date(2024, 3, 1), "across 29 February"),
    (date(2027, 2, 28), date(2028, 2, 28), "the month end is not carried forward"),
)


@pytest.mark.parametrize(("start", "expected"), YEARLY)
def test_health_review_5_and_over_is_due_12_months_on(start: date, expected: date) -> None:
    assert due(HEALTH_5_AND_OVER, start) == expected


@pytest.mark.parametrize(("start", "expected"), YEARLY)
def test_sdq_is_due_12_months_on(start: date, expected: date) -> None:
    assert due(SDQ, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 10), date(2024, 7, 10), "three calendar months"),
        (date(2024, 5, 31), date(2024, 8, 31), "August has a 31st"),
        (date(2024, 11, 30), date(2025, 2, 28), "February 2025 has no 30th"),
        (date(2023, 11, 29), date(2024, 2, 29), "a leap February"),
        (date(2024, 2, 29), date(2024, 5, 29), "a 16th birthday on 29 February"),
    ),
)
def test_needs_assessment_is_due_3_months_after_turning_16(start: date, expected: date) -> None:
    assert due(NEEDS_ASSESSMENT, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 7, 10), date(2025, 1, 10), "six calendar months"),
        (date(2024, 8, 31), date(2025, 2, 28), "31 August: February has no 31st"),
        (date(2023, 8, 31), date(2024, 2, 29), "31 August: a leap February"),
        (date(2023, 10, 7), date(2024, 4, 7), "not moved off a Sunday"),
    ),
)
def test_pathway_plan_review_is_due_6_months_on(start: date, expected: date) -> None:
    assert due(PATHWAY_PLAN_REVIEW, start) == expected


# --- the council's clocks, with Haven's defaults -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 1, 8), date(2024, 4, 8), "thirteen weeks: 91 days, left on a working day"),
        (date(2024, 9, 30), date(2024, 12, 30), "not moved for Christmas"),
        (date(2023, 12, 1), date(2024, 3, 1), "across 29 February"),
        (date(2022, 12, 1), date(2023, 3, 2), "not a leap year"),
    ),
)
def test_pep_review_is_due_13_weeks_on(start: date, expected: date) -> None:
    assert due(PEP_REVIEW, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 7, 29), "eight weeks: 56 days"),
        (date(2024, 10, 30), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 1, 5), date(2024, 3, 1), "across 29 February"),
        (date(2023, 1, 5), date(2023, 3, 2), "not a leap year"),
    ),
)
def test_pa_contact_is_due_8_weeks_on(start: date, expected: date) -> None:
    assert due(PA_CONTACT, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 10), "seven days"),
        (date(2024, 6, 8), date(2024, 6, 15), "a Saturday review: the next is on a Saturday"),
        (date(2024, 12, 18), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 2, 23), date(2024, 3, 1), "across 29 February"),
        (date(2023, 2, 23), date(2023, 3, 2), "not a leap year"),
    ),
)
def test_irregular_placement_review_is_due_7_days_on(start: date, expected: date) -> None:
    assert due(IRREGULAR_PLACEMENT_REVIEW, start) == expected


# --- the council's own settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "rule_id", "start", "expected"),
    [
        pytest.param(
            LocalTimescales(placement_plan_working_days=10),
            PLACEMENT_PLAN,
            date(2024, 12, 20),
            date(2025, 1, 8),
            id="placement plan in 10 working days, over Christmas",
        ),
        pytest.param(
            LocalTimescales(placement_plan_working_days=1),
            PLACEMENT_PLAN,
            date(2024, 3, 28),
            date(2024, 4, 2),
            id="placement plan the next working day, over Easter",
        ),
        pytest.param(
            LocalTimescales(pep_review_weeks=6),
            PEP_REVIEW,
            date(2024, 1, 18),
            date(2024, 2, 29),
            id="PEP reviewed every half-term, to a leap day",
        ),
        pytest.param(
            LocalTimescales(pep_review_weeks=26),
            PEP_REVIEW,
            date(2024, 9, 2),
            date(2025, 3, 3),
            id="PEP reviewed at the 26 week limit",
        ),
        pytest.param(
            LocalTimescales(pa_contact_weeks=4),
            PA_CONTACT,
            date(2024, 11, 27),
            date(2024, 12, 25),
            id="PA contact every 4 weeks, left on Christmas Day",
        ),
        pytest.param(
            LocalTimescales(irregular_placement_review_days=14),
            IRREGULAR_PLACEMENT_REVIEW,
            date(2024, 12, 18),
            date(2025, 1, 1),
            id="unregistered placement reviewed fortnightly, across the year end",
        ),
        pytest.param(
            LocalTimescales(irregular_placement_review_days=1),
            IRREGULAR_PLACEMENT_REVIEW,
            date(2024, 2, 28),
            date(2024, 2, 29),
            id="unregistered placement reviewed daily, to a leap day",
        ),
        pytest.param(
            LocalTimescales(irregular_placement_review_days=90),
            IRREGULAR_PLACEMENT_REVIEW,
            date(2024, 1, 1),
            date(2024, 3, 31),
            id="unregistered placement reviewed at the 90 day limit",
        ),
    ],
)
def test_a_council_setting_changes_the_due_date(
    values: LocalTimescales, rule_id: str, start: date, expected: date
) -> None:
    with configured(values):
        assert due(rule_id, start) == expected
    assert due(rule_id, start) != expected


def test_each_setting_moves_only_its_own_clock() -> None:
    start = date(2024, 6, 3)
    defaults = {rule_id: due(rule_id, start) for rule_id in LOCAL_FIELDS}
    for rule_id, (field, _unit) in LOCAL_FIELDS.items():
        changed = replace(LocalTimescales(), **{field: getattr(LocalTimescales(), field) + 1})
        with configured(changed):
            moved = {other: due(other, start) for other in LOCAL_FIELDS}
        assert moved[rule_id] > defaults[rule_id], rule_id
        assert {k: v for k, v in moved.items() if k != rule_id} == {
            k: v for k, v in defaults.items() if k != rule_id
        }, rule_id


def test_the_new_defaults_and_settings() -> None:
    values = current()
    assert values.placement_plan_working_days == 5
    assert values.pep_review_weeks == 13
    assert values.pa_contact_weeks == 8
    assert values.irregular_placement_review_days == 7
    assert SETTING_NAMES["placement_plan_working_days"] == "HAVEN_PLACEMENT_PLAN_WORKING_DAYS"
    assert SETTING_NAMES["pep_review_weeks"] == "HAVEN_PEP_REVIEW_WEEKS"
    assert SETTING_NAMES["pa_contact_weeks"] == "HAVEN_PA_CONTACT_WEEKS"
    assert (
        SETTING_NAMES["irregular_placement_review_days"] == "HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS"
    )


@pytest.mark.parametrize(
    ("field", "unit", "least", "most"),
    [
        ("placement_plan_working_days", "working days", 1, 60),
        ("pep_review_weeks", "weeks", 1, 26),
        ("pa_contact_weeks", "weeks", 1, 26),
        ("irregular_placement_review_days", "days", 1, 90),
    ],
)
def test_the_limits_of_each_new_field(field: str, unit: str, least: int, most: int) -> None:
    assert LIMITS[field] == (unit, least, most)
    for allowed in (least, most):
        values = LocalTimescales(**{field: allowed})
        with configured(values):
            assert current() is values
    for refused in (least - 1, most + 1):
        expected = (
            f"{field} (setting {SETTING_NAMES[field]}) must be between {least} and {most} {unit}, "
            f"not {refused}"
        )
        with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
            configure(LocalTimescales(**{field: refused}))
    assert current() == LocalTimescales()


@pytest.mark.parametrize("field", [field for field, _unit in LOCAL_FIELDS.values()])
@pytest.mark.parametrize(("value", "type_name"), [("7", "str"), (7.0, "float"), (True, "bool")])
def test_new_values_that_are_not_whole_numbers_are_refused(
    field: str, value: object, type_name: str
) -> None:
    unit = LIMITS[field].unit
    expected = (
        f"{field} (setting {SETTING_NAMES[field]}) must be a whole number of {unit}, "
        f"not {type_name}"
    )
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        LocalTimescales(**{field: value})  # type: ignore[arg-type]


# --- the docs pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_the_worked_examples_on_the_docs_page_are_right(rule_id: str) -> None:
    page = (DOCS_DIR / f"{rule_id}.md").read_text(encoding="utf-8")
    rule = RULEBOOK.versions(rule_id)[0]
    assert page.startswith(f"# {rule.title}\n")
    assert f"`{rule_id}`, version 1" in page
    assert f"**[{rule.confirmation.value}]**" in page
    examples = worked_examples(page)
    assert len(examples) >= 2, "each page gives at least two worked examples"
    for start, expected, why in examples:
        assert due(rule_id, start) == expected, f"{start} -> {expected}: {why}"

    council = council_example(page)
    if rule_id in LOCAL_FIELDS:
        assert council, "a local clock's page shows a council's own setting"
        field, unit = LOCAL_FIELDS[rule_id]
        least, most = LIMITS[field].least, LIMITS[field].most
        default = getattr(LocalTimescales(), field)
        assert (
            f"`{SETTING_NAMES[field]}`: a whole number from {least} to {most}, default {default}"
            in page
        )
        number, written_unit, start, expected = council
        assert written_unit == unit
        with configured(LocalTimescales(**{field: number})):
            assert due(rule_id, start) == expected
    else:
        assert council is None


def test_the_working_days_page_lists_each_care_rule() -> None:
    page = (DOCS_DIR / "working-days.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"| [{rule_id}]({rule_id}.md) |" in page, rule_id
