"""Care leavers: personal advisers, the needs assessment and pathway plan and its reviews, the
adviser's contacts with the young person, and staying put.

Clocks run on the young person's own record (not a period of care), so they go on after care
ends:

* ``leaving-care-needs-assessment`` starts the day a looked-after child becomes an eligible
  child: their 16th birthday, or the day they have been looked after 13 weeks since 14 if that
  is later (CPPCR reg 42(1)). ``leaving_care_clocks_open`` opens it, run daily by the
  ``care_daily`` command, for every looked-after child eligible that day who has neither the
  clock nor a pathway plan; so a child who comes into care after 16 has it once the 13 weeks are
  done. The first pathway plan (with the needs assessment) meets it;
* the pathway plan opens ``pathway-plan-review``; each review meets it and opens the next;
* appointing a personal adviser opens ``personal-adviser-contact``; each contact meets it and
  opens the next, unless the young person has died or no longer needs the service. Ending the
  adviser's appointment with no one after them stops it.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from haven.accounts.roles import Role
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.eligibility import Category, age_on, birthday
from haven.care.enums import (
    FOSTER_PLACEMENTS,
    ContactMethod,
    LeaverAccommodation,
    LeaverActivity,
    LeaverInTouch,
)
from haven.care.models import (
    AdviserContact,
    CarePeriod,
    PathwayPlan,
    PersonalAdviser,
    StayingPut,
)
from haven.care.selectors.leaving import (
    ADVISER_ROLES,
    PATHWAY_PLAN_CATEGORIES,
    care_spans,
    current_adviser,
    last_placement,
    leaver_status,
)
from haven.care.services.health import check_date, due_on, lock_child
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services.subjects import (
    cancel_clocks,
    meet_clocks,
    open_clock,
    subject_deadlines,
    user_or_none,
)
from haven.people.models import Person
from haven.people.services import chronology_record

NEEDS_ASSESSMENT = "leaving-care-needs-assessment"
PLAN_REVIEW = "pathway-plan-review"
ADVISER_CONTACT = "personal-adviser-contact"
#: After these, no further contact is due (903 IN_TOUCH).
NO_FURTHER_CONTACT = frozenset({LeaverInTouch.DIED, LeaverInTouch.NREQ})
#: Accommodation a young person under 18 may not be recorded in (903 rule 347 and the ACCOM
#: guidance: "with former foster carers" is not for 17-year-olds).
ADULT_ACCOMMODATION = frozenset({LeaverAccommodation.T, LeaverAccommodation.Z})
#: Support from a personal adviser runs to 25 (Children and Social Work Act 2017).
SUPPORT_ENDS_AT = 25
#: Staying put runs to 21 (Children Act 1989 s.23CZA).
STAYING_PUT_ENDS_AT = 21


def _is_care_leaver(child: Person, on: dt.date) -> bool:
    return leaver_status(child, on, support_to_25=True).category is not None


def _open_next(
    actor: Any, child: Person, rule_id: str, start: dt.date, *, until_age: int = SUPPORT_ENDS_AT
) -> Deadline | None:
    assert child.date_of_birth is not None
    if due_on(rule_id, start) >= birthday(child.date_of_birth, until_age):
        return None
    return open_clock(actor=actor, child=child, rule_id=rule_id, start=start, subject=child)


# Personal advisers


def _adviser_errors(errors: dict[str, str], adviser: Any) -> None:
    if adviser is None:
        errors["adviser"] = "Choose the personal adviser"
    elif not getattr(adviser, "is_active", False) or getattr(adviser, "role", "") not in (
        ADVISER_ROLES
    ):
        roles = " or ".join(Role(r).label.lower() for r in ADVISER_ROLES)
        errors["adviser"] = f"A personal adviser must be a {roles} with an active account"


@transaction.atomic
def adviser_appoint(
    *, actor: Any, child: Any, adviser: Any, started_on: dt.date | None
) -> PersonalAdviser:
    """Appoint a personal adviser for a care leaver. The one before, if any, hands over that
    day. The first appointment starts the adviser contact clock."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    _adviser_errors(errors, adviser)
    check_date(errors, "started_on", started_on, child)
    current = current_adviser(child)
    if "started_on" not in errors:
        assert started_on is not None
        if not _is_care_leaver(child, started_on):
            errors["started_on"] = (
                "A personal adviser is appointed for an eligible, relevant, former relevant or "
                "qualifying young person: this young person was none of these on this date"
            )
        elif current is not None and started_on < current.started_on:
            errors["started_on"] = (
                f"The date must be on or after the current adviser's appointment "
                f"({current.started_on:%d %B %Y})"
            )
    if current is not None and adviser is not None and current.adviser_id == adviser.pk:
        errors.setdefault("adviser", "This is already the young person's personal adviser")
    if errors:
        raise ValidationError(errors)
    assert started_on is not None
    if current is not None:
        _end_adviser(actor, child, current, started_on, handed_over=True)
    appointment = PersonalAdviser(child=child, adviser=adviser, started_on=started_on)
    check_fields(appointment)
    appointment.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ADVISER_APPOINTED,
        subject=appointment,
        person_id=child.pk,
        payload={"adviser": adviser, "started_on": started_on},
    )
    if (
        not subject_deadlines(child)
        .filter(rule_id=ADVISER_CONTACT, status=DeadlineStatus.OPEN)
        .exists()
    ):
        _open_next(actor, child, ADVISER_CONTACT, started_on)
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Leaving care",
        summary="Personal adviser appointed",
        source=appointment,
    )
    return appointment


