"""Referrals open CIN episodes; closing one stops its clocks."""

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction

from haven.allocation.enums import CaseKind
from haven.allocation.services import case_close, case_open
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.casework.enums import NEEDS_ASSESSMENT, ClosureReason, PrimaryNeed, ReferralSource
from haven.casework.models import CINEpisode
from haven.casework.selectors import ASSESSMENT_RULE, episode_deadlines
from haven.casework.services._common import check_is_child, check_not_future, user_or_none
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.services import deadline_cancel, deadline_open
from haven.people.models import Person
from haven.people.services import chronology_record
from haven.timescales.rereferral import is_re_referral

#: Checks the areas above casework add when they start (``AppConfig.ready``): each says why an
#: episode cannot close yet, or returns None. The protection pathway refuses to close an episode
#: with an open plan, section 47 enquiry or pre-proceedings (DfE rule 8565).
EPISODE_CLOSE_CHECKS: list[Callable[[CINEpisode, dt.date], str | None]] = []

#: How an NFA referral is closed: no assessment took place, so RC8/RC9 would fail 8825Q.
NFA_CLOSURE_REASON = ClosureReason.SERVICES_CEASED


@transaction.atomic
def referral_open(
    *,
    actor: Any,
    child: Person,
    referral_date: dt.date,
    source: str,
    primary_need: str = "",
    nfa: bool = False,
    contact_id: uuid.UUID | None = None,
    assignee: Any = None,
    team: Any = None,
) -> CINEpisode:
    """Accept a referral: open a CIN episode and start the 45-working-day assessment clock.

    A referral with no further action (``nfa``) is recorded, as the CIN census expects, and
    closed the same day with RC7; it starts no clock. See docs/casework.md.
    """
    errors: dict[str, str] = {}
    check_is_child(errors, child)
    check_not_future(errors, "referral_date", referral_date, "Referral date")
    if source not in ReferralSource.values:
        errors["source"] = "Choose where the referral came from"
    if primary_need and primary_need not in PrimaryNeed.values:
        errors["primary_need"] = "Choose the child's primary need from the list"
    elif not primary_need and not nfa:
        errors["primary_need"] = (
            "Choose the child's primary need: it is needed unless the referral is "
            "no further action (DfE rule 8610)"
        )
    if errors:
        raise ValidationError(errors)

    child = Person.objects.select_for_update().get(pk=child.pk)
    previous = list(CINEpisode.objects.filter(child=child))
    if any(e.is_open for e in previous):
        raise ValidationError(
            {
                "child": "This child already has an open child in need episode: record the "
                "new concern on it, or close it first (DfE rule 8815)"
            }
        )
    last_closed = max((e.closure_date for e in previous if e.closure_date), default=None)
    if last_closed is not None and referral_date < last_closed:
        raise ValidationError(
            {
                "referral_date": "Referral date must be on or after the previous episode "
                f"closed ({last_closed:%d %B %Y})"
            }
        )

    episode = CINEpisode(
        child=child,
        referral_date=referral_date,
        referral_source=source,
        referral_nfa=nfa,
        primary_need=primary_need,
        is_re_referral=is_re_referral(referral_date, [e.referral_date for e in previous]),
        contact_id=contact_id,
        opened_by=user_or_none(actor),
    )
    if nfa:
        episode.closure_date = referral_date
        episode.closure_reason = NFA_CLOSURE_REASON
    episode.full_clean()
    episode.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.REFERRAL_OPENED,
        subject=episode,
        person_id=child.pk,
        payload={
            "referral_date": referral_date,
            "source": source,
            "primary_need": primary_need,
            "nfa": nfa,
            "re_referral": episode.is_re_referral,
            "contact_id": contact_id,
        },
    )
    summary = f"Referral received from {ReferralSource(source).label}"
    if nfa:
        summary += ": no further action"
    elif episode.is_re_referral:
        summary += " (re-referral within 12 months)"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=referral_date,
        category="Referral",
        summary=summary,
        source=episode,
    )
    if nfa:
        audit_record(
            actor=actor,
            verb=AuditVerb.EPISODE_CLOSED,
            subject=episode,
            person_id=child.pk,
            payload={"closure_date": referral_date, "reason": NFA_CLOSURE_REASON, "nfa": True},
        )
    else:
        deadline_open(
            actor=actor,
            child=child,
            rule_id=ASSESSMENT_RULE,
            start=referral_date,
            assignee=assignee,
            team=team,
            subject=episode,
        )
        # The child now needs an allocated worker: allocated, or waiting in the queue.
        case_open(
            actor=actor,
            child=child,
            kind=CaseKind.CHILD_IN_NEED,
            opened_on=referral_date,
            subject=episode,
        )
    return episode


def _last_activity(episode: CINEpisode) -> dt.date | None:
    dates = [
        d
        for a in episode.assessments.all()
        for d in (a.start_date, a.child_seen_on, a.completed_on, a.authorised_on)
        if d is not None
    ]
    return max(dates, default=None)


@transaction.atomic
def episode_close(
    *, actor: Any, episode: CINEpisode, closure_date: dt.date, reason: str
) -> CINEpisode:
    """Close a CIN episode and cancel the clocks it started that are still running."""
    episode = CINEpisode.objects.select_for_update().get(pk=episode.pk)
    if not episode.is_open:
        raise ValidationError({"closure_date": "This episode is already closed"})
    errors: dict[str, str] = {}
    if reason not in ClosureReason.values:
        errors["reason"] = "Choose the reason for closure"
    elif reason in NEEDS_ASSESSMENT and not episode.assessments.exists():
        errors["reason"] = (
            f"{reason} means the case closed after an assessment, and this episode has none: "
            "choose another reason (DfE rule 8825Q)"
        )
    check_not_future(errors, "closure_date", closure_date, "Closure date")
    if closure_date < episode.referral_date:
        errors.setdefault(
            "closure_date",
            "Closure date must be on or after the referral date "
            f"({episode.referral_date:%d %B %Y})",
        )
    for check in EPISODE_CLOSE_CHECKS:
        problem = check(episode, closure_date)
        if problem:
            errors.setdefault("closure_date", problem)
    last = _last_activity(episode)
    if last is not None and closure_date < last:
        errors.setdefault(
            "closure_date",
            f"Closure date must be on or after the last recorded activity ({last:%d %B %Y}) "
            "(DfE rule 8565)",
        )
    if errors:
        raise ValidationError(errors)

    episode.closure_date = closure_date
    episode.closure_reason = reason
    episode.updated_at = clock.now()
    episode.full_clean()
    episode.save(update_fields=["closure_date", "closure_reason", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.EPISODE_CLOSED,
        subject=episode,
        person_id=episode.child_id,
        payload={"closure_date": closure_date, "reason": reason},
    )
    chronology_record(
        actor=actor,
        person=episode.child,
        occurred_on=closure_date,
        category="Case closed",
        summary=f"Child in need episode closed: {ClosureReason(reason).label}",
        source=episode,
    )
    for deadline in episode_deadlines(episode).filter(status=DeadlineStatus.OPEN):
        deadline_cancel(
            actor=actor,
            deadline=deadline,
            reason=f"Child in need episode closed on {closure_date:%d %B %Y} ({reason})",
        )
    case_close(actor=actor, subject=episode, closed_on=closure_date)
    return episode
