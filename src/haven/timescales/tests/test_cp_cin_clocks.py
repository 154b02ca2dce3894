"""The child protection and child in need clocks: the national ones and the council's own.

Each table row is a start date, the due date and why; the worked examples on the docs pages are
checked against the rules too, so a page cannot drift from the code.
"""

import os
import re
import subprocess
import sys
from dataclasses import fields, replace
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

ICPC = "initial-child-protection-conference"
FIRST_CORE_GROUP = "first-core-group"
CP_REVIEW_FIRST = "cp-review-first"
CP_REVIEW_SUBSEQUENT = "cp-review-subsequent"
CP_VISIT = "cp-visit"
CIN_VISIT = "cin-visit"
CORE_GROUP = "core-group"
CIN_PLAN_REVIEW = "cin-plan-review"

# The council's setting behind each local clock, and the unit it is counted in.
LOCAL_FIELDS = {
    CP_VISIT: ("cp_visit_working_days", "working days"),
    CIN_VISIT: ("cin_visit_weeks", "weeks"),
    CORE_GROUP: ("core_group_weeks", "weeks"),
    CIN_PLAN_REVIEW: ("cin_review_months", "months"),
    "unallocated-risk-review": ("unallocated_review_working_days", "working days"),
    "unallocated-escalation": ("unallocated_escalation_working_days", "working days"),
}


@pytest.fixture(autouse=True)
def _defaults_restored() -> None:
    assert current() == LocalTimescales(), "an earlier test left the local timescales changed"


def due(rule_id: str, start: date) -> date:
    return RULEBOOK.get(rule_id, start).due(start, CAL)


def table(*rows: tuple[date, date, str]) -> list[Any]:
    """Parametrize rows of (start, expected due, why), with the why as the test id."""
    return [pytest.param(start, expected, id=why) for start, expected, why in rows]


# --- the new rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "title", "starts", "setting"),
    [
        (
            CP_VISIT,
            "Visit the child on a child protection plan",
            "The child protection plan started, or the last visit at which the child was seen",
            "HAVEN_CP_VISIT_WORKING_DAYS",
        ),
        (
            CIN_VISIT,
            "Visit the child on a child in need plan",
            "The child in need plan started, or the last visit at which the child was seen",
            "HAVEN_CIN_VISIT_WEEKS",
        ),
        (
            CORE_GROUP,
            "Hold the next core group meeting",
            "The last core group meeting",
            "HAVEN_CORE_GROUP_WEEKS",
        ),
        (
            CIN_PLAN_REVIEW,
            "Review the child in need plan",
            "The child in need plan started, or its last review",
            "HAVEN_CIN_REVIEW_MONTHS",
        ),
    ],
)
def test_the_cp_and_cin_local_rules_are_in_the_rulebook(
    rule_id: str, title: str, starts: str, setting: str
) -> None:
    (rule,) = RULEBOOK.versions(rule_id)
    assert rule.version == 1
    assert rule.title == title
    assert rule.starts == starts
    assert rule.day_type is DayType.LOCAL
    assert rule.confirmation is Confirmation.UNCONFIRMED
    assert "local procedure" in rule.source
    assert "safeguarding partnership" in rule.source
    assert f"setting {setting}," in rule.source
    assert rule.effective_from == date(2013, 4, 15)
    assert rule.effective_to is None
    with pytest.raises(RuleNotFoundError):
        RULEBOOK.get(rule_id, date(2013, 4, 14))


def test_the_sources_give_the_defaults_in_their_units() -> None:
    sources = {rule_id: RULEBOOK.versions(rule_id)[0].source for rule_id in LOCAL_FIELDS}
    assert "default 10 working days" in sources[CP_VISIT]
    assert "default 4 weeks" in sources[CIN_VISIT]
    assert "default 6 weeks" in sources[CORE_GROUP]
    assert "default 3 months" in sources[CIN_PLAN_REVIEW]


