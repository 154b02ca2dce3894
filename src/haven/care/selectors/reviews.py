"""What the child's care page shows of their plans, reviews, IRO contacts and statutory visits,
and what the forms that record them read.

Due dates come from the stored clocks (``Deadline`` rows), never worked out again here, so the
page and the worklists agree.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from haven.accounts.permissions import ROLE_ACTIONS, Action
from haven.care import policies
from haven.care.enums import CarePlanKind, PermanenceOption
from haven.care.models import (
    CarePeriod,
    CarePlan,
    CareVisit,
    IROContact,
    LookedAfterReview,
    Placement,
)
from haven.care.services.review import REVIEW_RULES
from haven.care.services.visits import VISIT_RULES
from haven.core import clock
from haven.core.errors import NotFound
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline

#: How the page names each visiting interval (the reg 28 variants).
VISIT_VARIANTS = {
    "lac-visit-first-week": "Within a week of the placement (or of a care order at home)",
    "lac-visit-first-year": "Every 6 weeks",
    "lac-visit-long-term": "Every 3 months (placement intended to last until 18)",
    "lac-visit-weekly": "Every week until the first review",
    "lac-visit-four-weekly": "Every 4 weeks after the first review",
    "lac-visit-long-term-foster": "Every 6 months (long-term foster placement, the child agrees)",
}
PLAN_RULES = {CarePlanKind.CARE: "care-plan", CarePlanKind.PLACEMENT: "placement-plan"}
#: How many of the latest visits and IRO contacts the page lists.
LATEST = 10


@dataclass(frozen=True)
class PlanRow:
    """The plan of one kind in force (the latest), and the clock it keeps if still open."""

    kind: str
    label: str
    plan: CarePlan | None
    due: Deadline | None


@dataclass(frozen=True)
class NextVisit:
    deadline: Deadline
    variant: str


@dataclass(frozen=True)
class ReviewSummary:
    """The child's care plans, reviews, IRO contacts and visits for their current (or last)
    period of care, and what the viewer may record."""

    period: CarePeriod | None
    placement: Placement | None
    today: dt.date
    plans: list[PlanRow] = field(default_factory=list)
    permanence_option: str = ""
    permanence_missing: bool = False
    reviews: list[LookedAfterReview] = field(default_factory=list)
    next_review: Deadline | None = None
    iro_contacts: list[IROContact] = field(default_factory=list)
    visits: list[CareVisit] = field(default_factory=list)
    next_visit: NextVisit | None = None
    can_record: bool = False
    can_chair: bool = False

    @property
    def is_open(self) -> bool:
        return self.period is not None and self.period.ended_on is None


def _period(child: Any) -> CarePeriod | None:
    """The open period, or the most recent one (periods never overlap, so the open one is the
    latest)."""
    return CarePeriod.objects.filter(child=child).order_by("-started_on").first()


def _missing(*, reviews_held: int, second_due: dt.date | None, has_plan: bool) -> bool:
    """The permanence plan is due by the second review (STATUTORY.md §1 row 10)."""
    if has_plan:
        return False
    return reviews_held >= 2 or (second_due is not None and second_due < clock.today())


def permanence_plan_missing(child: Any) -> bool:
    """Whether the child's open period has reached its second review (held, or its due date
    passed) without a permanence plan."""
    period = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    if period is None:
        return False
    second_due = (
        Deadline.objects.filter(
            subject_type=CarePeriod._meta.label_lower,
            subject_id=str(period.pk),
            rule_id="lac-review-second",
        )
        .exclude(status=DeadlineStatus.CANCELLED)
        .values_list("due_on", flat=True)
        .first()
    )
    return _missing(
        reviews_held=LookedAfterReview.objects.filter(period=period).count(),
        second_due=second_due,
        has_plan=CarePlan.objects.filter(period=period, kind=CarePlanKind.PERMANENCE).exists(),
    )


def _clocks(period: CarePeriod, placement: Placement | None) -> list[Deadline]:
    """The period's and the current placement's clocks from this area, open or not (for the
    second review's due date)."""
    subjects = Q(subject_type=CarePeriod._meta.label_lower, subject_id=str(period.pk))
    if placement is not None:
        subjects |= Q(subject_type=Placement._meta.label_lower, subject_id=str(placement.pk))
    rules = (*REVIEW_RULES, *VISIT_RULES, *PLAN_RULES.values())
    return list(
        Deadline.objects.filter(subjects, rule_id__in=rules)
        .exclude(status=DeadlineStatus.CANCELLED)
        .order_by("due_on")
    )


def _plan_rows(plans: list[CarePlan], open_clocks: list[Deadline]) -> list[PlanRow]:
    rows = []
    for kind in CarePlanKind:
        latest = next((p for p in plans if p.kind == kind), None)
        rule = PLAN_RULES.get(kind)
        due = next((d for d in open_clocks if d.rule_id == rule), None)
        rows.append(PlanRow(kind=kind.value, label=kind.label, plan=latest, due=due))
    return rows


def child_summary(child: Any, *, user: Any = None) -> ReviewSummary:
    """What the child's care page shows from plans, reviews and visits. With ``user``, also
    whether they may record plans and visits, and reviews and IRO contacts."""
    can_record = user is not None and policies.can_record(user, child)
    can_chair = user is not None and policies.can_chair_review(user, child)
    period = _period(child)
    if period is None:
        return ReviewSummary(period=None, placement=None, today=clock.today())
    placement = (
        Placement.objects.filter(period=period, ended_on__isnull=True).first()
        if period.ended_on is None
        else None
    )
    clocks = _clocks(period, placement)
    open_clocks = [d for d in clocks if d.status == DeadlineStatus.OPEN]
    plans = list(CarePlan.objects.filter(period=period).order_by("-completed_on", "-created_at"))
    reviews = list(
        LookedAfterReview.objects.filter(period=period).select_related("chair").order_by("held_on")
    )
    permanence = next((p for p in plans if p.kind == CarePlanKind.PERMANENCE), None)
    second_due = next((d.due_on for d in clocks if d.rule_id == "lac-review-second"), None)
    visit_clock = next((d for d in open_clocks if d.rule_id in VISIT_RULES), None)
    return ReviewSummary(
        period=period,
        placement=placement,
        today=clock.today(),
        plans=_plan_rows(plans, open_clocks),
        permanence_option=PermanenceOption(permanence.permanence_option).label
        if permanence
        else "",
        permanence_missing=period.ended_on is None
        and _missing(
            reviews_held=len(reviews), second_due=second_due, has_plan=permanence is not None
        ),
        reviews=reviews,
        next_review=next((d for d in open_clocks if d.rule_id in REVIEW_RULES), None),
        iro_contacts=list(IROContact.objects.filter(period=period).select_related("iro")[:LATEST]),
        visits=list(CareVisit.objects.filter(period=period).select_related("visitor")[:LATEST]),
        next_visit=NextVisit(visit_clock, VISIT_VARIANTS[visit_clock.rule_id])
        if visit_clock
        else None,
        can_record=can_record,
        can_chair=can_chair,
    )


def looked_after_period(child: Any) -> CarePeriod | None:
    """The child's open period of care, if they are looked after."""
    return CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()


def current_placement(child: Any) -> Placement | None:
    return Placement.objects.filter(child=child, ended_on__isnull=True).first()


def next_visit_due(placement: Placement) -> NextVisit | None:
    """The placement's open visit clock and the variant it follows."""
    deadline = (
        Deadline.objects.filter(
            subject_type=Placement._meta.label_lower,
            subject_id=str(placement.pk),
            rule_id__in=VISIT_RULES,
            status=DeadlineStatus.OPEN,
        )
        .order_by("due_on")
        .first()
    )
    return NextVisit(deadline, VISIT_VARIANTS[deadline.rule_id]) if deadline else None


def placement_get(*, placement_id: UUID) -> Placement:
    try:
        return Placement.objects.select_related("child").get(pk=placement_id)
    except Placement.DoesNotExist as e:
        raise NotFound("No such placement") from e


def review_chairs() -> QuerySet[Any]:
    """Who may chair a looked-after review: people whose role may (the IROs, and managers)."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if Action.CHAIR_CARE_REVIEW in actions]
    return (
        get_user_model()
        .objects.filter(role__in=roles, is_active=True)
        .order_by("first_name", "last_name", "username")
    )
