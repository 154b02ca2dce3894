"""A care leaver's page (their category worked out now, personal adviser, pathway plans,
contacts with the latest 903 OC3 codes, staying put), and the forms that record on it."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.care import policies
from haven.care.forms_health import (
    AdviserAppointForm,
    AdviserContactForm,
    AdviserEndForm,
    PathwayPlanForm,
    StayingPutEndForm,
    StayingPutStartForm,
)
from haven.care.selectors import leaving as selectors
from haven.care.services import leaving as services
from haven.care.views._common import open_child, refuses_without_reach
from haven.care.views.health import record_form
from haven.core import clock
from haven.core.errors import ValidationError

BACK = "Back to leaving care"


def leaving_url(child_id: Any) -> str:
    return reverse("care:leaving-care", kwargs={"child_id": child_id})


@refuses_without_reach
def leaving_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request, child_id, view="care.leaving_care")
    return render(
        request,
        "care/leaving/leaving.html",
        {
            "child": child,
            "record": selectors.leaving_record(child, clock.today()),
            "can_record": policies.can_record(request.user, child),
        },
    )


def _form(request: HttpRequest, child_id: UUID, **kw: Any) -> HttpResponse:
    return record_form(request, child_id, back=leaving_url, back_text=BACK, **kw)


@refuses_without_reach
def adviser_appoint_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    def write(child: Any, data: dict[str, Any]) -> object:
        adviser = selectors.adviser_get(data.pop("adviser"))
        if adviser is None:
            raise ValidationError({"adviser": "Choose the personal adviser"})
        return services.adviser_appoint(actor=request.user, child=child, adviser=adviser, **data)

    return _form(
        request,
        child_id,
        view="care.adviser_appoint",
        form_class=AdviserAppointForm,
        write=write,
        done="Personal adviser appointed",
        heading="Appoint a personal adviser",
        button="Appoint the adviser",
        form_kwargs=lambda child: {"advisers": selectors.adviser_choices()},
        intro="A personal adviser already appointed hands over on the day the new one starts.",
    )


@refuses_without_reach
def adviser_end_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _form(
        request,
        child_id,
        view="care.adviser_end",
        form_class=AdviserEndForm,
        write=lambda child, d: services.adviser_end(actor=request.user, child=child, **d),
        done="Personal adviser's appointment ended",
        heading="End the personal adviser's appointment",
        button="End the appointment",
        available=lambda child: selectors.current_adviser(child) is not None,
    )


@refuses_without_reach
def pathway_plan_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    def form_kwargs(child: Any) -> dict[str, Any]:
        has_plan = selectors.has_pathway_plan(child)
        return {"initial": {"is_review": "yes" if has_plan else "no"}}

    return _form(
        request,
        child_id,
        view="care.pathway_plan",
        form_class=PathwayPlanForm,
        write=lambda child, d: services.pathway_plan_record(actor=request.user, child=child, **d),
        done="Pathway plan recorded",
        heading="Record the pathway plan or its review",
        button="Record the plan",
        form_kwargs=form_kwargs,
    )


@refuses_without_reach
def adviser_contact_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _form(
        request,
        child_id,
        view="care.adviser_contact",
        form_class=AdviserContactForm,
        write=lambda child, d: services.adviser_contact_record(
            actor=request.user, child=child, **d
        ),
        done="Contact recorded",
        heading="Record a contact with the young person",
        button="Record the contact",
        intro="Activity and accommodation are recorded when the young person is in touch.",
    )


@refuses_without_reach
def staying_put_start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    def form_kwargs(child: Any) -> dict[str, Any]:
        placement = selectors.last_placement(child)
        return {"initial": {"carer": placement.carer if placement is not None else ""}}

    return _form(
        request,
        child_id,
        view="care.staying_put_start",
        form_class=StayingPutStartForm,
        write=lambda child, d: services.staying_put_start(actor=request.user, child=child, **d),
        done="Staying put recorded",
        heading="Record staying put with former foster carers",
        button="Record staying put",
        form_kwargs=form_kwargs,
        available=lambda child: selectors.current_staying_put(child) is None,
    )


@refuses_without_reach
def staying_put_end_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _form(
        request,
        child_id,
        view="care.staying_put_end",
        form_class=StayingPutEndForm,
        write=lambda child, d: services.staying_put_end(actor=request.user, child=child, **d),
        done="Staying put ended",
        heading="End staying put",
        button="End staying put",
        available=lambda child: selectors.current_staying_put(child) is not None,
    )
