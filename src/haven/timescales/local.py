"""The council's own timescales: the clocks that local procedure sets rather than statute.

Each council decides these for itself; the defaults are Haven's. The Django settings named in
``SETTING_NAMES`` are read once at start-up and passed to ``configure``; after that the values
only change in tests, through ``configured``. The state is module-level for that reason: it is set
once per process before any request, and this package must not import Django to read settings.

The rules in ``haven.timescales.clocks`` read ``current()`` each time a due date is worked out, so
a changed setting applies to clocks opened after the change. A deadline already open keeps the due
date it was given when it opened.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

__all__ = [
    "MAX_WORKING_DAYS",
    "MIN_WORKING_DAYS",
    "SETTING_NAMES",
    "LocalTimescales",
    "configure",
    "configured",
    "current",
]

MIN_WORKING_DAYS = 1
# About twelve weeks: a longer interval would defeat the purpose of a clock on a waiting case.
MAX_WORKING_DAYS = 60

SETTING_NAMES = {
    "unallocated_review_working_days": "HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS",
    "unallocated_escalation_working_days": "HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS",
}


@dataclass(frozen=True, kw_only=True)
class LocalTimescales:
    """A council's local timescales, each in working days.

    ``unallocated_review_working_days``: a manager reviews the risk to a child whose case is
    waiting for allocation within this many working days of the case joining the queue, and again
    at this interval (rule ``unallocated-risk-review``).

    ``unallocated_escalation_working_days``: a case still waiting for allocation this many working
    days after it joined the queue goes to the head of service (rule ``unallocated-escalation``).
    """

    unallocated_review_working_days: int = 5
    unallocated_escalation_working_days: int = 10

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            where = f"{f.name} (setting {SETTING_NAMES[f.name]})"
            # bool is a subclass of int, and True would silently mean 1 working day.
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(
                    f"{where} must be a whole number of working days, not {type(value).__name__}"
                )
            if not MIN_WORKING_DAYS <= value <= MAX_WORKING_DAYS:
                raise ValueError(
                    f"{where} must be between {MIN_WORKING_DAYS} and {MAX_WORKING_DAYS} "
                    f"working days, not {value}"
                )


_current = LocalTimescales()


def current() -> LocalTimescales:
    """The timescales in force in this process: Haven's defaults until ``configure`` is called."""
    return _current


def configure(values: LocalTimescales) -> None:
    """Set the council's timescales; called once at start-up from the Django settings.

    A ``LocalTimescales`` checks its values when it is built (``ValueError`` naming the field and
    its setting if one is below 1 or above 60 working days), so an invalid setting stops start-up.
    """
    global _current
    if not isinstance(values, LocalTimescales):
        raise TypeError(f"values must be a LocalTimescales, not {type(values).__name__}")
    _current = values


@contextmanager
def configured(values: LocalTimescales) -> Iterator[LocalTimescales]:
    """For tests: use ``values`` inside the block, then restore what was in force before.

    Not safe across threads, like ``configure`` itself.
    """
    previous = current()
    configure(values)
    try:
        yield values
    finally:
        configure(previous)
