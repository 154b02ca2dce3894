"""Periods of care, their 903 episodes and placements: a child starts to be looked after, moves
placement, has their legal status changed, and ceases to be looked after.

Each service is one transaction that keeps the 903 episode rules (STATUTORY.md §3): a new episode
whenever the legal status or the placement changes, with ``RNE`` saying which; the one before
ends the same day with ``X1``; the reason a placement changed goes on the episode it ends. A
placement in an unregistered setting is refused unless a named senior officer's sign-off comes
with it (services/irregular.py).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from haven.allocation.enums import CaseKind
from haven.allocation.services import case_close, case_open
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import (
    LEAVING_REASONS,
    LegalStatus,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
)
from haven.care.models import CareEpisode, CarePeriod, Placement, Setting
from haven.care.policies import can_sign_off_irregular
from haven.care.rules import (
    PlacementDetails,
    irregular_reasons,
    place_change_errors,
    placement_errors,
    years_old,
)
from haven.care.services.visits import visit_clock_repick
from haven.casework.enums import PrimaryNeed
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.services import deadline_move
from haven.deadlines.services.subjects import (
    cancel_clocks,
    check_not_future,
    open_clock,
    user_or_none,
)
from haven.people.enums import PersonKind
from haven.people.identifiers import IdentifierError, validate_postcode
from haven.people.models import Person
from haven.people.services import chronology_record

#: Clocks a period of care starts (the first review, the care plan, the health assessment).
PERIOD_RULES = ("care-plan", "lac-review-first", "initial-health-assessment", "pep")
#: Clocks each placement starts and keeps.
PLACEMENT_RULES = (
    "placement-plan",
    "lac-visit-first-week",
    "lac-visit-first-year",
    "lac-visit-long-term",
    "lac-visit-weekly",
    "lac-visit-four-weekly",
    "lac-visit-long-term-foster",
    "irregular-placement-review",
)
#: A PEP is made for children from 3 (early years) to 17 (docs/care.md).
PEP_AGES = range(3, 18)


@dataclass(kw_only=True)
class SignOff:
    """A named senior officer's sign-off of a placement in an unregistered setting."""

    officer: Any
    reason: str
    review_on: dt.date


def _lock_child(child: Any) -> Person:
    if getattr(child, "kind", None) != PersonKind.CHILD:
        raise ValidationError({"child": "Only a child can be looked after"})
    return Person.objects.select_for_update().get(pk=child.pk)


def open_period(child: Any) -> CarePeriod | None:
    return CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()


def _current(child: Any) -> tuple[CarePeriod, CareEpisode, Placement]:
    period = open_period(child)
    if period is None:
        raise ValidationError({"child": "This child is not looked after"})
    episode = CareEpisode.objects.select_related("placement").get(
        child=child, ended_on__isnull=True
    )
    return period, episode, episode.placement


def _check_date(errors: dict[str, str], field: str, on: dt.date, child: Person) -> None:
    check_not_future(errors, field, on, "The date")
    dob = child.date_of_birth
    if dob is not None and on < dob:
        errors.setdefault(field, "The date must be on or after the child's date of birth")
    if dob is not None and (years_old(dob, on) or 0) >= 18:
        errors.setdefault(field, "A child stops being looked after at 18")


def _details_errors(
    details: PlacementDetails, *, legal_status: str, age: int | None
) -> tuple[PlacementDetails, list[str], dict[str, str]]:
    """Fill the details from the register, and return them with their irregularities and the
    903 rules they break."""
    details = details.filled()
    errors: dict[str, str] = {}
    if details.postcode:
        try:
            details.postcode = validate_postcode(details.postcode)
        except IdentifierError as e:
            errors["postcode"] = e.message
    else:
        errors["postcode"] = "Enter the placement's postcode (903 PL_POST)"
    details.urn = details.urn.strip().upper()
    urn_registered = bool(details.urn) and (
        Setting.objects.filter(urn=details.urn, status="registered").exists()
    )
    reasons = irregular_reasons(details, age=age, urn_registered=urn_registered)
    for field, message in placement_errors(
        details, legal_status=legal_status, age=age, irregular=bool(reasons)
    ).items():
        errors.setdefault(field, message)
    return details, reasons, errors


