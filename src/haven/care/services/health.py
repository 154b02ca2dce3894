"""A looked-after child's health and education: health assessments, dental checks and
immunisations, strengths and difficulties questionnaires, personal education plans, substance
misuse and convictions, the records the 903 OC2 table is read from.

Each is recorded for a day the child was looked after (an initial health assessment or a first
PEP may come a little before the period, while the placement was planned: selectors/health.py).
The clocks run on the period of care, so they stop when it ends:

* the initial health assessment meets ``initial-health-assessment`` and opens the first review;
  each review meets the review clock and opens the next, ``review-health-assessment-under-5``
  (6 months) or ``-5-and-over`` (12 months) by the child's age on the day of the assessment;
* an SDQ meets ``sdq`` and opens the next, 12 months on, while the child will still be 4 to 16
  then. The first ``sdq`` clock is due 12 months after the child became looked after, or after
  their 4th birthday if that came later (``sdq_clocks_open``, run daily, and the initial health
  assessment open it): the 903 asks for an SDQ for every child of 4 to 16 looked after for 12
  months at 31 March;
* the first PEP meets ``pep`` and opens ``pep-review``; each review meets it and opens the next.

Recording an older record after a newer one leaves the clocks alone: they follow the latest.
No clock is opened that would fall due after the child's 18th birthday, when care ends.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.eligibility import age_on, birthday
from haven.care.enums import HealthCheckKind, SdqReason
from haven.care.models import (
    CarePeriod,
    Conviction,
    HealthCheck,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from haven.care.selectors.health import (
    HEALTH_ASSESSMENTS,
    REVIEW_HEALTH_RULES,
    SDQ_AGES,
    health_checks_in,
    peps_in,
    period_containing,
    sdqs_in,
)
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.models import Deadline
from haven.deadlines.services.subjects import (
    check_not_future,
    meet_clocks,
    open_clock,
    subject_deadlines,
    user_or_none,
)
from haven.people.enums import PersonKind
from haven.people.models import Person
from haven.people.services import chronology_record
from haven.timescales.calendar import default_calendar
from haven.timescales.rules import RULEBOOK

#: The age of criminal responsibility in England (Children and Young Persons Act 1933 s.50).
CRIMINAL_RESPONSIBILITY_AGE = 10
SDQ_SCORES = range(0, 41)
NOT_LOOKED_AFTER = "The child was not looked after on this date"


def lock_child(child: Any) -> Person:
    """The child's row, locked for the transaction, so two records cannot race a clock."""
    if getattr(child, "kind", None) != PersonKind.CHILD or child.date_of_birth is None:
        raise ValidationError({"child": "Only a child with a date of birth has a care record"})
    return Person.objects.select_for_update().get(pk=child.pk)


def check_date(errors: dict[str, str], field: str, on: dt.date | None, child: Person) -> None:
    if on is None:
        errors.setdefault(field, "Enter the date")
        return
    check_not_future(errors, field, on, "The date")
    if child.date_of_birth is not None and on < child.date_of_birth:
        errors.setdefault(field, "The date must be on or after the child's date of birth")


def _period(
    errors: dict[str, str], field: str, child: Person, on: dt.date | None, **kw: Any
) -> CarePeriod | None:
    if field in errors or on is None:
        return None
    period = period_containing(child, on, **kw)
    if period is None:
        errors[field] = NOT_LOOKED_AFTER
    return period


def due_on(rule_id: str, start: dt.date) -> dt.date:
    """When the clock ``rule_id`` started on ``start`` falls due, by the rule in force."""
    return RULEBOOK.get(rule_id, start).due(start, default_calendar())


def _opens_before_18(child: Person, rule_id: str, start: dt.date) -> bool:
    """Whether the clock ``rule_id`` started on ``start`` falls due before the child is 18."""
    assert child.date_of_birth is not None
    return due_on(rule_id, start) < birthday(child.date_of_birth, 18)


def _chain(
    actor: Any, child: Person, period: CarePeriod, met: tuple[str, ...], nxt: str, on: dt.date
) -> None:
    """Meet the period's open ``met`` clocks on ``on`` and open ``nxt`` from it."""
    if not period.is_open:
        return
    meet_clocks(actor=actor, subject=period, rule_ids=met, met_on=on)
    if nxt and _opens_before_18(child, nxt, on):
        open_clock(actor=actor, child=child, rule_id=nxt, start=on, subject=period)


def _review_rule(child: Person, on: dt.date) -> str:
    assert child.date_of_birth is not None
    return REVIEW_HEALTH_RULES[0] if age_on(child.date_of_birth, on) < 5 else REVIEW_HEALTH_RULES[1]


def first_sdq_start(child: Person, period: CarePeriod) -> dt.date:
    """What the first SDQ is counted from: the period's start, or the 4th birthday if later."""
    assert child.date_of_birth is not None
    return max(period.started_on, birthday(child.date_of_birth, SDQ_AGES.start))


