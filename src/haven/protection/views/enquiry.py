"""A section 47 enquiry: the child seen (and whether alone), what it is finding, and what it
concluded."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from haven.core import clock
from haven.core.errors import NotFound
from haven.protection import policies, selectors, services
from haven.protection.forms import EnquiryCompleteForm, EnquiryUpdateForm
from haven.protection.views._common import (
    child_url,
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
)
from haven.ui.forms import yes_no_initial

TEMPLATE = "protection/enquiry_form.html"


def _step(request: HttpRequest, enquiry_id: UUID, *, view: str) -> tuple[Any, Any]:
    """The open enquiry and its child: 403 when the policy refuses or the enquiry is over."""
    try:
        enquiry = selectors.enquiry_get(enquiry_id=enquiry_id)
    except NotFound as e:
        raise Http404("No such enquiry") from e
    user = request.user
    child = open_child(
        request, enquiry.child_id, view=view, allowed=lambda c: policies.can_record(user, c)
    )
    if not enquiry.is_open:
        raise PermissionDenied("This enquiry is completed and can no longer be changed")
    return enquiry, child


def _context(enquiry: Any, child: Any, heading: str, button: str) -> dict[str, Any]:
    return {
        "child": child,
        "enquiry": enquiry,
        "caption": f"{child.full_name} · Section 47 enquiry",
        "heading": heading,
        "button": button,
        "back_url": child_url(child.pk),
        "back_text": "Back to child protection and plans",
    }


@refuses_without_reach
def enquiry_update_view(request: HttpRequest, enquiry_id: UUID) -> HttpResponse:
    enquiry, child = _step(request, enquiry_id, view="protection.enquiry")
    initial = {
        "child_seen_on": enquiry.child_seen_on,
        "seen_alone": yes_no_initial(enquiry.seen_alone),
        "findings": enquiry.findings,
    }
    return form_page(
        request,
        posted_form(request, EnquiryUpdateForm, initial=initial),
        write=lambda d: services.section47_update(actor=request.user, enquiry=enquiry, **d),
        done="Section 47 enquiry updated",
        then=lambda _: child_url(child.pk),
        template=TEMPLATE,
        context=_context(enquiry, child, "Update the section 47 enquiry", "Save"),
    )


@refuses_without_reach
def enquiry_complete_view(request: HttpRequest, enquiry_id: UUID) -> HttpResponse:
    enquiry, child = _step(request, enquiry_id, view="protection.enquiry_complete")
    return form_page(
        request,
        posted_form(request, EnquiryCompleteForm, initial={"completed_on": clock.today()}),
        write=lambda d: services.section47_complete(actor=request.user, enquiry=enquiry, **d),
        done="Section 47 enquiry completed",
        then=lambda _: child_url(child.pk),
        template=TEMPLATE,
        context=_context(enquiry, child, "Complete the section 47 enquiry", "Complete the enquiry"),
    )
