"""A child's care record: whether they are looked after, their periods, 903 episodes and
placements, a request for sign-off waiting, and their open care clocks; and the changes that
need no placement: a new legal status, and ceasing to be looked after."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.care import policies, services
from haven.care.forms import EndForm, LegalStatusForm
from haven.care.selectors.records import care_record
from haven.care.selectors.reviews import child_summary
from haven.care.views._common import (
    FORM,
    child_url,
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
)
from haven.core import clock


@refuses_without_reach
def child_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(request, child_id, view="care.child")
    record = care_record(child_id=child.pk, today=clock.today())
    may_record = policies.can_record(user, child)
    free = record.pending_request is None
    return render(
        request,
        "care/child.html",
        {
            "child": child,
            "record": record,
            "current": record.current,
            "can_start": may_record and free and not record.looked_after,
            "can_change": may_record and free and record.looked_after,
            "can_sign_off": policies.can_sign_off_irregular(user),
            "summary": child_summary(child, user=user),
        },
    )


def looked_after_child(request: HttpRequest, child_id: UUID, *, view: str) -> Any:
    """The child, for a page that changes their current period: 403 unless the user may
    record their care, the child is looked after, and no placement waits for sign-off."""
    user = request.user
    child = open_child(request, child_id, view=view, allowed=lambda c: policies.can_record(user, c))
    record = care_record(child_id=child.pk, today=clock.today())
    if not record.looked_after:
        raise PermissionDenied("The child is not looked after")
    if record.pending_request is not None:
        raise PermissionDenied("A placement for this child is waiting for sign-off")
    return child, record


def _context(child: Any, record: Any, heading: str, button: str) -> dict[str, Any]:
    return {
        "child": child,
        "record": record,
        "caption": f"{child.full_name} · Care record",
        "heading": heading,
        "button": button,
        "back_url": child_url(child.pk),
        "back_text": "Back to the care record",
    }


@refuses_without_reach
def legal_status_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child, record = looked_after_child(request, child_id, view="care.legal_status")
    context = _context(child, record, "Change the legal status", "Save the new legal status")
    context["intro"] = (
        f"The legal status now is {record.legal_status}. A new 903 episode starts on the day "
        "it changes, in the same placement. When the child moves placement the same day, "
        "record the move instead: it can change the legal status too."
    )
    return form_page(
        request,
        posted_form(request, LegalStatusForm, initial={"changed_on": clock.today()}),
        write=lambda d: services.legal_status_change(actor=request.user, child=child, **d),
        done="Legal status changed",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=context,
    )


@refuses_without_reach
def end_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child, record = looked_after_child(request, child_id, view="care.end")
    context = _context(child, record, "Cease to be looked after", "Record that care ended")
    context["intro"] = (
        "The period of care, its last episode and the placement end on this date, and the "
        "clocks they kept stop."
    )
    return form_page(
        request,
        posted_form(request, EndForm, initial={"ended_on": clock.today()}),
        write=lambda d: services.care_end(actor=request.user, child=child, **d),
        done="The child ceased to be looked after",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=context,
    )
