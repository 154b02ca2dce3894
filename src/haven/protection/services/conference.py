"""Initial and review child protection conferences, and the plans they start, review and end."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from haven.allocation.services import case_close
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.services import chronology_record
from haven.protection.enums import (
    PROFESSIONAL_AGENCIES,
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    PlanKind,
    Section47Outcome,
)
from haven.protection.models import Conference, ConferenceAttendance, Plan, Section47Enquiry
from haven.protection.services._common import (
    check_not_future,
    meet_clocks,
    open_clock,
    open_episode,
    user_or_none,
)
from haven.protection.services.enquiry import ICPC_RULE
from haven.protection.services.plan import (
    CP_REVIEW_RULES,
    Ratings,
    _plan_end,
    _plan_start,
    rating_errors,
    record_ratings,
)

#: (agency, name, attended, report submitted)
Attendee = tuple[str, str, bool, bool]


def is_quorate(attendance: Sequence[Attendee]) -> bool:
    """At least three agencies attended, one of them children's social care (docs/protection.md)."""
    agencies = {a for a, _, attended, _ in attendance if attended and a in PROFESSIONAL_AGENCIES}
    return Agency.SOCIAL_CARE in agencies and len(agencies) >= 3


def _attendance_error(attendance: Sequence[Attendee]) -> str | None:
    if not attendance:
        return "Add who was invited and whether they attended"
    for position, (agency, name, _, _) in enumerate(attendance, start=1):
        if agency not in Agency.values:
            return f"Attendee {position}: choose their agency"
        if not name.strip():
            return f"Attendee {position}: enter their name"
    return None


@transaction.atomic
def conference_record(
    *,
    actor: Any,
    child: Any,
    kind: str,
    held_on: dt.date,
    attendance: Sequence[Attendee],
    child_views: str,
    family_views: str,
    decision: str,
    category: str = "",
    reasons: str = "",
    chair: Any = None,
    ratings: Ratings | None = None,
    step_down_to_cin: bool = False,
    carry_outcomes: bool = False,
) -> Conference:
    """Record a conference as held, and what follows from its decision.

    An initial conference meets the 15-working-day clock of the section 47 enquiry it follows
    and, deciding on a plan, starts it with its clocks (first core group, first review, visits).
    A review conference rates every outcome, meets the review clock and starts the next one;
    deciding against a plan ends it, and may step the child down to a CIN plan the same day.
    Moving between plans, ``carry_outcomes`` starts the new plan from the old one's outcomes.
    """
    episode = open_episode(child)
    errors: dict[str, str] = {}
    if kind not in ConferenceKind.values:
        raise ValidationError({"kind": "Choose an initial or a review conference"})
    check_not_future(errors, "held_on", held_on, "The conference date")
    if held_on.weekday() >= 5:
        errors.setdefault(
            "held_on", "A conference is not held at a weekend: check the date (DfE rule 8875)"
        )
    problem = _attendance_error(attendance)
    if problem:
        errors["attendance"] = problem
    if not child_views.strip():
        errors["child_views"] = (
            "Enter the child's views, or how they were sought and why they are not known"
        )
    if not family_views.strip():
        errors["family_views"] = "Enter the family's views"
    if decision not in ConferenceDecision.values:
        errors["decision"] = "Choose the conference's decision"
    elif decision == ConferenceDecision.PLAN and category not in AbuseCategory.values:
        errors["category"] = "Choose the category of abuse"
    elif decision == ConferenceDecision.NO_PLAN and category:
        errors["category"] = "A category of abuse is given only with a plan"
    if (
        step_down_to_cin
        and not (kind == ConferenceKind.REVIEW and decision == ConferenceDecision.NO_PLAN)
        and not (kind == ConferenceKind.INITIAL and decision == ConferenceDecision.NO_PLAN)
    ):
        errors["step_down_to_cin"] = "A child in need plan follows only a decision of no plan"

    enquiry: Section47Enquiry | None = None
    plan: Plan | None = None
    if kind == ConferenceKind.INITIAL:
        enquiry = (
            Section47Enquiry.objects.select_for_update()
            .filter(episode=episode)
            .exclude(conferences__kind=ConferenceKind.INITIAL)
            .order_by("-start_date")
            .first()
        )
        if enquiry is None:
            errors["kind"] = (
                "An initial conference follows a section 47 enquiry: this child's episode has "
                "none awaiting a conference"
            )
        elif enquiry.completed_on is not None and enquiry.outcome != Section47Outcome.ICPC:
            errors["kind"] = "The section 47 enquiry concluded that no conference was needed"
        elif held_on < enquiry.start_date:
            errors.setdefault(
                "held_on",
                f"The conference must be on or after the enquiry started "
                f"({enquiry.start_date:%d %B %Y})",
            )
        elif enquiry.child_seen_on is None:
            errors.setdefault(
                "kind", "Record seeing the child in the section 47 enquiry before the conference"
            )
    else:
        plan = (
            Plan.objects.select_for_update()
            .filter(child=child, ended_on__isnull=True, kind=PlanKind.CHILD_PROTECTION)
            .first()
        )
        if plan is None:
            errors["kind"] = "A review conference reviews a child protection plan: there is none"
        else:
            if held_on <= plan.started_on:
                errors.setdefault(
                    "held_on",
                    f"The review must be after the plan started ({plan.started_on:%d %B %Y}) "
                    "(DfE rule 8841)",
                )
            errors.update(rating_errors(plan, ratings or {}))
    if errors:
        raise ValidationError(errors)

    conference = Conference(
        child=child,
        episode=episode,
        kind=kind,
        section47=enquiry,
        plan=plan,
        held_on=held_on,
        chair=chair,
        quorate=is_quorate(attendance),
        child_views=child_views.strip(),
        family_views=family_views.strip(),
        decision=decision,
        category=category if decision == ConferenceDecision.PLAN else "",
        reasons=reasons.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(conference)
    conference.save()
    ConferenceAttendance.objects.bulk_create(
        ConferenceAttendance(
            conference=conference,
            agency=agency,
            name=name.strip(),
            attended=attended,
            report_submitted=report,
        )
        for agency, name, attended, report in attendance
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.CONFERENCE_RECORDED,
        subject=conference,
        person_id=child.pk,
        payload={
            "kind": kind,
            "held_on": held_on,
            "decision": decision,
            "category": category,
            "quorate": conference.quorate,
            "chair": getattr(chair, "pk", None),
        },
    )
    summary = f"{conference.get_kind_display()}: " + (
        f"child protection plan, {AbuseCategory(category).label.lower()}"
        if decision == ConferenceDecision.PLAN
        else "no child protection plan"
    )
    if not conference.quorate:
        summary += " (not quorate)"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=held_on,
        category="Conference",
        summary=summary,
        source=conference,
    )

    if enquiry is not None:
        _after_initial(actor, conference, enquiry, step_down_to_cin, carry_outcomes)
    elif plan is not None:
        _after_review(actor, conference, plan, ratings or {}, step_down_to_cin, carry_outcomes)
    return conference


