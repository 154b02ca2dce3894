"""Placements in unregistered settings: asked for by the worker, signed off (or declined) by a
named senior officer, then reviewed on a clock until they end (docs/care.md).

The worker's entry is kept whole as a request while it waits, so nothing typed is lost; the
placement itself, and the 903 episode it starts, exist only once it is signed off.
"""

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import IrregularRequestStatus, IrregularReviewDecision
from haven.care.models import (
    IrregularPlacementRequest,
    IrregularPlacementReview,
    Placement,
    Setting,
)
from haven.care.policies import can_sign_off_irregular
from haven.care.rules import PlacementDetails, irregular_reasons, years_old
from haven.care.services.period import SignOff, care_start, placement_change
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.services.subjects import (
    check_not_future,
    meet_clocks,
    open_clock,
    user_or_none,
)

REVIEW_RULE = ("irregular-placement-review",)
#: How the period services begin their refusal of a placement that needs a sign-off.
SIGN_OFF_NEEDED = "This placement is in a setting that must be registered and is not"


class _DryRun(Exception):
    """Rolls back a period service that accepted a proposal it was only asked to check."""


def placement_reasons(*, child: Any, placement: PlacementDetails, on: dt.date) -> list[str]:
    """Why a placement in these details, for this child on this date, needs a senior officer's
    sign-off (empty when it does not): the same facts the period services weigh, so the page
    that offers to ask for a sign-off and the service that refuses without one agree."""
    details = dataclasses.replace(placement.filled())
    details.urn = details.urn.strip().upper()
    urn_registered = bool(details.urn) and (
        Setting.objects.filter(urn=details.urn, status="registered").exists()
    )
    age = years_old(getattr(child, "date_of_birth", None), on)
    return irregular_reasons(details, age=age, urn_registered=urn_registered)


def needs_sign_off_only(error: ValidationError) -> bool:
    """Whether a period service refused only because the placement needs a sign-off."""
    if not hasattr(error, "error_dict"):
        return False
    messages = error.message_dict
    return list(messages) == ["place"] and all(
        m.startswith(SIGN_OFF_NEEDED) for m in messages["place"]
    )


def details_from_json(data: dict[str, Any]) -> PlacementDetails:
    setting_id = data.get("setting") or ""
    cost = data.get("weekly_cost") or None
    try:
        weekly_cost = Decimal(cost) if cost is not None else None
    except InvalidOperation:
        weekly_cost = None
    return PlacementDetails(
        place=data["place"],
        setting=(
            Setting.objects.select_related("provider").filter(pk=setting_id).first()
            if setting_id
            else None
        ),
        provider=data.get("provider", ""),
        postcode=data.get("postcode", ""),
        urn=data.get("urn", ""),
        carer=data.get("carer", ""),
        weekly_cost=weekly_cost,
        long_term=bool(data.get("long_term")),
        regime=data.get("regime", "standard"),
        child_agreed_fewer_visits=bool(data.get("child_agreed_fewer_visits")),
    )


def _save_proposed(
    *, actor: Any, child: Any, proposed: dict[str, Any], sign_off: SignOff | None
) -> Placement:
    """Save a proposal through the period service its kind names."""
    on = dt.date.fromisoformat(proposed["on"])
    details = details_from_json(proposed["placement"])
    if proposed["kind"] == "start":
        period = care_start(
            actor=actor,
            child=child,
            started_on=on,
            legal_status=proposed["legal_status"],
            category_of_need=proposed["category_of_need"],
            placement=details,
            home_postcode=proposed["home_postcode"],
            sign_off=sign_off,
        )
        return period.placements.get()
    return placement_change(
        actor=actor,
        child=child,
        changed_on=on,
        placement=details,
        reason_place_change=proposed["reason_place_change"],
        same_carer=proposed["same_carer"],
        legal_status=proposed["legal_status"],
        sign_off=sign_off,
    )


def _other_refusals(*, actor: Any, child: Any, proposed: dict[str, Any]) -> ValidationError | None:
    """What the period service would refuse in the proposal besides the missing sign-off, so
    a request waits only when a sign-off is all it lacks. The check writes nothing."""
    try:
        with transaction.atomic():
            _save_proposed(actor=actor, child=child, proposed=proposed, sign_off=None)
            raise _DryRun
    except _DryRun:
        return None
    except ValidationError as e:
        if not hasattr(e, "error_dict"):
            return e
        others = {
            field: [m for m in texts if not m.startswith(SIGN_OFF_NEEDED)]
            for field, texts in e.message_dict.items()
        }
        others = {field: texts for field, texts in others.items() if texts}
        return ValidationError(others) if others else None


@transaction.atomic
def irregular_request(
    *,
    actor: Any,
    child: Any,
    kind: str,
    on: dt.date,
    placement: PlacementDetails,
    reasons: list[str] | None = None,
    legal_status: str = "",
    category_of_need: str = "",
    home_postcode: str = "",
    reason_place_change: str = "",
    same_carer: bool = False,
) -> IrregularPlacementRequest:
    """Keep a placement that needs sign-off, whole, for the senior officer. ``kind`` is
    ``start`` (the child becomes looked after) or ``move`` (a change of placement).

    ``reasons`` default to the ones ``placement_reasons`` finds. A proposal the period service
    would refuse for anything but the sign-off is refused here with those errors, so the
    officer is never asked to sign off what could not be saved."""
    errors: dict[str, str] = {}
    if kind not in ("start", "move"):
        errors["kind"] = "Say whether the child is starting to be looked after or moving"
    check_not_future(errors, "on", on, "The date")
    if reasons is None:
        reasons = placement_reasons(child=child, placement=placement, on=on)
    if not reasons:
        errors["place"] = "This placement does not need sign-off: save it instead"
    if IrregularPlacementRequest.objects.filter(
        child=child, status=IrregularRequestStatus.PENDING
    ).exists():
        errors["child"] = "A request for sign-off is already waiting for this child"
    if errors:
        raise ValidationError(errors)
    request = IrregularPlacementRequest(
        child=child,
        proposed={
            "kind": kind,
            "on": on.isoformat(),
            "legal_status": legal_status,
            "category_of_need": category_of_need,
            "home_postcode": home_postcode,
            "reason_place_change": reason_place_change,
            "same_carer": same_carer,
            "placement": placement.as_json(),
        },
        reasons=reasons,
        requested_by=user_or_none(actor),
    )
    refused = _other_refusals(actor=actor, child=child, proposed=request.proposed)
    if refused is not None:
        raise refused
    request.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.IRREGULAR_REQUESTED,
        subject=request,
        person_id=child.pk,
        payload={"reasons": reasons},
    )
    return request