def _end_adviser(
    actor: Any, child: Person, appointment: PersonalAdviser, on: dt.date, *, handed_over: bool
) -> None:
    appointment.ended_on = on
    appointment.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ADVISER_ENDED,
        subject=appointment,
        person_id=child.pk,
        payload={"ended_on": on, "handed_over": handed_over},
    )


@transaction.atomic
def adviser_end(*, actor: Any, child: Any, ended_on: dt.date | None) -> PersonalAdviser:
    """The personal adviser's appointment ends with no one after them: the contact clock
    stops."""
    child = lock_child(child)
    current = current_adviser(child)
    if current is None:
        raise ValidationError({"child": "The young person has no personal adviser"})
    errors: dict[str, str] = {}
    check_date(errors, "ended_on", ended_on, child)
    if ended_on is not None and ended_on < current.started_on:
        errors.setdefault(
            "ended_on",
            f"The date must be on or after the appointment ({current.started_on:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    assert ended_on is not None
    _end_adviser(actor, child, current, ended_on, handed_over=False)
    cancel_clocks(
        actor=actor,
        subject=child,
        reason="The personal adviser's appointment ended",
        rule_ids=(ADVISER_CONTACT,),
    )
    return current


# Needs assessment and pathway plan


@transaction.atomic
def pathway_plan_record(
    *, actor: Any, child: Any, completed_on: dt.date | None, is_review: bool, summary: str
) -> PathwayPlan:
    """The needs assessment and pathway plan (for an eligible, relevant or former relevant
    young person), or a review of it. The plan meets the needs assessment clock, a review the
    review clock; each opens the next review."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "completed_on", completed_on, child)
    if not summary.strip():
        errors["summary"] = "Enter a summary of the plan"
    plans = PathwayPlan.objects.filter(child=child)
    if "completed_on" not in errors:
        assert completed_on is not None
        status = leaver_status(child, completed_on, support_to_25=True)
        if status.category not in PATHWAY_PLAN_CATEGORIES:
            errors["completed_on"] = (
                "A pathway plan is made for an eligible, relevant or former relevant young "
                "person: this young person was none of these on this date"
            )
        first = plans.filter(is_review=False)
        if not is_review and first.exists():
            errors["is_review"] = "The pathway plan is already recorded: record a review of it"
        elif is_review and not first.filter(completed_on__lte=completed_on).exists():
            errors["is_review"] = "Record the needs assessment and pathway plan first"
    if errors:
        raise ValidationError(errors)
    assert completed_on is not None
    latest = not plans.filter(completed_on__gt=completed_on).exists()
    plan = PathwayPlan(
        child=child,
        completed_on=completed_on,
        is_review=is_review,
        summary=summary.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(plan)
    plan.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.PATHWAY_PLAN_RECORDED,
        subject=plan,
        person_id=child.pk,
        payload={"completed_on": completed_on, "is_review": is_review},
    )
    if latest:
        meet_clocks(
            actor=actor,
            subject=child,
            rule_ids=(NEEDS_ASSESSMENT, PLAN_REVIEW),
            met_on=completed_on,
        )
        _open_next(actor, child, PLAN_REVIEW, completed_on)
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=completed_on,
        category="Leaving care",
        summary="Pathway plan reviewed" if is_review else "Needs assessment and pathway plan",
        source=plan,
    )
    return plan


# Contacts with the personal adviser


def _contact_errors(
    errors: dict[str, str],
    child: Person,
    on: dt.date | None,
    method: str,
    in_touch: str,
    activity: str,
    accommodation: str,
    suitable: bool | None,
) -> None:
    if method not in ContactMethod.values:
        errors["method"] = "Choose how the contact was made"
    if in_touch not in LeaverInTouch.values:
        errors["in_touch"] = "Choose whether the young person is in touch (903 IN_TOUCH)"
    elif in_touch == LeaverInTouch.YES:
        if activity not in LeaverActivity.values:
            errors["activity"] = "Choose what the young person is doing (903 ACTIV)"
        if accommodation not in LeaverAccommodation.values:
            errors["accommodation"] = "Choose where the young person lives (903 ACCOM)"
        elif suitable is None:
            errors["accommodation_suitable"] = "Say whether the accommodation is suitable"
    else:
        if activity or accommodation or suitable is not None:
            errors["activity"] = (
                "Activity and accommodation are recorded only for a young person in touch"
            )
    assert child.date_of_birth is not None
    if (
        on is not None
        and accommodation in ADULT_ACCOMMODATION
        and "accommodation" not in errors
        and age_on(child.date_of_birth, on) < 18
    ):
        errors["accommodation"] = (
            f"{LeaverAccommodation(accommodation).label} is not recorded for a young person "
            "under 18"
        )


@transaction.atomic
def adviser_contact_record(
    *,
    actor: Any,
    child: Any,
    contact_on: dt.date | None,
    method: str,
    in_touch: str,
    activity: str = "",
    accommodation: str = "",
    accommodation_suitable: bool | None = None,
    notes: str = "",
) -> AdviserContact:
    """A contact with the young person by the personal adviser appointed that day, and where
    they stand: in touch, and if so their activity and accommodation and whether it suits them
    (903 OC3). It meets the contact clock and opens the next."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    check_date(errors, "contact_on", contact_on, child)
    _contact_errors(
        errors, child, contact_on, method, in_touch, activity, accommodation, accommodation_suitable
    )
    adviser = None
    if contact_on is not None and "contact_on" not in errors:
        adviser = current_adviser(child, contact_on)
        if adviser is None:
            errors["contact_on"] = "The young person had no personal adviser on this date"
    if errors:
        raise ValidationError(errors)
    assert contact_on is not None
    assert adviser is not None
    latest = not AdviserContact.objects.filter(child=child, contact_on__gt=contact_on).exists()
    contact = AdviserContact(
        child=child,
        adviser=adviser.adviser,
        contact_on=contact_on,
        method=method,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=accommodation_suitable,
        notes=notes.strip(),
    )
    check_fields(contact)
    contact.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ADVISER_CONTACT_RECORDED,
        subject=contact,
        person_id=child.pk,
        payload={"contact_on": contact_on, "in_touch": in_touch},
    )
    if latest:
        meet_clocks(actor=actor, subject=child, rule_ids=(ADVISER_CONTACT,), met_on=contact_on)
        if in_touch not in NO_FURTHER_CONTACT:
            _open_next(actor, child, ADVISER_CONTACT, contact_on)
    return contact


