"""Emergency protection (an emergency protection order or police protection) and the
pre-proceedings stage of the Public Law Outline: the record and each step on it.

Entering pre-proceedings and deciding how they end are a manager's decisions
(``can_decide_pre_proceedings``); the letter, family group decision making and meetings are
recorded by whoever works with the child (``can_record``).
"""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.casework.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core import clock
from haven.core.errors import NotFound
from haven.protection import policies, selectors, services
from haven.protection.forms_more import (
    PreProceedingsDecideForm,
    PreProceedingsMeetingForm,
    PreProceedingsStartForm,
    PreProceedingsUpdateForm,
    ProtectiveOrderEndForm,
    ProtectiveOrderForm,
    yes_no_initial,
)
from haven.protection.selectors.lists import protective_order_get
from haven.ui.templatetags.govuk import govuk_date, govuk_datetime

ORDER_FORM = "protection/orders_form.html"
PP_FORM = "protection/pre_proceedings_form.html"
#: Where a child's protection work is listed.
CHILD_PAGE = "protection:child"
BACK_TO_CHILD = "Back to child protection and plans"


def _child_url(child_id: Any) -> str:
    return reverse(CHILD_PAGE, kwargs={"child_id": child_id})


def _pp_url(pp: Any) -> str:
    return reverse("protection:pre-proceedings", kwargs={"pre_proceedings_id": pp.pk})


def _context(
    child: Any, heading: str, button: str, back_url: str, back_text: str, **extra: Any
) -> dict[str, Any]:
    return {
        "child": child,
        "caption": child.full_name,
        "heading": heading,
        "button": button,
        "back_url": back_url,
        "back_text": back_text,
        **extra,
    }


# Emergency protection


@refuses_without_reach
def protective_order_record_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="protection.protective_order_record",
        allowed=lambda c: policies.can_record(user, c),
    )
    back = _child_url(child.pk)
    return form_page(
        request,
        posted_form(request, ProtectiveOrderForm, initial={"started_at": clock.today()}),
        write=lambda d: services.protective_order_record(actor=user, child=child, **d),
        done="Emergency protection recorded",
        then=lambda _: back,
        template=ORDER_FORM,
        context=_context(
            child,
            "Record emergency protection",
            "Save",
            back,
            BACK_TO_CHILD,
            intro="An emergency protection order lasts up to 8 days; police protection up to "
            "72 hours (Children Act 1989 sections 44 and 46).",
        ),
    )


@refuses_without_reach
def protective_order_end_view(request: HttpRequest, order_id: UUID) -> HttpResponse:
    try:
        order = protective_order_get(order_id=order_id)
    except NotFound as e:
        raise Http404("No such order") from e
    user = request.user
    child = open_child(
        request,
        order.child_id,
        view="protection.protective_order_end",
        allowed=policies.can_record(user, order.child_id),
    )
    if order.ended_at is not None:
        raise PermissionDenied("This has already ended")
    back = _child_url(child.pk)
    return form_page(
        request,
        posted_form(request, ProtectiveOrderEndForm, initial={"ended_at": clock.today()}),
        write=lambda d: services.protective_order_end(actor=user, order=order, **d),
        done="Emergency protection ended",
        then=lambda _: back,
        template=ORDER_FORM,
        context=_context(
            child,
            "Record when emergency protection ended",
            "Save",
            back,
            BACK_TO_CHILD,
            caption=f"{child.full_name} · {order.get_kind_display()}, began "
            f"{govuk_datetime(order.started_at)}",
        ),
    )


# Pre-proceedings


@refuses_without_reach
def pre_proceedings_start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="protection.pre_proceedings_start",
        allowed=lambda c: policies.can_decide_pre_proceedings(user, c),
    )
    back = _child_url(child.pk)
    return form_page(
        request,
        posted_form(request, PreProceedingsStartForm, initial={"started_on": clock.today()}),
        write=lambda d: services.pre_proceedings_start(actor=user, child=child, **d),
        done="Pre-proceedings started",
        then=_pp_url,
        template=PP_FORM,
        context=_context(
            child,
            "Enter pre-proceedings",
            "Enter pre-proceedings",
            back,
            BACK_TO_CHILD,
            intro="Record the decision to enter the pre-proceedings stage of the Public Law "
            "Outline. The letter before proceedings, family group decision making and meetings "
            "are recorded on the next page.",
        ),
    )


def _pre_proceedings(pre_proceedings_id: UUID) -> Any:
    try:
        return selectors.pre_proceedings_get(pre_proceedings_id=pre_proceedings_id)
    except NotFound as e:
        raise Http404("No such record") from e


