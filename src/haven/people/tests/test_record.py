import datetime as dt
from typing import Any

import pytest
import time_machine

from haven.allocation.enums import SWReason
from haven.allocation.selectors import workers_in_last_year
from haven.allocation.services import allocation_start
from haven.people.selectors.record import age_on, record_for


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


@pytest.mark.django_db
def test_the_record_counts_the_workers_of_the_last_12_months(council: Any) -> None:
    child = council.children["allocated"]  # allocated since January 2024
    today = dt.date(2026, 3, 2)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        assert record_for(person=child).workers_last_year == 1
        for persona, on in (("colleague", dt.date(2025, 9, 1)), ("other_worker", today)):
            allocation_start(
                actor=None,
                child=child,
                worker=council.users[persona].worker,
                started_on=on,
                change_reason=SWReason.MANAGE,
            )
        assert record_for(person=child).workers_last_year == 3
    # A worker whose allocation ended more than a year before no longer counts.
    with time_machine.travel(dt.datetime(2026, 10, 1, 10, tzinfo=dt.UTC), tick=False):
        assert workers_in_last_year(child_id=child.pk, today=dt.date(2026, 10, 1)) == 2
    assert record_for(person=council.children["parent"]).workers_last_year is None
