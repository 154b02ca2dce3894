"""The council's own timescales: the clocks that local procedure sets rather than statute.

Each council decides these for itself; the defaults are Haven's. The Django settings named in
``SETTING_NAMES`` are read once at start-up and passed to ``configure``; after that the values
only change in tests, through ``configured``. The state is module-level for that reason: it is set
once per process before any request, and this package must not import Django to read settings.

Each value is a whole number in its own unit, checked against that unit's limits (``LIMITS``):
working days from 1 to 60 for the allocation-queue clocks, the child protection visit, the
placement plan, the manager's review of a child missing again and again and a worker's look at a
shared risk of exploitation; weeks from 1 to 26 for child in need visits, core group meetings, PEP
reviews, personal adviser contact and the review of an exploitation screening; months
from 1 to 12 for child in need plan reviews; and calendar days from 1 to 90 for the review of a
placement in an unregistered setting.

The rules in ``haven.timescales.clocks`` read ``current()`` each time a due date is worked out, so
a changed setting applies to clocks opened after the change. A deadline already open keeps the due
date it was given when it opened.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import NamedTuple

__all__ = [
    "LIMITS",
    "MAX_DAYS",
    "MAX_MONTHS",
    "MAX_WEEKS",
    "MAX_WORKING_DAYS",
    "MIN_DAYS",
    "MIN_MONTHS",
    "MIN_WEEKS",
    "MIN_WORKING_DAYS",
    "SETTING_NAMES",
    "Limits",
    "LocalTimescales",
    "configure",
    "configured",
    "current",
]

MIN_WORKING_DAYS = 1
# About twelve weeks: a longer interval would defeat the purpose of a clock on a waiting case.
MAX_WORKING_DAYS = 60
MIN_WEEKS = 1
# Half a year: a visit or a core group less often than that is no longer a cadence.
MAX_WEEKS = 26
MIN_MONTHS = 1
# A year: a plan reviewed less often than that is not being reviewed.
MAX_MONTHS = 12
MIN_DAYS = 1
# About three months: a placement reviewed less often than that is not being watched.
MAX_DAYS = 90


class Limits(NamedTuple):
    """The unit a setting is counted in, and the least and most it may be."""

    unit: str
    least: int
    most: int


_WORKING_DAYS = Limits("working days", MIN_WORKING_DAYS, MAX_WORKING_DAYS)
_WEEKS = Limits("weeks", MIN_WEEKS, MAX_WEEKS)
_MONTHS = Limits("months", MIN_MONTHS, MAX_MONTHS)
_DAYS = Limits("days", MIN_DAYS, MAX_DAYS)

SETTING_NAMES = {
    "unallocated_review_working_days": "HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS",
    "unallocated_escalation_working_days": "HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS",
    "cp_visit_working_days": "HAVEN_CP_VISIT_WORKING_DAYS",
    "cin_visit_weeks": "HAVEN_CIN_VISIT_WEEKS",
    "core_group_weeks": "HAVEN_CORE_GROUP_WEEKS",
    "cin_review_months": "HAVEN_CIN_REVIEW_MONTHS",
    "placement_plan_working_days": "HAVEN_PLACEMENT_PLAN_WORKING_DAYS",
    "pep_review_weeks": "HAVEN_PEP_REVIEW_WEEKS",
    "pa_contact_weeks": "HAVEN_PA_CONTACT_WEEKS",
    "irregular_placement_review_days": "HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS",
    "repeat_missing_review_working_days": "HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS",
    "exploitation_review_high_weeks": "HAVEN_EXPLOITATION_REVIEW_HIGH_WEEKS",
    "exploitation_review_medium_weeks": "HAVEN_EXPLOITATION_REVIEW_MEDIUM_WEEKS",
    "exploitation_review_low_weeks": "HAVEN_EXPLOITATION_REVIEW_LOW_WEEKS",
    "shared_risk_review_working_days": "HAVEN_SHARED_RISK_REVIEW_WORKING_DAYS",
}

LIMITS = {
    "unallocated_review_working_days": _WORKING_DAYS,
    "unallocated_escalation_working_days": _WORKING_DAYS,
    "cp_visit_working_days": _WORKING_DAYS,
    "cin_visit_weeks": _WEEKS,
    "core_group_weeks": _WEEKS,
    "cin_review_months": _MONTHS,
    "placement_plan_working_days": _WORKING_DAYS,
    "pep_review_weeks": _WEEKS,
    "pa_contact_weeks": _WEEKS,
    "irregular_placement_review_days": _DAYS,
    "repeat_missing_review_working_days": _WORKING_DAYS,
    "exploitation_review_high_weeks": _WEEKS,
    "exploitation_review_medium_weeks": _WEEKS,
    "exploitation_review_low_weeks": _WEEKS,
    "shared_risk_review_working_days": _WORKING_DAYS,
}


@dataclass(frozen=True, kw_only=True)
class LocalTimescales:
    """A council's local timescales, each a whole number in the unit its name ends with.

    ``unallocated_review_working_days``: a manager reviews the risk to a child whose case is
    waiting for allocation within this many working days of the case joining the queue, and again
    at this interval (rule ``unallocated-risk-review``).

    ``unallocated_escalation_working_days``: a case still waiting for allocation this many working
    days after it joined the queue goes to the head of service (rule ``unallocated-escalation``).

    ``cp_visit_working_days``: a child on a child protection plan is visited, and seen, within this
    many working days of the plan starting and of each visit at which the child was seen (rule
    ``cp-visit``).

    ``cin_visit_weeks``: a child on a child in need plan is visited, and seen, within this many
    weeks of the plan starting and of each visit at which the child was seen (rule ``cin-visit``).

    ``core_group_weeks``: after the first core group meeting, the core group meets again within
    this many weeks of its last meeting (rule ``core-group``).

    ``cin_review_months``: a child in need plan is reviewed within this many months of the plan
    starting and of its last review (rule ``cin-plan-review``).

    ``placement_plan_working_days``: a looked-after child's placement plan is made within this many
    working days of the placement starting, where it was not made before (rule ``placement-plan``).

    ``pep_review_weeks``: a looked-after child's personal education plan is reviewed within this
    many weeks of its last review, about once a school term (rule ``pep-review``).

    ``pa_contact_weeks``: a care leaver's personal adviser is in touch within this many weeks of
    their last contact (rule ``personal-adviser-contact``).

    ``irregular_placement_review_days``: a named senior officer reviews a placement in an
    unregistered setting within this many calendar days of the placement starting and of the last
    review (rule ``irregular-placement-review``).

    ``repeat_missing_review_working_days``: when a child goes missing for the third time in 90
    days, their worker's manager considers a strategy discussion within this many working days
    (rule ``repeat-missing-review``).

    ``exploitation_review_high_weeks``, ``exploitation_review_medium_weeks`` and
    ``exploitation_review_low_weeks``: a child's exploitation screening is reviewed within this
    many weeks of the last, by the level of risk it found (rules ``exploitation-review-high``,
    ``-medium`` and ``-low``).

    ``shared_risk_review_working_days``: a worker told that their child shares a place or peer
    group with a child at high risk of exploitation considers it within this many working days
    (rule ``shared-risk-review``).
    """

    unallocated_review_working_days: int = 5
    unallocated_escalation_working_days: int = 10
    cp_visit_working_days: int = 10
    cin_visit_weeks: int = 4
    core_group_weeks: int = 6
    cin_review_months: int = 3
    placement_plan_working_days: int = 5
    pep_review_weeks: int = 13
    pa_contact_weeks: int = 8
    irregular_placement_review_days: int = 7
    repeat_missing_review_working_days: int = 1
    exploitation_review_high_weeks: int = 4
    exploitation_review_medium_weeks: int = 12
    exploitation_review_low_weeks: int = 26
    shared_risk_review_working_days: int = 1

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            unit, least, most = LIMITS[f.name]
            where = f"{f.name} (setting {SETTING_NAMES[f.name]})"
            # bool is a subclass of int, and True would silently mean 1.
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(
                    f"{where} must be a whole number of {unit}, not {type(value).__name__}"
                )
            if not least <= value <= most:
                raise ValueError(f"{where} must be between {least} and {most} {unit}, not {value}")


_current = LocalTimescales()


def current() -> LocalTimescales:
    """The timescales in force in this process: Haven's defaults until ``configure`` is called."""
    return _current


def configure(values: LocalTimescales) -> None:
    """Set the council's timescales; called once at start-up from the Django settings.

    A ``LocalTimescales`` checks its values when it is built (``ValueError`` naming the field, its
    setting and its unit if one is outside the limits in ``LIMITS``), so an invalid setting stops
    start-up.
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
