from dataclasses import FrozenInstanceError, replace
from datetime import date
from pathlib import Path

import pytest

from haven.timescales import local
from haven.timescales.calendar import default_calendar
from haven.timescales.local import LocalTimescales, configure, configured, current
from haven.timescales.rules import RULEBOOK, Confirmation, DayType, RuleNotFoundError

from .docs_pages import council_example, worked_examples

CAL = default_calendar()
DOCS_DIR = Path(__file__).resolve().parents[4] / "docs" / "statutory"
REVIEW = "unallocated-risk-review"
ESCALATION = "unallocated-escalation"


@pytest.fixture(autouse=True)
def _defaults_restored() -> None:
    assert current() == LocalTimescales(), "an earlier test left the local timescales changed"


def due(rule_id: str, start: date) -> date:
    return RULEBOOK.get(rule_id, start).due(start, CAL)


# --- the rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule_id", "title", "starts"),
    [
        (
            REVIEW,
            "Risk review of a case waiting for allocation",
            "The case joined the allocation queue, or its last risk review",
        ),
        (
            ESCALATION,
            "Escalate a case waiting too long for allocation",
            "The case joined the allocation queue",
        ),
    ],
)
def test_the_local_rules_are_in_the_rulebook(rule_id: str, title: str, starts: str) -> None:
    (rule,) = RULEBOOK.versions(rule_id)
    assert rule.version == 1
    assert rule.title == title
    assert rule.starts == starts
    assert rule.day_type is DayType.LOCAL
    assert rule.confirmation is Confirmation.UNCONFIRMED
    assert "local procedure" in rule.source
    assert "Northamptonshire" in rule.source
    assert rule.effective_from == date(2013, 4, 15)
    assert rule.effective_to is None
    with pytest.raises(RuleNotFoundError):
        RULEBOOK.get(rule_id, date(2013, 4, 14))


def test_the_sources_name_their_settings() -> None:
    assert "HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS" in RULEBOOK.versions(REVIEW)[0].source
    assert "HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS" in RULEBOOK.versions(ESCALATION)[0].source


# --- due dates with Haven's defaults -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 10)),  # Monday: one whole week
        (date(2024, 6, 7), date(2024, 6, 14)),  # the next review, from one held on a Friday
        (date(2024, 5, 22), date(2024, 5, 30)),  # the Spring bank holiday (27 May) is skipped
        (date(2024, 12, 20), date(2024, 12, 31)),  # Christmas Day and Boxing Day are skipped
        (date(2024, 3, 29), date(2024, 4, 8)),  # Good Friday: Easter Monday is skipped too
        (date(2022, 5, 27), date(2022, 6, 7)),  # the moved Spring bank holiday and the Jubilee
    ],
)
def test_risk_review_is_due_5_working_days_on(start: date, expected: date) -> None:
    assert due(REVIEW, start) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 6, 3), date(2024, 6, 17)),  # Monday: two whole weeks
        (date(2024, 12, 19), date(2025, 1, 7)),  # Christmas, Boxing Day and New Year's Day
        (date(2024, 3, 28), date(2024, 4, 15)),  # Good Friday and Easter Monday
        (date(2023, 5, 6), date(2023, 5, 22)),  # a Saturday, then the Coronation bank holiday
    ],
)
def test_escalation_is_due_10_working_days_on(start: date, expected: date) -> None:
    assert due(ESCALATION, start) == expected


def test_escalation_falls_on_the_second_review_with_the_defaults() -> None:
    joined = date(2024, 12, 19)
    first_review = due(REVIEW, joined)
    assert due(REVIEW, first_review) == due(ESCALATION, joined) == date(2025, 1, 7)


# --- due dates with a council's own settings -----------------------------------------------------


def reviews_every(days: int) -> LocalTimescales:
    return LocalTimescales(unallocated_review_working_days=days)


def escalates_after(days: int) -> LocalTimescales:
    return LocalTimescales(unallocated_escalation_working_days=days)