# Staying put


@transaction.atomic
def staying_put_start(
    *, actor: Any, child: Any, carer: str, started_on: dt.date | None
) -> StayingPut:
    """A former relevant young person of 18 to 20 stays on with the foster carers they lived
    with when they ceased to be looked after (Children Act 1989 s.23CZA)."""
    child = lock_child(child)
    errors: dict[str, str] = {}
    if not carer.strip():
        errors["carer"] = "Enter the former foster carers' names"
    check_date(errors, "started_on", started_on, child)
    if StayingPut.objects.filter(child=child, ended_on__isnull=True).exists():
        errors["started_on"] = "The young person is already staying put"
    if "started_on" not in errors:
        assert started_on is not None
        _staying_put_errors(errors, child, started_on)
    if errors:
        raise ValidationError(errors)
    assert started_on is not None
    arrangement = StayingPut(child=child, carer=carer.strip(), started_on=started_on)
    check_fields(arrangement)
    arrangement.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.STAYING_PUT_STARTED,
        subject=arrangement,
        person_id=child.pk,
        payload={"started_on": started_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Leaving care",
        summary="Staying put with former foster carers",
        source=arrangement,
    )
    return arrangement


def _staying_put_errors(errors: dict[str, str], child: Person, on: dt.date) -> None:
    assert child.date_of_birth is not None
    age = age_on(child.date_of_birth, on)
    if age < 18 or age >= STAYING_PUT_ENDS_AT:
        errors["started_on"] = "Staying put is for a young person aged 18 to 20"
        return
    period = CarePeriod.objects.filter(child=child).order_by("-started_on").first()
    placement = last_placement(child)
    if period is None or period.ended_on is None or placement is None:
        errors["started_on"] = "The young person has not left care"
        return
    if on < period.ended_on:
        errors["started_on"] = (
            f"Staying put starts when care ends ({period.ended_on:%d %B %Y}) or after"
        )
    elif placement.place not in FOSTER_PLACEMENTS:
        errors["started_on"] = (
            "Staying put is with the foster carers the young person lived with when they left "
            "care: their last placement was not foster care"
        )
    elif leaver_status(child, on, spans=care_spans(child)).category != Category.FORMER_RELEVANT:
        errors["started_on"] = (
            "Staying put is for a former relevant young person: looked after on reaching 18, "
            "having been an eligible child"
        )


