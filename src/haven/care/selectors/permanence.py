"""Reads for a child's permanence: adoption plans, permanence before care, orders that ended
care, the unaccompanied asylum-seeking child status, and the 903 rows they give.

The 903 rows (STATUTORY.md §3), one per plan or period:

* AD1 (``ad1_rows``): a plan that ended in an adoption order: ``DATE_INT`` the decision,
  ``DATE_MATCH``, ``FOSTER_CARE`` (1 when the adopters were the child's foster carers),
  ``NB_ADOPTR``, ``SEX_ADOPTR``, ``LS_ADOPTR``.
* PlacedAdoption (``placed_adoption_rows``): every plan: ``DATE_PLACED`` is the date of the
  decision that the child should be placed for adoption, the same day as AD1's ``DATE_INT``
  (as the DfE validator reads them: rules 523, 552 and 584); ``DATE_PLACED_CEASED`` and
  ``REASON_PLACED_CEASED`` the decision that they should no longer be.
* PrevPerm (``prev_perm_rows``): each period with its permanence before care.
* UASC (``uasc_row``): a child recorded as unaccompanied and asylum-seeking, with ``DUC``.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from haven.care.enums import (
    SPECIAL_GUARDIANSHIP,
    AdopterLegalStatus,
    AdopterSex,
    PreviousPermanence,
    ReasonEpisodeCeased,
)
from haven.care.models import AdoptionPlan, CareEpisode, CarePeriod, PermanenceBefore, UascStatus

ONE_ADOPTER_SEXES = frozenset({AdopterSex.M1, AdopterSex.F1})
TWO_ADOPTER_SEXES = frozenset({AdopterSex.MM, AdopterSex.FF, AdopterSex.MF})
#: LS_ADOPTR codes that name a single adopter or a couple; L0 and L11 may be either.
ONE_ADOPTER_STATUSES = frozenset({AdopterLegalStatus.L4})
TWO_ADOPTER_STATUSES = frozenset(
    {AdopterLegalStatus.L12, AdopterLegalStatus.L2, AdopterLegalStatus.L3}
)
#: PREV_PERM options with no order behind them, so no LA_PERM or DATE_PERM.
NO_PREVIOUS_ORDER = frozenset({PreviousPermanence.P4, PreviousPermanence.Z1})
#: LA_PERM values other than a local authority's 3-digit code (999: not known).
LA_PERM_OTHER = frozenset({"999", "NIR", "SCO", "WAL", "NUK"})
#: Orders that end care and give the child permanence outside it (903 REC).
PERMANENCE_ORDERS = frozenset({ReasonEpisodeCeased.E41, *SPECIAL_GUARDIANSHIP})


def open_adoption_plan(child: Any) -> AdoptionPlan | None:
    return AdoptionPlan.objects.filter(
        child=child, adoption_order_on__isnull=True, ceased_on__isnull=True
    ).first()


def adoption_plan_steps(plan: AdoptionPlan | None) -> list[str]:
    """The steps that may be recorded next on an open plan, in the order they come."""
    if plan is None or not (plan.adoption_order_on is None and plan.ceased_on is None):
        return []
    steps = []
    if plan.placement_order_on is None and plan.matched_on is None:
        steps.append("placement-order")
    if plan.matched_on is None:
        steps.append("match")
    elif plan.placed_on is None:
        steps.append("placed")
    if plan.ffa_placed_on is None and plan.placed_on is None:
        steps.append("ffa")
    if plan.placed_on is not None:
        steps.append("adoption-order")
    steps.append("ceased")
    return steps


@dataclass(frozen=True)
class PeriodPermanence:
    period: CarePeriod
    before: PermanenceBefore | None
    ended_by_order: str  # the 903 REC when the period ended with an SGO or CAO, else ""

    @property
    def ended_by_order_label(self) -> str:
        if not self.ended_by_order:
            return ""
        return f"{self.ended_by_order}: {ReasonEpisodeCeased(self.ended_by_order).label}"


@dataclass(frozen=True)
class PermanenceRecord:
    plans: list[AdoptionPlan]
    open_plan: AdoptionPlan | None
    next_steps: list[str]
    periods: list[PeriodPermanence]
    uasc: bool
    uasc_ceased: UascStatus | None


def uasc_open(child: Any) -> bool:
    """A child recorded as unaccompanied and asylum-seeking, with no end to it recorded."""
    return bool(child.uasc) and not UascStatus.objects.filter(child=child).exists()


def periods_for(child: Any) -> list[CarePeriod]:
    """The child's periods of care, latest first (for choosing one)."""
    return list(CarePeriod.objects.filter(child=child).order_by("-started_on"))


