"""Re-referral: a referral within 12 months of a previous referral for the same child.

The DfE's children in need statistics count re-referrals this way (NATIONAL_STATS.md §1,
"Re-referrals within 12 m"; the ad hoc release "CIN: a focus on re-referrals"). Haven counts the
12 months as calendar months back from the new referral (STATUTORY.md counting conventions):
a previous referral on or after ``add_months(referral_date, -12)`` and on or before the new
referral date is within 12 months. See docs/statutory/re-referral.md.
"""

from collections.abc import Iterable
from datetime import date

from haven.timescales.calendar import add_months

__all__ = ["REREFERRAL_MONTHS", "is_re_referral", "window_start"]

REREFERRAL_MONTHS = 12


def window_start(referral_date: date) -> date:
    """The earliest previous referral date that makes ``referral_date`` a re-referral."""
    return add_months(referral_date, -REREFERRAL_MONTHS)


def is_re_referral(referral_date: date, previous_referral_dates: Iterable[date]) -> bool:
    """Whether any previous referral fell within the 12 months up to ``referral_date``.

    Dates after ``referral_date`` are ignored: they are later referrals, not previous ones.
    """
    start = window_start(referral_date)
    return any(start <= d <= referral_date for d in previous_referral_dates)