# --- the national child protection clocks --------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 24), "three whole weeks, no bank holidays"),
        (date(2024, 3, 18), date(2024, 4, 10), "Good Friday and Easter Monday are skipped"),
        (date(2022, 5, 27), date(2022, 6, 21), "the moved Spring bank holiday and the Jubilee"),
        (date(2024, 12, 16), date(2025, 1, 9), "Christmas, Boxing Day and New Year's Day"),
        (date(2020, 12, 18), date(2021, 1, 13), "Boxing Day on a Saturday: Monday 28th instead"),
        (date(2024, 4, 27), date(2024, 5, 20), "a Saturday start, then the Early May holiday"),
    ),
)
def test_icpc_is_due_15_working_days_after_the_strategy_discussion(
    start: date, expected: date
) -> None:
    assert due(ICPC, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 10), date(2024, 4, 24), "two whole weeks, no bank holidays"),
        (date(2024, 5, 2), date(2024, 5, 17), "the Early May bank holiday is skipped"),
        (date(2021, 12, 24), date(2022, 1, 12), "Christmas substitute days and New Year's"),
        (date(2024, 3, 28), date(2024, 4, 15), "Good Friday and Easter Monday are skipped"),
        (date(2023, 4, 28), date(2023, 5, 16), "Early May and the Coronation are skipped"),
    ),
)
def test_first_core_group_is_due_10_working_days_after_the_icpc(
    start: date, expected: date
) -> None:
    assert due(FIRST_CORE_GROUP, start) == expected


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
def test_first_cp_review_is_due_3_months_after_the_icpc(start: date, expected: date) -> None:
    assert due(CP_REVIEW_FIRST, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 7, 10), date(2025, 1, 10), "six calendar months"),
        (date(2023, 8, 31), date(2024, 2, 29), "February has no 31st; a leap year"),
        (date(2024, 8, 31), date(2025, 2, 28), "February has no 31st"),
        (date(2024, 12, 31), date(2025, 6, 30), "June has no 31st"),
        (date(2024, 2, 29), date(2024, 8, 29), "counted from the review as held"),
        (date(2023, 10, 7), date(2024, 4, 7), "not moved off a Sunday"),
    ),
)
def test_later_cp_reviews_are_due_6_months_after_the_last(start: date, expected: date) -> None:
    assert due(CP_REVIEW_SUBSEQUENT, start) == expected


# --- the council's clocks, with Haven's defaults -------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 6, 17), "two whole weeks, no bank holidays"),
        (date(2024, 6, 8), date(2024, 6, 21), "a Saturday visit: Monday is day 1"),
        (date(2024, 3, 28), date(2024, 4, 15), "Good Friday and Easter Monday are skipped"),
        (date(2024, 3, 29), date(2024, 4, 15), "from Good Friday itself: Tuesday is day 1"),
        (date(2020, 12, 24), date(2021, 1, 12), "Boxing Day's substitute, Monday 28 December"),
        (date(2021, 12, 24), date(2022, 1, 12), "Christmas and Boxing Day substitutes, 27-28 Dec"),
        (date(2022, 12, 23), date(2023, 1, 11), "Christmas Day's substitute, Tuesday 27 Dec"),
        (date(2020, 5, 1), date(2020, 5, 18), "the Early May holiday moved to VE Day, 8 May"),
        (date(2024, 5, 2), date(2024, 5, 17), "the Early May bank holiday is skipped"),
        (date(2023, 4, 28), date(2023, 5, 16), "Early May and the Coronation are skipped"),
    ),
)
def test_cp_visit_is_due_10_working_days_on(start: date, expected: date) -> None:
    due_on = due(CP_VISIT, start)
    assert due_on == expected
    assert CAL.is_working_day(due_on)
    assert CAL.working_days_between(start, due_on) == 10


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 6, 3), date(2024, 7, 1), "four weeks: 28 days"),
        (date(2024, 12, 20), date(2025, 1, 17), "Christmas does not move a calendar week"),
        (date(2024, 3, 4), date(2024, 4, 1), "left on Easter Monday"),
        (date(2024, 11, 27), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 2, 1), date(2024, 2, 29), "a leap year"),
        (date(2023, 2, 1), date(2023, 3, 1), "not a leap year"),
        (date(2024, 4, 7), date(2024, 5, 5), "a Sunday visit: the next is due on a Sunday"),
    ),
)
def test_cin_visit_is_due_4_weeks_on(start: date, expected: date) -> None:
    assert due(CIN_VISIT, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 24), date(2024, 6, 5), "six weeks: 42 days"),
        (date(2024, 11, 28), date(2025, 1, 9), "Christmas does not move a calendar week"),
        (date(2024, 11, 13), date(2024, 12, 25), "left on Christmas Day"),
        (date(2024, 2, 20), date(2024, 4, 2), "across Easter, due the day after Easter Monday"),
        (date(2024, 1, 18), date(2024, 2, 29), "a leap year"),
    ),
)
def test_core_group_is_due_6_weeks_on(start: date, expected: date) -> None:
    assert due(CORE_GROUP, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    table(
        (date(2024, 4, 10), date(2024, 7, 10), "three calendar months"),
        (date(2024, 10, 31), date(2025, 1, 31), "January has a 31st"),
        (date(2024, 11, 29), date(2025, 2, 28), "February 2025 has no 29th"),
        (date(2023, 11, 30), date(2024, 2, 29), "February has no 30th; a leap year"),
        (date(2025, 2, 28), date(2025, 5, 28), "the month end is not carried forward"),
        (date(2025, 3, 31), date(2025, 6, 30), "June has no 31st"),
        (date(2024, 5, 31), date(2024, 8, 31), "not moved off a Saturday"),
        (date(2024, 12, 31), date(2025, 3, 31), "across the year end"),
    ),
)
def test_cin_plan_review_is_due_3_months_on(start: date, expected: date) -> None:
    assert due(CIN_PLAN_REVIEW, start) == expected


