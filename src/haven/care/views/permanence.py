"""A child's permanence page (the adoption plan and its steps, permanence before care, orders
that ended care, the unaccompanied asylum-seeking child status), and the forms that record on
it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.care import policies
from haven.care.forms_health import (
    AdoptionCeaseForm,
    AdoptionDateForm,
    AdoptionDecisionForm,
    AdoptionMatchForm,
    PreviousPermanenceForm,
    UascCeasedForm,
)
from haven.care.selectors import permanence as selectors
from haven.care.services import permanence as services
from haven.care.views._common import open_child, refuses_without_reach
from haven.care.views.health import record_form
from haven.core.errors import ValidationError
from haven.ui.templatetags.govuk import govuk_date

BACK = "Back to permanence"


def permanence_url(child_id: Any) -> str:
    return reverse("care:permanence", kwargs={"child_id": child_id})


@refuses_without_reach
def permanence_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request, child_id, view="care.permanence")
    return render(
        request,
        "care/health/permanence.html",
        {
            "child": child,
            "record": selectors.permanence_record(child),
            "can_record": policies.can_record(request.user, child),
        },
    )


@refuses_without_reach
def adoption_decision_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return record_form(
        request,
        child_id,
        view="care.adoption_decision",
        form_class=AdoptionDecisionForm,
        write=lambda child, d: services.adoption_decision_record(
            actor=request.user, child=child, **d
        ),
        done="Adoption decision recorded",
        heading="Record the decision that the child should be placed for adoption",
        button="Record the decision",
        back=permanence_url,
        back_text=BACK,
    )


@dataclass(frozen=True)
class Step:
    """A step of an adoption plan: its form, and the service it is recorded through."""

    heading: str
    form_class: type[Any]
    record: Callable[..., object]
    done: str
    date_label: str = ""  # for a step that is only a date
    date_field: str = ""  # the service's name for that date


STEPS = {
    "placement-order": Step(
        "Record the placement order",
        AdoptionDateForm,
        services.adoption_placement_order_record,
        "Placement order recorded",
        "Date of the placement order",
        "made_on",
    ),
    "match": Step(
        "Record the match with adopters",
        AdoptionMatchForm,
        services.adoption_match_record,
        "Match recorded",
    ),
    "placed": Step(
        "Record the placement with the adopters",
        AdoptionDateForm,
        services.adoption_placed_record,
        "Placement with the adopters recorded",
        "Date the child moved in with the adopters",
        "placed_on",
    ),
    "ffa": Step(
        "Record a fostering for adoption placement",
        AdoptionDateForm,
        services.adoption_ffa_record,
        "Fostering for adoption placement recorded",
        "Date of the fostering for adoption placement",
        "placed_on",
    ),
    "adoption-order": Step(
        "Record the adoption order",
        AdoptionDateForm,
        services.adoption_order_record,
        "Adoption order recorded",
        "Date of the adoption order",
        "made_on",
    ),
    "ceased": Step(
        "Record that the child should no longer be placed for adoption",
        AdoptionCeaseForm,
        services.adoption_cease_record,
        "Decision recorded",
    ),
}


@refuses_without_reach
def adoption_step_view(request: HttpRequest, child_id: UUID, step: str) -> HttpResponse:
    """The next steps of the child's open adoption plan; any other is not found."""
    chosen = STEPS.get(step)
    if chosen is None:
        raise Http404("No such step")

    def available(child: Any) -> bool:
        return step in selectors.adoption_plan_steps(selectors.open_adoption_plan(child))

    def form_kwargs(child: Any) -> dict[str, Any]:
        return {"label": chosen.date_label} if chosen.date_label else {}

    def write(child: Any, data: dict[str, Any]) -> object:
        if chosen.date_field:
            data = {chosen.date_field: data["on"]}
        return chosen.record(actor=request.user, child=child, **data)

    return record_form(
        request,
        child_id,
        view=f"care.adoption_{step.replace('-', '_')}",
        form_class=chosen.form_class,
        write=write,
        done=chosen.done,
        heading=chosen.heading,
        button="Record it",
        back=permanence_url,
        back_text=BACK,
        form_kwargs=form_kwargs,
        available=available,
    )


def _period_label(period: Any) -> str:
    ended = f" to {govuk_date(period.ended_on)}" if period.ended_on else " (current)"
    return f"Looked after from {govuk_date(period.started_on)}{ended}"


@refuses_without_reach
def previous_permanence_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    def form_kwargs(child: Any) -> dict[str, Any]:
        periods = selectors.periods_for(child)
        return {
            "periods": [(str(p.pk), _period_label(p)) for p in periods],
            "initial": {"period": str(periods[0].pk)},
        }

    def write(child: Any, data: dict[str, Any]) -> object:
        period = selectors.period_get(child, data.pop("period"))
        if period is None:
            raise ValidationError({"period": "Choose the period of care"})
        return services.previous_permanence_record(actor=request.user, period=period, **data)

    return record_form(
        request,
        child_id,
        view="care.previous_permanence",
        form_class=PreviousPermanenceForm,
        write=write,
        done="Permanence before care recorded",
        heading="Record the permanence the child had before care",
        button="Record it",
        back=permanence_url,
        back_text=BACK,
        form_kwargs=form_kwargs,
        available=lambda child: bool(selectors.periods_for(child)),
        intro="For the 903 return: an adoption, special guardianship or child arrangements "
        "order the child had before this period of care, or none.",
    )


@refuses_without_reach
def uasc_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return record_form(
        request,
        child_id,
        view="care.uasc_ceased",
        form_class=UascCeasedForm,
        write=lambda child, d: services.uasc_ceased_record(actor=request.user, child=child, **d),
        done="Recorded",
        heading="Record when the child stopped being an unaccompanied asylum-seeking child",
        button="Record it",
        back=permanence_url,
        back_text=BACK,
        available=selectors.uasc_open,
    )
