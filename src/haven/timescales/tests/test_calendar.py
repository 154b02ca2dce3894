import dataclasses
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from haven.timescales.calendar import (
    CalendarRangeError,
    WorkingDayCalendar,
    add_days,
    add_months,
    add_weeks,
    default_calendar,
    shipped_bank_holidays,
)

CAL = default_calendar()


def easter_sunday(year: int) -> date:
    """Anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


# --- the shipped data ----------------------------------------------------------------------------


def test_default_calendar_covers_2015_to_2027() -> None:
    assert (CAL.first_year, CAL.last_year) == (2015, 2027)
    assert CAL.covers(date(2015, 1, 1))
    assert CAL.covers(date(2027, 12, 31))
    assert not CAL.covers(date(2014, 12, 31))
    assert not CAL.covers(date(2028, 1, 1))


def test_default_calendar_is_cached() -> None:
    assert default_calendar() is default_calendar()


@pytest.mark.parametrize(
    ("year", "count"),
    [(y, 8) for y in range(2015, 2028) if y not in (2022, 2023)] + [(2022, 10), (2023, 9)],
)
def test_holidays_per_year(year: int, count: int) -> None:
    assert len([d for d in CAL.holidays if d.year == year]) == count


def test_every_listed_holiday_is_a_weekday() -> None:
    # Substitute days replace weekend holidays, so nothing in the list falls at a weekend.
    assert all(d.weekday() < 5 for d in CAL.holidays)


@pytest.mark.parametrize(
    ("sunday", "year"),
    [(date(2019, 4, 21), 2019), (date(2024, 3, 31), 2024), (date(2025, 4, 20), 2025)],
)
def test_computus_matches_known_easters(sunday: date, year: int) -> None:
    assert easter_sunday(year) == sunday


@pytest.mark.parametrize("year", range(2015, 2028))
def test_good_friday_and_easter_monday(year: int) -> None:
    easter = easter_sunday(year)
    assert easter - timedelta(days=2) in CAL.holidays
    assert easter + timedelta(days=1) in CAL.holidays


@pytest.mark.parametrize(
    "holiday",
    [
        date(2015, 12, 28),  # Boxing Day (Saturday) substitute
        date(2016, 12, 27),  # Christmas Day (Sunday) substitute
        date(2017, 1, 2),  # New Year's Day (Sunday) substitute
        date(2020, 5, 8),  # Early May moved to VE day, Friday
        date(2020, 12, 28),
        date(2021, 12, 27),
        date(2021, 12, 28),
        date(2022, 1, 3),
        date(2022, 6, 2),  # Spring bank holiday moved to Thursday
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
        date(2022, 12, 26),
        date(2022, 12, 27),
        date(2023, 1, 2),
        date(2023, 5, 8),  # Coronation of King Charles III
        date(2026, 12, 28),
        date(2027, 12, 27),
        date(2027, 12, 28),
    ],
)
def test_substitute_and_one_off_holidays_are_listed(holiday: date) -> None:
    assert holiday in CAL.holidays
    assert not CAL.is_working_day(holiday)


@pytest.mark.parametrize(
    "not_a_holiday",
    [
        date(2020, 5, 4),  # first Monday of May 2020: moved to 8 May
        date(2022, 5, 30),  # last Monday of May 2022: moved to 2 June
        date(2015, 12, 29),
        date(2023, 1, 3),
    ],
)
def test_moved_holidays_are_working_days(not_a_holiday: date) -> None:
    assert CAL.is_working_day(not_a_holiday)


def test_shipped_titles_mark_substitute_days() -> None:
    titles = dict(shipped_bank_holidays())
    assert titles[date(2021, 12, 28)] == "Boxing Day (Substitute day)"
    assert titles[date(2023, 5, 8)] == "Bank holiday for the coronation of King Charles III"


# --- is_working_day ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 3, 8), True),  # Friday
        (date(2024, 3, 9), False),  # Saturday
        (date(2024, 3, 10), False),  # Sunday
        (date(2024, 3, 29), False),  # Good Friday
        (date(2024, 4, 1), False),  # Easter Monday
        (date(2024, 4, 2), True),
        (date(2024, 12, 25), False),
        (date(2024, 12, 26), False),
        (date(2024, 12, 27), True),
        (date(2021, 12, 25), False),  # Saturday Christmas
        (date(2021, 12, 29), True),
        (date(2024, 2, 29), True),  # leap day, a Thursday
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


# --- add_working_days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # weekends
        (date(2024, 3, 7), 1, date(2024, 3, 8)),  # Thu -> Fri
        (date(2024, 3, 8), 1, date(2024, 3, 11)),  # Fri -> Mon
        (date(2024, 3, 9), 1, date(2024, 3, 11)),  # Sat: Monday is day 1
        (date(2024, 3, 10), 1, date(2024, 3, 11)),  # Sun: Monday is day 1
        (date(2024, 3, 9), 2, date(2024, 3, 12)),
        (date(2024, 3, 9), 0, date(2024, 3, 9)),  # n == 0 returns the date itself
        (date(2024, 3, 8), 5, date(2024, 3, 15)),
        # Christmas and New Year, with substitute days
        (date(2015, 12, 24), 1, date(2015, 12, 29)),  # Boxing Day Sat -> Mon 28
        (date(2016, 12, 23), 1, date(2016, 12, 28)),  # Christmas Sun -> Tue 27
        (date(2020, 12, 24), 1, date(2020, 12, 29)),
        (date(2021, 12, 24), 1, date(2021, 12, 29)),  # both on the weekend -> 27 and 28
        (date(2021, 12, 24), 3, date(2021, 12, 31)),
        (date(2021, 12, 31), 1, date(2022, 1, 4)),  # New Year Sat -> Mon 3
        (date(2022, 12, 23), 1, date(2022, 12, 28)),
        (date(2024, 12, 24), 1, date(2024, 12, 27)),
        (date(2024, 12, 25), 1, date(2024, 12, 27)),  # event on a holiday
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # Easter
        (date(2024, 3, 28), 1, date(2024, 4, 2)),
        (date(2024, 3, 29), 1, date(2024, 4, 2)),  # event on Good Friday
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        (date(2024, 3, 18), 15, date(2024, 4, 10)),
        # one-offs
        (date(2020, 5, 7), 1, date(2020, 5, 11)),  # VE day Friday
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # Spring + Jubilee, Thu and Fri
        (date(2022, 9, 16), 1, date(2022, 9, 20)),  # State Funeral Monday
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # Coronation Monday
        (date(2023, 5, 6), 1, date(2023, 5, 9)),  # Saturday before it
        # longer spans
        (date(2024, 1, 8), 45, date(2024, 3, 11)),
        (date(2024, 11, 25), 45, date(2025, 1, 30)),
        (date(2024, 12, 21), 20, date(2025, 1, 22)),  # Saturday, over Christmas
        # the day before the data begins may be day 0
        (date(2014, 12, 31), 1, date(2015, 1, 2)),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected
    assert CAL.working_days_between(start, expected) == n


def test_next_working_day_is_strictly_after() -> None:
    assert CAL.next_working_day(date(2024, 3, 7)) == date(2024, 3, 8)
    assert CAL.next_working_day(date(2024, 3, 8)) == date(2024, 3, 11)
    assert CAL.next_working_day(date(2023, 12, 22)) == date(2023, 12, 27)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2024, 3, 8), date(2024, 3, 11), 1),
        (date(2024, 3, 8), date(2024, 3, 8), 0),
        (date(2024, 3, 11), date(2024, 3, 8), 0),
        (date(2024, 3, 9), date(2024, 3, 10), 0),  # a weekend
        (date(2021, 12, 24), date(2021, 12, 31), 3),
        (date(2024, 1, 1), date(2024, 12, 31), 254),  # 262 weekdays less 8 holidays
    ],
)
def test_working_days_between(a: date, b: date, expected: int) -> None:
    assert CAL.working_days_between(a, b) == expected


# --- range and argument errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.is_working_day(date(2014, 12, 31)),
        lambda: CAL.is_working_day(date(2028, 1, 3)),
        lambda: CAL.is_working_day(date(2028, 1, 1)),  # even a Saturday: outside means outside
        lambda: CAL.add_working_days(date(2014, 12, 30), 1),
        lambda: CAL.add_working_days(date(2027, 12, 31), 1),
        lambda: CAL.add_working_days(date(2027, 12, 20), 10),
        lambda: CAL.add_working_days(date(2030, 1, 1), 1),
        lambda: CAL.working_days_between(date(2027, 12, 1), date(2028, 1, 5)),
        lambda: CAL.working_days_between(date(2010, 1, 1), date(2015, 1, 5)),
    ],
)
def test_outside_the_data_raises(call: Callable[[], object]) -> None:
    with pytest.raises(CalendarRangeError, match="2015-2027"):
        call()


def test_range_error_is_a_value_error() -> None:
    assert issubclass(CalendarRangeError, ValueError)


def test_n_zero_needs_no_data() -> None:
    assert CAL.add_working_days(date(2030, 1, 1), 0) == date(2030, 1, 1)
    assert CAL.working_days_between(date(2030, 1, 2), date(2030, 1, 1)) == 0


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        CAL.add_working_days(date(2024, 1, 1), -1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.add_working_days(datetime(2024, 1, 1, 9, 0), 1),
        lambda: CAL.is_working_day("2024-01-01"),  # type: ignore[arg-type]
        lambda: CAL.add_working_days(date(2024, 1, 1), 1.0),  # type: ignore[arg-type]
        lambda: CAL.add_working_days(date(2024, 1, 1), True),
        lambda: add_months(date(2024, 1, 1), 1.5),  # type: ignore[arg-type]
    ],
)
def test_wrong_types_are_refused(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError):
        call()


# --- building calendars --------------------------------------------------------------------------


def test_small_calendar_covers_only_its_years() -> None:
    cal = WorkingDayCalendar([date(2024, 1, 1), date(2024, 12, 25)])
    assert (cal.first_year, cal.last_year) == (2024, 2024)
    assert cal.add_working_days(date(2023, 12, 31), 1) == date(2024, 1, 2)
    with pytest.raises(CalendarRangeError):
        cal.is_working_day(date(2025, 1, 1))


def test_calendar_refuses_a_year_without_holidays() -> None:
    with pytest.raises(ValueError, match="no bank holidays listed for 2025"):
        WorkingDayCalendar([date(2024, 1, 1), date(2026, 1, 1)])


def test_calendar_refuses_explicit_years_it_has_no_data_for() -> None:
    with pytest.raises(ValueError, match="no bank holidays listed for 2025"):
        WorkingDayCalendar([date(2024, 1, 1)], last_year=2025)


def test_calendar_refuses_holidays_outside_explicit_years() -> None:
    with pytest.raises(ValueError, match="outside the covered years"):
        WorkingDayCalendar([date(2024, 1, 1), date(2025, 1, 1)], last_year=2024)


def test_calendar_refuses_an_empty_list() -> None:
    with pytest.raises(ValueError, match="at least one bank holiday"):
        WorkingDayCalendar([])


def test_calendar_is_frozen_and_comparable() -> None:
    a = WorkingDayCalendar([date(2024, 1, 1)])
    b = WorkingDayCalendar(iter([date(2024, 1, 1)]))
    assert a == b
    assert hash(a) == hash(b)
    assert a != WorkingDayCalendar([date(2024, 1, 2)])
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.first_year = 2000  # type: ignore[misc]
    assert repr(a) == "WorkingDayCalendar(1 holidays, 2024-2024)"


# --- calendar months, days and weeks -------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 10, 31), 3, date(2025, 1, 31)),
        (date(2024, 5, 15), 3, date(2024, 8, 15)),
        (date(2024, 12, 25), 0, date(2024, 12, 25)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -13, date(2023, 12, 15)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_needs_no_bank_holiday_data() -> None:
    assert add_months(date(2040, 1, 31), 1) == date(2040, 2, 29)


def test_add_months_past_the_last_year_raises() -> None:
    with pytest.raises(ValueError, match="outside the supported years"):
        add_months(date(9999, 12, 1), 1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
        (date(2023, 2, 28), 1, date(2023, 3, 1)),
        (date(2024, 12, 31), 1, date(2025, 1, 1)),
        (date(2024, 1, 1), 0, date(2024, 1, 1)),
    ],
)
def test_add_days(start: date, n: int, expected: date) -> None:
    assert add_days(start, n) == expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 12, 30), 1, date(2025, 1, 6)),
        (date(2024, 2, 22), 1, date(2024, 2, 29)),
        (date(2024, 1, 1), 6, date(2024, 2, 12)),
    ],
)
def test_add_weeks(start: date, n: int, expected: date) -> None:
    assert add_weeks(start, n) == expected
