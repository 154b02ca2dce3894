"""A referral that needs a worker opens the child's case (``allocation.OpenCase``); closing
the episode closes it. An NFA referral opens none."""

from typing import Any

import pytest
from tests.support import row_counts

from haven.allocation.enums import CaseKind
from haven.allocation.models import OpenCase
from haven.allocation.services import case_close, case_open
from haven.audit.enums import AuditVerb
from haven.casework.enums import ClosureReason
from haven.casework.services import episode_close
from haven.core.errors import ValidationError

from .conftest import REFERRED, TODAY, audited, refer

pytestmark = pytest.mark.django_db


def test_a_referral_opens_the_case_and_closing_the_episode_closes_it(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["unallocated"]
    episode = refer(sw, child)
    (case,) = OpenCase.objects.filter(child=child)
    assert (case.kind, case.opened_on, case.closed_on) == (CaseKind.CHILD_IN_NEED, REFERRED, None)
    assert (case.subject_type, case.subject_id) == ("casework.cinepisode", str(episode.pk))
    assert audited(AuditVerb.CASE_OPENED, case)

    episode_close(
        actor=sw, episode=episode, closure_date=TODAY, reason=ClosureReason.SERVICES_CEASED
    )
    case.refresh_from_db()
    assert case.closed_on == TODAY
    assert audited(AuditVerb.CASE_CLOSED, case)


def test_an_nfa_referral_opens_no_case(council: Any) -> None:
    refer(council.users["social_worker"], council.children["unallocated"], nfa=True)
    assert not OpenCase.objects.exists()


def test_a_record_opens_one_case_and_a_case_closes_after_it_opened(council: Any) -> None:
    sw, child = council.users["social_worker"], council.children["unallocated"]
    episode = refer(sw, child)
    before = row_counts()
    with pytest.raises(ValidationError) as again:
        case_open(
            actor=sw, child=child, kind=CaseKind.CHILD_IN_NEED, opened_on=TODAY, subject=episode
        )
    assert "subject" in again.value.message_dict
    with pytest.raises(ValidationError) as early:
        case_close(actor=sw, subject=episode, closed_on=REFERRED.replace(day=1))
    assert "closed_on" in early.value.message_dict
    with pytest.raises(ValidationError) as adult:
        case_open(
            actor=sw,
            child=council.children["parent"],
            kind=CaseKind.CHILD_IN_NEED,
            opened_on=TODAY,
            subject=council.children["parent"],
        )
    assert "child" in adult.value.message_dict
    assert row_counts() == before
