"""Placements in unregistered settings: the list the director and managers keep watch on, a
request for sign-off (signed off or declined by a named senior officer, or withdrawn by the
worker who made it), and the senior reviews that follow while the placement lasts."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from haven.care import policies, services
from haven.care.enums import IrregularRequestStatus
from haven.care.forms import DeclineForm, ReviewForm, SignOffForm
from haven.care.selectors.irregular import irregular_list, latest_first_review
from haven.care.selectors.records import (
    placement_get,
    placement_reviews,
    proposal_of,
    request_get,
    review_due,
)
from haven.care.views._common import (
    child_url,
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
    run_service,
)
from haven.core import clock
from haven.core.errors import NotFound, ValidationError
from haven.people.policies import visible_ids

#: What a POST on the request page does, by the ``action`` it names.
SIGN_OFF, DECLINE, WITHDRAW = "sign_off", "decline", "withdraw"


def irregular_list_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policies.can_view_irregular_list(user):
        raise PermissionDenied
    found = irregular_list(today=clock.today())
    seen = visible_ids(user, found.child_ids)
    placements = found.placements_for(seen)
    signs_off = policies.can_sign_off_irregular(user)
    return render(
        request,
        "care/irregular_list.html",
        {
            "found": found,
            "requests": found.requests_for(seen),
            "placements": placements,
            "overdue_in_reach": sum(1 for p in placements if p.overdue),
            "can_sign_off": signs_off,
            # Those who answer for every such placement see the rest too, without the child.
            "withheld": found.placements_except(seen) if signs_off else [],
        },
    )


def _request_url(placement_request: Any) -> str:
    return reverse("care:irregular-request", kwargs={"request_id": placement_request.pk})


@refuses_without_reach
def irregular_request_page(request: HttpRequest, request_id: UUID) -> HttpResponse:
    """The request, and what the officer (sign off, decline) or the worker who asked
    (withdraw) may do with it while it waits."""
    try:
        asked = request_get(request_id=request_id)
    except NotFound as e:
        raise Http404("No such request") from e
    user = request.user
    child = open_child(request, asked.child_id, view="care.irregular_request")
    pending = asked.status == IrregularRequestStatus.PENDING
    may_decide = pending and policies.can_sign_off_irregular(user)
    may_withdraw = pending and asked.requested_by_id == user.pk
    action = request.POST.get("action") if request.method == "POST" else None
    sign_off = SignOffForm(request.POST if action == SIGN_OFF else None)
    decline = DeclineForm(request.POST if action == DECLINE else None)
    if action in (SIGN_OFF, DECLINE) and not may_decide:
        raise PermissionDenied
    if action == WITHDRAW:
        if not may_withdraw:
            raise PermissionDenied
        return _withdraw(request, asked)
    if action == SIGN_OFF:
        saved, _ = run_service(
            sign_off,
            lambda d: services.irregular_sign_off(
                actor=user, request=asked, reason=d["reason"], review_on=d["review_on"]
            ),
        )
        if saved:
            messages.success(request, "Placement signed off")
            return redirect(child_url(child.pk))
    if action == DECLINE:
        saved, _ = run_service(
            decline,
            lambda d: services.irregular_decline(actor=user, request=asked, reason=d["reason"]),
        )
        if saved:
            messages.success(request, "Request declined")
            return redirect(_request_url(asked))
    proposal = proposal_of(asked)
    return render(
        request,
        "care/irregular_request.html",
        {
            "child": child,
            "asked": asked,
            "proposal": proposal,
            "latest_review": latest_first_review(proposal.on, clock.today()),
            "may_decide": may_decide,
            "may_withdraw": may_withdraw,
            "sign_off": sign_off,
            "decline": decline,
            # The error summary and the page title follow the form that was sent.
            "form": decline if action == DECLINE else sign_off,
            "actions": {"sign_off": SIGN_OFF, "decline": DECLINE, "withdraw": WITHDRAW},
        },
    )


def _withdraw(request: HttpRequest, asked: Any) -> HttpResponse:
    try:
        services.irregular_withdraw(actor=request.user, request=asked)
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
        return redirect(_request_url(asked))
    messages.success(request, "Request withdrawn")
    return redirect(child_url(asked.child_id))


@refuses_without_reach
def irregular_review_view(request: HttpRequest, placement_id: UUID) -> HttpResponse:
    try:
        placement = placement_get(placement_id=placement_id)
    except NotFound as e:
        raise Http404("No such placement") from e
    user = request.user
    child = open_child(
        request,
        placement.child_id,
        view="care.irregular_review",
        allowed=lambda c: policies.can_sign_off_irregular(user),
    )
    if not placement.irregular or placement.ended_on is not None:
        raise PermissionDenied("Only an open placement in an unregistered setting is reviewed")
    return form_page(
        request,
        posted_form(request, ReviewForm, initial={"reviewed_on": clock.today()}),
        write=lambda d: services.irregular_review(actor=user, placement=placement, **d),
        done="Review recorded",
        then=lambda _: child_url(child.pk),
        template="care/irregular_review.html",
        context={
            "child": child,
            "placement": placement,
            "reviews": placement_reviews(placement=placement),
            "due": review_due(placement=placement, today=clock.today()),
            "caption": f"{child.full_name} · Placement in an unregistered setting",
            "heading": "Record a senior review",
            "button": "Record the review",
            "back_url": child_url(child.pk),
            "back_text": "Back to the care record",
        },
    )
