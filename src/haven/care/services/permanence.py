"""Permanence: a child's road to adoption, the permanence they had before coming into care,
and the day they stopped being an unaccompanied asylum-seeking child.

An adoption plan starts with the decision that the child should be placed for adoption (903
``DATE_INT``, and ``DATE_PLACED`` in PlacedAdoption) and takes its steps in order: a placement
order, the match with adopters, the placement with them, the adoption order. Each step's date is
on or after the step before; a step already taken is not taken again; and nothing follows the
plan's end, which is the adoption order or a decision that the child should no longer be placed
for adoption, with its reason (RD1-RD4). A placement with fostering-for-adoption carers may come
at any time in the period of care before the adoption placement. A new decision starts a new
plan. The placement for adoption itself (903 ``PLACE`` A3-A6) and the end of care on adoption
(``REC`` E11 or E12) are recorded as placement changes and as the end of care (services/period.py).

Special guardianship and child arrangements orders are not steps here: care ends with them, and
``care_end`` records the 903 reason (E41, or E45-E48 by who the guardians are).
"""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record, changes
from haven.care.eligibility import birthday
from haven.care.enums import (
    AdopterLegalStatus,
    AdopterSex,
    AdoptionCeasedReason,
    PreviousPermanence,
)
from haven.care.models import AdoptionPlan, CarePeriod, PermanenceBefore, UascStatus
from haven.care.selectors.health import period_containing
from haven.care.selectors.permanence import (
    LA_PERM_OTHER,
    NO_PREVIOUS_ORDER,
    ONE_ADOPTER_SEXES,
    ONE_ADOPTER_STATUSES,
    TWO_ADOPTER_SEXES,
    TWO_ADOPTER_STATUSES,
    open_adoption_plan,
)
from haven.care.services.health import check_date, lock_child
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.models import Person
from haven.people.services import chronology_record


def _check_after(
    errors: dict[str, str], field: str, on: dt.date | None, earlier: dt.date | None, what: str
) -> None:
    if on is not None and earlier is not None and on < earlier and field not in errors:
        errors[field] = f"The date must be on or after {what} ({earlier:%d %B %Y})"


def _plan_for_step(child: Person) -> AdoptionPlan:
    plan = open_adoption_plan(child)
    if plan is not None:
        return AdoptionPlan.objects.select_for_update().get(pk=plan.pk)
    if AdoptionPlan.objects.filter(child=child).exists():
        raise ValidationError(
            {
                "child": "The adoption plan has ended: a new decision that the child should be "
                "placed for adoption starts a new one"
            }
        )
    raise ValidationError(
        {"child": "Record the decision that the child should be placed for adoption first"}
    )


def _saved_step(
    actor: Any, plan: AdoptionPlan, step: str, on: dt.date, summary: str, **fields: Any
) -> AdoptionPlan:
    before = {name: getattr(plan, name) for name in fields}
    for name, value in fields.items():
        setattr(plan, name, value)
    check_fields(plan)
    plan.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ADOPTION_UPDATED,
        subject=plan,
        person_id=plan.child_id,
        payload={"step": step, "changes": changes(before, fields)},
    )
    chronology_record(
        actor=actor,
        person=plan.child,
        occurred_on=on,
        category="Adoption",
        summary=summary,
        source=plan,
    )
    return plan


