"""Strategy discussions and the section 47 enquiries they start."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from haven.allocation.enums import CaseKind
from haven.allocation.services import case_close, case_open
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.people.services import chronology_record
from haven.protection.enums import Agency, Section47Outcome, StrategyDecision
from haven.protection.models import Section47Enquiry, StrategyDiscussion, StrategyParticipant
from haven.protection.services._common import (
    cancel_clocks,
    check_in_episode,
    check_not_future,
    open_clock,
    open_episode,
    user_or_none,
)

ICPC_RULE = "initial-child-protection-conference"


def _participant_errors(participants: Sequence[tuple[str, str, str]]) -> str | None:
    if not participants:
        return "Add the agencies and people who took part"
    for position, (agency, name, _role) in enumerate(participants, start=1):
        if agency not in Agency.values:
            return f"Participant {position}: choose their agency"
        if not name.strip():
            return f"Participant {position}: enter their name"
    return None


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: Any,
    child: Any,
    held_at: dt.datetime,
    participants: Sequence[tuple[str, str, str]],
    information_shared: str,
    decision: str,
    reasons: str,
) -> StrategyDiscussion:
    """Record a strategy discussion; deciding on a section 47 enquiry starts it.

    ``participants`` are (agency, name, role). A discussion held while an earlier one on the
    same episode stands is a repeat and points to it.
    """
    episode = open_episode(child)
    errors: dict[str, str] = {}
    if held_at.tzinfo is None:
        errors["held_at"] = "Enter the date and time of the discussion"
    elif held_at > clock.now():
        errors["held_at"] = "The discussion must have taken place: enter a time in the past"
    else:
        check_in_episode(errors, "held_at", clock.local_date(held_at), episode, "The discussion")
    problem = _participant_errors(participants)
    if problem:
        errors["participants"] = problem
    if not information_shared.strip():
        errors["information_shared"] = "Enter the information shared"
    if decision not in StrategyDecision.values:
        errors["decision"] = "Choose what the discussion decided"
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the decision"
    if (
        decision == StrategyDecision.SECTION_47
        and episode.section47_enquiries.filter(completed_on__isnull=True).exists()
    ):
        errors["decision"] = (
            "A section 47 enquiry is already under way for this child: record this repeat "
            "discussion's decision as no enquiry or single-agency action"
        )
    if errors:
        raise ValidationError(errors)

    previous = episode.strategy_discussions.order_by("-held_at").first()
    discussion = StrategyDiscussion(
        child=child,
        episode=episode,
        held_at=held_at,
        previous=previous,
        information_shared=information_shared.strip(),
        decision=decision,
        reasons=reasons.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(discussion)
    discussion.save()
    StrategyParticipant.objects.bulk_create(
        StrategyParticipant(discussion=discussion, agency=a, name=n.strip(), role=r.strip())
        for a, n, r in participants
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.STRATEGY_DISCUSSION_RECORDED,
        subject=discussion,
        person_id=child.pk,
        payload={
            "held_at": held_at,
            "decision": decision,
            "repeat": previous is not None,
            "agencies": sorted({a for a, _, _ in participants}),
        },
    )
    label = "Repeat strategy discussion" if previous else "Strategy discussion"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=clock.local_date(held_at),
        category="Strategy discussion",
        summary=f"{label}: {StrategyDecision(decision).label}",
        source=discussion,
    )
    if decision == StrategyDecision.SECTION_47:
        _section47_start(actor=actor, discussion=discussion)
    return discussion


def _section47_start(*, actor: Any, discussion: StrategyDiscussion) -> Section47Enquiry:
    """Start the enquiry on the day of the discussion and its 15-working-day ICPC clock."""
    start = clock.local_date(discussion.held_at)
    enquiry = Section47Enquiry(
        child=discussion.child,
        episode=discussion.episode,
        strategy_discussion=discussion,
        start_date=start,
        icpc_target=start,  # replaced by the clock's due date below
        started_by=user_or_none(actor),
    )
    check_fields(enquiry)
    enquiry.save()
    deadline = open_clock(
        actor=actor, child=discussion.child, rule_id=ICPC_RULE, start=start, subject=enquiry
    )
    enquiry.icpc_target = deadline.due_on
    enquiry.save(update_fields=["icpc_target", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.S47_STARTED,
        subject=enquiry,
        person_id=discussion.child_id,
        payload={"start_date": start, "icpc_target": deadline.due_on},
    )
    chronology_record(
        actor=actor,
        person=discussion.child,
        occurred_on=start,
        category="Section 47 enquiry",
        summary=f"Section 47 enquiry started; ICPC due by {deadline.due_on:%d %B %Y}",
        source=enquiry,
    )
    # Section 47 work is statutory: a registered social worker leads it (issue 4's rules).
    case_open(
        actor=actor,
        child=discussion.child,
        kind=CaseKind.CHILD_PROTECTION,
        opened_on=start,
        subject=enquiry,
    )
    return enquiry


def _lock_open(enquiry: Section47Enquiry) -> Section47Enquiry:
    enquiry = (
        Section47Enquiry.objects.select_for_update().select_related("episode").get(pk=enquiry.pk)
    )
    if not enquiry.is_open:
        raise ValidationError({"enquiry": "This enquiry is already completed"})
    if not enquiry.episode.is_open:
        raise ValidationError({"enquiry": "The child in need episode is closed (DfE rule 8565)"})
    return enquiry


@transaction.atomic
def section47_update(
    *,
    actor: Any,
    enquiry: Section47Enquiry,
    child_seen_on: dt.date | None,
    seen_alone: bool | None,
    findings: str,
) -> Section47Enquiry:
    """Record the child seen (and whether alone) and what the enquiry is finding."""
    enquiry = _lock_open(enquiry)
    errors: dict[str, str] = {}
    check_not_future(errors, "child_seen_on", child_seen_on, "The date the child was seen")
    if child_seen_on is not None and child_seen_on < enquiry.start_date:
        errors["child_seen_on"] = (
            f"The child was seen for this enquiry on or after it started "
            f"({enquiry.start_date:%d %B %Y})"
        )
    if child_seen_on is None and seen_alone is not None:
        errors["seen_alone"] = "Say whether the child was seen alone only once they were seen"
    if child_seen_on is not None and seen_alone is None:
        errors["seen_alone"] = "Say whether the child was seen alone"
    if errors:
        raise ValidationError(errors)
    enquiry.child_seen_on = child_seen_on
    enquiry.seen_alone = seen_alone
    enquiry.findings = findings.strip()
    enquiry.save(update_fields=["child_seen_on", "seen_alone", "findings", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.S47_UPDATED,
        subject=enquiry,
        person_id=enquiry.child_id,
        payload={"child_seen_on": child_seen_on, "seen_alone": seen_alone},
    )
    return enquiry


@transaction.atomic
def section47_complete(
    *,
    actor: Any,
    enquiry: Section47Enquiry,
    completed_on: dt.date,
    outcome: str,
    findings: str = "",
) -> Section47Enquiry:
    """Conclude the enquiry. Unless it needs an ICPC, the conference clock stops
    (``ICPCnotRequired``) and the statutory case it opened closes."""
    enquiry = _lock_open(enquiry)
    errors: dict[str, str] = {}
    if outcome not in Section47Outcome.values:
        errors["outcome"] = "Choose what the enquiry concluded"
    check_not_future(errors, "completed_on", completed_on, "The completion date")
    if completed_on < enquiry.start_date:
        errors.setdefault(
            "completed_on",
            f"The completion date must be on or after the enquiry started "
            f"({enquiry.start_date:%d %B %Y})",
        )
    if outcome == Section47Outcome.ICPC and enquiry.child_seen_on is None:
        errors["outcome"] = "Record seeing the child before concluding that a conference is needed"
    if errors:
        raise ValidationError(errors)
    enquiry.completed_on = completed_on
    enquiry.outcome = outcome
    if findings.strip():
        enquiry.findings = findings.strip()
    enquiry.save(update_fields=["completed_on", "outcome", "findings", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.S47_COMPLETED,
        subject=enquiry,
        person_id=enquiry.child_id,
        payload={"completed_on": completed_on, "outcome": outcome},
    )
    chronology_record(
        actor=actor,
        person=enquiry.child,
        occurred_on=completed_on,
        category="Section 47 enquiry",
        summary=f"Section 47 enquiry concluded: {Section47Outcome(outcome).label}",
        source=enquiry,
    )
    if outcome != Section47Outcome.ICPC:
        cancel_clocks(
            actor=actor,
            subject=enquiry,
            reason=f"Section 47 enquiry concluded on {completed_on:%d %B %Y}: no ICPC needed",
        )
        case_close(actor=actor, subject=enquiry, closed_on=completed_on)
    return enquiry
