"""The 72-hour return home interview: counted in elapsed hours from the moment of return, across
midnight, weekends, bank holidays and the changes of the clocks (STATUTORY.md counting
conventions: hours from the recorded time, in Europe/London local time)."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from haven.timescales.calendar import default_calendar
from haven.timescales.rules import RULEBOOK, Confirmation, DayType, Rule

from .docs_pages import page_date

LONDON = ZoneInfo("Europe/London")
RULE = RULEBOOK.get("return-home-interview", date(2024, 1, 1))
DOCS_PAGE = Path(__file__).resolve().parents[4] / "docs" / "statutory" / "return-home-interview.md"


def at(y: int, m: int, d: int, h: int, mi: int = 0, *, fold: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=LONDON, fold=fold)


def due_at(returned: datetime) -> datetime:
    assert RULE.due_at is not None
    return RULE.due_at(returned)


# (returned, due, why): each due time is the wall-clock time in London.
TABLE = [
    (at(2024, 6, 12, 14, 30), at(2024, 6, 15, 14, 30), "summer: the same time 3 days on"),
    (at(2024, 6, 12, 23, 45), at(2024, 6, 15, 23, 45), "just before midnight stays on its own day"),
    (at(2024, 6, 13, 0, 15), at(2024, 6, 16, 0, 15), "just after midnight is the next day's"),
    (at(2024, 6, 14, 22, 0), at(2024, 6, 17, 22, 0), "the weekend counts"),
    (at(2024, 12, 24, 9, 0), at(2024, 12, 27, 9, 0), "bank holidays count"),
    # The clocks go forward at 01:00 GMT on Sunday 31 March 2024: an hour is lost.
    (at(2024, 3, 30, 10, 0), at(2024, 4, 2, 11, 0), "across the spring change: an hour later"),
    (at(2024, 3, 30, 23, 30), at(2024, 4, 3, 0, 30), "...and can fall on the next day"),
    (at(2024, 3, 31, 3, 0), at(2024, 4, 3, 3, 0), "after the change: no shift"),
    (at(2024, 3, 28, 0, 30), at(2024, 3, 31, 0, 30), "ending just before the change"),
    (at(2024, 3, 28, 1, 30), at(2024, 3, 31, 2, 30), "ending just after it (BST)"),
    # The clocks go back at 02:00 BST on Sunday 27 October 2024: 01:00-02:00 happens twice.
    (at(2024, 10, 26, 10, 0), at(2024, 10, 29, 9, 0), "across the autumn change: an hour earlier"),
    (at(2024, 10, 26, 0, 30), at(2024, 10, 28, 23, 30), "...and can fall on the day before"),
    (at(2024, 10, 27, 1, 30), at(2024, 10, 30, 0, 30), "the first 01:30 (BST)"),
    (at(2024, 10, 27, 1, 30, fold=1), at(2024, 10, 30, 1, 30), "the second 01:30 (GMT)"),
    (at(2024, 10, 24, 1, 30), at(2024, 10, 27, 1, 30), "ending in the repeated hour (BST)"),
    (at(2024, 10, 24, 2, 30), at(2024, 10, 27, 1, 30, fold=1), "...or (GMT)"),
]


@pytest.mark.parametrize(("returned", "expected", "why"), TABLE, ids=[row[2] for row in TABLE])
def test_the_interview_is_due_72_hours_after_the_return(
    returned: datetime, expected: datetime, why: str
) -> None:
    due = due_at(returned)
    assert due.tzinfo == LONDON
    assert (due.replace(tzinfo=None), due.fold) == (expected.replace(tzinfo=None), expected.fold)
    assert due.utcoffset() == expected.utcoffset()
    assert due.astimezone(UTC) - returned.astimezone(UTC) == timedelta(hours=72)


def test_a_return_recorded_in_another_zone_is_the_same_moment() -> None:
    in_utc = datetime(2024, 7, 1, 9, 0, tzinfo=UTC)
    assert due_at(in_utc) == due_at(in_utc.astimezone(LONDON))
    assert due_at(in_utc).astimezone(LONDON) == at(2024, 7, 4, 10, 0)


def test_a_moment_without_a_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        due_at(datetime(2024, 7, 1, 9, 0))


def test_a_time_in_the_hour_the_clocks_skipped_is_refused() -> None:
    with pytest.raises(ValueError, match="did not happen"):
        due_at(at(2024, 3, 31, 1, 30))


def test_a_return_known_only_by_its_date_counts_from_midday() -> None:
    calendar = default_calendar()
    assert RULE.due(date(2024, 3, 30), calendar) == date(2024, 4, 2)
    assert RULE.due(date(2024, 10, 26), calendar) == date(2024, 10, 29)
    assert RULE.due(date(2024, 12, 21), calendar) == date(2024, 12, 24)  # a Saturday


def test_the_rule_is_an_hours_clock_from_the_2014_guidance() -> None:
    assert RULE.day_type is DayType.HOURS
    assert RULE.confirmation is Confirmation.CONFIRMED
    assert "January 2014" in RULE.source
    assert RULE.effective_from == date(2014, 1, 1)


@pytest.mark.parametrize("day_type", list(DayType))
def test_due_at_belongs_to_hours_clocks_only(day_type: DayType) -> None:
    def plus(start: date, calendar: object) -> date:
        return start + timedelta(days=1)

    def later(start: datetime) -> datetime:
        return start + timedelta(hours=1)

    fields = {
        "id": "test-clock",
        "version": 1,
        "title": "A test clock",
        "source": "Test",
        "effective_from": date(2020, 1, 1),
        "effective_to": None,
        "day_type": day_type,
        "due": plus,
        "starts": "Something happened",
        "confirmation": Confirmation.UNCONFIRMED,
    }
    if day_type is DayType.HOURS:
        Rule(**fields, due_at=later)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="hours clock"):
            Rule(**fields)  # type: ignore[arg-type]
    else:
        Rule(**fields)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="hours clock"):
            Rule(**fields, due_at=later)  # type: ignore[arg-type]


def test_the_docs_page_examples_are_the_rule_s() -> None:
    """Each worked example on the page: "returned at HH:MM on <date>" → "HH:MM on <date>"."""
    page = DOCS_PAGE.read_text(encoding="utf-8")
    assert RULE.title in page
    section = page.split("\n## Worked examples\n", 1)[1]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and ":" in line.split("|")[1]
    ]
    assert len(rows) >= 6
    for returned_cell, due_cell, _why in rows:
        returned = _moment(returned_cell)
        expected = _moment(due_cell)
        assert due_at(returned).astimezone(UTC) == expected.astimezone(UTC), returned_cell


def _moment(cell: str) -> datetime:
    """ "10:00 on Saturday 30 March 2024", with "(GMT)" or "(BST)" for a repeated hour."""
    clock, _, rest = cell.partition(" on ")
    hour, minute = (int(part) for part in clock.split(":"))
    day = page_date(rest)
    fold = 1 if "(GMT)" in rest and day.month == 10 else 0
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON, fold=fold)