def _check_sign_off(
    errors: dict[str, str], reasons: list[str], sign_off: SignOff | None, on: dt.date
) -> None:
    if not reasons:
        return
    if sign_off is None:
        errors.setdefault(
            "place",
            "This placement is in a setting that must be registered and is not: it needs a "
            "named senior officer's sign-off before it is saved",
        )
        return
    if not can_sign_off_irregular(sign_off.officer):
        errors.setdefault(
            "officer",
            "Only the director of children's services or a named delegate can sign off a "
            "placement in an unregistered setting",
        )
    if not sign_off.reason.strip():
        errors.setdefault("reason", "Enter why this placement is agreed")
    if sign_off.review_on < on:
        errors.setdefault("review_on", "The review date must be on or after the placement")


def _new_placement(
    *,
    actor: Any,
    child: Person,
    period: CarePeriod,
    details: PlacementDetails,
    reasons: list[str],
    started_on: dt.date,
    sign_off: SignOff | None,
) -> Placement:
    placement = Placement(
        child=child,
        period=period,
        setting=details.setting,
        place=details.place,
        provider=details.provider,
        postcode=details.postcode,
        urn=details.urn,
        carer=details.carer.strip(),
        started_on=started_on,
        weekly_cost=details.weekly_cost,
        long_term=details.long_term,
        long_term_confirmed_on=started_on if details.long_term else None,
        regime=details.regime,
        child_agreed_fewer_visits=details.child_agreed_fewer_visits,
        irregular=bool(reasons),
        irregular_reasons=reasons,
        recorded_by=user_or_none(actor),
    )
    if reasons and sign_off is not None:
        placement.signed_off_by = sign_off.officer
        placement.signed_off_at = clock.now()
        placement.sign_off_reason = sign_off.reason.strip()
        placement.sign_off_review_on = sign_off.review_on
    check_fields(placement)
    placement.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PLACEMENT_STARTED,
        subject=placement,
        person_id=child.pk,
        payload={"place": placement.place, "started_on": started_on, "irregular": bool(reasons)},
    )
    for rule_id in ("placement-plan", "lac-visit-first-week"):
        open_clock(actor=actor, child=child, rule_id=rule_id, start=started_on, subject=placement)
    if reasons and sign_off is not None:
        # Counted from the placement, or from the sign-off when that came later: a placement
        # agreed late is still reviewed within the interval of being agreed.
        review = open_clock(
            actor=actor,
            child=child,
            rule_id="irregular-placement-review",
            start=max(started_on, clock.today()),
            subject=placement,
        )
        if sign_off.review_on < review.due_on:
            deadline_move(
                actor=actor,
                deadline=review,
                due_on=sign_off.review_on,
                reason="The review date set when the placement was signed off",
            )
        if sign_off.review_on > review.due_on:
            raise ValidationError(
                {
                    "review_on": f"The first review must be by {review.due_on:%d %B %Y}: "
                    "placements in unregistered settings are reviewed at least that often"
                }
            )
    return placement


def _new_episode(
    *,
    child: Person,
    period: CarePeriod,
    placement: Placement,
    started_on: dt.date,
    reason_new: str,
    legal_status: str,
    category_of_need: str,
) -> CareEpisode:
    episode = CareEpisode(
        child=child,
        period=period,
        placement=placement,
        started_on=started_on,
        reason_new=reason_new,
        legal_status=legal_status,
        category_of_need=category_of_need,
    )
    check_fields(episode)
    episode.save()
    return episode


def _check_status(errors: dict[str, str], legal_status: str) -> None:
    if legal_status not in LegalStatus.values:
        errors["legal_status"] = "Choose the child's legal status (903 LS)"