@transaction.atomic
def adoption_decision_record(*, actor: Any, child: Any, decided_on: dt.date | None) -> AdoptionPlan:
    """The decision that the child should be placed for adoption, made while they were looked
    after: it starts an adoption plan (903 ``DATE_INT``)."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "decided_on", decided_on, child)
    if open_adoption_plan(child) is not None:
        errors["decided_on"] = "The child already has an adoption plan"
    if (
        decided_on is not None
        and "decided_on" not in errors
        and period_containing(child, decided_on) is None
    ):
        errors["decided_on"] = "The child was not looked after on this date"
    last = AdoptionPlan.objects.filter(child=child).order_by("-decided_on").first()
    if last is not None:
        ended = last.adoption_order_on or last.ceased_on
        _check_after(errors, "decided_on", decided_on, ended, "the last adoption plan ended")
    if errors:
        raise ValidationError(errors)
    assert decided_on is not None
    plan = AdoptionPlan(child=child, decided_on=decided_on)
    check_fields(plan)
    plan.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ADOPTION_UPDATED,
        subject=plan,
        person_id=child.pk,
        payload={"step": "decision", "decided_on": decided_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=decided_on,
        category="Adoption",
        summary="Decision that the child should be placed for adoption",
        source=plan,
    )
    return plan


@transaction.atomic
def adoption_placement_order_record(
    *, actor: Any, child: Any, made_on: dt.date | None
) -> AdoptionPlan:
    """The court made a placement order (before the match)."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "made_on", made_on, child)
    if plan.placement_order_on is not None:
        errors["made_on"] = "The placement order is already recorded"
    elif plan.matched_on is not None:
        errors["made_on"] = "The child is already matched: a placement order comes before"
    _check_after(errors, "made_on", made_on, plan.decided_on, "the decision")
    if errors:
        raise ValidationError(errors)
    assert made_on is not None
    return _saved_step(
        actor, plan, "placement_order", made_on, "Placement order made", placement_order_on=made_on
    )


def _match_errors(
    errors: dict[str, str],
    adopters: int | None,
    adopter_sex: str,
    adopter_legal_status: str,
    with_foster_carer: bool | None,
) -> None:
    if adopters not in (1, 2):
        errors["adopters"] = "Choose whether there is one adopter or a couple"
    if adopter_sex not in AdopterSex.values:
        errors["adopter_sex"] = "Choose the adopters' sex (903 SEX_ADOPTR)"
    elif adopters == 1 and adopter_sex not in ONE_ADOPTER_SEXES:
        errors["adopter_sex"] = "A single adopter is a single male or a single female"
    elif adopters == 2 and adopter_sex not in TWO_ADOPTER_SEXES:
        errors["adopter_sex"] = "A couple is a male couple, a female couple or a mixed-sex couple"
    if adopter_legal_status not in AdopterLegalStatus.values:
        errors["adopter_legal_status"] = "Choose the adopters' legal status (903 LS_ADOPTR)"
    elif adopters == 1 and adopter_legal_status in TWO_ADOPTER_STATUSES:
        errors["adopter_legal_status"] = "This legal status is for a couple"
    elif adopters == 2 and adopter_legal_status in ONE_ADOPTER_STATUSES:
        errors["adopter_legal_status"] = "This legal status is for a single adopter"
    if with_foster_carer is None:
        errors["with_foster_carer"] = "Say whether the adopters are the child's foster carers"


@transaction.atomic
def adoption_match_record(
    *,
    actor: Any,
    child: Any,
    matched_on: dt.date | None,
    adopters: int | None,
    adopter_sex: str,
    adopter_legal_status: str,
    with_foster_carer: bool | None,
) -> AdoptionPlan:
    """The child is matched with adopters (903 AD1 ``DATE_MATCH``, ``NB_ADOPTR``,
    ``SEX_ADOPTR``, ``LS_ADOPTR`` and ``FOSTER_CARE``)."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "matched_on", matched_on, child)
    if plan.matched_on is not None:
        errors["matched_on"] = "The match is already recorded"
    if plan.placement_order_on is not None:
        _check_after(errors, "matched_on", matched_on, plan.placement_order_on, "the order")
    _check_after(errors, "matched_on", matched_on, plan.decided_on, "the decision")
    _match_errors(errors, adopters, adopter_sex, adopter_legal_status, with_foster_carer)
    if errors:
        raise ValidationError(errors)
    assert matched_on is not None
    return _saved_step(
        actor,
        plan,
        "match",
        matched_on,
        "Matched with adopters",
        matched_on=matched_on,
        adopters=adopters,
        adopter_sex=adopter_sex,
        adopter_legal_status=adopter_legal_status,
        with_foster_carer=with_foster_carer,
    )


@transaction.atomic
def adoption_placed_record(*, actor: Any, child: Any, placed_on: dt.date | None) -> AdoptionPlan:
    """The child moved in with the adopters they were matched with."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "placed_on", placed_on, child)
    if plan.placed_on is not None:
        errors["placed_on"] = "The placement with the adopters is already recorded"
    elif plan.matched_on is None:
        errors["placed_on"] = "Record the match with the adopters first"
    _check_after(errors, "placed_on", placed_on, plan.matched_on, "the match")
    if errors:
        raise ValidationError(errors)
    assert placed_on is not None
    return _saved_step(
        actor, plan, "placed", placed_on, "Placed with adopters", placed_on=placed_on
    )


