"""A looked-after child's health and education page, and the forms that record on it: health
checks, SDQs, personal education plans, substance misuse and convictions."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.care import policies
from haven.care.forms_health import (
    ConvictionForm,
    HealthCheckForm,
    PepForm,
    SdqForm,
    SubstanceMisuseForm,
)
from haven.care.selectors import health as selectors
from haven.care.services import health as services
from haven.care.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core import clock

FORM = "care/health/form.html"


def health_url(child_id: Any) -> str:
    return reverse("care:health", kwargs={"child_id": child_id})


@refuses_without_reach
def health_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request, child_id, view="care.health")
    today = clock.today()
    return render(
        request,
        "care/health/health.html",
        {
            "child": child,
            "record": selectors.health_record(child, today),
            "can_record": policies.can_record(request.user, child),
        },
    )


def record_form(
    request: HttpRequest,
    child_id: UUID,
    *,
    view: str,
    form_class: type[Any],
    write: Callable[[Any, dict[str, Any]], object],
    done: str,
    heading: str,
    button: str,
    back: Callable[[Any], str],
    back_text: str,
    form_kwargs: Callable[[Any], dict[str, Any]] | None = None,
    available: Callable[[Any], bool] | None = None,
    intro: str = "",
) -> HttpResponse:
    """A form that records one thing for the child through one service call, then goes back
    to the area's page. Only those who may record care for the child reach it (403 else);
    ``available`` says whether the form applies to the child now (404 else). Nothing is logged
    for a refusal."""
    user = request.user

    def allowed(child: Any) -> bool:
        if available is not None and not available(child):
            raise Http404("This cannot be recorded for the child now")
        return policies.can_record(user, child)

    child = open_child(request, child_id, view=view, allowed=allowed)
    form = posted_form(request, form_class, **(form_kwargs(child) if form_kwargs else {}))
    return form_page(
        request,
        form,
        write=lambda d: write(child, d),
        done=done,
        then=lambda _: back(child.pk),
        template=FORM,
        context={
            "child": child,
            "caption": child.full_name,
            "heading": heading,
            "intro": intro,
            "button": button,
            "back_url": back(child.pk),
            "back_text": back_text,
        },
    )


def _health_form(request: HttpRequest, child_id: UUID, **kw: Any) -> HttpResponse:
    return record_form(
        request, child_id, back=health_url, back_text="Back to health and education", **kw
    )


@refuses_without_reach
def health_check_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _health_form(
        request,
        child_id,
        view="care.health_check",
        form_class=HealthCheckForm,
        write=lambda child, d: services.health_check_record(actor=request.user, child=child, **d),
        done="Health check recorded",
        heading="Record a health check",
        button="Record the check",
    )


@refuses_without_reach
def sdq_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _health_form(
        request,
        child_id,
        view="care.sdq",
        form_class=SdqForm,
        write=lambda child, d: services.sdq_record(actor=request.user, child=child, **d),
        done="Strengths and difficulties questionnaire recorded",
        heading="Record a strengths and difficulties questionnaire",
        button="Record the questionnaire",
        intro="Give the total difficulties score, or why there is none.",
    )


@refuses_without_reach
def pep_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    def initial(child: Any) -> dict[str, Any]:
        return {"initial": {"is_review": "yes" if selectors.has_first_pep(child) else "no"}}

    return _health_form(
        request,
        child_id,
        view="care.pep",
        form_class=PepForm,
        write=lambda child, d: services.pep_record(actor=request.user, child=child, **d),
        done="Personal education plan recorded",
        heading="Record a personal education plan",
        button="Record the plan",
        form_kwargs=initial,
    )


@refuses_without_reach
def substance_misuse_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _health_form(
        request,
        child_id,
        view="care.substance_misuse",
        form_class=SubstanceMisuseForm,
        write=lambda child, d: services.substance_misuse_record(
            actor=request.user, child=child, **d
        ),
        done="Substance misuse recorded",
        heading="Record a substance misuse problem",
        button="Record the problem",
    )


@refuses_without_reach
def conviction_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _health_form(
        request,
        child_id,
        view="care.conviction",
        form_class=ConvictionForm,
        write=lambda child, d: services.conviction_record(actor=request.user, child=child, **d),
        done="Conviction recorded",
        heading="Record a conviction, final warning or reprimand",
        button="Record it",
    )
