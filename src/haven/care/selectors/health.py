"""Reads for a looked-after child's health and education: the records, the clocks that run on
them, and the SSDA903 OC2 flags for a year.

OC2 (STATUTORY.md §3) is returned for children looked after continuously for 12 months or more
at 31 March: a period that began on or before 1 April and had not ended before 31 March, with no
short break (903 legal status V3 or V4) in the year. Each flag is read from the records dated in
the year (1 April to 31 March), as the 903 defines it:

* ``SDQ_SCORE``/``SDQ_REASON``: the latest SDQ of the year, its score or its reason; with none,
  ``SDQ1`` for a child under 4 or over 16 at 31 March, and nothing (a gap the return shows) for
  a child of 4 to 16;
* ``CONVICTED``: a conviction, final warning or reprimand in the year;
* ``HEALTH_CHECK`` (children under 5 at 31 March only): their health surveillance checks were
  up to date, which Haven reads as their last health assessment being within 6 months (12 if
  they were 5 or over on its date) of 31 March;
* ``IMMUNISATIONS``: immunisations recorded as up to date in the year;
* ``TEETH_CHECK``: a dental check in the year;
* ``HEALTH_ASSESSMENT``: an initial or review health assessment in the year;
* ``SUBSTANCE_MISUSE``: a substance misuse problem identified in the year; then
  ``INTERVENTION_RECEIVED`` (one was received) and ``INTERVENTION_OFFERED`` (offered and
  refused, the 903's meaning), blank when there was no problem.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from haven.care.eligibility import age_on
from haven.care.enums import SHORT_BREAKS, HealthCheckKind
from haven.care.models import (
    CareEpisode,
    CarePeriod,
    Conviction,
    HealthCheck,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.timescales.calendar import add_months

#: The clocks of a looked-after child's health and education (``haven.timescales.clocks``).
HEALTH_RULES = (
    "initial-health-assessment",
    "review-health-assessment-under-5",
    "review-health-assessment-5-and-over",
    "sdq",
    "pep",
    "pep-review",
)
REVIEW_HEALTH_RULES = ("review-health-assessment-under-5", "review-health-assessment-5-and-over")
HEALTH_ASSESSMENTS = (HealthCheckKind.INITIAL, HealthCheckKind.REVIEW)
#: The ages the SDQ is completed for, on the day (903 OC2; SDQ1 is for everyone else).
SDQ_AGES = range(4, 17)
#: An initial health assessment or a first PEP may be made while a placement is planned, before
#: the child is looked after (CPPCR reg 7; EDU18): Haven accepts one up to this many days before
#: the period began, and no earlier, to catch a mistyped year.
BEFORE_PLACEMENT_DAYS = 92


def period_containing(child: Any, on: dt.date, *, before_start: bool = False) -> CarePeriod | None:
    """The child's period of care that ``on`` falls in (its first day to its last, the day it
    ended included); with ``before_start``, also the open period when ``on`` is a little
    before it began (see ``BEFORE_PLACEMENT_DAYS``) and after any earlier period ended."""
    period = (
        CarePeriod.objects.filter(child=child, started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on))
        .first()
    )
    if period is not None or not before_start:
        return period
    current = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    if current is None or (current.started_on - on).days > BEFORE_PLACEMENT_DAYS:
        return None
    if CarePeriod.objects.filter(child=child, ended_on__gte=on).exclude(pk=current.pk).exists():
        return None
    return current


def period_window(period: CarePeriod) -> Q:
    """Records of a period: dated within it, or a little before it began."""
    window = Q(completed_on__gte=period.started_on - dt.timedelta(days=BEFORE_PLACEMENT_DAYS))
    if period.ended_on is not None:
        window &= Q(completed_on__lte=period.ended_on)
    return window


def health_checks_in(period: CarePeriod, *kinds: str) -> QuerySet[HealthCheck]:
    return HealthCheck.objects.filter(
        period_window(period), child_id=period.child_id, kind__in=kinds
    )


def peps_in(period: CarePeriod) -> QuerySet[PersonalEducationPlan]:
    return PersonalEducationPlan.objects.filter(period_window(period), child_id=period.child_id)


def sdqs_in(period: CarePeriod) -> QuerySet[StrengthsAndDifficulties]:
    return StrengthsAndDifficulties.objects.filter(period_window(period), child_id=period.child_id)


@dataclass(frozen=True)
class Clock:
    """An open clock, and the days left to its due date (negative once overdue)."""

    deadline: Deadline
    days_remaining: int

    @property
    def overdue(self) -> bool:
        return self.days_remaining < 0


def open_clocks(child: Any, rule_ids: tuple[str, ...], today: dt.date) -> list[Clock]:
    deadlines = Deadline.objects.filter(
        child=child, rule_id__in=rule_ids, status=DeadlineStatus.OPEN
    ).order_by("due_on", "rule_id")
    return [Clock(d, (d.due_on - today).days) for d in deadlines]


@dataclass(frozen=True)
class HealthRecord:
    """Everything on a child's health and education page, latest first."""

    looked_after: bool
    checks: list[HealthCheck]
    sdqs: list[StrengthsAndDifficulties]
    peps: list[PersonalEducationPlan]
    substance_misuse: list[SubstanceMisuse]
    convictions: list[Conviction]
    clocks: list[Clock]
    oc2: "Oc2Row | None"
    oc2_year_end: dt.date
    has_first_pep: bool


