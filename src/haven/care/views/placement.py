"""A child starts to be looked after, or moves placement. A placement in an unregistered
setting is refused without a named senior officer's sign-off: the page then says why, and
offers to send the worker's entry, whole, to the officer as a request for sign-off."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.care import policies, services
from haven.care.forms import MoveForm, PlacementForm, StartForm
from haven.care.selectors.records import care_record, settings_to_choose
from haven.care.services.irregular import needs_sign_off_only, placement_reasons
from haven.care.views._common import (
    child_url,
    onto_fields,
    open_child,
    posted_form,
    refuses_without_reach,
)
from haven.care.views.child import looked_after_child
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors

TEMPLATE = "care/placement_form.html"
#: The name and value of the button that sends the entry for sign-off.
ASK = "ask"


def _placement_page(
    request: HttpRequest,
    child: Any,
    form: Any,
    *,
    save: Callable[..., object],
    done: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Save through ``save`` (the period service) or, when the worker asks for sign-off,
    keep the entry as a request; either way one service call, then back to the record.

    When the service refuses only because the placement needs a sign-off, the page shows why
    and offers the "Ask for sign-off" button, with everything typed kept."""
    reasons: list[str] = []
    offer_ask = False
    if request.method == "POST" and form.is_valid():
        asking = request.POST.get("action") == ASK
        details, on = form.details(), form.on
        try:
            if asking:
                services.irregular_request(actor=request.user, child=child, **form.request_kwargs())
            else:
                save(actor=request.user, child=child, **form.service_kwargs())
        except ValidationError as e:
            add_service_errors(form, onto_fields(form, e))
            reasons = placement_reasons(child=child, placement=details, on=on)
            offer_ask = not asking and bool(reasons) and needs_sign_off_only(e)
        else:
            if asking:
                messages.success(request, "Placement sent for sign-off")
            else:
                messages.success(request, done)
            return redirect(child_url(child.pk))
    return render(
        request,
        TEMPLATE,
        {
            "form": form,
            "child": child,
            "reasons": reasons,
            "offer_ask": offer_ask,
            "ask": ASK,
            "back_url": child_url(child.pk),
            "back_text": "Back to the care record",
            **context,
        },
    )


def _form(request: HttpRequest, form_class: type[PlacementForm], initial: dict[str, Any]) -> Any:
    return posted_form(request, form_class, initial=initial, settings=settings_to_choose())


@refuses_without_reach
def start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request, child_id, view="care.start", allowed=lambda c: policies.can_record(user, c)
    )
    record = care_record(child_id=child.pk, today=clock.today())
    if record.looked_after:
        raise PermissionDenied("The child is already looked after")
    if record.pending_request is not None:
        raise PermissionDenied("A placement for this child is waiting for sign-off")
    return _placement_page(
        request,
        child,
        _form(request, StartForm, {"started_on": clock.today()}),
        save=services.care_start,
        done="The child started to be looked after",
        context={
            "caption": f"{child.full_name} · Care record",
            "heading": "Start to be looked after",
            "intro": "The period of care begins with its first 903 episode and placement.",
            "button": "Start to be looked after",
            "other_legend": "The period of care",
        },
    )


def _move_intro(current: Any) -> str:
    where = ""
    if current is not None:
        setting = current.placement.setting
        where = f"The child’s placement now: {current.place}"
        where += f", {setting.name}. " if setting is not None else ". "
    return (
        f"{where}On the day of the move the current 903 episode ends, with the reason the "
        "placement changed, and a new one starts."
    )


@refuses_without_reach
def move_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child, record = looked_after_child(request, child_id, view="care.move")
    return _placement_page(
        request,
        child,
        _form(request, MoveForm, {"changed_on": clock.today()}),
        save=services.placement_change,
        done="Placement changed",
        context={
            "caption": f"{child.full_name} · Care record",
            "heading": "Move placement",
            "intro": _move_intro(record.current_placement),
            "button": "Save the move",
            "other_legend": "The move",
        },
    )