@transaction.atomic
def staying_put_end(*, actor: Any, child: Any, ended_on: dt.date | None) -> StayingPut:
    """The staying put arrangement ends."""
    child = lock_child(child)
    arrangement = StayingPut.objects.filter(child=child, ended_on__isnull=True).first()
    if arrangement is None:
        raise ValidationError({"child": "The young person is not staying put"})
    errors: dict[str, str] = {}
    check_date(errors, "ended_on", ended_on, child)
    if ended_on is not None and ended_on < arrangement.started_on:
        errors.setdefault(
            "ended_on",
            f"The date must be on or after staying put began ({arrangement.started_on:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    assert ended_on is not None
    arrangement.ended_on = ended_on
    arrangement.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.STAYING_PUT_ENDED,
        subject=arrangement,
        person_id=child.pk,
        payload={"ended_on": ended_on},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=ended_on,
        category="Leaving care",
        summary="Staying put ended",
        source=arrangement,
    )
    return arrangement


# The daily run


@transaction.atomic
def leaving_care_clocks_open(*, on: dt.date, actor: Any = None) -> list[Deadline]:
    """Open the needs assessment clock of every looked-after child who is an eligible child on
    ``on`` and has neither the clock nor a pathway plan yet, from the day they became eligible.
    Run daily; running it again opens nothing."""
    sixteen, eighteen = birthday(on, -16), birthday(on, -18)
    periods = (
        CarePeriod.objects.filter(
            ended_on__isnull=True,
            child__date_of_birth__lte=sixteen,
            child__date_of_birth__gt=eighteen,
        )
        .exclude(Exists(Deadline.objects.filter(child=OuterRef("child"), rule_id=NEEDS_ASSESSMENT)))
        .exclude(Exists(PathwayPlan.objects.filter(child=OuterRef("child"))))
        .select_related("child")
    )
    opened = []
    for period in periods:
        status = leaver_status(period.child, on)
        if status.category == Category.ELIGIBLE and status.eligible_since is not None:
            opened.append(
                open_clock(
                    actor=actor,
                    child=period.child,
                    rule_id=NEEDS_ASSESSMENT,
                    start=status.eligible_since,
                    subject=period.child,
                )
            )
    return opened
