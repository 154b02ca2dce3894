"""Emergency protection, and the pre-proceedings stage of the Public Law Outline."""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.enums import PersonKind
from haven.people.services import chronology_record
from haven.protection.enums import PreProceedingsOutcome, ProtectiveOrderKind
from haven.protection.models import PreProceedings, PreProceedingsMeeting, ProtectiveOrder
from haven.protection.services._common import (
    check_in_episode,
    check_not_future,
    open_episode,
    user_or_none,
)


@transaction.atomic
def protective_order_record(
    *,
    actor: Any,
    child: Any,
    kind: str,
    started_at: dt.datetime,
    ended_at: dt.datetime | None = None,
    details: str = "",
) -> ProtectiveOrder:
    """Record an emergency protection order or police protection (Children Act 1989 s44, s46)."""
    errors: dict[str, str] = {}
    if getattr(child, "kind", None) != PersonKind.CHILD:
        errors["child"] = "Only a child can have this recorded"
    if kind not in ProtectiveOrderKind.values:
        errors["kind"] = "Choose an emergency protection order or police protection"
    if started_at > clock.now():
        errors["started_at"] = "The start must be in the past"
    if ended_at is not None and ended_at < started_at:
        errors["ended_at"] = "The end must be after the start"
    if errors:
        raise ValidationError(errors)
    order = ProtectiveOrder(
        child=child,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        details=details.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(order)
    order.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PROTECTIVE_ORDER_RECORDED,
        subject=order,
        person_id=child.pk,
        payload={"kind": kind, "started_at": started_at, "ended_at": ended_at},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=clock.local_date(started_at),
        category="Emergency protection",
        summary=f"{ProtectiveOrderKind(kind).label} began",
        source=order,
    )
    return order