@refuses_without_reach
def pre_proceedings_page(request: HttpRequest, pre_proceedings_id: UUID) -> HttpResponse:
    user = request.user
    pp = _pre_proceedings(pre_proceedings_id)
    child = open_child(request, pp.child_id, view="protection.pre_proceedings")
    meetings = list(pp.meetings.all())
    return render(
        request,
        "protection/pre_proceedings.html",
        {
            "child": child,
            "pp": pp,
            "initial_meeting": meetings[0] if meetings else None,
            "meetings": meetings,
            "review_meetings": len(meetings[1:]),
            "child_url": _child_url(child.pk),
            "can_record": pp.is_open and policies.can_record(user, child),
            "can_decide": pp.is_open and policies.can_decide_pre_proceedings(user, child),
        },
    )


def _step(
    request: HttpRequest, pre_proceedings_id: UUID, *, view: str, decide: bool = False
) -> tuple[Any, Any]:
    """The open pre-proceedings and the child for a form that changes them: 403 once they
    have ended, or when the policy refuses (deciding is a manager's)."""
    pp = _pre_proceedings(pre_proceedings_id)
    user = request.user
    if decide:
        allowed = policies.can_decide_pre_proceedings(user, pp.child_id)
    else:
        allowed = policies.can_record(user, pp.child_id)
    child = open_child(request, pp.child_id, view=view, allowed=allowed)
    if not pp.is_open:
        raise PermissionDenied("Pre-proceedings have ended")
    return pp, child


def _step_context(pp: Any, child: Any, heading: str, button: str, **extra: Any) -> dict[str, Any]:
    return _context(
        child,
        heading,
        button,
        _pp_url(pp),
        "Back to pre-proceedings",
        caption=f"{child.full_name} · Pre-proceedings from {govuk_date(pp.started_on)}",
        pp=pp,
        **extra,
    )


@refuses_without_reach
def pre_proceedings_update_view(request: HttpRequest, pre_proceedings_id: UUID) -> HttpResponse:
    pp, child = _step(request, pre_proceedings_id, view="protection.pre_proceedings_update")
    initial = {
        "letter_sent_on": pp.letter_sent_on,
        "fgdm_offered": yes_no_initial(pp.fgdm_offered),
        "fgdm_held": yes_no_initial(pp.fgdm_held),
    }
    return form_page(
        request,
        posted_form(request, PreProceedingsUpdateForm, initial=initial),
        write=lambda d: services.pre_proceedings_update(
            actor=request.user, pre_proceedings=pp, **d
        ),
        done="Pre-proceedings updated",
        then=_pp_url,
        template=PP_FORM,
        context=_step_context(
            pp, child, "Letter before proceedings and family group decision making", "Save"
        ),
    )


@refuses_without_reach
def pre_proceedings_meeting_view(request: HttpRequest, pre_proceedings_id: UUID) -> HttpResponse:
    pp, child = _step(request, pre_proceedings_id, view="protection.pre_proceedings_meeting")
    first = not pp.meetings.exists()
    return form_page(
        request,
        posted_form(request, PreProceedingsMeetingForm, initial={"held_on": clock.today()}),
        write=lambda d: services.pre_proceedings_meeting_record(
            actor=request.user, pre_proceedings=pp, **d
        ),
        done="Meeting recorded",
        then=lambda _: _pp_url(pp),
        template=PP_FORM,
        context=_step_context(
            pp,
            child,
            "Record the initial pre-proceedings meeting" if first else "Record a review meeting",
            "Save",
            intro="The first meeting is the initial pre-proceedings meeting; later ones are "
            "counted as review meetings.",
        ),
    )


@refuses_without_reach
def pre_proceedings_decide_view(request: HttpRequest, pre_proceedings_id: UUID) -> HttpResponse:
    pp, child = _step(
        request, pre_proceedings_id, view="protection.pre_proceedings_decide", decide=True
    )
    return form_page(
        request,
        posted_form(request, PreProceedingsDecideForm, initial={"decision_on": clock.today()}),
        write=lambda d: services.pre_proceedings_decide(
            actor=request.user, pre_proceedings=pp, **d
        ),
        done="Pre-proceedings ended",
        then=_pp_url,
        template=PP_FORM,
        context=_step_context(
            pp,
            child,
            "Record the decision",
            "Record the decision",
            intro="This ends pre-proceedings. It cannot be changed afterwards.",
            summary={"meetings": pp.meetings.count()},
        ),
    )
