import calendar as stdlib_calendar
from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from haven.timescales.calendar import WorkingDayCalendar, add_months, default_calendar

CAL = default_calendar()

# Far enough from the end of the data that 100 working days always fit.
starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 6, 30))
counts = st.integers(min_value=0, max_value=100)


def naive_add_working_days(cal: WorkingDayCalendar, d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        if cal.is_working_day(d):
            n -= 1
    return d


@given(starts, counts)
def test_between_inverts_add(d: date, n: int) -> None:
    assert CAL.working_days_between(d, CAL.add_working_days(d, n)) == n


@given(starts, counts)
def test_add_matches_a_day_by_day_count(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) == naive_add_working_days(CAL, d, n)


@given(starts, st.integers(min_value=1, max_value=100))
def test_result_is_a_working_day_after_the_event(d: date, n: int) -> None:
    due = CAL.add_working_days(d, n)
    assert due > d
    assert CAL.is_working_day(due)


@given(starts, counts)
def test_strictly_monotonic_in_n(d: date, n: int) -> None:
    assert CAL.add_working_days(d, n) < CAL.add_working_days(d, n + 1)


@given(starts, st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=50))
def test_adding_in_two_steps_is_the_same(d: date, m: int, n: int) -> None:
    assert CAL.add_working_days(CAL.add_working_days(d, m), n) == CAL.add_working_days(d, m + n)


@given(starts, st.integers(min_value=0, max_value=60))
def test_between_counts_working_days_after_a_up_to_b(a: date, span: int) -> None:
    b = a + timedelta(days=span)
    expected = sum(CAL.is_working_day(a + timedelta(days=i)) for i in range(1, span + 1))
    assert CAL.working_days_between(a, b) == expected


@given(starts, starts)
def test_between_is_zero_or_positive_and_monotonic_in_b(a: date, b: date) -> None:
    count = CAL.working_days_between(a, b)
    assert count >= 0
    if b <= a:
        assert count == 0
    else:
        assert CAL.working_days_between(a, b + timedelta(days=1)) >= count


@given(
    st.sets(st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)), min_size=1),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 6, 30)),
    st.integers(min_value=0, max_value=40),
)
def test_properties_hold_for_any_holiday_list(holidays: set[date], d: date, n: int) -> None:
    cal = WorkingDayCalendar(holidays)
    assume(cal.working_days_between(d, date(2024, 12, 31)) >= n)
    due = cal.add_working_days(d, n)
    assert cal.working_days_between(d, due) == n
    assert due == naive_add_working_days(cal, d, n)
    if n:
        assert due not in holidays
        assert due.weekday() < 5


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=-240, max_value=240),
)
def test_add_months_clamps_to_month_end(d: date, n: int) -> None:
    result = add_months(d, n)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day <= d.day
    last_day = stdlib_calendar.monthrange(result.year, result.month)[1]
    assert result.day == d.day or result.day == last_day


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_add_zero_months_is_identity(d: date) -> None:
    assert add_months(d, 0) == d


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=120),
)
def test_add_months_is_monotonic(d: date, m: int, n: int) -> None:
    if m <= n:
        assert add_months(d, m) <= add_months(d, n)
