"""Which Children Act 1989 category of care leaver a young person is in on a given day.

Plain functions of the facts (standard library only), so the services, the pages and the table
tests agree. The caller passes the date of birth, the young person's spells of being looked
after as ``(start, end)`` pairs (``end`` None while they still are) and the day to decide for.

The categories (docs/care.md gives the sources in full):

* **Eligible** (Sch. 2 para 19B(2); CPPCR reg 40(1)): aged 16 or 17, looked after now, and looked
  after for 13 weeks or more in all since the 14th birthday, that time ending after the 16th.
* **Relevant** (s.23A(2)): aged 16 or 17, no longer looked after, and an eligible child before
  last ceasing to be looked after; not one who has since lived with a parent, or someone with
  parental responsibility, for six months or more (Care Leavers (England) Regulations 2010,
  reg 3), which the caller says.
* **Former relevant** (s.23C(1)): 18 to 20 (to 24 when the young person has asked for a personal
  adviser's support, s.23CZB) and either once a relevant child or looked after on reaching 18
  having been an eligible child just before.
* **Qualifying** (s.24(1A)-(1B)): under 21 and looked after at some time after 16 while still a
  child, but none of the above; or 16 to 20 and left care to a special guardianship order.

Counting. A spell's ``end`` is the day the child ceased to be looked after: they are looked after
from ``start`` up to, not including, ``end``; an open spell runs to the day asked about. Time
counts in whole days elapsed, so a child looked after from day D has been looked after 13 weeks
(91 days) on day D + 91. Only time on or after the 14th birthday counts.

Short breaks. A child in a pre-planned series of short breaks (CPPCR reg 48, 903 legal status V3
or V4) is not an eligible child on account of them (CPPCR reg 40(2)). The caller leaves
short-break episodes out of the spells it passes: that time does not count, and a child on a
short break is not looked after for these purposes.

Birthdays. A child born on 29 February has their birthday on 1 March in a common year.
"""

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

#: CPPCR reg 40(1): the prescribed period (13 weeks, in days) and the prescribed age.
PRESCRIBED_DAYS = 13 * 7
PRESCRIBED_AGE = 14

Spell = tuple[dt.date, dt.date | None]


class Category(StrEnum):
    """The values of ``haven.care.enums.LeaverEligibility`` (a test keeps them the same)."""

    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former_relevant"
    QUALIFYING = "qualifying"


def birthday(date_of_birth: dt.date, years: int) -> dt.date:
    """The day the child reaches ``years`` (29 February gives 1 March in a common year)."""
    try:
        return date_of_birth.replace(year=date_of_birth.year + years)
    except ValueError:
        return dt.date(date_of_birth.year + years, 3, 1)


def age_on(date_of_birth: dt.date, on: dt.date) -> int:
    """Whole years reached by ``on``, by the birthday rule above."""
    years = on.year - date_of_birth.year
    return years if birthday(date_of_birth, years) <= on else years - 1


def looked_after_on(spells: Sequence[Spell], on: dt.date) -> bool:
    return any(start <= on and (end is None or on < end) for start, end in spells)


def days_since_14(date_of_birth: dt.date, spells: Sequence[Spell], upto: dt.date) -> int:
    """Days looked after from the 14th birthday up to ``upto`` (not counting ``upto`` itself)."""
    fourteen = birthday(date_of_birth, PRESCRIBED_AGE)
    total = 0
    for start, end in spells:
        first = max(start, fourteen)
        last = upto if end is None else min(end, upto)
        total += max(0, (last - first).days)
    return total


def _eligible_on(date_of_birth: dt.date, spells: Sequence[Spell], on: dt.date) -> bool:
    """Looked after on ``on``, 16 or 17, and the 13 weeks since 14 done."""
    return (
        16 <= age_on(date_of_birth, on) < 18
        and looked_after_on(spells, on)
        and days_since_14(date_of_birth, spells, on) >= PRESCRIBED_DAYS
    )


