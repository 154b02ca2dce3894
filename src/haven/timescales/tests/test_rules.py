import ast
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import haven.timescales
from haven.timescales.calendar import WorkingDayCalendar, add_months, default_calendar
from haven.timescales.rules import (
    RULEBOOK,
    Confirmation,
    DayType,
    DueFunction,
    Rule,
    RuleBook,
    RuleNotFoundError,
)

CAL = default_calendar()
PACKAGE_DIR = Path(haven.timescales.__file__).parent
DOCS_DIR = PACKAGE_DIR.parents[2] / "docs" / "statutory"


def plus_days(days: int) -> DueFunction:
    def due(start: date, calendar: WorkingDayCalendar) -> date:
        return start + timedelta(days=days)

    return due


def make_rule(
    version: int,
    effective_from: date,
    effective_to: date | None = None,
    *,
    rule_id: str = "test-clock",
    days: int = 10,
) -> Rule:
    return Rule(
        id=rule_id,
        version=version,
        title="A test clock",
        source="Test Regulations 2000, reg 1",
        effective_from=effective_from,
        effective_to=effective_to,
        day_type=DayType.CALENDAR,
        due=plus_days(days),
        starts="Something happened",
        confirmation=Confirmation.UNCONFIRMED,
    )


V1 = make_rule(1, date(2013, 4, 15), date(2023, 12, 14), days=10)
V2 = make_rule(2, date(2023, 12, 15), days=20)


# --- RuleBook ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "version"),
    [
        (date(2013, 4, 15), 1),
        (date(2020, 1, 1), 1),
        (date(2023, 12, 14), 1),
        (date(2023, 12, 15), 2),
        (date(2030, 1, 1), 2),
    ],
)
def test_get_picks_the_version_in_force(on: date, version: int) -> None:
    book = RuleBook([V2, V1])
    assert book.get("test-clock", on).version == version


def test_the_chosen_version_decides_the_due_date() -> None:
    book = RuleBook([V1, V2])
    start = date(2024, 1, 1)
    assert book.get("test-clock", date(2023, 12, 1)).due(start, CAL) == date(2024, 1, 11)
    assert book.get("test-clock", date(2024, 1, 1)).due(start, CAL) == date(2024, 1, 21)


def test_get_before_any_version_is_a_clear_key_error() -> None:
    book = RuleBook([V1, V2])
    with pytest.raises(KeyError) as caught:
        book.get("test-clock", date(2013, 4, 14))
    assert isinstance(caught.value, RuleNotFoundError)
    assert str(caught.value).startswith(
        "no version of rule 'test-clock' is in force on 2013-04-14: test-clock v1 (2013-04-15"
    )


def test_gap_between_versions_is_a_key_error() -> None:
    book = RuleBook([make_rule(1, date(2020, 1, 1), date(2020, 12, 31))])
    with pytest.raises(RuleNotFoundError, match="in force on 2021-01-01"):
        book.get("test-clock", date(2021, 1, 1))


def test_unknown_rule_lists_the_known_ones() -> None:
    book = RuleBook([V1])
    with pytest.raises(RuleNotFoundError, match="unknown rule 'nope'; known rules: test-clock"):
        book.get("nope", date(2020, 1, 1))
    with pytest.raises(RuleNotFoundError):
        book.versions("nope")


def test_get_refuses_a_datetime() -> None:
    with pytest.raises(TypeError):
        RuleBook([V1]).get("test-clock", datetime(2020, 1, 1))


def test_versions_and_all_are_ordered() -> None:
    other = make_rule(1, date(2011, 4, 1), rule_id="another-clock")
    book = RuleBook([V2, other, V1])
    assert book.versions("test-clock") == (V1, V2)
    assert book.all() == (other, V1, V2)
    assert book.ids() == ("another-clock", "test-clock")
    assert "test-clock" in book
    assert len(book) == 2


