"""Early help episodes: started, assessed, closed, or stepped up to children's social care."""

import datetime as dt
import uuid
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.casework.enums import EarlyHelpClosureReason
from haven.casework.models import CINEpisode, EarlyHelpEpisode
from haven.casework.services._common import check_is_child, check_not_future, user_or_none
from haven.casework.services.referral import referral_open
from haven.core import clock
from haven.core.errors import ValidationError
from haven.people.models import Person
from haven.people.services import chronology_record


@transaction.atomic
def early_help_start(
    *,
    actor: Any,
    child: Person,
    started_on: dt.date,
    organisation: str = "",
    lead_practitioner: str = "",
    contact_id: uuid.UUID | None = None,
) -> EarlyHelpEpisode:
    errors: dict[str, str] = {}
    check_is_child(errors, child)
    check_not_future(errors, "started_on", started_on, "Start date")
    if errors:
        raise ValidationError(errors)
    child = Person.objects.select_for_update().get(pk=child.pk)
    if EarlyHelpEpisode.objects.filter(child=child, closed_on__isnull=True).exists():
        raise ValidationError({"child": "This child already has an open early help episode"})
    episode = EarlyHelpEpisode(
        child=child,
        started_on=started_on,
        organisation=organisation.strip(),
        lead_practitioner=lead_practitioner.strip(),
        contact_id=contact_id,
        started_by=user_or_none(actor),
    )
    episode.full_clean()
    episode.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.EARLY_HELP_STARTED,
        subject=episode,
        person_id=child.pk,
        payload={
            "started_on": started_on,
            "organisation": episode.organisation,
            "lead_practitioner": episode.lead_practitioner,
            "contact_id": contact_id,
        },
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=started_on,
        category="Early help",
        summary="Early help started"
        + (f" ({episode.organisation})" if episode.organisation else ""),
        source=episode,
    )
    return episode


def _lock_open(episode: EarlyHelpEpisode) -> EarlyHelpEpisode:
    episode = EarlyHelpEpisode.objects.select_for_update().get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError({"episode": "This early help episode is closed"})
    return episode


@transaction.atomic
def early_help_record_assessment(
    *,
    actor: Any,
    episode: EarlyHelpEpisode,
    started_on: dt.date,
    completed_on: dt.date | None = None,
) -> EarlyHelpEpisode:
    """Record the early help assessment's start and, once done, its completion."""
    episode = _lock_open(episode)
    errors: dict[str, str] = {}
    check_not_future(errors, "started_on", started_on, "Assessment start date")
    if started_on < episode.started_on:
        errors.setdefault(
            "started_on",
            "The assessment must start on or after early help started "
            f"({episode.started_on:%d %B %Y})",
        )
    if completed_on is not None:
        check_not_future(errors, "completed_on", completed_on, "Assessment completion date")
        if completed_on < started_on:
            errors.setdefault(
                "completed_on", "The assessment must be completed on or after it started"
            )
    if errors:
        raise ValidationError(errors)
    episode.assessment_started_on = started_on
    episode.assessment_completed_on = completed_on
    episode.updated_at = clock.now()
    episode.full_clean()
    episode.save(update_fields=["assessment_started_on", "assessment_completed_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.EARLY_HELP_UPDATED,
        subject=episode,
        person_id=episode.child_id,
        payload={"assessment_started_on": started_on, "assessment_completed_on": completed_on},
    )
    return episode


@transaction.atomic
def early_help_close(
    *,
    actor: Any,
    episode: EarlyHelpEpisode,
    closed_on: dt.date,
    reason: str,
    stepped_up_to: CINEpisode | None = None,
) -> EarlyHelpEpisode:
    """End early help. A step up names the CIN episode it led to (``early_help_step_up``
    does both; the front door passes ``stepped_up_to`` when its own referral was the step up).
    """
    episode = _lock_open(episode)
    errors: dict[str, str] = {}
    if reason not in EarlyHelpClosureReason.values:
        errors["reason"] = "Choose why early help ended"
    elif reason == EarlyHelpClosureReason.STEPPED_UP and stepped_up_to is None:
        errors["reason"] = "To step up to children's social care, make the referral as well"
    elif reason != EarlyHelpClosureReason.STEPPED_UP and stepped_up_to is not None:
        errors["reason"] = "Only a step up links to a child in need episode"
    if stepped_up_to is not None and stepped_up_to.child_id != episode.child_id:
        errors["stepped_up_to"] = "The referral must be for the same child"
    check_not_future(errors, "closed_on", closed_on, "Closure date")
    if closed_on < episode.started_on:
        errors.setdefault(
            "closed_on",
            f"Closure date must be on or after early help started ({episode.started_on:%d %B %Y})",
        )
    if errors:
        raise ValidationError(errors)
    episode.closed_on = closed_on
    episode.closure_reason = reason
    episode.stepped_up_episode = stepped_up_to
    episode.updated_at = clock.now()
    episode.full_clean()
    episode.save(update_fields=["closed_on", "closure_reason", "stepped_up_episode", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.EARLY_HELP_CLOSED,
        subject=episode,
        person_id=episode.child_id,
        payload={"closed_on": closed_on, "reason": reason, "stepped_up_to": stepped_up_to},
    )
    chronology_record(
        actor=actor,
        person=episode.child,
        occurred_on=closed_on,
        category="Early help",
        summary=f"Early help ended: {EarlyHelpClosureReason(reason).label}",
        source=episode,
    )
    return episode


@transaction.atomic
def early_help_step_up(
    *,
    actor: Any,
    episode: EarlyHelpEpisode,
    referral_date: dt.date,
    source: str,
    primary_need: str,
    assignee: Any = None,
    team: Any = None,
) -> CINEpisode:
    """Step up to children's social care: a referral, and early help closed as stepped up.

    Both records stay: the early help episode links the CIN episode it led to.
    """
    _lock_open(episode)
    cin_episode = referral_open(
        actor=actor,
        child=episode.child,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        assignee=assignee,
        team=team,
    )
    early_help_close(
        actor=actor,
        episode=episode,
        closed_on=referral_date,
        reason=EarlyHelpClosureReason.STEPPED_UP,
        stepped_up_to=cin_episode,
    )
    return cin_episode
