"""What the protection services share: the child's open episode, the clocks' owner, checks."""

import datetime as dt
from typing import Any

from django.db import models

from haven.allocation.selectors import current_allocation
from haven.casework.models import CINEpisode
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_open
from haven.people.enums import PersonKind


def user_or_none(actor: Any) -> Any:
    """Services run for people and for scenario replays (actor None)."""
    return actor if getattr(actor, "pk", None) else None


def check_not_future(errors: dict[str, str], field: str, value: dt.date | None, label: str) -> None:
    if value is not None and value > clock.today():
        errors.setdefault(field, f"{label} must be today or in the past")


def open_episode(child: Any, field: str = "child") -> CINEpisode:
    """The child's open CIN episode, locked: protection work happens only inside one.

    DfE rules 8565, 8831 and 8832: nothing is recorded on a closed episode or on a referral
    that was no further action.
    """
    if getattr(child, "kind", None) != PersonKind.CHILD:
        raise ValidationError({field: "Only a child can have this recorded"})
    episode = (
        CINEpisode.objects.select_for_update()
        .filter(child=child, closure_date__isnull=True)
        .first()
    )
    if episode is None or episode.referral_nfa:
        raise ValidationError(
            {
                field: "This child has no open child in need episode: accept a referral first "
                "(DfE rules 8565 and 8831)"
            }
        )
    return episode


def check_in_episode(
    errors: dict[str, str], field: str, value: dt.date, episode: CINEpisode, label: str
) -> None:
    if value < episode.referral_date:
        errors.setdefault(
            field,
            f"{label} must be on or after the referral date ({episode.referral_date:%d %B %Y})",
        )


def owner(child: Any) -> tuple[Any, Any]:
    """Who a new clock is for: the child's allocated worker and their team, when there is one."""
    allocation = current_allocation(child_id=child.pk)
    if allocation is None:
        return None, None
    return allocation.worker.user, allocation.team


def subject_deadlines(subject: models.Model) -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    )


def open_clock(*, actor: Any, child: Any, rule_id: str, start: dt.date, subject: Any) -> Deadline:
    assignee, team = owner(child)
    return deadline_open(
        actor=actor,
        child=child,
        rule_id=rule_id,
        start=start,
        assignee=assignee,
        team=team,
        subject=subject,
    )


def meet_clocks(
    *, actor: Any, subject: Any, rule_ids: tuple[str, ...], met_on: dt.date
) -> list[Deadline]:
    """Meet the subject's open clocks among ``rule_ids``; an early meeting still meets them."""
    met = []
    for deadline in subject_deadlines(subject).filter(
        rule_id__in=rule_ids, status=DeadlineStatus.OPEN
    ):
        met.append(deadline_meet(actor=actor, deadline=deadline, met_on=met_on))
    return met


def cancel_clocks(*, actor: Any, subject: Any, reason: str) -> None:
    for deadline in subject_deadlines(subject).filter(status=DeadlineStatus.OPEN):
        deadline_cancel(actor=actor, deadline=deadline, reason=reason)