def test_register_returns_the_rule() -> None:
    book = RuleBook()
    assert book.register(V1) is V1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # an open-ended version overlaps anything later
        (make_rule(1, date(2013, 4, 15)), make_rule(2, date(2023, 12, 15))),
        # sharing the boundary day is an overlap: both dates are inclusive
        (make_rule(1, date(2013, 4, 15), date(2023, 12, 15)), make_rule(2, date(2023, 12, 15))),
        # one inside the other
        (
            make_rule(1, date(2013, 1, 1), date(2020, 1, 1)),
            make_rule(2, date(2015, 1, 1), date(2016, 1, 1)),
        ),
        # the later registration is the earlier version in time
        (make_rule(2, date(2015, 1, 1)), make_rule(1, date(2013, 1, 1), date(2015, 1, 1))),
    ],
)
def test_register_refuses_overlapping_versions(first: Rule, second: Rule) -> None:
    book = RuleBook([first])
    with pytest.raises(ValueError, match="overlaps"):
        book.register(second)
    assert book.versions("test-clock") == (first,)


def test_register_refuses_a_repeated_version_number() -> None:
    book = RuleBook([V1])
    with pytest.raises(ValueError, match="v1 is already registered"):
        book.register(make_rule(1, date(2030, 1, 1)))


def test_register_refuses_version_numbers_out_of_date_order() -> None:
    book = RuleBook([make_rule(2, date(2013, 1, 1), date(2014, 12, 31))])
    with pytest.raises(ValueError, match="must increase with their dates"):
        book.register(make_rule(1, date(2015, 1, 1)))


def test_adjacent_versions_are_accepted() -> None:
    book = RuleBook([V1, V2])
    assert len(book.versions("test-clock")) == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rule_id": "Referral Decision"}, "lower-case words joined by hyphens"),
        ({"rule_id": "referral-"}, "lower-case words joined by hyphens"),
        ({"version": 0}, "version must be 1 or more"),
        ({"effective_to": date(2013, 4, 14)}, "is before effective_from"),
    ],
)
def test_rule_validation(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"version": 1, "effective_to": None, "rule_id": "ok"} | kwargs
    with pytest.raises(ValueError, match=message):
        make_rule(
            args["version"],  # type: ignore[arg-type]
            date(2013, 4, 15),
            args["effective_to"],  # type: ignore[arg-type]
            rule_id=args["rule_id"],  # type: ignore[arg-type]
        )


def test_rule_in_force_on_is_inclusive() -> None:
    assert V1.in_force_on(date(2013, 4, 15))
    assert V1.in_force_on(date(2023, 12, 14))
    assert not V1.in_force_on(date(2023, 12, 15))
    assert V2.in_force_on(date(2099, 1, 1))


# --- the shipped rules ---------------------------------------------------------------------------