def last_year_end(today: dt.date) -> dt.date:
    """The latest 31 March on or before ``today``: the end of the last 903 year."""
    year = today.year if (today.month, today.day) >= (3, 31) else today.year - 1
    return dt.date(year, 3, 31)


def has_first_pep(child: Any) -> bool:
    """Whether the child's current period of care has its personal education plan."""
    current = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    return current is not None and peps_in(current).filter(is_review=False).exists()


def health_record(child: Any, today: dt.date) -> HealthRecord:
    current = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    year_end = last_year_end(today)
    return HealthRecord(
        looked_after=current is not None,
        checks=list(HealthCheck.objects.filter(child=child).select_related("recorded_by")),
        sdqs=list(StrengthsAndDifficulties.objects.filter(child=child)),
        peps=list(PersonalEducationPlan.objects.filter(child=child)),
        substance_misuse=list(SubstanceMisuse.objects.filter(child=child)),
        convictions=list(Conviction.objects.filter(child=child)),
        clocks=open_clocks(child, HEALTH_RULES, today),
        oc2=oc2(child, year_end),
        oc2_year_end=year_end,
        has_first_pep=has_first_pep(child),
    )


# SSDA903 OC2


@dataclass(frozen=True)
class Oc2Row:
    """A child's OC2 row: flags 1 or 0, None where the 903 leaves the column blank."""

    SDQ_SCORE: int | None
    SDQ_REASON: str
    CONVICTED: int
    HEALTH_CHECK: int | None
    IMMUNISATIONS: int
    TEETH_CHECK: int
    HEALTH_ASSESSMENT: int
    SUBSTANCE_MISUSE: int
    INTERVENTION_RECEIVED: int | None
    INTERVENTION_OFFERED: int | None


def year_of(year_end: dt.date) -> tuple[dt.date, dt.date]:
    """The 903 year ending on ``year_end`` (a 31 March): 1 April before it to that day."""
    if (year_end.month, year_end.day) != (3, 31):
        raise ValueError("A 903 year ends on 31 March")
    return dt.date(year_end.year - 1, 4, 1), year_end


def looked_after_all_year(child: Any, year_end: dt.date) -> bool:
    """Looked after continuously for the 12 months to ``year_end``, no short break among them."""
    start, end = year_of(year_end)
    period = (
        CarePeriod.objects.filter(child=child, started_on__lte=start)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=end))
        .first()
    )
    if period is None:
        return False
    short_breaks = CareEpisode.objects.filter(
        period=period, legal_status__in=SHORT_BREAKS, started_on__lte=end
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    return not short_breaks.exists()


def _flag(present: bool) -> int:
    return 1 if present else 0


def _health_check_up_to_date(child: Any, year_end: dt.date) -> int:
    last = (
        HealthCheck.objects.filter(
            child=child, kind__in=HEALTH_ASSESSMENTS, completed_on__lte=year_end
        )
        .order_by("-completed_on")
        .first()
    )
    if last is None or child.date_of_birth is None:
        return 0
    months = 6 if age_on(child.date_of_birth, last.completed_on) < 5 else 12
    due = add_months(last.completed_on, months)
    return _flag(due >= year_end)


def _sdq_columns(child: Any, start: dt.date, end: dt.date) -> tuple[int | None, str]:
    latest = (
        StrengthsAndDifficulties.objects.filter(
            child=child, completed_on__gte=start, completed_on__lte=end
        )
        .order_by("-completed_on", "-created_at")
        .first()
    )
    if latest is not None:
        return latest.score, latest.reason
    if child.date_of_birth is not None and age_on(child.date_of_birth, end) not in SDQ_AGES:
        return None, "SDQ1"
    return None, ""


def oc2(child: Any, year_end: dt.date) -> Oc2Row | None:
    """The child's OC2 row for the 903 year ending ``year_end``, or None when the child is not
    in the table (not looked after continuously for the 12 months to that day)."""
    if not looked_after_all_year(child, year_end):
        return None
    start, end = year_of(year_end)
    checks = set(
        HealthCheck.objects.filter(
            child=child, completed_on__gte=start, completed_on__lte=end
        ).values_list("kind", flat=True)
    )
    misuse = list(
        SubstanceMisuse.objects.filter(
            child=child, identified_on__gte=start, identified_on__lte=end
        ).values_list("intervention_offered", "intervention_received")
    )
    received = any(r for _, r in misuse)
    refused = any(o and not r for o, r in misuse)
    under_5 = child.date_of_birth is not None and age_on(child.date_of_birth, end) < 5
    score, reason = _sdq_columns(child, start, end)
    return Oc2Row(
        SDQ_SCORE=score,
        SDQ_REASON=reason,
        CONVICTED=_flag(
            Conviction.objects.filter(
                child=child, convicted_on__gte=start, convicted_on__lte=end
            ).exists()
        ),
        HEALTH_CHECK=_health_check_up_to_date(child, end) if under_5 else None,
        IMMUNISATIONS=_flag(HealthCheckKind.IMMUNISATIONS in checks),
        TEETH_CHECK=_flag(HealthCheckKind.DENTAL in checks),
        HEALTH_ASSESSMENT=_flag(bool(checks & {HealthCheckKind.INITIAL, HealthCheckKind.REVIEW})),
        SUBSTANCE_MISUSE=_flag(bool(misuse)),
        INTERVENTION_RECEIVED=_flag(received) if misuse else None,
        INTERVENTION_OFFERED=_flag(refused and not received) if misuse else None,
    )
