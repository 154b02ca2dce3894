"""Child and family assessments: started, the child seen and heard, completed, authorised."""

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.casework import policies
from haven.casework.enums import DEPRECATED_FACTORS, AssessmentFactor, AssessmentOutcome
from haven.casework.models import Assessment, CINEpisode, IdentifiedFactor
from haven.casework.selectors import assessment_deadline
from haven.casework.services._common import check_not_future, user_or_none
from haven.core import clock
from haven.core.errors import PermissionDenied, ValidationError
from haven.deadlines.services import deadline_meet
from haven.people.services import chronology_record


def _check_can_start(episode: CINEpisode, start_date: dt.date) -> tuple[str, str] | None:
    """Why an assessment cannot start on ``episode`` on ``start_date`` (field, message)."""
    if episode.referral_nfa:
        return "episode", (
            "This referral was no further action, so it has no assessment (DfE rule 8831)"
        )
    if not episode.is_open:
        return "episode", "This episode is closed: open a new referral first (DfE rule 8565)"
    if start_date < episode.referral_date:
        return "start_date", (
            f"Start date must be on or after the referral date ({episode.referral_date:%d %B %Y})"
        )
    if episode.assessments.filter(authorised_on__isnull=True).exists():
        return "episode", "This episode already has an assessment in progress"
    return None


def _create(
    actor: Any, episode: CINEpisode, start_date: dt.date, group_id: uuid.UUID | None
) -> Assessment:
    assessment = Assessment(
        episode=episode,
        child=episode.child,
        start_date=start_date,
        group_id=group_id,
        started_by=user_or_none(actor),
    )
    assessment.full_clean()
    assessment.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ASSESSMENT_STARTED,
        subject=assessment,
        person_id=episode.child_id,
        payload={"episode": episode, "start_date": start_date, "group_id": group_id},
    )
    chronology_record(
        actor=actor,
        person=episode.child,
        occurred_on=start_date,
        category="Assessment",
        summary="Child and family assessment started"
        + (" with brothers and sisters" if group_id else ""),
        source=assessment,
    )
    return assessment


@transaction.atomic
def assessment_start(*, actor: Any, episode: CINEpisode, start_date: dt.date) -> Assessment:
    """Start a child and family assessment on an open, accepted referral."""
    episode = CINEpisode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, str] = {}
    check_not_future(errors, "start_date", start_date, "Start date")
    problem = _check_can_start(episode, start_date)
    if problem:
        errors.setdefault(*problem)
    if errors:
        raise ValidationError(errors)
    return _create(actor, episode, start_date, None)


@transaction.atomic
def assessment_start_for_siblings(
    *, actor: Any, episodes: Sequence[CINEpisode], start_date: dt.date
) -> list[Assessment]:
    """Assess brothers and sisters together: one assessment per child, sharing a group id."""
    ids = [e.pk for e in episodes]
    locked = {e.pk: e for e in CINEpisode.objects.select_for_update().filter(pk__in=ids)}
    errors: dict[str, str] = {}
    check_not_future(errors, "start_date", start_date, "Start date")
    children = {e.child_id for e in locked.values()}
    if len(set(ids)) < 2 or len(children) < len(set(ids)):
        errors["episodes"] = "Choose the episodes of two or more different children"
    problems = []
    # Children are named by position, never by name: error messages reach logs and pages.
    for position, pk in enumerate(ids, start=1):
        problem = _check_can_start(locked[pk], start_date)
        if problem:
            problems.append(f"Child {position} of {len(ids)}: {problem[1]}")
    if problems:
        errors.setdefault("episodes", "; ".join(problems))
    if errors:
        raise ValidationError(errors)
    group_id = uuid.uuid4()
    return [_create(actor, locked[pk], start_date, group_id) for pk in ids]


def _lock_unauthorised(assessment: Assessment) -> Assessment:
    assessment = (
        Assessment.objects.select_for_update().select_related("episode").get(pk=assessment.pk)
    )
    if assessment.is_authorised:
        raise ValidationError(
            {"assessment": "This assessment is authorised and can no longer be changed"}
        )
    return assessment