def _after_initial(
    actor: Any,
    conference: Conference,
    enquiry: Section47Enquiry,
    step_down_to_cin: bool,
    carry_outcomes: bool,
) -> None:
    held_on = conference.held_on
    if enquiry.completed_on is None:
        enquiry.completed_on = held_on
        enquiry.outcome = Section47Outcome.ICPC
        enquiry.save(update_fields=["completed_on", "outcome", "updated_at"])
        audit_record(
            actor=actor,
            verb=AuditVerb.S47_COMPLETED,
            subject=enquiry,
            person_id=enquiry.child_id,
            payload={"completed_on": held_on, "outcome": Section47Outcome.ICPC},
        )
    meet_clocks(actor=actor, subject=enquiry, rule_ids=(ICPC_RULE,), met_on=held_on)
    case_close(actor=actor, subject=enquiry, closed_on=held_on)
    if conference.decision == ConferenceDecision.PLAN:
        _plan_start(
            actor=actor,
            child=conference.child,
            kind=PlanKind.CHILD_PROTECTION,
            started_on=held_on,
            category=conference.category,
            initial_conference=conference,
            carry_outcomes=carry_outcomes,
        )
    elif (
        step_down_to_cin
        and not Plan.objects.filter(
            child=conference.child, ended_on__isnull=True, kind=PlanKind.CHILD_IN_NEED
        ).exists()
    ):
        _plan_start(
            actor=actor,
            child=conference.child,
            kind=PlanKind.CHILD_IN_NEED,
            started_on=held_on,
            category="",
            initial_conference=None,
        )


def _after_review(
    actor: Any,
    conference: Conference,
    plan: Plan,
    ratings: Ratings,
    step_down_to_cin: bool,
    carry_outcomes: bool,
) -> None:
    held_on = conference.held_on
    record_ratings(plan=plan, ratings=ratings, rated_on=held_on, conference=conference)
    meet_clocks(actor=actor, subject=plan, rule_ids=CP_REVIEW_RULES, met_on=held_on)
    if conference.decision == ConferenceDecision.PLAN:
        if conference.category != plan.latest_category:
            audit_record(
                actor=actor,
                verb=AuditVerb.PLAN_CATEGORY_CHANGED,
                subject=plan,
                person_id=plan.child_id,
                payload={"from": plan.latest_category, "to": conference.category},
            )
            plan.latest_category = conference.category
            plan.save(update_fields=["latest_category", "updated_at"])
        open_clock(
            actor=actor,
            child=plan.child,
            rule_id="cp-review-subsequent",
            start=held_on,
            subject=plan,
        )
    elif step_down_to_cin:
        _plan_start(
            actor=actor,
            child=plan.child,
            kind=PlanKind.CHILD_IN_NEED,
            started_on=held_on,
            category="",
            initial_conference=None,
            carry_outcomes=carry_outcomes,
        )
    else:
        _plan_end(actor=actor, plan=plan, ended_on=held_on, reason=PlanEndReason.NO_LONGER_NEEDED)