def period_get(child: Any, period_id: Any) -> CarePeriod | None:
    return CarePeriod.objects.filter(child=child, pk=period_id).first()


def permanence_record(child: Any) -> PermanenceRecord:
    plans = list(AdoptionPlan.objects.filter(child=child).order_by("-decided_on"))
    open_plan = next(
        (p for p in plans if p.adoption_order_on is None and p.ceased_on is None), None
    )
    periods = periods_for(child)
    befores = {b.period_id: b for b in PermanenceBefore.objects.filter(child=child)}
    endings = dict(
        CareEpisode.objects.filter(child=child, reason_ceased__in=PERMANENCE_ORDERS).values_list(
            "period_id", "reason_ceased"
        )
    )
    return PermanenceRecord(
        plans=plans,
        open_plan=open_plan,
        next_steps=adoption_plan_steps(open_plan),
        periods=[PeriodPermanence(p, befores.get(p.pk), endings.get(p.pk, "")) for p in periods],
        uasc=bool(child.uasc),
        uasc_ceased=UascStatus.objects.filter(child=child).first(),
    )


# SSDA903 rows


@dataclass(frozen=True)
class Ad1Row:
    DATE_INT: dt.date
    DATE_MATCH: dt.date | None
    FOSTER_CARE: int | None
    NB_ADOPTR: int | None
    SEX_ADOPTR: str
    LS_ADOPTR: str


@dataclass(frozen=True)
class PlacedAdoptionRow:
    DATE_PLACED: dt.date
    DATE_PLACED_CEASED: dt.date | None
    REASON_PLACED_CEASED: str


@dataclass(frozen=True)
class PrevPermRow:
    PREV_PERM: str
    LA_PERM: str
    DATE_PERM: dt.date | None


@dataclass(frozen=True)
class UascRow:
    DUC: dt.date | None


def ad1_rows(child: Any) -> list[Ad1Row]:
    plans = AdoptionPlan.objects.filter(child=child, adoption_order_on__isnull=False)
    return [
        Ad1Row(
            DATE_INT=p.decided_on,
            DATE_MATCH=p.matched_on,
            FOSTER_CARE=None if p.with_foster_carer is None else int(p.with_foster_carer),
            NB_ADOPTR=p.adopters,
            SEX_ADOPTR=p.adopter_sex,
            LS_ADOPTR=p.adopter_legal_status,
        )
        for p in plans.order_by("decided_on")
    ]


def placed_adoption_rows(child: Any) -> list[PlacedAdoptionRow]:
    plans = AdoptionPlan.objects.filter(child=child).order_by("decided_on")
    return [PlacedAdoptionRow(p.decided_on, p.ceased_on, p.ceased_reason) for p in plans]


def prev_perm_rows(child: Any) -> list[PrevPermRow]:
    records = PermanenceBefore.objects.filter(child=child).order_by("period__started_on")
    return [PrevPermRow(r.option, r.la_code, r.made_on) for r in records]


def uasc_row(child: Any) -> UascRow | None:
    status = UascStatus.objects.filter(child=child).first()
    if not child.uasc and status is None:
        return None
    return UascRow(DUC=None if status is None else status.ceased_on)