SHIPPED_IDS = {
    "referral-decision": DayType.WORKING_DAYS,
    "child-and-family-assessment": DayType.WORKING_DAYS,
    "initial-child-protection-conference": DayType.WORKING_DAYS,
    "first-core-group": DayType.WORKING_DAYS,
    "cp-review-first": DayType.CALENDAR,
    "cp-review-subsequent": DayType.CALENDAR,
    "lac-review-first": DayType.WORKING_DAYS,
    "lac-review-second": DayType.CALENDAR,
    "lac-review-subsequent": DayType.CALENDAR,
    "unallocated-risk-review": DayType.LOCAL,
    "unallocated-escalation": DayType.LOCAL,
    "cp-visit": DayType.LOCAL,
    "core-group": DayType.LOCAL,
    "cin-visit": DayType.LOCAL,
    "cin-plan-review": DayType.LOCAL,
    "care-plan": DayType.WORKING_DAYS,
    "placement-plan": DayType.LOCAL,
    "lac-visit-first-week": DayType.CALENDAR,
    "lac-visit-first-year": DayType.CALENDAR,
    "lac-visit-long-term": DayType.CALENDAR,
    "lac-visit-weekly": DayType.CALENDAR,
    "lac-visit-four-weekly": DayType.CALENDAR,
    "lac-visit-long-term-foster": DayType.CALENDAR,
    "initial-health-assessment": DayType.WORKING_DAYS,
    "review-health-assessment-under-5": DayType.CALENDAR,
    "review-health-assessment-5-and-over": DayType.CALENDAR,
    "sdq": DayType.CALENDAR,
    "pep": DayType.WORKING_DAYS,
    "pep-review": DayType.LOCAL,
    "leaving-care-needs-assessment": DayType.CALENDAR,
    "pathway-plan-review": DayType.CALENDAR,
    "personal-adviser-contact": DayType.LOCAL,
    "irregular-placement-review": DayType.LOCAL,
    "return-home-interview": DayType.HOURS,
    "repeat-missing-review": DayType.LOCAL,
    "exploitation-review-high": DayType.LOCAL,
    "exploitation-review-medium": DayType.LOCAL,
    "exploitation-review-low": DayType.LOCAL,
    "shared-risk-review": DayType.LOCAL,
}
# The local clocks counted in calendar days or months rather than working days, with their defaults.
LOCAL_CALENDAR_CLOCKS: dict[str, Callable[[date], date]] = {
    "core-group": lambda start: start + timedelta(weeks=6),
    "cin-visit": lambda start: start + timedelta(weeks=4),
    "cin-plan-review": lambda start: add_months(start, 3),
    "pep-review": lambda start: start + timedelta(weeks=13),
    "personal-adviser-contact": lambda start: start + timedelta(weeks=8),
    "irregular-placement-review": lambda start: start + timedelta(days=7),
    "exploitation-review-high": lambda start: start + timedelta(weeks=4),
    "exploitation-review-medium": lambda start: start + timedelta(weeks=12),
    "exploitation-review-low": lambda start: start + timedelta(weeks=26),
}
# The calendar clocks counted in days, weeks or 12 months rather than 3 or 6 months.
CALENDAR_CLOCKS: dict[str, Callable[[date], date]] = {
    "lac-visit-first-week": lambda start: start + timedelta(days=7),
    "lac-visit-first-year": lambda start: start + timedelta(days=42),
    "lac-visit-weekly": lambda start: start + timedelta(days=7),
    "lac-visit-four-weekly": lambda start: start + timedelta(weeks=4),
    "review-health-assessment-5-and-over": lambda start: add_months(start, 12),
    "sdq": lambda start: add_months(start, 12),
    # Counted in hours; a return known only by its date counts from midday.
    "return-home-interview": lambda start: start + timedelta(days=3),
}


def test_rulebook_holds_the_shipped_rules() -> None:
    assert set(RULEBOOK.ids()) == set(SHIPPED_IDS)
    for rule in RULEBOOK.all():
        assert rule.day_type is SHIPPED_IDS[rule.id]
        assert rule.title
        assert rule.source
        assert rule.starts


@pytest.mark.parametrize(
    ("rule_id", "start", "expected"),
    [
        # row 1: 1 working day
        ("referral-decision", date(2024, 3, 7), date(2024, 3, 8)),
        ("referral-decision", date(2024, 12, 20), date(2024, 12, 23)),  # Friday
        ("referral-decision", date(2024, 12, 24), date(2024, 12, 27)),
        ("referral-decision", date(2023, 5, 6), date(2023, 5, 9)),  # Saturday, then Coronation
        # row 2: 45 working days from referral
        ("child-and-family-assessment", date(2024, 1, 8), date(2024, 3, 11)),
        ("child-and-family-assessment", date(2024, 11, 25), date(2025, 1, 30)),
        # row 4: 15 working days from the strategy discussion
        ("initial-child-protection-conference", date(2024, 3, 18), date(2024, 4, 10)),
        ("initial-child-protection-conference", date(2022, 5, 27), date(2022, 6, 21)),
        # row 5: 10 working days from the ICPC
        ("first-core-group", date(2024, 4, 10), date(2024, 4, 24)),
        ("first-core-group", date(2024, 5, 2), date(2024, 5, 17)),
        # row 6: 3 months from the ICPC
        ("cp-review-first", date(2024, 4, 10), date(2024, 7, 10)),
        ("cp-review-first", date(2024, 11, 30), date(2025, 2, 28)),
        ("cp-review-first", date(2023, 11, 30), date(2024, 2, 29)),
        # row 7: 6 months from the previous review
        ("cp-review-subsequent", date(2024, 7, 10), date(2025, 1, 10)),
        ("cp-review-subsequent", date(2023, 8, 31), date(2024, 2, 29)),
        # row 12: 20 working days, then 3 months, then 6 months
        ("lac-review-first", date(2024, 6, 3), date(2024, 7, 1)),
        ("lac-review-first", date(2024, 12, 21), date(2025, 1, 22)),
        ("lac-review-second", date(2025, 1, 22), date(2025, 4, 22)),
        ("lac-review-second", date(2024, 11, 30), date(2025, 2, 28)),
        ("lac-review-subsequent", date(2025, 4, 22), date(2025, 10, 22)),
        ("lac-review-subsequent", date(2024, 8, 31), date(2025, 2, 28)),
    ],
)
def test_shipped_rule_due_dates(rule_id: str, start: date, expected: date) -> None:
    assert RULEBOOK.get(rule_id, start).due(start, CAL) == expected


