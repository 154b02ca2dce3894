"""Care plans, placement plans and permanence plans (CPPCR regs 4 and 9), each version a new row.

* A care plan meets the period's ``care-plan`` clock. It may be dated before the period began: the
  regulation asks for it before the child is first placed where that is practicable.
* A placement plan names the child's current placement and meets that placement's
  ``placement-plan`` clock; it too may be prepared before the placement starts.
* A permanence plan names one of the Annex A permanence options. It is due by the second review;
  no clock is registered for it, so the child's care page flags one missing
  (``haven.care.selectors.reviews.permanence_plan_missing``).

A plan belongs to the child's open period; its date may not fall before the child's birth or on
or before the day an earlier period ended (it would belong to that one).
"""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import CarePlanKind, PermanenceOption
from haven.care.models import CarePeriod, CarePlan, Placement
from haven.care.services.visits import lock_child, looked_after
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.services.subjects import check_not_future, meet_clocks, user_or_none
from haven.people.models import Person
from haven.people.services import chronology_record


def _check_completed_on(
    errors: dict[str, str], completed_on: dt.date, child: Person, period: CarePeriod
) -> None:
    check_not_future(errors, "completed_on", completed_on, "The date the plan was completed")
    dob = child.date_of_birth
    if dob is not None and completed_on < dob:
        errors.setdefault("completed_on", "The date must be on or after the child's date of birth")
    ended = (
        CarePeriod.objects.filter(
            child=child, ended_on__isnull=False, started_on__lt=period.started_on
        )
        .order_by("-ended_on")
        .values_list("ended_on", flat=True)
        .first()
    )
    if ended is not None and completed_on <= ended:
        errors.setdefault(
            "completed_on",
            f"The plan must be dated after the child's last period of care ended "
            f"({ended:%d %B %Y})",
        )


def _check_kind(
    errors: dict[str, str],
    *,
    kind: str,
    permanence_option: str,
    placement: Any,
    current: Placement,
) -> None:
    if kind not in CarePlanKind.values:
        errors["kind"] = "Choose the kind of plan: a care plan, placement plan or permanence plan"
        return
    if kind == CarePlanKind.PLACEMENT:
        if placement is None or getattr(placement, "pk", None) != current.pk:
            errors["placement"] = "A placement plan is for the child's current placement"
    elif placement is not None:
        errors["placement"] = "Only a placement plan names a placement"
    if kind == CarePlanKind.PERMANENCE:
        if permanence_option not in PermanenceOption.values:
            errors["permanence_option"] = "Choose the permanence plan for the child (Annex A)"
    elif permanence_option:
        errors["permanence_option"] = "Only a permanence plan has a permanence option"


@transaction.atomic
def care_plan_record(
    *,
    actor: Any,
    child: Any,
    kind: str,
    completed_on: dt.date,
    summary: str,
    permanence_option: str = "",
    placement: Any = None,
) -> CarePlan:
    """A care, placement or permanence plan as completed on a date: it meets the clock its
    kind keeps (the period's care plan, the placement's placement plan)."""
    child = lock_child(child)
    period, _, current = looked_after(child)
    errors: dict[str, str] = {}
    _check_kind(
        errors, kind=kind, permanence_option=permanence_option, placement=placement, current=current
    )
    _check_completed_on(errors, completed_on, child, period)
    if not summary.strip():
        errors["summary"] = "Enter a summary of the plan"
    if errors:
        raise ValidationError(errors)
    plan = CarePlan(
        child=child,
        period=period,
        kind=kind,
        placement=current if kind == CarePlanKind.PLACEMENT else None,
        completed_on=completed_on,
        permanence_option=permanence_option,
        summary=summary.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(plan)
    plan.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CARE_PLAN_RECORDED,
        subject=plan,
        person_id=child.pk,
        payload={
            "kind": kind,
            "completed_on": completed_on,
            "placement": plan.placement_id,
            "permanence_option": permanence_option,
        },
    )
    label = CarePlanKind(kind).label
    if kind == CarePlanKind.PERMANENCE:
        label += f": {PermanenceOption(permanence_option).label.lower()}"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=completed_on,
        category="care",
        summary=label,
        source=plan,
    )
    if kind == CarePlanKind.CARE:
        meet_clocks(actor=actor, subject=period, rule_ids=("care-plan",), met_on=completed_on)
    elif kind == CarePlanKind.PLACEMENT:
        meet_clocks(actor=actor, subject=current, rule_ids=("placement-plan",), met_on=completed_on)
    return plan