def _open_first_sdq(actor: Any, child: Person, period: CarePeriod, on: dt.date) -> Deadline | None:
    """Open the period's first ``sdq`` clock if the child is 4 to 16 on ``on`` and the period
    has neither an SDQ clock nor an SDQ yet."""
    assert child.date_of_birth is not None
    if not period.is_open or age_on(child.date_of_birth, on) not in SDQ_AGES:
        return None
    if subject_deadlines(period).filter(rule_id="sdq").exists() or sdqs_in(period).exists():
        return None
    start = first_sdq_start(child, period)
    if not _opens_before_18(child, "sdq", start):
        return None
    return open_clock(actor=actor, child=child, rule_id="sdq", start=start, subject=period)


# Health checks


@transaction.atomic
def health_check_record(
    *, actor: Any, child: Any, kind: str, completed_on: dt.date | None, outcome: str = ""
) -> HealthCheck:
    """A health assessment, dental check or immunisation check. An initial assessment meets
    the period's initial clock, a review the review clock; either opens the next review."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    if kind not in HealthCheckKind.values:
        errors["kind"] = "Choose what kind of check this was"
    check_date(errors, "completed_on", completed_on, child)
    period = _period(
        errors, "completed_on", child, completed_on, before_start=kind == HealthCheckKind.INITIAL
    )
    if period is not None and kind in HEALTH_ASSESSMENTS:
        initial = health_checks_in(period, HealthCheckKind.INITIAL)
        if kind == HealthCheckKind.INITIAL and initial.exists():
            errors["kind"] = (
                "The initial health assessment for this period of care is already recorded: "
                "record a review health assessment"
            )
        elif (
            kind == HealthCheckKind.REVIEW
            and not initial.filter(completed_on__lte=completed_on).exists()
        ):
            errors["kind"] = "Record the initial health assessment for this period of care first"
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None
    assert period is not None
    check = HealthCheck(
        child=child,
        kind=kind,
        completed_on=completed_on,
        outcome=outcome.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(check)
    check.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.HEALTH_RECORDED,
        subject=check,
        person_id=child.pk,
        payload={"kind": kind, "completed_on": completed_on},
    )
    if kind in HEALTH_ASSESSMENTS:
        _health_assessment_clocks(actor, child, period, check)
        chronology_record(
            actor=actor,
            person=child,
            occurred_on=completed_on,
            category="Health",
            summary=HealthCheckKind(kind).label,
            source=check,
        )
    return check


def _health_assessment_clocks(
    actor: Any, child: Person, period: CarePeriod, check: HealthCheck
) -> None:
    later = health_checks_in(period, *HEALTH_ASSESSMENTS).filter(
        completed_on__gt=check.completed_on
    )
    if later.exists():
        return
    met = ("initial-health-assessment",) if check.kind == HealthCheckKind.INITIAL else ()
    _chain(
        actor,
        child,
        period,
        met + REVIEW_HEALTH_RULES,
        _review_rule(child, check.completed_on),
        check.completed_on,
    )
    if check.kind == HealthCheckKind.INITIAL:
        _open_first_sdq(actor, child, period, check.completed_on)


# Strengths and difficulties questionnaires


def _sdq_errors(
    errors: dict[str, str], child: Person, on: dt.date | None, score: int | None, reason: str
) -> None:
    if score is not None and reason:
        errors["reason"] = "Give the score or why there is none, not both"
    elif score is None and not reason:
        errors["score"] = "Enter the score, or choose why there is none"
    if score is not None and score not in SDQ_SCORES:
        errors.setdefault("score", "The score must be a whole number from 0 to 40")
    if reason and reason not in SdqReason.values:
        errors.setdefault("reason", "Choose why there is no score")
    if on is None or "completed_on" in errors or child.date_of_birth is None:
        return
    in_range = age_on(child.date_of_birth, on) in SDQ_AGES
    if score is not None and not in_range:
        errors.setdefault(
            "score",
            "The SDQ is scored for children aged 4 to 16: for this child choose SDQ1, no form "
            "returned because of their age",
        )
    if reason == SdqReason.SDQ1 and in_range:
        errors.setdefault(
            "reason", "SDQ1 is for children under 4 or over 16: this child was 4 to 16 then"
        )


@transaction.atomic
def sdq_record(
    *,
    actor: Any,
    child: Any,
    completed_on: dt.date | None,
    score: int | None = None,
    reason: str = "",
) -> StrengthsAndDifficulties:
    """An SDQ: its total score (0-40, for a child of 4 to 16 on the day), or why there is none
    (903 SDQ_REASON; SDQ1 for a child outside those ages). It meets the period's ``sdq`` clock
    and opens the next."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "completed_on", completed_on, child)
    _sdq_errors(errors, child, completed_on, score, reason)
    period = _period(errors, "completed_on", child, completed_on)
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None
    assert period is not None
    sdq = StrengthsAndDifficulties(
        child=child, completed_on=completed_on, score=score, reason=reason
    )
    check_fields(sdq)
    sdq.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.SDQ_RECORDED,
        subject=sdq,
        person_id=child.pk,
        payload={"completed_on": completed_on, "score": score, "reason": reason},
    )
    if not sdqs_in(period).filter(completed_on__gt=completed_on).exists():
        assert child.date_of_birth is not None
        in_range = age_on(child.date_of_birth, due_on("sdq", completed_on)) in SDQ_AGES
        _chain(actor, child, period, ("sdq",), "sdq" if in_range else "", completed_on)
    return sdq


@transaction.atomic
def sdq_clocks_open(*, on: dt.date, actor: Any = None) -> list[Deadline]:
    """Open the first ``sdq`` clock of every looked-after child aged 4 to 16 on ``on`` whose
    period of care has none and no SDQ yet. Run daily; running it again opens nothing."""
    opened = []
    oldest, youngest = birthday(on, -SDQ_AGES.stop), birthday(on, -SDQ_AGES.start)
    periods = CarePeriod.objects.filter(
        ended_on__isnull=True,
        child__date_of_birth__gt=oldest,
        child__date_of_birth__lte=youngest,
    ).select_related("child")
    for period in periods:
        deadline = _open_first_sdq(actor, period.child, period, on)
        if deadline is not None:
            opened.append(deadline)
    return opened


# Personal education plans


@transaction.atomic
def pep_record(
    *,
    actor: Any,
    child: Any,
    completed_on: dt.date | None,
    is_review: bool,
    school: str = "",
    summary: str = "",
) -> PersonalEducationPlan:
    """The personal education plan (one per period of care) or a review of it. The plan meets
    ``pep``, each review ``pep-review``; both open the next review."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "completed_on", completed_on, child)
    period = _period(errors, "completed_on", child, completed_on, before_start=not is_review)
    if period is not None:
        first = peps_in(period).filter(is_review=False)
        if not is_review and first.exists():
            errors["is_review"] = (
                "The personal education plan for this period of care is already recorded: "
                "record a review of it"
            )
        elif is_review and not first.filter(completed_on__lte=completed_on).exists():
            errors["is_review"] = "Record the personal education plan for this period first"
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None
    assert period is not None
    pep = PersonalEducationPlan(
        child=child,
        completed_on=completed_on,
        is_review=is_review,
        school=school.strip(),
        summary=summary.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(pep)
    pep.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PEP_RECORDED,
        subject=pep,
        person_id=child.pk,
        payload={"completed_on": completed_on, "is_review": is_review},
    )
    if not peps_in(period).filter(completed_on__gt=completed_on).exists():
        _chain(actor, child, period, ("pep", "pep-review"), "pep-review", completed_on)
    if not is_review:
        chronology_record(
            actor=actor,
            person=child,
            occurred_on=completed_on,
            category="Education",
            summary="Personal education plan made",
            source=pep,
        )
    return pep


# Substance misuse and convictions


@transaction.atomic
def substance_misuse_record(
    *,
    actor: Any,
    child: Any,
    identified_on: dt.date | None,
    intervention_offered: bool,
    intervention_received: bool,
    notes: str = "",
) -> SubstanceMisuse:
    """A substance misuse problem identified while looked after, and whether an intervention
    was offered and received (903 OC2)."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "identified_on", identified_on, child)
    _period(errors, "identified_on", child, identified_on)
    if intervention_received and not intervention_offered:
        errors["intervention_received"] = (
            "An intervention can only have been received if it was offered"
        )
    if errors:
        raise ValidationError(errors)
    assert identified_on is not None
    misuse = SubstanceMisuse(
        child=child,
        identified_on=identified_on,
        intervention_offered=intervention_offered,
        intervention_received=intervention_received,
        notes=notes.strip(),
    )
    check_fields(misuse)
    misuse.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.SUBSTANCE_MISUSE_RECORDED,
        subject=misuse,
        person_id=child.pk,
        payload={
            "identified_on": identified_on,
            "offered": intervention_offered,
            "received": intervention_received,
        },
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=identified_on,
        category="Health",
        summary="Substance misuse problem identified",
        source=misuse,
    )
    return misuse


@transaction.atomic
def conviction_record(
    *, actor: Any, child: Any, convicted_on: dt.date | None, notes: str = ""
) -> Conviction:
    """A conviction, final warning or reprimand while looked after (903 OC2 ``CONVICTED``), for
    a child of 10 or over on the day."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "convicted_on", convicted_on, child)
    _period(errors, "convicted_on", child, convicted_on)
    assert child.date_of_birth is not None
    if (
        convicted_on is not None
        and "convicted_on" not in errors
        and age_on(child.date_of_birth, convicted_on) < CRIMINAL_RESPONSIBILITY_AGE
    ):
        errors["convicted_on"] = "A child under 10 cannot be convicted or cautioned"
    if errors:
        raise ValidationError(errors)
    assert convicted_on is not None
    conviction = Conviction(child=child, convicted_on=convicted_on, notes=notes.strip())
    check_fields(conviction)
    conviction.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CONVICTION_RECORDED,
        subject=conviction,
        person_id=child.pk,
        payload={"convicted_on": convicted_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=convicted_on,
        category="Youth justice",
        summary="Convicted, or given a final warning or reprimand",
        source=conviction,
    )
    return conviction