@transaction.atomic
def protective_order_end(
    *, actor: Any, order: ProtectiveOrder, ended_at: dt.datetime
) -> ProtectiveOrder:
    order = ProtectiveOrder.objects.select_for_update().get(pk=order.pk)
    if order.ended_at is not None:
        raise ValidationError({"ended_at": "This order has already ended"})
    if ended_at < order.started_at or ended_at > clock.now():
        raise ValidationError({"ended_at": "The end must be after the start and in the past"})
    order.ended_at = ended_at
    order.save(update_fields=["ended_at", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PROTECTIVE_ORDER_ENDED,
        subject=order,
        person_id=order.child_id,
        payload={"ended_at": ended_at},
    )
    chronology_record(
        actor=actor,
        person=order.child,
        occurred_on=clock.local_date(ended_at),
        category="Emergency protection",
        summary=f"{order.get_kind_display()} ended",
        source=order,
    )
    return order


def _lock_open(pre_proceedings: PreProceedings, field: str) -> PreProceedings:
    pp = PreProceedings.objects.select_for_update().get(pk=pre_proceedings.pk)
    if not pp.is_open:
        raise ValidationError({field: "Pre-proceedings have already ended"})
    return pp


@transaction.atomic
def pre_proceedings_start(*, actor: Any, child: Any, started_on: dt.date) -> PreProceedings:
    """The decision to enter pre-proceedings (``PPStartDate``)."""
    episode = open_episode(child)
    errors: dict[str, str] = {}
    check_not_future(errors, "started_on", started_on, "The decision date")
    check_in_episode(errors, "started_on", started_on, episode, "The decision date")
    if PreProceedings.objects.filter(child=child, outcome="").exists():
        errors["started_on"] = "This child is already in pre-proceedings"
    if errors:
        raise ValidationError(errors)
    pp = PreProceedings(
        child=child, episode=episode, started_on=started_on, started_by=user_or_none(actor)
    )
    check_fields(pp)
    pp.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PRE_PROCEEDINGS_STARTED,
        subject=pp,
        person_id=child.pk,
        payload={"started_on": started_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Pre-proceedings",
        summary="Decision to enter pre-proceedings (Public Law Outline)",
        source=pp,
    )
    return pp


@transaction.atomic
def pre_proceedings_update(
    *,
    actor: Any,
    pre_proceedings: PreProceedings,
    letter_sent_on: dt.date | None,
    fgdm_offered: bool | None,
    fgdm_held: bool | None,
) -> PreProceedings:
    """The letter before proceedings, and family group decision making offered and held."""
    pp = _lock_open(pre_proceedings, "outcome")
    errors: dict[str, str] = {}
    check_not_future(errors, "letter_sent_on", letter_sent_on, "The letter date")
    if letter_sent_on is not None and letter_sent_on < pp.started_on:
        errors.setdefault(
            "letter_sent_on",
            "The letter before proceedings is sent on or after the decision to enter "
            f"pre-proceedings ({pp.started_on:%d %B %Y}) (DfE rules 9005 to 9015Q)",
        )
    if fgdm_held and not fgdm_offered:
        errors["fgdm_held"] = "A family group decision meeting is held only once offered"
    if errors:
        raise ValidationError(errors)
    pp.letter_sent_on = letter_sent_on
    pp.fgdm_offered = fgdm_offered
    pp.fgdm_held = fgdm_held
    check_fields(pp)
    pp.save(update_fields=["letter_sent_on", "fgdm_offered", "fgdm_held", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PRE_PROCEEDINGS_UPDATED,
        subject=pp,
        person_id=pp.child_id,
        payload={
            "letter_sent_on": letter_sent_on,
            "fgdm_offered": fgdm_offered,
            "fgdm_held": fgdm_held,
        },
    )
    return pp


@transaction.atomic
def pre_proceedings_meeting_record(
    *, actor: Any, pre_proceedings: PreProceedings, held_on: dt.date, summary: str = ""
) -> PreProceedingsMeeting:
    """A pre-proceedings meeting: the first is ``InitialPPMeetingDate``, the rest are counted
    as ``ReviewMeetingsCount``."""
    pp = _lock_open(pre_proceedings, "held_on")
    errors: dict[str, str] = {}
    check_not_future(errors, "held_on", held_on, "The meeting date")
    if held_on < pp.started_on:
        errors.setdefault(
            "held_on",
            f"The meeting is on or after pre-proceedings began ({pp.started_on:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    meeting = PreProceedingsMeeting(pre_proceedings=pp, held_on=held_on, summary=summary.strip())
    check_fields(meeting)
    meeting.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PRE_PROCEEDINGS_MEETING,
        subject=meeting,
        person_id=pp.child_id,
        payload={"held_on": held_on},
    )
    chronology_record(
        actor=actor,
        person=pp.child,
        occurred_on=held_on,
        category="Pre-proceedings",
        summary="Pre-proceedings meeting held",
        source=meeting,
    )
    return meeting


@transaction.atomic
def pre_proceedings_decide(
    *,
    actor: Any,
    pre_proceedings: PreProceedings,
    decision_on: dt.date,
    outcome: str,
    court_application_on: dt.date | None = None,
) -> PreProceedings:
    """End pre-proceedings: issue care proceedings, step down, or end for another reason."""
    pp = _lock_open(pre_proceedings, "outcome")
    errors: dict[str, str] = {}
    if outcome not in PreProceedingsOutcome.values:
        errors["outcome"] = "Choose the outcome of pre-proceedings"
    check_not_future(errors, "decision_on", decision_on, "The decision date")
    if decision_on < pp.started_on:
        errors.setdefault(
            "decision_on",
            f"The decision is on or after pre-proceedings began ({pp.started_on:%d %B %Y}) "
            "(DfE rules 9005 to 9015Q)",
        )
    if court_application_on is not None:
        if outcome != PreProceedingsOutcome.ISSUE_PROCEEDINGS:
            errors["court_application_on"] = (
                "A court application date is given only with a decision to issue proceedings"
            )
        elif court_application_on < decision_on:
            errors["court_application_on"] = (
                "The court application is on or after the decision to issue (DfE rules 9005 "
                "to 9015Q)"
            )
        check_not_future(errors, "court_application_on", court_application_on, "The date")
    if errors:
        raise ValidationError(errors)
    pp.decision_on = decision_on
    pp.outcome = outcome
    pp.court_application_on = court_application_on
    check_fields(pp)
    pp.save(update_fields=["decision_on", "outcome", "court_application_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.PRE_PROCEEDINGS_UPDATED,
        subject=pp,
        person_id=pp.child_id,
        payload={
            "decision_on": decision_on,
            "outcome": outcome,
            "court_application_on": court_application_on,
        },
    )
    chronology_record(
        actor=actor,
        person=pp.child,
        occurred_on=decision_on,
        category="Pre-proceedings",
        summary=f"Pre-proceedings ended: {PreProceedingsOutcome(outcome).label}",
        source=pp,
    )
    return pp