def _eligible_when_leaving(date_of_birth: dt.date, end: dt.date, spells: Sequence[Spell]) -> bool:
    """Whether the child was an eligible child just before a spell ending on ``end``: looked
    after on a day on or after the 16th birthday, with the 13 weeks since 14 done by then."""
    return end > birthday(date_of_birth, 16) and (
        days_since_14(date_of_birth, spells, end) >= PRESCRIBED_DAYS
    )


def _ended_spells(spells: Sequence[Spell], on: dt.date) -> list[dt.date]:
    return sorted(end for _, end in spells if end is not None and end <= on)


def _was_relevant(date_of_birth: dt.date, spells: Sequence[Spell], on: dt.date) -> bool:
    """Ever left care at 16 or 17 having been an eligible child (s.23A(2))."""
    eighteen = birthday(date_of_birth, 18)
    return any(
        end < eighteen and _eligible_when_leaving(date_of_birth, end, spells)
        for end in _ended_spells(spells, on)
    )


def _eligible_at_18(date_of_birth: dt.date, spells: Sequence[Spell]) -> bool:
    """Looked after when they reached 18, and an eligible child just before (s.23C(1)(b))."""
    eighteen = birthday(date_of_birth, 18)
    in_care = any(start < eighteen and (end is None or end >= eighteen) for start, end in spells)
    return in_care and days_since_14(date_of_birth, spells, eighteen) >= PRESCRIBED_DAYS


def _looked_after_between_16_and_18(date_of_birth: dt.date, spells: Sequence[Spell]) -> bool:
    sixteen, eighteen = birthday(date_of_birth, 16), birthday(date_of_birth, 18)
    return any(start < eighteen and (end is None or end > sixteen) for start, end in spells)


def category(
    date_of_birth: dt.date,
    spells: Sequence[Spell],
    on: dt.date,
    *,
    special_guardianship: bool = False,
    at_home_six_months: bool = False,
    support_to_25: bool = False,
) -> Category | None:
    """The young person's category on ``on``, or None when they are in none.

    ``special_guardianship``: they left care to a special guardianship order (903 REC E45-E48),
    for s.24(1A). ``at_home_six_months``: since leaving care at 16 or 17 they have lived with a
    parent or someone with parental responsibility for six months or more (CLR 2010 reg 3), so
    are not a relevant child. ``support_to_25``: from 21 they have asked for a personal
    adviser's support (s.23CZB), so stay a former relevant child to 25.
    """
    if on < date_of_birth:
        return None
    spells = [(start, end) for start, end in spells if start <= on]
    age = age_on(date_of_birth, on)
    if age < 16 or age >= 25:
        return None
    if age < 18:
        if looked_after_on(spells, on):
            return Category.ELIGIBLE if _eligible_on(date_of_birth, spells, on) else None
        ended = _ended_spells(spells, on)
        if (
            ended
            and _eligible_when_leaving(date_of_birth, ended[-1], spells)
            and not at_home_six_months
        ):
            return Category.RELEVANT
    elif (age < 21 or support_to_25) and (
        _was_relevant(date_of_birth, spells, on) or _eligible_at_18(date_of_birth, spells)
    ):
        return Category.FORMER_RELEVANT
    if age < 21 and (
        special_guardianship or _looked_after_between_16_and_18(date_of_birth, spells)
    ):
        return Category.QUALIFYING
    return None


def eligible_since(date_of_birth: dt.date, spells: Sequence[Spell], on: dt.date) -> dt.date | None:
    """The day an eligible child became one in their current spell (the later of their 16th
    birthday and the day the 13 weeks since 14 were done: CPPCR reg 42(1)), or None when they
    are not an eligible child on ``on``."""
    if not _eligible_on(date_of_birth, spells, on):
        return None
    start = max(s for s, e in spells if s <= on and (e is None or on < e))
    fourteen = birthday(date_of_birth, PRESCRIBED_AGE)
    before = days_since_14(date_of_birth, spells, start)
    counted_from = max(start, fourteen)
    done = counted_from + dt.timedelta(days=max(0, PRESCRIBED_DAYS - before))
    return max(birthday(date_of_birth, 16), start, done)