@transaction.atomic
def adoption_ffa_record(*, actor: Any, child: Any, placed_on: dt.date | None) -> AdoptionPlan:
    """The child was placed with fostering-for-adoption or concurrent planning carers (Annex A
    List 10), in the period of care and before any adoption placement."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "placed_on", placed_on, child)
    if plan.ffa_placed_on is not None:
        errors["placed_on"] = "The fostering for adoption placement is already recorded"
    if "placed_on" not in errors:
        assert placed_on is not None
        period = period_containing(child, placed_on)
        decided_in = period_containing(child, plan.decided_on)
        if period is None or decided_in is None or period.pk != decided_in.pk:
            errors["placed_on"] = (
                "The date must be in the period of care in which the adoption decision was made"
            )
    if plan.placed_on is not None and placed_on is not None and placed_on > plan.placed_on:
        errors.setdefault(
            "placed_on",
            f"The date must be on or before the placement with adopters "
            f"({plan.placed_on:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    assert placed_on is not None
    return _saved_step(
        actor,
        plan,
        "ffa",
        placed_on,
        "Placed with fostering for adoption carers",
        ffa_placed_on=placed_on,
    )


@transaction.atomic
def adoption_order_record(*, actor: Any, child: Any, made_on: dt.date | None) -> AdoptionPlan:
    """The court made the adoption order: the plan ends. Care ends with it (``care_end``, 903
    ``REC`` E11 or E12)."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "made_on", made_on, child)
    if plan.placed_on is None:
        errors["made_on"] = "Record the placement with the adopters first"
    _check_after(errors, "made_on", made_on, plan.placed_on, "the placement with the adopters")
    if errors:
        raise ValidationError(errors)
    assert made_on is not None
    return _saved_step(
        actor, plan, "adoption_order", made_on, "Adoption order made", adoption_order_on=made_on
    )


def _latest_step(plan: AdoptionPlan) -> tuple[dt.date, str]:
    steps = [
        (plan.decided_on, "the decision"),
        (plan.placement_order_on, "the placement order"),
        (plan.matched_on, "the match"),
        (plan.placed_on, "the placement with the adopters"),
        (plan.ffa_placed_on, "the fostering for adoption placement"),
    ]
    return max((on, what) for on, what in steps if on is not None)


@transaction.atomic
def adoption_cease_record(
    *, actor: Any, child: Any, ceased_on: dt.date | None, reason: str
) -> AdoptionPlan:
    """The decision that the child should no longer be placed for adoption, and why (903
    ``DATE_PLACED_CEASED`` and ``REASON_PLACED_CEASED``): the plan ends."""
    child = lock_child(child)
    plan = _plan_for_step(child)
    errors: dict[str, str] = {}
    check_date(errors, "ceased_on", ceased_on, child)
    if reason not in AdoptionCeasedReason.values:
        errors["reason"] = "Choose why the child should no longer be placed for adoption"
    elif reason == AdoptionCeasedReason.RD2 and plan.placement_order_on is not None:
        errors["reason"] = "A placement order was made, so RD2 does not apply"
    latest, what = _latest_step(plan)
    _check_after(errors, "ceased_on", ceased_on, latest, what)
    if errors:
        raise ValidationError(errors)
    assert ceased_on is not None
    return _saved_step(
        actor,
        plan,
        "ceased",
        ceased_on,
        "Decision that the child should no longer be placed for adoption",
        ceased_on=ceased_on,
        ceased_reason=reason,
    )


