"""Missing and away episodes, and the return home interview after each.

A child's third episode in 90 days opens ``repeat-missing-review`` for their worker's manager:
consider a strategy discussion. When a child comes back (or is found), the
``return-home-interview`` clock opens for the child's allocated worker: 72 hours from the
moment of return, counted in hours (docs/statutory/return-home-interview.md). The interview is
offered, then accepted and held, or declined; holding it meets the clock at the moment it was
held, declining it closes the clock with the child's reason. Every write is one transaction,
audited, and put in the child's chronology.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from haven.allocation.selectors import current_allocation, team_manager
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.models import CarePeriod
from haven.core import clock
from haven.core.actions import ActionDraft, action_errors
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_open
from haven.deadlines.services.subjects import cancel_clocks, meet_clocks, open_clock, user_or_none
from haven.missing.enums import Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.missing.models import (
    InterviewAction,
    InterviewFactor,
    MissingEpisode,
    RepeatMissingDecision,
    ReturnInterview,
)
from haven.missing.selectors import REPEAT_RULE, RHI_RULE, missing_again_and_again
from haven.people.enums import PersonKind
from haven.people.models import Person
from haven.people.services import chronology_record

CHRONOLOGY = "missing"
DECLINED_REASON = "Enter why the child declined, in their words if you can"


def _moment(errors: dict[str, str], field: str, value: dt.datetime | None, label: str) -> None:
    if value is None:
        errors.setdefault(field, f"Enter the date and time {label}")
    elif value.tzinfo is None:
        errors.setdefault(field, f"The time {label} needs a time zone")
    elif value > clock.now():
        errors.setdefault(field, f"The time {label} must be now or in the past")


def _lock_child(child: Any) -> Person:
    if getattr(child, "kind", None) != PersonKind.CHILD:
        raise ValidationError({"child": "Missing episodes are recorded for children"})
    return Person.objects.select_for_update().get(pk=child.pk)


def _local(moment: dt.datetime) -> str:
    return f"{clock.local(moment):%H:%M on %d %B %Y}"


@transaction.atomic
def missing_start(
    *,
    actor: Any,
    child: Any,
    kind: str,
    started_at: dt.datetime | None,
    reported_to_police: bool | None,
    police_reference: str = "",
    with_whom: str = "",
) -> MissingEpisode:
    """Record that a child went missing (or away from placement) at ``started_at``."""
    child = _lock_child(child)
    errors: dict[str, str] = {}
    if kind not in MissingKind.values:
        errors["kind"] = "Select whether the child is missing or away from placement"
    _moment(errors, "started_at", started_at, "the child went")
    reference = police_reference.strip()
    if reported_to_police is None:
        errors["reported_to_police"] = "Select whether it was reported to the police"
    elif reported_to_police and not reference:
        errors["police_reference"] = "Enter the police reference"
    elif not reported_to_police and reference:
        errors["police_reference"] = "Leave the police reference empty if it was not reported"
    if MissingEpisode.objects.filter(child=child, ended_at__isnull=True).exists():
        errors["child"] = "This child is already recorded as missing: record their return first"
    _assert_no_overlap(errors, child, started_at)
    if errors:
        raise ValidationError(errors)
    assert started_at is not None
    period = CarePeriod.objects.filter(
        child=child, started_on__lte=clock.local_date(started_at), ended_on__isnull=True
    ).first()
    episode = MissingEpisode(
        child=child,
        period=period,
        kind=kind,
        started_at=started_at,
        reported_to_police=bool(reported_to_police),
        police_reference=reference,
        with_whom=with_whom.strip(),
        recorded_by=user_or_none(actor),
    )
    check_fields(episode)
    episode.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.MISSING_STARTED,
        subject=episode,
        person_id=child.pk,
        payload={"kind": kind, "started_at": started_at, "police": bool(reported_to_police)},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=clock.local_date(started_at),
        category=CHRONOLOGY,
        summary=f"{MissingKind(kind).label} from {_local(started_at)}",
        source=episode,
    )
    _repeat_review(actor, child, episode)
    return episode


def _repeat_review(actor: Any, child: Person, episode: MissingEpisode) -> None:
    """The third episode in 90 days prompts the worker's manager to consider a strategy
    discussion (rule ``repeat-missing-review``), unless that prompt is open already. Once the
    manager has decided, it takes three more episodes within 90 days, all after the decision,
    to prompt them again."""
    decided = (
        RepeatMissingDecision.objects.filter(child=child)
        .order_by("-decided_at")
        .values_list("decided_at", flat=True)
        .first()
    )
    if not missing_again_and_again(child_id=child.pk, at=episode.started_at, since=decided):
        return
    if Deadline.objects.filter(
        child=child, rule_id=REPEAT_RULE, status=DeadlineStatus.OPEN
    ).exists():
        return
    allocation = current_allocation(child_id=child.pk)
    manager = team_manager(team_id=allocation.team_id) if allocation is not None else None
    deadline_open(
        actor=actor,
        child=child,
        rule_id=REPEAT_RULE,
        start=clock.local_date(episode.started_at),
        assignee=manager.user if manager is not None else None,
        team=allocation.team if allocation is not None else None,
        subject=episode,
    )


def _assert_no_overlap(
    errors: dict[str, str], child: Person, started_at: dt.datetime | None
) -> None:
    """A new episode starts after the last one ended."""
    if started_at is None or "started_at" in errors:
        return
    last = (
        MissingEpisode.objects.filter(child=child, ended_at__isnull=False)
        .order_by("-ended_at")
        .first()
    )
    if last is not None and last.ended_at is not None and started_at < last.ended_at:
        errors["started_at"] = (
            f"The child's last episode ended at {_local(last.ended_at)}: a new one starts after it"
        )


@transaction.atomic
def missing_end(
    *,
    actor: Any,
    episode: MissingEpisode,
    ended_at: dt.datetime | None,
    found_where: str,
    found_details: str = "",
    with_whom: str | None = None,
) -> MissingEpisode:
    """Record the child's return (or that they were found) and open the 72-hour clock for the
    return home interview."""
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, str] = {}
    if episode.ended_at is not None:
        errors["episode"] = "The child's return has already been recorded"
    _moment(errors, "ended_at", ended_at, "the child came back")
    if ended_at is not None and "ended_at" not in errors and ended_at <= episode.started_at:
        errors["ended_at"] = f"The child came back after they went, at {_local(episode.started_at)}"
    if found_where not in FoundWhere.values:
        errors["found_where"] = "Select where the child was found or came back from"
    if errors:
        raise ValidationError(errors)
    assert ended_at is not None
    episode.ended_at = ended_at
    episode.found_where = found_where
    episode.found_details = found_details.strip()
    if with_whom is not None:
        episode.with_whom = with_whom.strip()
    episode.full_clean()
    episode.save(
        update_fields=["ended_at", "found_where", "found_details", "with_whom", "updated_at"]
    )
    open_clock(actor=actor, child=episode.child, rule_id=RHI_RULE, start=ended_at, subject=episode)
    audit_record(
        actor=actor,
        verb=AuditVerb.MISSING_ENDED,
        subject=episode,
        person_id=episode.child_id,
        payload={"ended_at": ended_at, "found_where": found_where},
    )
    chronology_record(
        actor=actor,
        person=episode.child,
        occurred_on=clock.local_date(ended_at),
        category=CHRONOLOGY,
        summary=f"Back at {_local(ended_at)}: {FoundWhere(found_where).label.lower()}",
        source=episode,
    )
    return episode


def _returned(episode: MissingEpisode) -> MissingEpisode:
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.ended_at is None:
        raise ValidationError({"episode": "Record the child's return first"})
    return episode


@transaction.atomic
def interview_offer(
    *,
    actor: Any,
    episode: MissingEpisode,
    offered_at: dt.datetime | None,
    answer: str = InterviewOutcome.OFFERED,
    declined_reason: str = "",
) -> ReturnInterview:
    """Offer the child a return home interview (every child is offered one on return), with
    their answer if they gave it there and then: accepted, or declined with their reason."""
    episode = _returned(episode)
    errors: dict[str, str] = {}
    if answer not in (
        InterviewOutcome.OFFERED,
        InterviewOutcome.ACCEPTED,
        InterviewOutcome.DECLINED,
    ):
        errors["answer"] = "Select whether the child accepted the interview"
    elif answer == InterviewOutcome.DECLINED and not declined_reason.strip():
        errors["declined_reason"] = DECLINED_REASON
    if ReturnInterview.objects.filter(episode=episode).exists():
        errors["episode"] = "An interview has already been offered after this episode"
    _moment(errors, "offered_at", offered_at, "the interview was offered")
    assert episode.ended_at is not None
    if offered_at is not None and "offered_at" not in errors and offered_at < episode.ended_at:
        errors["offered_at"] = "The interview is offered once the child is back"
    if errors:
        raise ValidationError(errors)
    assert offered_at is not None
    interview = ReturnInterview(
        episode=episode,
        child_id=episode.child_id,
        outcome=InterviewOutcome.OFFERED,
        offered_at=offered_at,
        offered_by=user_or_none(actor),
    )
    check_fields(interview)
    interview.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.RETURN_INTERVIEW_OFFERED,
        subject=interview,
        person_id=episode.child_id,
        payload={"offered_at": offered_at},
    )
    if answer == InterviewOutcome.ACCEPTED:
        _accept(actor, interview)
    elif answer == InterviewOutcome.DECLINED:
        _decline(actor, interview, declined_reason)
    return interview


def _offered(episode: MissingEpisode) -> ReturnInterview:
    interview = ReturnInterview.objects.select_for_update().filter(episode_id=episode.pk).first()
    if interview is None:
        raise ValidationError({"episode": "Offer the child an interview first"})
    if interview.outcome in (InterviewOutcome.DONE, InterviewOutcome.DECLINED):
        raise ValidationError({"episode": "The interview after this episode is already recorded"})
    return interview


@transaction.atomic
def interview_accept(*, actor: Any, episode: MissingEpisode) -> ReturnInterview:
    """The child agreed to the interview (Annex A "RHI accepted"); it is still to be held."""
    return _accept(actor, _offered(episode))


def _accept(actor: Any, interview: ReturnInterview) -> ReturnInterview:
    interview.outcome = InterviewOutcome.ACCEPTED
    interview.save(update_fields=["outcome", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.RETURN_INTERVIEW_ACCEPTED,
        subject=interview,
        person_id=interview.child_id,
    )
    return interview


@transaction.atomic
def interview_decline(*, actor: Any, episode: MissingEpisode, reason: str) -> ReturnInterview:
    """The child declined the interview: the reason is kept and the clock closes with it."""
    interview = _offered(episode)
    if not reason.strip():
        raise ValidationError({"reason": DECLINED_REASON})
    return _decline(actor, interview, reason)


@transaction.atomic
def interview_answer(
    *, actor: Any, episode: MissingEpisode, answer: str, reason: str = ""
) -> ReturnInterview:
    """The child's answer to an interview offered earlier: accepted, or declined with the
    reason."""
    if answer == InterviewOutcome.ACCEPTED:
        return interview_accept(actor=actor, episode=episode)
    if answer == InterviewOutcome.DECLINED:
        return interview_decline(actor=actor, episode=episode, reason=reason)
    raise ValidationError({"answer": "Select whether the child accepted the interview"})


def _decline(actor: Any, interview: ReturnInterview, reason: str) -> ReturnInterview:
    interview.outcome = InterviewOutcome.DECLINED
    interview.declined_reason = reason.strip()
    interview.full_clean()
    interview.save(update_fields=["outcome", "declined_reason", "updated_at"])
    cancel_clocks(
        actor=actor,
        subject=interview.episode,
        reason=f"The child declined the interview: {reason.strip()}",
        rule_ids=(RHI_RULE,),
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.RETURN_INTERVIEW_DECLINED,
        subject=interview,
        person_id=interview.child_id,
    )
    return interview


@transaction.atomic
def interview_record(
    *,
    actor: Any,
    episode: MissingEpisode,
    done_at: dt.datetime | None,
    interviewer: Any = None,
    interviewer_name: str = "",
    interviewer_organisation: str = "",
    independent: bool | None,
    factors: Iterable[str],
    child_words: str,
    disclosures: str = "",
    risks: str = "",
    actions: Sequence[ActionDraft] = (),
) -> ReturnInterview:
    """The interview held: who held it, why the child went (push and pull factors), what they
    said, what they disclosed, the risks and the actions. Meets the 72-hour clock at ``done_at``."""
    interview = _offered(episode)
    episode = interview.episode
    errors: dict[str, str] = {}
    _moment(errors, "done_at", done_at, "the interview was held")
    if done_at is not None and "done_at" not in errors and done_at < interview.offered_at:
        errors["done_at"] = "The interview is held after it was offered"
    name = interviewer_name.strip() or (interviewer.get_full_name() if interviewer else "")
    if not name:
        errors["interviewer_name"] = "Enter who held the interview"
    if independent is None:
        errors["independent"] = (
            "Select whether the interviewer is independent of the child's carers"
        )
    chosen = list(dict.fromkeys(factors))
    unknown = [f for f in chosen if f not in Factor.values]
    if unknown:
        errors["factors"] = "Select factors from the list"
    if not chosen:
        errors["factors"] = "Select at least one reason the child went, or what drew them away"
    if not child_words.strip():
        errors["child_words"] = "Enter what the child said, in their own words"
    action_errors(errors, actions)
    if errors:
        raise ValidationError(errors)
    assert done_at is not None
    interview.outcome = InterviewOutcome.DONE
    interview.done_at = done_at
    interview.interviewer = user_or_none(interviewer)
    interview.interviewer_name = name
    interview.interviewer_organisation = interviewer_organisation.strip()
    interview.independent = independent
    interview.child_words = child_words.strip()
    interview.disclosures = disclosures.strip()
    interview.risks = risks.strip()
    interview.full_clean()
    interview.save()
    InterviewFactor.objects.bulk_create(
        InterviewFactor(interview=interview, factor=f) for f in chosen
    )
    InterviewAction.objects.bulk_create(
        InterviewAction(
            interview=interview, action=d.action.strip(), owner=d.owner.strip(), due_on=d.due_on
        )
        for d in actions
        if d.due_on is not None
    )
    meet_clocks(
        actor=actor,
        subject=episode,
        rule_ids=(RHI_RULE,),
        met_on=clock.local_date(done_at),
        met_at=done_at,
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.RETURN_INTERVIEW_RECORDED,
        subject=interview,
        person_id=interview.child_id,
        payload={"done_at": done_at, "factors": chosen, "independent": independent},
    )
    chronology_record(
        actor=actor,
        person=episode.child,
        occurred_on=clock.local_date(done_at),
        category=CHRONOLOGY,
        summary=f"Return home interview held by {name}",
        source=interview,
    )
    return interview


@transaction.atomic
def repeat_review_decide(
    *, actor: Any, child: Any, strategy_discussion: bool | None, reasons: str
) -> RepeatMissingDecision:
    """The manager's answer to the prompt a child's third episode in 90 days opened: whether a
    strategy discussion is to be held, and why. Meets the prompt."""
    child = _lock_child(child)
    prompt = Deadline.objects.filter(
        child=child, rule_id=REPEAT_RULE, status=DeadlineStatus.OPEN
    ).first()
    errors: dict[str, str] = {}
    if prompt is None:
        errors["child"] = "Nothing asks for a decision: the child has no open prompt"
    if strategy_discussion is None:
        errors["strategy_discussion"] = "Select whether a strategy discussion is to be held"
    if not reasons.strip():
        errors["reasons"] = "Enter the reasons for the decision"
    if errors:
        raise ValidationError(errors)
    assert prompt is not None
    assert strategy_discussion is not None
    now = clock.now()
    decision = RepeatMissingDecision.objects.create(
        child=child,
        episode_id=prompt.subject_id,
        decided_at=now,
        decided_by=user_or_none(actor),
        strategy_discussion=strategy_discussion,
        reasons=reasons.strip(),
    )
    meet_clocks(
        actor=actor,
        subject=decision.episode,
        rule_ids=(REPEAT_RULE,),
        met_on=clock.local_date(now),
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.REPEAT_MISSING_DECIDED,
        subject=decision,
        person_id=child.pk,
        payload={"strategy_discussion": strategy_discussion},
    )
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=clock.local_date(now),
        category=CHRONOLOGY,
        summary=f"Missing again and again: {decision}",
        source=decision,
    )
    return decision
