"""The care leaver categories (Children Act 1989 Sch. 2 para 19B, ss.23A, 23C, 24; CPPCR reg 40;
CLR 2010 reg 3), table by table. Plain functions: no database."""

import datetime as dt

import pytest

from haven.care.eligibility import (
    PRESCRIBED_DAYS,
    Category,
    Spell,
    age_on,
    birthday,
    category,
    days_since_14,
    eligible_since,
)
from haven.care.enums import LeaverEligibility

D = dt.date
DOB = D(2008, 6, 15)  # 14 on 15 June 2022, 16 on 15 June 2024, 18 on 15 June 2026, 21 in 2029
E, R, F, Q = (
    Category.ELIGIBLE,
    Category.RELEVANT,
    Category.FORMER_RELEVANT,
    Category.QUALIFYING,
)

SINCE_14_HALF: list[Spell] = [(D(2023, 1, 1), None)]
LEFT_AT_16_HALF: list[Spell] = [(D(2023, 1, 1), D(2025, 1, 1))]
LEFT_AT_18: list[Spell] = [(D(2023, 1, 1), D(2026, 6, 15))]


def test_the_categories_are_the_leaver_eligibility_codes() -> None:
    assert {c.value for c in Category} == set(LeaverEligibility.values)


@pytest.mark.parametrize(
    ("spells", "on", "expected"),
    [
        # Never looked after.
        ([], D(2025, 6, 1), None),
        # Eligible: looked after now, 16 or 17, 13 weeks since 14 (para 19B(2), reg 40(1)).
        (SINCE_14_HALF, D(2024, 6, 15), E),  # from the 16th birthday itself
        (SINCE_14_HALF, D(2024, 6, 14), None),  # a day before it: 15
        (SINCE_14_HALF, D(2026, 6, 14), E),  # the last day before 18
        # Came into care at 15y10m: eligible once 13 weeks are done (91 days elapsed).
        ([(D(2024, 5, 1), None)], D(2024, 6, 15), None),
        ([(D(2024, 5, 1), None)], D(2024, 7, 30), None),
        ([(D(2024, 5, 1), None)], D(2024, 7, 31), E),
        # Time before the 14th birthday does not count.
        ([(D(2015, 1, 1), D(2022, 6, 1)), (D(2024, 7, 1), None)], D(2024, 8, 1), None),
        # Time from 13 counts from the 14th birthday: 16 days, then 106 from March 2024.
        ([(D(2021, 6, 15), D(2022, 7, 1)), (D(2024, 3, 1), None)], D(2024, 6, 15), E),
        # Periods add up: 45 days in 2023, then 46 from June 2024 make 91.
        ([(D(2023, 1, 1), D(2023, 2, 15)), (D(2024, 6, 1), None)], D(2024, 7, 16), None),
        ([(D(2023, 1, 1), D(2023, 2, 15)), (D(2024, 6, 1), None)], D(2024, 7, 17), E),
        # Relevant: left care at 16 or 17 having been eligible (s.23A(2)).
        (LEFT_AT_16_HALF, D(2025, 6, 1), R),
        # Left on the 16th birthday: never looked after at 16, so never eligible; and not
        # looked after after 16 either.
        ([(D(2023, 1, 1), D(2024, 6, 15))], D(2025, 1, 1), None),
        # Left the day after the 16th birthday: eligible just before, so relevant.
        ([(D(2023, 1, 1), D(2024, 6, 16))], D(2025, 1, 1), R),
        # Left at 16 before 13 weeks were done: qualifying (s.24(1B)).
        ([(D(2024, 7, 1), D(2024, 8, 1))], D(2025, 1, 1), Q),
        # Back in care at 17 after leaving eligible: eligible again straight away.
        ([(D(2023, 1, 1), D(2025, 1, 1)), (D(2025, 6, 1), None)], D(2025, 6, 1), E),
        # Former relevant: looked after on reaching 18 having been eligible (s.23C(1)(b)).
        (LEFT_AT_18, D(2026, 6, 15), F),
        (LEFT_AT_18, D(2029, 6, 14), F),
        (LEFT_AT_18, D(2029, 6, 15), None),  # 21, without asking for support to 25
        # Former relevant: once a relevant child (s.23C(1)(a)).
        (LEFT_AT_16_HALF, D(2027, 1, 1), F),
        # Looked after at 18 for 4 weeks only: qualifying to 21, then nothing.
        ([(D(2026, 5, 18), D(2026, 6, 15))], D(2026, 9, 1), Q),
        ([(D(2026, 5, 18), D(2026, 6, 15))], D(2029, 6, 15), None),
        # Looked after only before 16: none.
        ([(D(2020, 1, 1), D(2023, 1, 1))], D(2025, 1, 1), None),
        # Under 16, however long in care: none yet.
        ([(D(2010, 1, 1), None)], D(2024, 6, 1), None),
        # A spell after the day asked about does not count.
        ([(D(2025, 1, 1), None)], D(2024, 12, 1), None),
        # Not born yet, or 25 and over.
        (LEFT_AT_18, D(2008, 1, 1), None),
        (LEFT_AT_18, D(2033, 6, 15), None),
    ],
)
def test_category(spells: list[Spell], on: dt.date, expected: Category | None) -> None:
    assert category(DOB, spells, on) == expected


