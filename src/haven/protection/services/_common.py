"""What the protection services share: the child's open episode, the clocks' owner, checks."""

import datetime as dt
from typing import Any

from haven.casework.models import CINEpisode
from haven.core.errors import ValidationError
from haven.deadlines.services.subjects import (
    cancel_clocks,
    check_not_future,
    meet_clocks,
    open_clock,
    owner,
    subject_deadlines,
    user_or_none,
)
from haven.people.enums import PersonKind

__all__ = [
    "cancel_clocks",
    "check_in_episode",
    "check_not_future",
    "meet_clocks",
    "open_clock",
    "open_episode",
    "owner",
    "subject_deadlines",
    "user_or_none",
]


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
