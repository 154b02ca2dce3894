"""Which CPPCR reg 28 visiting clock applies to a looked-after child next.

The visiting interval depends on more facts than a date (rules.py: a clock that does is split into
one rule per case and the caller picks the rule). This module is the picking, in one place, so the
services and the table test in tests/test_care_visits.py agree. The variants are STATUTORY.md §1
rows 14 to 19; each rule's page in docs/statutory/ gives its source.

* No visit yet in this placement (or since a full care order was made while the child lives with a
  parent): within a week (``lac-visit-first-week``).
* A child placed with a parent before the assessment is complete (reg 19): weekly until the first
  review, then every 6 weeks.
* A child with a connected person on temporary approval (reg 24), or at home with a parent under an
  interim care order: weekly until the first review, then every 4 weeks. A child placed with a
  parent before the assessment is complete *and* under an interim care order meets both rows; the
  more frequent, 4 weeks, applies (visiting that often keeps both).
* A child at home with a parent under a full care order (reg 28(5)): every 6 weeks.
* Otherwise every 6 weeks in the first year of the placement; after it, every 3 months where the
  placement is intended to last until the child is 18, or every 6 months in such a long-term foster
  placement where the child has agreed; else still every 6 weeks.
* Short breaks (V3, V4): at intervals agreed with the IRO and the parents, so no clock.

The first year is judged from the visit the next one is due from: a visit before the placement's
first anniversary keeps the 6-week interval, the cautious reading.
"""

from dataclasses import dataclass
from datetime import date

from haven.timescales.calendar import add_months

__all__ = ["VisitFacts", "next_visit_rule"]

FIRST_WEEK = "lac-visit-first-week"
WEEKLY = "lac-visit-weekly"
SIX_WEEKLY = "lac-visit-first-year"
FOUR_WEEKLY = "lac-visit-four-weekly"
THREE_MONTHLY = "lac-visit-long-term"
SIX_MONTHLY = "lac-visit-long-term-foster"

_SHORT_BREAKS = frozenset({"V3", "V4"})
_LONG_TERM_FOSTER = frozenset({"U1", "U4"})


@dataclass(frozen=True, kw_only=True)
class VisitFacts:
    """What the visiting interval turns on, in 903 codes."""

    placed_on: date  # the placement's start
    place: str  # 903 PLACE
    legal_status: str  # 903 LS
    regime: str = "standard"  # "reg19", "reg24" or "standard"
    long_term: bool = False  # the placement is intended to last until the child is 18
    child_agreed_fewer_visits: bool = False
    first_review_held: bool = False
    last_visit: date | None = None  # the last visit in this placement at which the child was seen
    care_order_at_home_on: date | None = None  # a full care order made while placed with a parent


def next_visit_rule(facts: VisitFacts) -> tuple[str, date] | None:
    """The rule for the next visit and the date its clock starts from, or None (short breaks)."""
    if facts.legal_status in _SHORT_BREAKS:
        return None
    last = facts.last_visit
    at_home = facts.place == "P1"
    order_at_home = facts.care_order_at_home_on if at_home and facts.legal_status == "C2" else None
    if last is None:
        return FIRST_WEEK, facts.placed_on
    if order_at_home is not None and last < order_at_home:
        return FIRST_WEEK, order_at_home
    if facts.regime == "reg24" or (at_home and facts.legal_status == "C1"):
        return (FOUR_WEEKLY if facts.first_review_held else WEEKLY), last
    if facts.regime == "reg19":
        return (SIX_WEEKLY if facts.first_review_held else WEEKLY), last
    if at_home and facts.legal_status == "C2":
        return SIX_WEEKLY, last
    if last < add_months(facts.placed_on, 12) or not facts.long_term:
        return SIX_WEEKLY, last
    if facts.place in _LONG_TERM_FOSTER and facts.child_agreed_fewer_visits:
        return SIX_MONTHLY, last
    return THREE_MONTHLY, last