@transaction.atomic
def care_start(
    *,
    actor: Any,
    child: Any,
    started_on: dt.date,
    legal_status: str,
    category_of_need: str,
    placement: PlacementDetails,
    home_postcode: str = "",
    sign_off: SignOff | None = None,
) -> CarePeriod:
    """The child starts to be looked after: a period, its first episode (``RNE`` S) and its
    first placement; the review, care plan, health, education and visit clocks start."""
    child = _lock_child(child)
    errors: dict[str, str] = {}
    _check_date(errors, "started_on", started_on, child)
    _check_status(errors, legal_status)
    if category_of_need not in PrimaryNeed.values or category_of_need in {"N0", "N9"}:
        errors["category_of_need"] = "Choose the child's category of need, N1 to N8 (903 CIN)"
    if open_period(child) is not None:
        errors["child"] = "This child is already looked after"
    elif CarePeriod.objects.filter(child=child, ended_on__gte=started_on).exists():
        errors["started_on"] = (
            "A new period of care must start after the last one ended; to change the current "
            "one, change its placement or legal status"
        )
    if home_postcode:
        try:
            home_postcode = validate_postcode(home_postcode)
        except IdentifierError as e:
            errors["home_postcode"] = e.message
    age = years_old(child.date_of_birth, started_on)
    details, reasons, more = _details_errors(placement, legal_status=legal_status, age=age)
    for field, message in more.items():
        errors.setdefault(field, message)
    _check_sign_off(errors, reasons, sign_off, started_on)
    if errors:
        raise ValidationError(errors)

    period = CarePeriod(child=child, started_on=started_on, home_postcode=home_postcode)
    check_fields(period)
    period.save()
    new = _new_placement(
        actor=actor,
        child=child,
        period=period,
        details=details,
        reasons=reasons,
        started_on=started_on,
        sign_off=sign_off,
    )
    _new_episode(
        child=child,
        period=period,
        placement=new,
        started_on=started_on,
        reason_new=ReasonNewEpisode.S,
        legal_status=legal_status,
        category_of_need=category_of_need,
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.CARE_STARTED,
        subject=period,
        person_id=child.pk,
        payload={"started_on": started_on, "legal_status": legal_status},
    )
    rules = [r for r in PERIOD_RULES if r != "pep" or (age is not None and age in PEP_AGES)]
    for rule_id in rules:
        open_clock(actor=actor, child=child, rule_id=rule_id, start=started_on, subject=period)
    case_open(
        actor=actor, child=child, kind=CaseKind.LOOKED_AFTER, opened_on=started_on, subject=period
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="care",
        summary=f"Started to be looked after ({LegalStatus(legal_status).label})",
        source=period,
    )
    return period


def _end_episode(episode: CareEpisode, on: dt.date, reason: str, place_change: str = "") -> None:
    episode.ended_on = on
    episode.reason_ceased = reason
    episode.reason_place_change = place_change
    episode.save(update_fields=["ended_on", "reason_ceased", "reason_place_change", "updated_at"])


def _end_placement(actor: Any, placement: Placement, on: dt.date, reason: str, why: str) -> None:
    placement.ended_on = on
    placement.reason_changed = reason
    placement.save(update_fields=["ended_on", "reason_changed", "updated_at"])
    cancel_clocks(actor=actor, subject=placement, reason=why)


def _check_change_date(
    errors: dict[str, str], field: str, on: dt.date, episode: CareEpisode
) -> None:
    if on <= episode.started_on:
        errors.setdefault(
            field,
            f"The change must come after the current episode began "
            f"({episode.started_on:%d %B %Y}): 903 episodes may not overlap",
        )


