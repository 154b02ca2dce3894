"""Recording a looked-after review and an IRO's contact with the child: pages for those who may
chair reviews (the independent reviewing officers, and managers)."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from haven.care import policies
from haven.care.forms_review import IROContactForm, ReviewForm
from haven.care.selectors import reviews as selectors
from haven.care.services.review import care_review_record, iro_contact_record
from haven.care.views._common import (
    child_url,
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
)

FORM = "care/review/form.html"


def looked_after_child(
    request: HttpRequest, child_id: UUID, *, view: str, allowed: Callable[[Any], bool]
) -> Any:
    """The child, for a page that records on their current period of care: the read logged,
    403 when the policy refuses or the child is not looked after."""
    child = open_child(request, child_id, view=view, allowed=allowed)
    if selectors.looked_after_period(child) is None:
        raise PermissionDenied("The child is not looked after")
    return child


def page_context(child: Any, heading: str, button: str, **extra: Any) -> dict[str, Any]:
    return {
        "child": child,
        "caption": child.full_name,
        "heading": heading,
        "button": button,
        "back_url": child_url(child.pk),
        "back_text": "Back to the care record",
        **extra,
    }


@refuses_without_reach
def review_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = looked_after_child(
        request,
        child_id,
        view="care.review",
        allowed=lambda c: policies.can_chair_review(user, c),
    )
    chairs = selectors.review_chairs()
    form = posted_form(
        request,
        ReviewForm,
        chairs=chairs,
        initial={"chair": user.pk if chairs.filter(pk=user.pk).exists() else None},
    )
    return form_page(
        request,
        form,
        write=lambda d: care_review_record(actor=user, child=child, **d),
        done="Review recorded",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=page_context(
            child,
            "Record a looked-after review",
            "Record the review",
            summary=selectors.child_summary(child),
            show="review",
        ),
    )


@refuses_without_reach
def iro_contact_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = looked_after_child(
        request,
        child_id,
        view="care.iro_contact",
        allowed=lambda c: policies.can_chair_review(user, c),
    )
    form = posted_form(request, IROContactForm)
    return form_page(
        request,
        form,
        write=lambda d: iro_contact_record(actor=user, child=child, **d),
        done="Contact recorded",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=page_context(
            child,
            "Record your contact with the child",
            "Record the contact",
            intro="Your visits, calls and messages to the child between reviews, as their "
            "independent reviewing officer.",
        ),
    )
