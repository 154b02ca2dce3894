import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.support import row_counts

from haven.audit.models import AccessEvent
from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.casework.models import CINEpisode
from haven.casework.services import referral_open
from haven.core import clock
from haven.protection.enums import Agency, ConferenceDecision, ConferenceKind, StrategyDecision
from haven.protection.models import Conference, Plan, Section47Enquiry, StrategyDiscussion
from haven.protection.services import (
    conference_record,
    section47_update,
    strategy_discussion_record,
)

#: "Today" in these tests: Monday 1 December 2025.
TODAY = dt.date(2025, 12, 1)
REFERRED = dt.date(2025, 3, 3)

PARTICIPANTS = [
    (Agency.SOCIAL_CARE, "A. Worker", "Social worker"),
    (Agency.POLICE, "DC Police", "Child abuse investigation team"),
    (Agency.HEALTH, "H. Visitor", "Health visitor"),
]
QUORATE = [
    (Agency.SOCIAL_CARE, "A. Worker", True, True),
    (Agency.POLICE, "DC Police", True, True),
    (Agency.EDUCATION, "Head teacher", True, False),
    (Agency.FAMILY, "Parent", True, False),
]


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 12, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=clock.LONDON)


def refer(actor: Any, child: Any, on: dt.date = REFERRED) -> CINEpisode:
    return referral_open(
        actor=actor,
        child=child,
        referral_date=on,
        source=ReferralSource.POLICE,
        primary_need=PrimaryNeed.ABUSE_OR_NEGLECT,
    )


def discuss(actor: Any, child: Any, on: dt.date, **kw: Any) -> StrategyDiscussion:
    kw.setdefault("decision", StrategyDecision.SECTION_47)
    return strategy_discussion_record(
        actor=actor,
        child=child,
        held_at=at(on),
        participants=kw.pop("participants", PARTICIPANTS),
        information_shared=kw.pop("information_shared", "Bruising seen at school"),
        reasons=kw.pop("reasons", "Reasonable cause to suspect significant harm"),
        **kw,
    )


def enquiry_with_child_seen(actor: Any, child: Any, on: dt.date) -> Section47Enquiry:
    discussion = discuss(actor, child, on)
    return section47_update(
        actor=actor,
        enquiry=discussion.enquiry,
        child_seen_on=on,
        seen_alone=True,
        findings="Child spoke about home",
    )


def icpc(actor: Any, child: Any, on: dt.date, **kw: Any) -> Conference:
    kw.setdefault("decision", ConferenceDecision.PLAN)
    kw.setdefault("category", "NEG" if kw["decision"] == ConferenceDecision.PLAN else "")
    return conference_record(
        actor=actor,
        child=child,
        kind=ConferenceKind.INITIAL,
        held_on=on,
        attendance=kw.pop("attendance", QUORATE),
        child_views=kw.pop("child_views", "Wants things to be calmer at home"),
        family_views=kw.pop("family_views", "Parents accept help"),
        **kw,
    )


def cp_plan_from(actor: Any, child: Any, discussed: dt.date, conference: dt.date) -> Plan:
    enquiry_with_child_seen(actor, child, discussed)
    icpc(actor, child, conference)
    return Plan.objects.get(child=child, ended_on__isnull=True)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"protection:{name}", kwargs=kwargs)


def date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


def assert_refused_with_errors(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again, each error linked to its field, and nothing written but the logged
    read of the page shown again."""
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    for anchor in anchors:
        assert f'href="#{anchor}"' in html, anchor
        assert f'id="{anchor}"' in html, anchor
    after = row_counts()
    assert after.pop("audit.AccessEvent") == before.pop("audit.AccessEvent") + 1
    assert after == before
    return html