@transaction.atomic
def placement_change(
    *,
    actor: Any,
    child: Any,
    changed_on: dt.date,
    placement: PlacementDetails,
    reason_place_change: str,
    same_carer: bool = False,
    legal_status: str = "",
    sign_off: SignOff | None = None,
) -> Placement:
    """The child moves placement (and perhaps legal status the same day): the episode ends with
    ``X1`` and the reason, and a new one starts with ``RNE`` P or T (B or U with a new status)."""
    child = _lock_child(child)
    errors: dict[str, str] = {}
    _check_date(errors, "changed_on", changed_on, child)
    period, episode, current = _current(child)
    _check_change_date(errors, "changed_on", changed_on, episode)
    new_status = legal_status or episode.legal_status
    _check_status(errors, new_status)
    age = years_old(child.date_of_birth, changed_on)
    for field, message in place_change_errors(
        ending_place=current.place, reason=reason_place_change, age=age
    ).items():
        errors.setdefault(field, message)
    details, reasons, more = _details_errors(placement, legal_status=new_status, age=age)
    for field, message in more.items():
        errors.setdefault(field, message)
    _check_sign_off(errors, reasons, sign_off, changed_on)
    if errors:
        raise ValidationError(errors)

    _end_episode(episode, changed_on, ReasonEpisodeCeased.X1, reason_place_change)
    _end_placement(actor, current, changed_on, reason_place_change, "The child moved placement")
    new = _new_placement(
        actor=actor,
        child=child,
        period=period,
        details=details,
        reasons=reasons,
        started_on=changed_on,
        sign_off=sign_off,
    )
    status_changed = new_status != episode.legal_status
    if status_changed:
        rne = ReasonNewEpisode.U if same_carer else ReasonNewEpisode.B
    else:
        rne = ReasonNewEpisode.T if same_carer else ReasonNewEpisode.P
    _new_episode(
        child=child,
        period=period,
        placement=new,
        started_on=changed_on,
        reason_new=rne,
        legal_status=new_status,
        category_of_need=episode.category_of_need,
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=changed_on,
        category="care",
        summary="Moved placement",
        source=new,
    )
    return new


@transaction.atomic
def legal_status_change(
    *, actor: Any, child: Any, changed_on: dt.date, legal_status: str
) -> CareEpisode:
    """The child's legal status changes and the placement does not: a new episode, ``RNE`` L."""
    child = _lock_child(child)
    errors: dict[str, str] = {}
    _check_date(errors, "changed_on", changed_on, child)
    _check_status(errors, legal_status)
    period, episode, current = _current(child)
    _check_change_date(errors, "changed_on", changed_on, episode)
    if legal_status == episode.legal_status:
        errors.setdefault("legal_status", "The child already has this legal status")
    if errors:
        raise ValidationError(errors)
    _end_episode(episode, changed_on, ReasonEpisodeCeased.X1)
    new = _new_episode(
        child=child,
        period=period,
        placement=current,
        started_on=changed_on,
        reason_new=ReasonNewEpisode.L,
        legal_status=legal_status,
        category_of_need=episode.category_of_need,
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.LEGAL_STATUS_CHANGED,
        subject=new,
        person_id=child.pk,
        payload={"from": episode.legal_status, "to": legal_status, "on": changed_on},
    )
    visit_clock_repick(
        actor=actor, placement=current, on=changed_on, reason="The child's legal status changed"
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=changed_on,
        category="care",
        summary=f"Legal status changed to {LegalStatus(legal_status).label}",
        source=new,
    )
    return new


@transaction.atomic
def care_end(
    *, actor: Any, child: Any, ended_on: dt.date, reason: str, reason_place_change: str = ""
) -> CarePeriod:
    """The child ceases to be looked after: the last episode ends with the reason (903 REC),
    the placement and the period with it; every clock they kept is cancelled."""
    child = _lock_child(child)
    errors: dict[str, str] = {}
    check_not_future(errors, "ended_on", ended_on, "The date")
    period, episode, current = _current(child)
    if ended_on < episode.started_on:
        errors["ended_on"] = (
            f"The period cannot end before its current episode began "
            f"({episode.started_on:%d %B %Y})"
        )
    if reason not in LEAVING_REASONS:
        errors["reason"] = "Choose why the child ceased to be looked after (903 REC)"
    if errors:
        raise ValidationError(errors)
    _end_episode(episode, ended_on, reason, reason_place_change)
    _end_placement(actor, current, ended_on, reason_place_change, "The child left care")
    period.ended_on = ended_on
    period.save(update_fields=["ended_on", "updated_at"])
    cancel_clocks(actor=actor, subject=period, reason="The child left care")
    case_close(actor=actor, subject=period, closed_on=ended_on)
    audit_record(
        actor=actor,
        verb=AuditVerb.CARE_ENDED,
        subject=period,
        person_id=child.pk,
        payload={"ended_on": ended_on, "reason": reason},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=ended_on,
        category="care",
        summary=f"Ceased to be looked after ({ReasonEpisodeCeased(reason).label})",
        source=period,
    )
    return period
