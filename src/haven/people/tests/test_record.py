import datetime as dt

import pytest

from haven.people.selectors.record import age_on


@pytest.mark.parametrize(
    ("born", "today", "age"),
    [
        (dt.date(2015, 3, 2), dt.date(2026, 3, 1), "10 years"),
        (dt.date(2015, 3, 2), dt.date(2026, 3, 2), "11 years"),
        (dt.date(2024, 2, 29), dt.date(2026, 2, 28), "23 months"),
        (dt.date(2026, 1, 31), dt.date(2026, 3, 1), "1 month"),
        (dt.date(2026, 2, 20), dt.date(2026, 3, 1), "1 week"),
    ],
)
def test_ages_are_written_as_social_workers_write_them(
    born: dt.date, today: dt.date, age: str
) -> None:
    assert age_on(born, today) == age