def test_the_core_group_cadence_follows_the_first_core_group() -> None:
    icpc = date(2024, 4, 10)
    first = due(FIRST_CORE_GROUP, icpc)
    assert first == date(2024, 4, 24)
    assert due(CORE_GROUP, first) == date(2024, 6, 5)
    # Held early, on 29 May: the next counts from the meeting as held, not from 5 June.
    assert due(CORE_GROUP, date(2024, 5, 29)) == date(2024, 7, 10)


# --- the council's own settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "rule_id", "start", "expected"),
    [
        pytest.param(
            LocalTimescales(cp_visit_working_days=20),
            CP_VISIT,
            date(2024, 12, 2),
            date(2025, 1, 2),
            id="CP visit every 20 working days, over Christmas",
        ),
        pytest.param(
            LocalTimescales(cp_visit_working_days=5),
            CP_VISIT,
            date(2024, 12, 20),
            date(2024, 12, 31),
            id="CP visit every 5 working days, over Christmas",
        ),
        pytest.param(
            LocalTimescales(cp_visit_working_days=1),
            CP_VISIT,
            date(2024, 3, 28),
            date(2024, 4, 2),
            id="CP visit every working day, over Easter",
        ),
        pytest.param(
            LocalTimescales(cp_visit_working_days=60),
            CP_VISIT,
            date(2024, 1, 2),
            date(2024, 3, 26),
            id="CP visit at the 60 working day limit",
        ),
        pytest.param(
            LocalTimescales(cin_visit_weeks=6),
            CIN_VISIT,
            date(2024, 6, 3),
            date(2024, 7, 15),
            id="CIN visit every 6 weeks",
        ),
        pytest.param(
            LocalTimescales(cin_visit_weeks=1),
            CIN_VISIT,
            date(2024, 12, 18),
            date(2024, 12, 25),
            id="CIN visit weekly, left on Christmas Day",
        ),
        pytest.param(
            LocalTimescales(cin_visit_weeks=26),
            CIN_VISIT,
            date(2024, 6, 3),
            date(2024, 12, 2),
            id="CIN visit at the 26 week limit",
        ),
        pytest.param(
            LocalTimescales(core_group_weeks=4),
            CORE_GROUP,
            date(2024, 4, 24),
            date(2024, 5, 22),
            id="core group every 4 weeks",
        ),
        pytest.param(
            LocalTimescales(core_group_weeks=8),
            CORE_GROUP,
            date(2024, 11, 28),
            date(2025, 1, 23),
            id="core group every 8 weeks, across the year end",
        ),
        pytest.param(
            LocalTimescales(cin_review_months=6),
            CIN_PLAN_REVIEW,
            date(2023, 8, 31),
            date(2024, 2, 29),
            id="CIN review every 6 months, clamped to a leap February",
        ),
        pytest.param(
            LocalTimescales(cin_review_months=1),
            CIN_PLAN_REVIEW,
            date(2023, 1, 31),
            date(2023, 2, 28),
            id="CIN review monthly, clamped to February",
        ),
        pytest.param(
            LocalTimescales(cin_review_months=12),
            CIN_PLAN_REVIEW,
            date(2024, 2, 29),
            date(2025, 2, 28),
            id="CIN review at the 12 month limit, from a leap day",
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


def test_the_setting_is_read_when_the_due_date_is_worked_out() -> None:
    rule = RULEBOOK.get(CIN_PLAN_REVIEW, date(2024, 4, 10))
    before = rule.due(date(2024, 4, 10), CAL)
    with configured(LocalTimescales(cin_review_months=2)):
        assert rule.due(date(2024, 4, 10), CAL) == date(2024, 6, 10)
    # A due date worked out earlier is a plain date: changing the setting cannot move it.
    assert before == rule.due(date(2024, 4, 10), CAL) == date(2024, 7, 10)


# --- LocalTimescales: the new fields, their units and limits -------------------------------------


def test_the_new_defaults() -> None:
    values = current()
    assert values.cp_visit_working_days == 10
    assert values.cin_visit_weeks == 4
    assert values.core_group_weeks == 6
    assert values.cin_review_months == 3


def test_every_field_has_a_setting_and_limits() -> None:
    names = {f.name for f in fields(LocalTimescales)}
    assert set(SETTING_NAMES) == names
    assert set(LIMITS) == names
    assert SETTING_NAMES["cp_visit_working_days"] == "HAVEN_CP_VISIT_WORKING_DAYS"
    assert SETTING_NAMES["cin_visit_weeks"] == "HAVEN_CIN_VISIT_WEEKS"
    assert SETTING_NAMES["core_group_weeks"] == "HAVEN_CORE_GROUP_WEEKS"
    assert SETTING_NAMES["cin_review_months"] == "HAVEN_CIN_REVIEW_MONTHS"
    for field, unit in LOCAL_FIELDS.values():
        assert LIMITS[field].unit == unit


@pytest.mark.parametrize(
    ("field", "unit", "least", "most"),
    [
        ("unallocated_review_working_days", "working days", 1, 60),
        ("unallocated_escalation_working_days", "working days", 1, 60),
        ("cp_visit_working_days", "working days", 1, 60),
        ("cin_visit_weeks", "weeks", 1, 26),
        ("core_group_weeks", "weeks", 1, 26),
        ("cin_review_months", "months", 1, 12),
    ],
)
def test_the_limits_of_each_field(field: str, unit: str, least: int, most: int) -> None:
    assert LIMITS[field] == (unit, least, most)
    for allowed in (least, most):
        values = LocalTimescales(**{field: allowed})
        with configured(values):
            assert current() is values
    for refused in (least - 1, most + 1):
        with pytest.raises(ValueError, match=rf"between {least} and {most} {unit}, not {refused}$"):
            LocalTimescales(**{field: refused})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("cp_visit_working_days", 0),
        ("cp_visit_working_days", 61),
        ("cp_visit_working_days", -10),
        ("cin_visit_weeks", 0),
        ("cin_visit_weeks", 27),
        ("cin_visit_weeks", 52),
        ("core_group_weeks", 0),
        ("core_group_weeks", 27),
        ("cin_review_months", 0),
        ("cin_review_months", 13),
        ("cin_review_months", 24),
    ],
)
def test_values_out_of_range_are_refused_naming_the_field_setting_and_unit(
    field: str, value: int
) -> None:
    unit, least, most = LIMITS[field]
    expected = (
        f"{field} (setting {SETTING_NAMES[field]}) must be between {least} and {most} {unit}, "
        f"not {value}"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(expected)}$"):
        configure(LocalTimescales(**{field: value}))
    assert current() == LocalTimescales()


@pytest.mark.parametrize(
    "field", ["cp_visit_working_days", "cin_visit_weeks", "core_group_weeks", "cin_review_months"]
)
@pytest.mark.parametrize(
    ("value", "type_name"),
    [
        ("4", "str"),
        (4.0, "float"),
        (2.5, "float"),
        (True, "bool"),
        (False, "bool"),
        (None, "NoneType"),
        ([4], "list"),
    ],
)
def test_values_that_are_not_whole_numbers_are_refused(
    field: str, value: object, type_name: str
) -> None:
    unit = LIMITS[field].unit
    expected = (
        f"{field} (setting {SETTING_NAMES[field]}) must be a whole number of {unit}, "
        f"not {type_name}"
    )
    with pytest.raises(TypeError, match=f"^{re.escape(expected)}$"):
        LocalTimescales(**{field: value})  # type: ignore[arg-type]


def test_a_new_value_changed_through_replace_is_checked_too() -> None:
    with pytest.raises(ValueError, match=r"^core_group_weeks .* 1 and 26 weeks, not 27$"):
        replace(LocalTimescales(), core_group_weeks=27)


# --- the docs pages ------------------------------------------------------------------------------

PAGES = [
    ICPC,
    FIRST_CORE_GROUP,
    CP_REVIEW_FIRST,
    CP_REVIEW_SUBSEQUENT,
    CP_VISIT,
    CIN_VISIT,
    CORE_GROUP,
    CIN_PLAN_REVIEW,
    "unallocated-risk-review",
    "unallocated-escalation",
]


