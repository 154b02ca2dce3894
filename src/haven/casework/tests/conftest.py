import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from haven.audit.models import AuditEvent
from haven.casework.enums import AssessmentOutcome, PrimaryNeed, ReferralSource
from haven.casework.models import Assessment, CINEpisode
from haven.casework.services import assessment_complete, assessment_start, referral_open

#: "Today" in these tests: Monday 16 June 2025.
TODAY = dt.date(2025, 6, 16)
REFERRED = dt.date(2025, 6, 2)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def refer(actor: Any, child: Any, on: dt.date = REFERRED, **kw: Any) -> CINEpisode:
    kw.setdefault("source", ReferralSource.SCHOOLS)
    kw.setdefault("primary_need", "" if kw.get("nfa") else PrimaryNeed.ABUSE_OR_NEGLECT)
    return referral_open(actor=actor, child=child, referral_date=on, **kw)


def completed_assessment(
    actor: Any, episode: CINEpisode, factors: tuple[str, ...] = ("3B", "16A")
) -> Assessment:
    assessment = assessment_start(
        actor=actor, episode=episode, start_date=episode.referral_date + dt.timedelta(days=1)
    )
    return assessment_complete(
        actor=actor,
        assessment=assessment,
        completed_on=TODAY - dt.timedelta(days=3),
        factors=factors,
        outcome=AssessmentOutcome.CHILD_IN_NEED,
    )


def audited(verb: str, subject: Any) -> AuditEvent:
    return AuditEvent.objects.get(
        verb=verb, subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    )
