"""Recording a care plan, a placement plan (for the current placement) or a permanence plan."""

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse

from haven.care import policies
from haven.care.enums import CarePlanKind
from haven.care.forms_review import PlanForm
from haven.care.selectors import reviews as selectors
from haven.care.services.plans import care_plan_record
from haven.care.views._common import child_url, form_page, posted_form, refuses_without_reach
from haven.care.views.review import FORM, looked_after_child, page_context


@refuses_without_reach
def plan_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    """``?kind=care``, ``placement`` or ``permanence`` chooses the plan to start with."""
    user = request.user
    child = looked_after_child(
        request, child_id, view="care.plan", allowed=lambda c: policies.can_record(user, c)
    )
    placement = selectors.current_placement(child)
    kind = request.GET.get("kind", "")
    form = posted_form(
        request, PlanForm, initial={"kind": kind if kind in CarePlanKind.values else None}
    )

    def write(d: dict[str, Any]) -> object:
        return care_plan_record(
            actor=user,
            child=child,
            kind=d["kind"],
            completed_on=d["completed_on"],
            summary=d["summary"],
            permanence_option=d.get("permanence_option") or "",
            placement=placement if d["kind"] == CarePlanKind.PLACEMENT else None,
        )

    return form_page(
        request,
        form,
        write=write,
        done="Plan recorded",
        then=lambda _: child_url(child.pk),
        template=FORM,
        context=page_context(
            child,
            "Record a plan",
            "Record the plan",
            placement=placement,
            show="plan",
        ),
    )