@pytest.mark.parametrize("rule_id", PAGES)
def test_the_worked_examples_on_the_docs_page_are_right(rule_id: str) -> None:
    page = (DOCS_DIR / f"{rule_id}.md").read_text(encoding="utf-8")
    assert f"`{rule_id}`, version 1" in page
    examples = worked_examples(page)
    assert len(examples) >= 2, "each page gives at least two worked examples"
    for start, expected, why in examples:
        assert due(rule_id, start) == expected, f"{start} -> {expected}: {why}"

    council = council_example(page)
    if rule_id in LOCAL_FIELDS:
        assert council, "a local clock's page shows a council's own setting"
        field, unit = LOCAL_FIELDS[rule_id]
        assert f"`{SETTING_NAMES[field]}`: a whole number from" in page
        number, written_unit, start, expected = council
        assert written_unit == unit
        with configured(LocalTimescales(**{field: number})):
            assert due(rule_id, start) == expected
    else:
        assert council is None


# --- the Django settings -------------------------------------------------------------------------


def test_the_environment_reaches_the_rules_through_the_settings(tmp_path: Path) -> None:
    """Set each HAVEN_* variable, start Django as the app does, and read what the rules see.

    Django runs in a child process: this package must not import it.
    """
    values = {
        "unallocated_review_working_days": 3,
        "unallocated_escalation_working_days": 15,
        "cp_visit_working_days": 20,
        "cin_visit_weeks": 6,
        "core_group_weeks": 8,
        "cin_review_months": 2,
        "placement_plan_working_days": 3,
        "pep_review_weeks": 12,
        "pa_contact_weeks": 6,
        "irregular_placement_review_days": 14,
        "repeat_missing_review_working_days": 2,
        "exploitation_review_high_weeks": 2,
        "exploitation_review_medium_weeks": 10,
        "exploitation_review_low_weeks": 20,
        "shared_risk_review_working_days": 3,
    }
    assert set(values) == set(SETTING_NAMES)
    code = (
        "import django\n"
        "django.setup()\n"
        "from dataclasses import asdict\n"
        "from haven.timescales.local import current\n"
        "print(sorted(asdict(current()).items()))\n"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(PACKAGE_DIR.parents[1]), str(REPO_DIR)]),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "HAVEN_VAR_DIR": str(tmp_path),
    } | {SETTING_NAMES[field]: str(value) for field, value in values.items()}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(sorted(values.items()))
