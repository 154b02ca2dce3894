from datetime import date

import pytest

from haven.timescales.calendar import add_months
from haven.timescales.rereferral import is_re_referral, window_start


@pytest.mark.parametrize(
    ("referral", "previous", "expected"),
    [
        (date(2025, 6, 10), date(2024, 7, 10), True),  # 11 months before
        (date(2025, 6, 10), date(2024, 5, 10), False),  # 13 months before
        (date(2025, 6, 10), date(2024, 6, 10), True),  # exactly 12 months: within
        (date(2025, 6, 10), date(2024, 6, 9), False),  # 12 months and a day
        (date(2025, 6, 10), date(2025, 6, 10), True),  # the same day
        (date(2025, 6, 10), date(2025, 6, 11), False),  # a later referral is not a previous one
        # Month ends.
        (date(2024, 3, 31), date(2023, 3, 31), True),
        (date(2024, 3, 31), date(2023, 3, 30), False),
        (date(2025, 1, 31), date(2024, 1, 31), True),
        (date(2024, 12, 31), date(2024, 1, 1), True),
        (date(2025, 1, 1), date(2023, 12, 31), False),
        # Leap years: 29 February 2024 less 12 months is 28 February 2023.
        (date(2024, 2, 29), date(2023, 2, 28), True),
        (date(2024, 2, 29), date(2023, 2, 27), False),
        (date(2025, 2, 28), date(2024, 2, 28), True),
        (date(2025, 2, 28), date(2024, 2, 29), True),
        (date(2025, 2, 28), date(2024, 2, 27), False),
        (date(2025, 3, 1), date(2024, 2, 29), False),
    ],
)
def test_is_re_referral(referral: date, previous: date, expected: bool) -> None:
    assert is_re_referral(referral, [previous]) is expected


def test_no_previous_referral_is_not_a_re_referral() -> None:
    assert is_re_referral(date(2025, 6, 10), []) is False


def test_any_previous_referral_within_the_window_counts() -> None:
    previous = [date(2020, 1, 1), date(2023, 5, 1), date(2025, 1, 2)]
    assert is_re_referral(date(2025, 6, 10), previous) is True
    assert is_re_referral(date(2025, 6, 10), iter(previous)) is True  # any iterable


@pytest.mark.parametrize(
    ("referral", "start"),
    [
        (date(2025, 6, 10), date(2024, 6, 10)),
        (date(2024, 2, 29), date(2023, 2, 28)),
        (date(2025, 1, 15), date(2024, 1, 15)),
    ],
)
def test_window_start(referral: date, start: date) -> None:
    assert window_start(referral) == start


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
        (date(2025, 1, 31), -12, date(2024, 1, 31)),
        (date(2025, 5, 31), -13, date(2024, 4, 30)),
        (date(2024, 2, 29), -12, date(2023, 2, 28)),
        (date(2024, 2, 29), -48, date(2020, 2, 29)),
    ],
)
def test_add_months_counts_backwards(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected
