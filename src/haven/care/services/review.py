"""Looked-after reviews chaired by an independent reviewing officer (CPPCR reg 33), and the IRO's
contacts with the child between them.

The first review is due within 20 working days of the child becoming looked after (the clock
``care_start`` opens), the second within 3 months of the first, then each within 6 months of the
one before, counted from the reviews as held. Each review meets the open review clock of the
period and opens the next. Holding the first review ends the weekly visits of a reg 19 or reg 24
placement or of a child at home under an interim care order, so the visit clock is picked again.

Reviews are recorded in the order they were held: the chain of review clocks is counted from
each as held, so one dated before the last review recorded is refused rather than slotted in.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import ContactMethod, ReviewParticipation
from haven.care.models import CarePeriod, IROContact, LookedAfterReview
from haven.care.policies import is_iro
from haven.care.rules import years_old
from haven.care.services.visits import lock_child, looked_after, visit_clock_repick
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.services.subjects import (
    check_not_future,
    meet_clocks,
    open_clock,
    user_or_none,
)
from haven.people.models import Person
from haven.people.services import chronology_record

#: The review clocks, in the order a period's reviews meet them.
REVIEW_RULES = ("lac-review-first", "lac-review-second", "lac-review-subsequent")
#: 903 REVIEW_CODE PN0 is for a child under this age on the day of the review, and only for them.
PN0_UNDER = 4


def _check_in_period(
    errors: dict[str, str], field: str, on: dt.date, period: CarePeriod, label: str
) -> None:
    check_not_future(errors, field, on, label)
    if on < period.started_on:
        errors.setdefault(
            field,
            f"{label} must be on or after the child became looked after "
            f"({period.started_on:%d %B %Y})",
        )


def _participation_errors(child: Person, held_on: dt.date, participation: str) -> str | None:
    if participation not in ReviewParticipation.values:
        return "Choose how the child took part in the review (903 codes PN0 to PN7)"
    age = years_old(child.date_of_birth, held_on)
    if age is None:
        if participation == ReviewParticipation.PN0:
            return (
                "PN0 is for a child under 4 on the day of the review: record the child's date "
                "of birth first"
            )
        return None
    if age < PN0_UNDER and participation != ReviewParticipation.PN0:
        return "The child was under 4 on the day of the review: the 903 code is PN0"
    if age >= PN0_UNDER and participation == ReviewParticipation.PN0:
        return "PN0 is only for a child under 4 on the day of the review"
    return None


def _order_errors(
    errors: dict[str, str], child: Person, period: CarePeriod, held_on: dt.date
) -> None:
    last = (
        LookedAfterReview.objects.filter(period=period)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    if LookedAfterReview.objects.filter(child=child, held_on=held_on).exists():
        errors.setdefault(
            "held_on", "A review is already recorded on this day: one review a day (903 Reviews)"
        )
    elif last is not None and held_on < last:
        errors.setdefault(
            "held_on",
            f"Reviews are recorded in the order they were held: the last one recorded was on "
            f"{last:%d %B %Y}",
        )


@transaction.atomic
def care_review_record(
    *,
    actor: Any,
    child: Any,
    held_on: dt.date,
    chair: Any,
    participation: str,
    decisions: str,
    child_views: str = "",
) -> LookedAfterReview:
    """A looked-after review as held: it meets the period's open review clock and opens the
    next (the second review after the first, a later one after each after that)."""
    child = lock_child(child)
    period, _, placement = looked_after(child)
    errors: dict[str, str] = {}
    _check_in_period(errors, "held_on", held_on, period, "The date of the review")
    _order_errors(errors, child, period, held_on)
    if chair is None or not is_iro(chair):
        errors["chair"] = "The review must be chaired by an independent reviewing officer"
    problem = _participation_errors(child, held_on, participation)
    if problem:
        errors["participation"] = problem
    if not decisions.strip():
        errors["decisions"] = "Enter the review's decisions"
    if errors:
        raise ValidationError(errors)
    review = LookedAfterReview(
        child=child,
        period=period,
        held_on=held_on,
        chair=chair,
        participation=participation,
        child_views=child_views.strip(),
        decisions=decisions.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(review)
    review.save()
    number = LookedAfterReview.objects.filter(period=period).count()
    audit_record(
        actor=actor,
        verb=AuditVerb.CARE_REVIEW_RECORDED,
        subject=review,
        person_id=child.pk,
        payload={
            "held_on": held_on,
            "chair": chair.pk,
            "participation": participation,
            "number": number,
        },
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=held_on,
        category="care",
        summary="First looked-after review" if number == 1 else "Looked-after review",
        source=review,
    )
    meet_clocks(actor=actor, subject=period, rule_ids=REVIEW_RULES, met_on=held_on)
    next_rule = "lac-review-second" if number == 1 else "lac-review-subsequent"
    open_clock(actor=actor, child=child, rule_id=next_rule, start=held_on, subject=period)
    if number == 1:
        visit_clock_repick(
            actor=actor,
            placement=placement,
            on=held_on,
            reason="The first review was held: visits follow the interval that applies after it",
        )
    return review


@transaction.atomic
def iro_contact_record(
    *, actor: Any, child: Any, contact_on: dt.date, method: str, notes: str = ""
) -> IROContact:
    """The independent reviewing officer's contact with the child between reviews (Annex A
    List 8, date of last IRO visit or contact)."""
    child = lock_child(child)
    period, _, _ = looked_after(child)
    errors: dict[str, str] = {}
    if not is_iro(actor):
        errors["iro"] = "Only an independent reviewing officer records their contact with the child"
    _check_in_period(errors, "contact_on", contact_on, period, "The date of the contact")
    if method not in ContactMethod.values:
        errors["method"] = "Choose how the contact was made"
    if errors:
        raise ValidationError(errors)
    contact = IROContact(
        child=child,
        period=period,
        contact_on=contact_on,
        iro=actor,
        method=method,
        notes=notes.strip(),
    )
    check_fields(contact)
    contact.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.IRO_CONTACT_RECORDED,
        subject=contact,
        person_id=child.pk,
        payload={"contact_on": contact_on, "method": method},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=contact_on,
        category="care",
        summary="Contact with the independent reviewing officer "
        f"({ContactMethod(method).label.lower()})",
        source=contact,
    )
    return contact