# Previous permanence


def _previous_errors(
    errors: dict[str, str],
    period: CarePeriod,
    option: str,
    la_code: str,
    made_on: dt.date | None,
) -> None:
    if option not in PreviousPermanence.values:
        errors["option"] = "Choose the permanence the child had before (903 PREV_PERM)"
        return
    if option in NO_PREVIOUS_ORDER:
        if la_code:
            errors["la_code"] = "Leave the local authority blank: there was no order"
        if made_on is not None:
            errors["made_on"] = "Leave the date blank: there was no order"
        return
    if not (la_code.isdigit() and len(la_code) == 3) and la_code not in LA_PERM_OTHER:
        errors["la_code"] = (
            "Enter the 3-digit code of the local authority that made the order, NIR, SCO, WAL "
            "or NUK for elsewhere, or 999 if it is not known"
        )
    if made_on is not None and made_on >= period.started_on:
        errors.setdefault(
            "made_on",
            f"The order must be before this period of care began ({period.started_on:%d %B %Y})",
        )


@transaction.atomic
def previous_permanence_record(
    *,
    actor: Any,
    period: CarePeriod,
    option: str,
    la_code: str = "",
    made_on: dt.date | None = None,
) -> PermanenceBefore:
    """The permanence the child had before this period of care (903 PrevPerm): an adoption,
    special guardianship or child arrangements order, not known, or none; for an order, the
    local authority that made it and its date, which may be unknown. Recording it again for
    the same period corrects it."""
    child = lock_child(period.child)
    la_code = la_code.strip().upper()
    errors: dict[str, str] = {}
    if made_on is not None:
        check_date(errors, "made_on", made_on, child)
    _previous_errors(errors, period, option, la_code, made_on)
    if errors:
        raise ValidationError(errors)
    record = PermanenceBefore.objects.filter(period=period).first()
    if record is None:
        record = PermanenceBefore(child=child, period=period)
        before: dict[str, Any] = {}
    else:
        before = {"option": record.option, "la_code": record.la_code, "made_on": record.made_on}
    record.option, record.la_code, record.made_on = option, la_code, made_on
    check_fields(record)
    record.save()
    after = {"option": option, "la_code": la_code, "made_on": made_on}
    audit_record(
        actor=actor,
        verb=AuditVerb.PREVIOUS_PERMANENCE_RECORDED,
        subject=record,
        person_id=child.pk,
        payload={"period": period, "changes": changes(before, after)},
    )
    return record


# Unaccompanied asylum-seeking children


@transaction.atomic
def uasc_ceased_record(*, actor: Any, child: Any, ceased_on: dt.date | None) -> UascStatus:
    """The day a child recorded as an unaccompanied asylum-seeking child stopped being one
    (903 UASC ``DUC``): on or before their 18th birthday (903 rule 304)."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    if not child.uasc:
        raise ValidationError(
            {
                "child": "Only a child recorded as an unaccompanied asylum-seeking child can "
                "stop being one"
            }
        )
    check_date(errors, "ceased_on", ceased_on, child)
    if UascStatus.objects.filter(child=child).exists():
        errors["ceased_on"] = "The date the child stopped being an asylum-seeking child is recorded"
    assert child.date_of_birth is not None
    eighteen = birthday(child.date_of_birth, 18)
    if ceased_on is not None and ceased_on > eighteen:
        errors.setdefault(
            "ceased_on", f"The date must be on or before the 18th birthday ({eighteen:%d %B %Y})"
        )
    if errors:
        raise ValidationError(errors)
    assert ceased_on is not None
    status = UascStatus(child=child, ceased_on=ceased_on)
    check_fields(status)
    status.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.UASC_CEASED,
        subject=status,
        person_id=child.pk,
        payload={"ceased_on": ceased_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=ceased_on,
        category="Care",
        summary="Stopped being an unaccompanied asylum-seeking child",
        source=status,
    )
    return status