@pytest.mark.parametrize(
    ("spells", "on", "flags", "expected"),
    [
        # Lived at home six months since leaving at 16: not relevant (CLR 2010 reg 3), but
        # still qualifying, having been looked after after 16.
        (LEFT_AT_16_HALF, D(2025, 9, 1), {"at_home_six_months": True}, Q),
        # It does not touch an eligible child, who is looked after.
        (SINCE_14_HALF, D(2025, 9, 1), {"at_home_six_months": True}, E),
        # Support asked for to 25 (s.23CZB): former relevant from 21 to 24.
        (LEFT_AT_18, D(2029, 6, 15), {"support_to_25": True}, F),
        (LEFT_AT_18, D(2033, 6, 14), {"support_to_25": True}, F),
        (LEFT_AT_18, D(2033, 6, 15), {"support_to_25": True}, None),
        # Support to 25 is for former relevant young people, not qualifying ones.
        ([(D(2026, 5, 18), D(2026, 6, 15))], D(2029, 6, 15), {"support_to_25": True}, None),
        # Left care at 10 to a special guardianship order: qualifying from 16 to 21 (s.24(1A)).
        ([(D(2017, 1, 1), D(2018, 7, 1))], D(2024, 6, 15), {"special_guardianship": True}, Q),
        ([(D(2017, 1, 1), D(2018, 7, 1))], D(2024, 6, 14), {"special_guardianship": True}, None),
        ([(D(2017, 1, 1), D(2018, 7, 1))], D(2029, 6, 15), {"special_guardianship": True}, None),
        ([(D(2017, 1, 1), D(2018, 7, 1))], D(2024, 6, 15), {}, None),
    ],
)
def test_category_with_what_the_history_does_not_show(
    spells: list[Spell], on: dt.date, flags: dict[str, bool], expected: Category | None
) -> None:
    assert category(DOB, spells, on, **flags) == expected


@pytest.mark.parametrize(
    ("spells", "on", "expected"),
    [
        # In care since 14 and a half: eligible from the 16th birthday (CPPCR reg 42(1)).
        (SINCE_14_HALF, D(2025, 1, 1), D(2024, 6, 15)),
        # Came into care at 15y10m: from the day the 13 weeks were done.
        ([(D(2024, 5, 1), None)], D(2025, 1, 1), D(2024, 7, 31)),
        # 60 days before, then back in care at 17: 31 more days are needed.
        ([(D(2023, 1, 1), D(2023, 3, 2)), (D(2025, 7, 1), None)], D(2025, 9, 1), D(2025, 8, 1)),
        # Back in care at 17 having been eligible: from the day they came back.
        ([(D(2023, 1, 1), D(2025, 1, 1)), (D(2025, 6, 1), None)], D(2025, 9, 1), D(2025, 6, 1)),
        # Not eligible: no date.
        ([(D(2024, 5, 1), None)], D(2024, 7, 1), None),
        (LEFT_AT_16_HALF, D(2025, 6, 1), None),
    ],
)
def test_eligible_since(spells: list[Spell], on: dt.date, expected: dt.date | None) -> None:
    since = eligible_since(DOB, spells, on)
    assert since == expected
    if since is not None:
        assert category(DOB, spells, since) == Category.ELIGIBLE
        assert category(DOB, spells, since - dt.timedelta(days=1)) != Category.ELIGIBLE


def test_days_are_counted_from_the_14th_birthday_to_the_day_before() -> None:
    spells: list[Spell] = [(D(2022, 1, 1), D(2022, 7, 15)), (D(2023, 1, 1), None)]
    assert days_since_14(DOB, spells, D(2023, 1, 1)) == 30
    assert days_since_14(DOB, spells, D(2023, 1, 11)) == 40
    assert PRESCRIBED_DAYS == 91


@pytest.mark.parametrize(
    ("dob", "years", "expected"),
    [
        (D(2008, 2, 29), 16, D(2024, 2, 29)),  # a leap year has the day
        (D(2008, 2, 29), 17, D(2025, 3, 1)),  # a common year: 1 March
        (D(2008, 6, 15), 18, D(2026, 6, 15)),
    ],
)
def test_birthdays(dob: dt.date, years: int, expected: dt.date) -> None:
    assert birthday(dob, years) == expected
    assert age_on(dob, expected) == years
    assert age_on(dob, expected - dt.timedelta(days=1)) == years - 1


def test_a_leap_day_child_reaches_18_on_1_march_in_a_common_year() -> None:
    leap = D(2008, 2, 29)
    spells: list[Spell] = [(D(2023, 1, 1), D(2026, 3, 1))]
    assert category(leap, spells, D(2026, 2, 28)) == Category.ELIGIBLE
    assert category(leap, spells, D(2026, 3, 1)) == Category.FORMER_RELEVANT