def _lock_pending(request: IrregularPlacementRequest) -> IrregularPlacementRequest:
    locked = (
        IrregularPlacementRequest.objects.select_for_update()
        .select_related("child")
        .get(pk=request.pk)
    )
    if locked.status != IrregularRequestStatus.PENDING:
        raise ValidationError(
            {"status": f"This request is already {locked.get_status_display().lower()}"}
        )
    return locked


@transaction.atomic
def irregular_sign_off(
    *, actor: Any, request: IrregularPlacementRequest, reason: str, review_on: dt.date
) -> Placement:
    """The named senior officer signs the placement off: it is saved as the worker entered it,
    with the sign-off, and its review clock starts."""
    request = _lock_pending(request)
    if not can_sign_off_irregular(actor):
        raise ValidationError(
            {
                "officer": "Only the director of children's services or a named delegate can "
                "sign off a placement in an unregistered setting"
            }
        )
    sign_off = SignOff(officer=actor, reason=reason, review_on=review_on)
    placement = _save_proposed(
        actor=actor, child=request.child, proposed=request.proposed, sign_off=sign_off
    )
    request.status = IrregularRequestStatus.SIGNED_OFF
    request.decided_by = actor
    request.decided_at = clock.now()
    request.decision_reason = reason.strip()
    request.placement = placement
    request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_reason",
            "placement",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.IRREGULAR_SIGNED_OFF,
        subject=placement,
        person_id=request.child_id,
        payload={"request": str(request.pk), "review_on": review_on},
    )
    return placement


@transaction.atomic
def irregular_decline(
    *, actor: Any, request: IrregularPlacementRequest, reason: str
) -> IrregularPlacementRequest:
    """The senior officer refuses: the worker must find another placement."""
    request = _lock_pending(request)
    errors: dict[str, str] = {}
    if not can_sign_off_irregular(actor):
        errors["officer"] = (
            "Only the director of children's services or a named delegate can decide this"
        )
    if not reason.strip():
        errors["reason"] = "Enter why the placement is not agreed"
    if errors:
        raise ValidationError(errors)
    request.status = IrregularRequestStatus.DECLINED
    request.decided_by = actor
    request.decided_at = clock.now()
    request.decision_reason = reason.strip()
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.IRREGULAR_DECLINED,
        subject=request,
        person_id=request.child_id,
        payload={"reason": reason.strip()},
    )
    return request


@transaction.atomic
def irregular_withdraw(
    *, actor: Any, request: IrregularPlacementRequest
) -> IrregularPlacementRequest:
    request = _lock_pending(request)
    request.status = IrregularRequestStatus.WITHDRAWN
    request.decided_by = user_or_none(actor)
    request.decided_at = clock.now()
    request.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    audit_record(
        actor=actor, verb=AuditVerb.IRREGULAR_WITHDRAWN, subject=request, person_id=request.child_id
    )
    return request


@transaction.atomic
def irregular_review(
    *,
    actor: Any,
    placement: Placement,
    reviewed_on: dt.date,
    decision: str,
    notes: str,
) -> IrregularPlacementReview:
    """A senior officer reviews a placement in an unregistered setting: the review clock is met
    and, while the placement lasts, the next one starts from this review."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    errors: dict[str, str] = {}
    if not placement.irregular:
        errors["placement"] = "This placement is in a registered setting"
    elif placement.ended_on is not None:
        errors["placement"] = "This placement has ended"
    if not can_sign_off_irregular(actor):
        errors["reviewer"] = (
            "Only the director of children's services or a named delegate reviews these placements"
        )
    check_not_future(errors, "reviewed_on", reviewed_on, "The review date")
    if reviewed_on < placement.started_on:
        errors.setdefault("reviewed_on", "The review must be on or after the placement began")
    if decision not in IrregularReviewDecision.values:
        errors["decision"] = "Say whether the placement continues"
    if not notes.strip():
        errors["notes"] = "Enter what the review found"
    if errors:
        raise ValidationError(errors)
    review = IrregularPlacementReview.objects.create(
        placement=placement,
        reviewed_on=reviewed_on,
        reviewer=actor,
        decision=decision,
        notes=notes.strip(),
    )
    meet_clocks(actor=actor, subject=placement, rule_ids=REVIEW_RULE, met_on=reviewed_on)
    nxt = open_clock(
        actor=actor,
        child=placement.child,
        rule_id="irregular-placement-review",
        start=reviewed_on,
        subject=placement,
    )
    review.next_review_on = nxt.due_on
    review.save(update_fields=["next_review_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.IRREGULAR_REVIEWED,
        subject=review,
        person_id=placement.child_id,
        payload={"decision": decision, "next": nxt.due_on},
    )
    return review