@pytest.mark.parametrize(
    ("values", "rule_id", "start", "expected"),
    [
        (reviews_every(3), REVIEW, date(2024, 12, 20), date(2024, 12, 27)),  # over Christmas
        (reviews_every(1), REVIEW, date(2024, 12, 24), date(2024, 12, 27)),
        (reviews_every(2), REVIEW, date(2024, 3, 28), date(2024, 4, 3)),  # over Easter
        (escalates_after(20), ESCALATION, date(2024, 6, 3), date(2024, 7, 1)),
        (escalates_after(60), ESCALATION, date(2024, 1, 2), date(2024, 3, 26)),
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
    with configured(LocalTimescales(unallocated_review_working_days=10)):
        assert due(REVIEW, start) == date(2024, 6, 17)
        assert due(ESCALATION, start) == date(2024, 6, 17)
    with configured(LocalTimescales(unallocated_escalation_working_days=5)):
        assert due(REVIEW, start) == date(2024, 6, 10)
        assert due(ESCALATION, start) == date(2024, 6, 10)


def test_the_setting_is_read_when_the_due_date_is_worked_out() -> None:
    rule = RULEBOOK.get(REVIEW, date(2024, 6, 3))
    before = rule.due(date(2024, 6, 3), CAL)
    with configured(LocalTimescales(unallocated_review_working_days=7)):
        assert rule.due(date(2024, 6, 3), CAL) == date(2024, 6, 12)
    # A due date worked out earlier is a plain date: changing the setting cannot move it.
    assert before == rule.due(date(2024, 6, 3), CAL) == date(2024, 6, 10)


# --- LocalTimescales, configure and configured ---------------------------------------------------


def test_the_defaults() -> None:
    assert current() == LocalTimescales(
        unallocated_review_working_days=5, unallocated_escalation_working_days=10
    )


def test_local_timescales_are_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        current().unallocated_review_working_days = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("unallocated_review_working_days", 0),
        ("unallocated_review_working_days", -5),
        ("unallocated_review_working_days", 61),
        ("unallocated_escalation_working_days", 0),
        ("unallocated_escalation_working_days", 61),
        ("unallocated_escalation_working_days", 365),
    ],
)
def test_values_outside_1_to_60_are_refused(field: str, value: int) -> None:
    with pytest.raises(
        ValueError, match=f"^{field} \\(setting HAVEN_[A-Z_]+\\) must be between 1 and 60"
    ) as caught:
        configure(LocalTimescales(**{field: value}))
    assert local.SETTING_NAMES[field] in str(caught.value)
    assert str(caught.value).endswith(f"not {value}")
    assert current() == LocalTimescales()


@pytest.mark.parametrize("value", ["5", 5.0, True, None])
def test_values_that_are_not_whole_numbers_are_refused(value: object) -> None:
    with pytest.raises(TypeError, match=r"^unallocated_review_working_days .* whole number"):
        LocalTimescales(unallocated_review_working_days=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [1, 60])
def test_the_limits_are_allowed(value: int) -> None:
    values = LocalTimescales(
        unallocated_review_working_days=value, unallocated_escalation_working_days=value
    )
    with configured(values):
        assert current() is values


def test_a_value_changed_through_replace_is_checked_too() -> None:
    with pytest.raises(ValueError, match="unallocated_escalation_working_days"):
        replace(LocalTimescales(), unallocated_escalation_working_days=0)


def test_configure_refuses_anything_but_local_timescales() -> None:
    with pytest.raises(TypeError, match="must be a LocalTimescales, not dict"):
        configure({"unallocated_review_working_days": 3})  # type: ignore[arg-type]
    assert current() == LocalTimescales()


def test_configure_replaces_the_values_in_force() -> None:
    values = LocalTimescales(unallocated_review_working_days=3)
    try:
        configure(values)
        assert current() is values
        assert due(REVIEW, date(2024, 6, 3)) == date(2024, 6, 6)
    finally:
        configure(LocalTimescales())


def fail_inside(values: LocalTimescales) -> None:
    with configured(values):
        assert current() is values
        raise RuntimeError("inside")


def test_configured_restores_the_previous_values_even_after_an_error() -> None:
    outer = LocalTimescales(unallocated_review_working_days=3)
    inner = LocalTimescales(unallocated_review_working_days=4)
    with configured(outer) as given:
        assert given is outer
        with pytest.raises(RuntimeError, match="inside"):
            fail_inside(inner)
        assert current() is outer
    assert current() == LocalTimescales()


# --- the manager's review of a child missing again and again -------------------------------------


def test_the_repeat_missing_review_is_due_the_next_working_day_by_default() -> None:
    rule = RULEBOOK.get("repeat-missing-review", date(2024, 6, 3))
    assert rule.day_type is DayType.LOCAL
    assert "HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS" in rule.source
    assert due("repeat-missing-review", date(2024, 6, 3)) == date(2024, 6, 4)
    assert due("repeat-missing-review", date(2024, 12, 20)) == date(2024, 12, 23)
    with configured(LocalTimescales(repeat_missing_review_working_days=3)):
        assert due("repeat-missing-review", date(2024, 6, 3)) == date(2024, 6, 6)
        assert due(REVIEW, date(2024, 6, 3)) == date(2024, 6, 10)  # only its own clock moves


def test_the_repeat_missing_review_page_is_the_rule_s() -> None:
    page = (DOCS_DIR / "repeat-missing-review.md").read_text(encoding="utf-8")
    assert "`HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS`: a whole number from 1 to 60" in page
    examples = worked_examples(page)
    assert len(examples) >= 3
    for start, expected, why in examples:
        assert due("repeat-missing-review", start) == expected, why
    council = council_example(page)
    assert council is not None
    number, unit, start, expected = council
    assert unit == "working days"
    with configured(LocalTimescales(repeat_missing_review_working_days=number)):
        assert due("repeat-missing-review", start) == expected
