"""Statutory rules: small, versioned, dated clocks that turn a start date into a due date.

A rule's ``due`` is a pure function ``due(start, calendar) -> date``: ``start`` is the date of the
event that starts the clock (in Europe/London local time) and ``calendar`` is the working-day
calendar to count with. Rules that ignore working days still take the calendar, so every rule is
called the same way. A clock counted in hours (day type ``HOURS``) also has ``due_at(start) ->
datetime``, from the moment of the event; its ``due`` is the day it falls due for an event at
midday. A clock that depends on more facts than its start date is split into one rule
per case (the first, second and later looked-after reviews), and the caller picks the rule.

Each rule is registered in ``RULEBOOK``; the rule modules live in ``haven.timescales.clocks`` and
each page of docs/statutory/ describes one rule. A few clocks are set by local procedure rather
than statute (day type ``LOCAL``); they read the council's setting from ``haven.timescales.local``.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from haven.timescales.calendar import WorkingDayCalendar

__all__ = [
    "RULEBOOK",
    "Confirmation",
    "DayType",
    "DueAtFunction",
    "DueFunction",
    "Rule",
    "RuleBook",
    "RuleNotFoundError",
]

type DueFunction = Callable[[date, WorkingDayCalendar], date]
type DueAtFunction = Callable[[datetime], datetime]

_RULE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class DayType(Enum):
    WORKING_DAYS = "working_days"
    CALENDAR = "calendar"
    # Counted in hours from the moment of the event (the 72-hour return interview): ``due_at``.
    HOURS = "hours"
    # Set by local procedure rather than nationally; the rule carries Haven's default.
    LOCAL = "local"


class Confirmation(Enum):
    """How well the timescale is sourced: [C], [S] or [U] in STATUTORY.md."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One version of a statutory clock, in force from ``effective_from`` to ``effective_to``.

    Both dates are inclusive; ``effective_to`` is None while the version is still in force.
    """

    id: str
    version: int
    title: str
    source: str
    effective_from: date
    effective_to: date | None
    day_type: DayType
    due: DueFunction
    starts: str
    confirmation: Confirmation
    #: For an ``HOURS`` clock: the moment it falls due, from the (timezone-aware) moment of the
    #: event, in Europe/London time.
    due_at: DueAtFunction | None = None

    def __post_init__(self) -> None:
        if (self.day_type is DayType.HOURS) != (self.due_at is not None):
            raise ValueError(f"rule {self.id!r}: an hours clock, and only one, has due_at")
        if not _RULE_ID.fullmatch(self.id):
            raise ValueError(f"rule id {self.id!r} must be lower-case words joined by hyphens")
        if self.version < 1:
            raise ValueError(f"rule {self.id!r}: version must be 1 or more, not {self.version}")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(
                f"rule {self.id!r} v{self.version}: effective_to {self.effective_to} is before "
                f"effective_from {self.effective_from}"
            )

    def in_force_on(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def overlaps(self, other: "Rule") -> bool:
        """Whether the two versions are in force on at least one common day."""
        if self.effective_to is not None and self.effective_to < other.effective_from:
            return False
        return other.effective_to is None or self.effective_from <= other.effective_to

    def describe(self) -> str:
        return f"{self.id} v{self.version} ({self.effective_from} to {self.effective_to or 'now'})"


class RuleNotFoundError(KeyError):
    """No rule with that id, or no version of it in force on the date asked about."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class RuleBook:
    """A registry of rule versions by id."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, list[Rule]] = {}
        for rule in rules:
            self.register(rule)

    def register(self, rule: Rule) -> Rule:
        """Add a version; refuse a repeated version number or overlapping effective dates."""
        versions = self._rules.get(rule.id, [])
        for existing in versions:
            if existing.version == rule.version:
                raise ValueError(f"{rule.id} v{rule.version} is already registered")
            if existing.overlaps(rule):
                raise ValueError(
                    f"{rule.describe()} overlaps {existing.describe()}: "
                    "versions of one rule must not be in force on the same day"
                )
        ordered = sorted([*versions, rule], key=lambda r: r.effective_from)
        if [r.version for r in ordered] != sorted(r.version for r in ordered):
            raise ValueError(
                f"{rule.describe()}: version numbers of {rule.id} must increase with their dates"
            )
        self._rules[rule.id] = ordered
        return rule

    def get(self, rule_id: str, on: date) -> Rule:
        """The version of ``rule_id`` in force on ``on`` (usually the day the clock started)."""
        if isinstance(on, datetime) or not isinstance(on, date):
            raise TypeError(f"on must be a datetime.date, not {type(on).__name__}")
        for rule in self.versions(rule_id):
            if rule.in_force_on(on):
                return rule
        spans = "; ".join(r.describe() for r in self.versions(rule_id))
        raise RuleNotFoundError(f"no version of rule {rule_id!r} is in force on {on}: {spans}")

    def versions(self, rule_id: str) -> tuple[Rule, ...]:
        """Every version of ``rule_id``, oldest first."""
        try:
            return tuple(self._rules[rule_id])
        except KeyError:
            known = ", ".join(sorted(self._rules)) or "none"
            raise RuleNotFoundError(f"unknown rule {rule_id!r}; known rules: {known}") from None

    def all(self) -> tuple[Rule, ...]:
        """Every version of every rule, by id then date."""
        return tuple(rule for rule_id in sorted(self._rules) for rule in self._rules[rule_id])

    def ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._rules))

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __len__(self) -> int:
        return len(self._rules)


# The rule modules import Rule from this module, so they are imported only once the classes above
# exist; haven.timescales.clocks imports this module first to keep that order whichever module is
# imported first.
from haven.timescales.clocks import (  # noqa: E402
    care_plan,
    child_and_family_assessment,
    cin_plan_review,
    cin_visit,
    core_group,
    cp_review_first,
    cp_review_subsequent,
    cp_visit,
    exploitation_review,
    first_core_group,
    initial_child_protection_conference,
    initial_health_assessment,
    irregular_placement_review,
    lac_review_first,
    lac_review_second,
    lac_review_subsequent,
    lac_visit_first_week,
    lac_visit_first_year,
    lac_visit_four_weekly,
    lac_visit_long_term,
    lac_visit_long_term_foster,
    lac_visit_weekly,
    leaving_care_needs_assessment,
    pathway_plan_review,
    pep,
    pep_review,
    personal_adviser_contact,
    placement_plan,
    referral_decision,
    repeat_missing_review,
    return_home_interview,
    review_health_assessment_5_and_over,
    review_health_assessment_under_5,
    sdq,
    shared_risk_review,
    unallocated_escalation,
    unallocated_risk_review,
)

RULEBOOK = RuleBook(
    rule
    for module in (
        referral_decision,
        child_and_family_assessment,
        initial_child_protection_conference,
        first_core_group,
        cp_review_first,
        cp_review_subsequent,
        core_group,
        cp_visit,
        cin_visit,
        cin_plan_review,
        lac_review_first,
        lac_review_second,
        lac_review_subsequent,
        unallocated_risk_review,
        unallocated_escalation,
        care_plan,
        placement_plan,
        lac_visit_first_week,
        lac_visit_first_year,
        lac_visit_long_term,
        lac_visit_weekly,
        lac_visit_four_weekly,
        lac_visit_long_term_foster,
        initial_health_assessment,
        review_health_assessment_under_5,
        review_health_assessment_5_and_over,
        sdq,
        pep,
        pep_review,
        leaving_care_needs_assessment,
        pathway_plan_review,
        personal_adviser_contact,
        irregular_placement_review,
        return_home_interview,
        repeat_missing_review,
        exploitation_review,
        shared_risk_review,
    )
    for rule in module.RULES
)