def _save(assessment: Assessment, fields: list[str]) -> None:
    assessment.updated_at = clock.now()
    assessment.full_clean()
    assessment.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def assessment_record_seen(
    *, actor: Any, assessment: Assessment, seen_on: dt.date, seen_alone: bool
) -> Assessment:
    """Record that the child was seen during the assessment, and whether alone."""
    assessment = _lock_unauthorised(assessment)
    errors: dict[str, str] = {}
    check_not_future(errors, "seen_on", seen_on, "The date the child was seen")
    referral_date = assessment.episode.referral_date
    if seen_on < referral_date:
        errors.setdefault(
            "seen_on", f"The child must be seen on or after the referral ({referral_date:%d %B %Y})"
        )
    if errors:
        raise ValidationError(errors)
    assessment.child_seen_on = seen_on
    assessment.seen_alone = seen_alone
    _save(assessment, ["child_seen_on", "seen_alone"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ASSESSMENT_UPDATED,
        subject=assessment,
        person_id=assessment.child_id,
        payload={"child_seen_on": seen_on, "seen_alone": seen_alone},
    )
    chronology_record(
        actor=actor,
        person=assessment.child,
        occurred_on=seen_on,
        category="Child seen",
        summary="Child seen during assessment" + (" (seen alone)" if seen_alone else ""),
        source=assessment,
    )
    return assessment


@transaction.atomic
def assessment_record_wishes(*, actor: Any, assessment: Assessment, text: str) -> Assessment:
    """Record the child's wishes and feelings, in their own words where possible."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter the child's wishes and feelings"})
    assessment = _lock_unauthorised(assessment)
    assessment.wishes_and_feelings = text
    _save(assessment, ["wishes_and_feelings"])
    # The child's words stay on the assessment; the audit trail says only that they changed.
    audit_record(
        actor=actor,
        verb=AuditVerb.ASSESSMENT_UPDATED,
        subject=assessment,
        person_id=assessment.child_id,
        payload={"changed": ["wishes_and_feelings"], "length": len(text)},
    )
    return assessment


def factor_errors(codes: Iterable[str]) -> str | None:
    """What is wrong with a set of factor codes under the CIN census rules, or None."""
    chosen = set(codes)
    deprecated = sorted(chosen & set(DEPRECATED_FACTORS))
    if deprecated:
        code = deprecated[0]
        return (
            f"Factor {code} is no longer used: choose {DEPRECATED_FACTORS[code]} "
            "(DfE rules 8945Q/8950Q)"
        )
    if chosen - set(AssessmentFactor.values):
        return "Choose factors from the list"
    if not chosen:
        return (
            "Choose the factors identified at assessment, or '21 No factors identified' "
            "(DfE rule 8897Q)"
        )
    if AssessmentFactor.NO_FACTORS in chosen and len(chosen) > 1:
        return "'21 No factors identified' cannot be chosen with other factors (DfE rule 8869)"
    return None


@transaction.atomic
def assessment_complete(
    *,
    actor: Any,
    assessment: Assessment,
    completed_on: dt.date,
    factors: Iterable[str],
    outcome: str,
) -> Assessment:
    """The social worker's conclusion: the factors identified and what happens next."""
    codes = sorted(set(factors))
    assessment = _lock_unauthorised(assessment)
    errors: dict[str, str] = {}
    if assessment.completed_on is not None:
        errors["completed_on"] = "This assessment is already completed"
    check_not_future(errors, "completed_on", completed_on, "Completion date")
    if completed_on < assessment.start_date:
        errors.setdefault(
            "completed_on",
            f"Completion date must be on or after the start ({assessment.start_date:%d %B %Y})",
        )
    problem = factor_errors(codes)
    if problem:
        errors["factors"] = problem
    if outcome not in AssessmentOutcome.values:
        errors["outcome"] = "Choose the outcome of the assessment"
    if errors:
        raise ValidationError(errors)
    assessment.completed_on = completed_on
    assessment.outcome = outcome
    _save(assessment, ["completed_on", "outcome"])
    IdentifiedFactor.objects.bulk_create(
        [IdentifiedFactor(assessment=assessment, code=c) for c in codes]
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.ASSESSMENT_COMPLETED,
        subject=assessment,
        person_id=assessment.child_id,
        payload={"completed_on": completed_on, "factors": codes, "outcome": outcome},
    )
    chronology_record(
        actor=actor,
        person=assessment.child,
        occurred_on=completed_on,
        category="Assessment",
        summary=f"Assessment completed: {AssessmentOutcome(outcome).label}",
        source=assessment,
    )
    return assessment


@transaction.atomic
def assessment_authorise(
    *, actor: Any, assessment: Assessment, authorised_on: dt.date
) -> Assessment:
    """A manager signs off a completed assessment; this meets the 45-working-day clock.

    The CIN census measures timeliness by ``AssessmentAuthorisationDate`` (CINVAL 8670Q), so
    the deadline is met on ``authorised_on``, not on the day the social worker completed it.
    """
    if not policies.can_authorise(actor, assessment):
        raise PermissionDenied("You cannot authorise this assessment")
    assessment = _lock_unauthorised(assessment)
    errors: dict[str, str] = {}
    if assessment.completed_on is None:
        errors["assessment"] = "The assessment must be completed before it is authorised"
    else:
        check_not_future(errors, "authorised_on", authorised_on, "Authorisation date")
        if authorised_on < assessment.completed_on:
            errors.setdefault(
                "authorised_on",
                "Authorisation date must be on or after the assessment was completed "
                f"({assessment.completed_on:%d %B %Y})",
            )
        problem = factor_errors(assessment.factors.values_list("code", flat=True))
        if problem:
            errors["factors"] = problem
    closed = assessment.episode.closure_date
    if closed is not None and authorised_on > closed:
        errors.setdefault(
            "authorised_on",
            f"The episode closed on {closed:%d %B %Y}: authorise on or before then (DfE rule 8565)",
        )
    if errors:
        raise ValidationError(errors)
    assessment.authorised_on = authorised_on
    assessment.authorised_by = actor
    _save(assessment, ["authorised_on", "authorised_by"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ASSESSMENT_AUTHORISED,
        subject=assessment,
        person_id=assessment.child_id,
        payload={"authorised_on": authorised_on},
    )
    chronology_record(
        actor=actor,
        person=assessment.child,
        occurred_on=authorised_on,
        category="Assessment",
        summary="Assessment authorised by a manager",
        source=assessment,
    )
    deadline = assessment_deadline(assessment.episode)
    if deadline is not None:
        deadline_meet(actor=actor, deadline=deadline, met_on=authorised_on)
    return assessment