@pytest.mark.parametrize("rule_id", sorted(SHIPPED_IDS))
def test_shipped_rules_fall_after_the_start(rule_id: str) -> None:
    rule = RULEBOOK.get(rule_id, date(2024, 1, 1))
    for offset in range(0, 366, 7):
        start = date(2024, 1, 1) + timedelta(days=offset)
        due = rule.due(start, CAL)
        assert due > start
        if rule.id in CALENDAR_CLOCKS:
            assert due == CALENDAR_CLOCKS[rule.id](start)
        elif rule.day_type is DayType.CALENDAR:
            assert due in {add_months(start, 3), add_months(start, 6)}
        elif rule.id in LOCAL_CALENDAR_CLOCKS:
            assert due == LOCAL_CALENDAR_CLOCKS[rule.id](start)
        else:
            assert CAL.is_working_day(due)


@pytest.mark.parametrize(
    ("rule_id", "in_force_from"),
    [
        ("referral-decision", date(2013, 4, 15)),
        ("initial-child-protection-conference", date(2013, 4, 15)),
        ("lac-review-first", date(2011, 4, 1)),
    ],
)
def test_shipped_rules_start_when_their_instrument_did(rule_id: str, in_force_from: date) -> None:
    assert RULEBOOK.get(rule_id, in_force_from).effective_from == in_force_from
    with pytest.raises(RuleNotFoundError):
        RULEBOOK.get(rule_id, in_force_from - timedelta(days=1))


@pytest.mark.parametrize("rule_id", sorted(SHIPPED_IDS))
def test_each_rule_has_a_docs_page(rule_id: str) -> None:
    page = (DOCS_DIR / f"{rule_id}.md").read_text(encoding="utf-8")
    assert RULEBOOK.get(rule_id, date(2024, 1, 1)).title in page


# --- purity and import order ---------------------------------------------------------------------


def test_package_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in PACKAGE_DIR.rglob("*.py"):
        if "tests" in path.relative_to(PACKAGE_DIR).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                ok = name.split(".")[0] in allowed or name.startswith("haven.timescales")
                assert ok, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    "first_import",
    [
        "haven.timescales.rules",
        "haven.timescales.clocks",
        "haven.timescales.clocks.cp_review_first",
        "haven.timescales.clocks.unallocated_risk_review",
        "haven.timescales.clocks.cin_plan_review",
        "haven.timescales.local",
    ],
)
def test_rulebook_loads_whichever_module_is_imported_first(first_import: str) -> None:
    code = (
        f"import {first_import}\n"
        "import sys\n"
        "from haven.timescales.rules import RULEBOOK\n"
        "assert len(RULEBOOK) == 39, len(RULEBOOK)\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
    )
    src = str(PACKAGE_DIR.parents[1])
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src},
        check=False,
    )
    assert result.returncode == 0, result.stderr
