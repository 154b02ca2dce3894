"""Reads for care leavers: the young person's category worked out from their care history, their
personal adviser, pathway plans, contacts (with the latest 903 OC3 codes), staying put and the
leaving-care clocks.

The category comes from ``haven.care.eligibility``. The spells of care passed to it are the
child's 903 episodes, short breaks (legal status V3 or V4) left out and back-to-back episodes
joined, so time on short breaks neither counts towards the 13 weeks nor makes the child looked
after (CPPCR reg 40(2)). The three facts the history alone does not give come from the record:
the young person left care to a special guardianship order (the last episode's 903 ``REC`` is
E45-E48); they have lived at home for six months or more (their latest contact says ``RHOM``);
and, from 21, they asked for support to 25 (a personal adviser is appointed).
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from haven.accounts.models import User
from haven.accounts.roles import Role
from haven.care.eligibility import Category, Spell, age_on, category, days_since_14, eligible_since
from haven.care.enums import SHORT_BREAKS, SPECIAL_GUARDIANSHIP, LeaverInTouch
from haven.care.models import (
    AdviserContact,
    CareEpisode,
    PathwayPlan,
    PersonalAdviser,
    Placement,
    StayingPut,
)
from haven.care.selectors.health import Clock, open_clocks

#: The clocks of care leavers (``haven.timescales.clocks``).
LEAVING_RULES = (
    "leaving-care-needs-assessment",
    "pathway-plan-review",
    "personal-adviser-contact",
)
#: Who may be appointed a personal adviser.
ADVISER_ROLES = (Role.PERSONAL_ADVISER, Role.SOCIAL_WORKER)
#: Categories with a pathway plan (Sch. 2 para 19B(4); ss.23B(3), 23C(3)).
PATHWAY_PLAN_CATEGORIES = frozenset(
    {Category.ELIGIBLE, Category.RELEVANT, Category.FORMER_RELEVANT}
)


def care_spans(child: Any) -> list[Spell]:
    """The child's spells of care for eligibility: episodes other than short breaks, those
    that run on from one another joined."""
    episodes = (
        CareEpisode.objects.filter(child=child)
        .exclude(legal_status__in=SHORT_BREAKS)
        .order_by("started_on", "created_at")
        .values_list("started_on", "ended_on")
    )
    spans: list[Spell] = []
    for start, end in episodes:
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def current_adviser(child: Any, on: dt.date | None = None) -> PersonalAdviser | None:
    """The adviser appointed on ``on`` (today's when not given)."""
    advisers = PersonalAdviser.objects.filter(child=child).select_related("adviser")
    if on is None:
        return advisers.filter(ended_on__isnull=True).first()
    return (
        advisers.filter(started_on__lte=on).exclude(ended_on__lt=on).order_by("-started_on").first()
    )


def _left_to_special_guardianship(child: Any) -> bool:
    last = CareEpisode.objects.filter(child=child).order_by("-started_on", "-created_at").first()
    return last is not None and last.reason_ceased in SPECIAL_GUARDIANSHIP


def _at_home(child: Any, on: dt.date) -> bool:
    latest = (
        AdviserContact.objects.filter(child=child, contact_on__lte=on)
        .order_by("-contact_on", "-created_at")
        .first()
    )
    return latest is not None and latest.in_touch == LeaverInTouch.RHOM


@dataclass(frozen=True)
class LeaverStatus:
    """Where a young person stands on a day: their category (None when they are in none), the
    days they have been looked after since 14, and since when they are an eligible child."""

    on: dt.date
    age: int
    category: Category | None
    days_since_14: int
    eligible_since: dt.date | None

    @property
    def weeks_since_14(self) -> int:
        return self.days_since_14 // 7

    @property
    def label(self) -> str:
        return "Not a care leaver" if self.category is None else _LABELS[self.category]


_LABELS = {
    Category.ELIGIBLE: "Eligible",
    Category.RELEVANT: "Relevant",
    Category.FORMER_RELEVANT: "Former relevant",
    Category.QUALIFYING: "Qualifying",
}


def leaver_status(
    child: Any, on: dt.date, *, spans: list[Spell] | None = None, support_to_25: bool | None = None
) -> LeaverStatus:
    """The young person's category on ``on``, from their care history and record."""
    dob = child.date_of_birth
    spans = care_spans(child) if spans is None else spans
    if support_to_25 is None:
        support_to_25 = current_adviser(child, on) is not None
    return LeaverStatus(
        on=on,
        age=age_on(dob, on),
        category=category(
            dob,
            spans,
            on,
            special_guardianship=_left_to_special_guardianship(child),
            at_home_six_months=_at_home(child, on),
            support_to_25=support_to_25,
        ),
        days_since_14=days_since_14(dob, spans, on),
        eligible_since=eligible_since(dob, spans, on),
    )


@dataclass(frozen=True)
class Oc3:
    """The latest contact's 903 OC3 codes: ``ACCOM`` is the type letter and the suitability
    digit (1 suitable, 2 not suitable)."""

    contact: AdviserContact

    @property
    def in_touch(self) -> str:
        return self.contact.in_touch

    @property
    def activity(self) -> str:
        return self.contact.activity or "0"

    @property
    def accommodation(self) -> str:
        c = self.contact
        if not c.accommodation:
            return "0"
        return f"{c.accommodation}{1 if c.accommodation_suitable else 2}"


@dataclass(frozen=True)
class LeavingRecord:
    status: LeaverStatus
    adviser: PersonalAdviser | None
    advisers: list[PersonalAdviser]
    plans: list[PathwayPlan]
    contacts: list[AdviserContact]
    oc3: Oc3 | None
    staying_put: list[StayingPut]
    current_staying_put: StayingPut | None
    clocks: list[Clock]

    @property
    def has_pathway_plan(self) -> bool:
        return any(not p.is_review for p in self.plans)


def leaving_record(child: Any, today: dt.date) -> LeavingRecord:
    advisers = list(PersonalAdviser.objects.filter(child=child).select_related("adviser"))
    contacts = list(AdviserContact.objects.filter(child=child).select_related("adviser"))
    staying = list(StayingPut.objects.filter(child=child))
    current = next((a for a in advisers if a.ended_on is None), None)
    return LeavingRecord(
        status=leaver_status(child, today, support_to_25=current is not None),
        adviser=current,
        advisers=advisers,
        plans=list(PathwayPlan.objects.filter(child=child)),
        contacts=contacts,
        oc3=Oc3(contacts[0]) if contacts else None,
        staying_put=staying,
        current_staying_put=next((s for s in staying if s.ended_on is None), None),
        clocks=open_clocks(child, LEAVING_RULES, today),
    )


def has_pathway_plan(child: Any) -> bool:
    return PathwayPlan.objects.filter(child=child, is_review=False).exists()


def current_staying_put(child: Any) -> StayingPut | None:
    return StayingPut.objects.filter(child=child, ended_on__isnull=True).first()


def adviser_choices() -> list[tuple[str, str]]:
    """Active users who may be appointed a personal adviser, as (id, name)."""
    users = User.objects.filter(is_active=True, role__in=ADVISER_ROLES).order_by(
        "last_name", "first_name", "username"
    )
    return [(str(u.pk), u.get_full_name() or u.get_username()) for u in users]


def adviser_get(user_id: Any) -> User | None:
    try:
        return User.objects.filter(pk=int(user_id), is_active=True).first()
    except (TypeError, ValueError):
        return None


def last_placement(child: Any) -> Placement | None:
    """The placement the child was in last (for staying put with those carers)."""
    return Placement.objects.filter(child=child).order_by("-started_on", "-created_at").first()
