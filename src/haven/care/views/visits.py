"""Recording a statutory visit to a looked-after child, and changing what their placement's
visiting pattern turns on."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from haven.care import policies
from haven.care.forms_review import PlacementVisitsForm, VisitForm
from haven.care.selectors import reviews as selectors
from haven.care.services.visits import care_visit_record, placement_visits_update
from haven.care.views._common import (
    child_url,
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
)
from haven.care.views.review import FORM, looked_after_child, page_context
from haven.core.errors import NotFound
from haven.ui.forms import yes_no_initial


@refuses_without_reach
def visit_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = looked_after_child(
        request, child_id, view="care.visit", allowed=lambda c: policies.can_record(user, c)
    )
    placement = selectors.current_placement(child)
    form = posted_form(request, VisitForm)
    return form_page(
        request,
        form,
        write=lambda d: care_visit_record(actor=user, child=child, **d),
        done="Visit recorded",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=page_context(
            child,
            "Record a statutory visit",
            "Record the visit",
            placement=placement,
            next_visit=selectors.next_visit_due(placement) if placement else None,
            show="visit",
        ),
    )


@refuses_without_reach
def placement_visits_view(request: HttpRequest, placement_id: UUID) -> HttpResponse:
    user = request.user
    try:
        placement = selectors.placement_get(placement_id=placement_id)
    except NotFound as e:
        raise Http404("No such placement") from e
    child = open_child(
        request,
        placement.child_id,
        view="care.placement_visits",
        allowed=lambda c: policies.can_record(user, c),
    )
    if placement.ended_on is not None:
        raise PermissionDenied("This placement has ended")
    form = posted_form(
        request,
        PlacementVisitsForm,
        initial={
            "long_term": yes_no_initial(placement.long_term),
            "child_agreed_fewer_visits": yes_no_initial(placement.child_agreed_fewer_visits),
        },
    )
    return form_page(
        request,
        form,
        write=lambda d: placement_visits_update(actor=user, placement=placement, **d),
        done="Visiting pattern changed",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=page_context(
            child,
            "Change how often the child is visited",
            "Save the visiting pattern",
            placement=placement,
            next_visit=selectors.next_visit_due(placement),
            show="visit",
        ),
    )
