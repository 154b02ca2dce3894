"""Recording an initial or review child protection conference, as held."""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse

from haven.core import clock
from haven.protection import policies, selectors, services
from haven.protection.enums import ConferenceKind, PlanKind
from haven.protection.forms import ConferenceForm
from haven.protection.selectors import pages
from haven.protection.views._common import (
    child_url,
    form_page,
    open_child,
    plan_url,
    posted_form,
    refuses_without_reach,
)

HEADINGS = {
    ConferenceKind.INITIAL: "Record the initial child protection conference",
    ConferenceKind.REVIEW: "Record the child protection review conference",
}


def _after(child_id: Any) -> str:
    """The plan the conference started or continued, or the child's record if none is open."""
    plan = selectors.open_plan_for(child_id=child_id)
    return plan_url(plan) if plan is not None else child_url(child_id)


@refuses_without_reach
def conference_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    """``?kind=initial`` after a section 47 enquiry, ``?kind=review`` on a child protection
    plan: a review rates each outcome still to be achieved."""
    user = request.user
    kind = request.GET.get("kind", "")
    if kind not in ConferenceKind.values:
        raise Http404("Choose an initial or a review conference")
    child = open_child(
        request,
        child_id,
        view="protection.conference",
        allowed=lambda c: policies.can_record_conference(user, c),
    )
    record = selectors.child_protection(child_id=child.pk)
    plan = record.open_plan
    if kind == ConferenceKind.INITIAL and record.awaiting_icpc is None:
        raise Http404("No section 47 enquiry awaits a conference")
    if kind == ConferenceKind.REVIEW and (plan is None or plan.kind != PlanKind.CHILD_PROTECTION):
        raise Http404("No child protection plan to review")
    chairs = pages.conference_chairs()
    form = posted_form(
        request,
        ConferenceForm,
        kind=kind,
        chairs=chairs,
        outcomes=pages.outcomes_to_rate(plan=plan)
        if plan and kind == ConferenceKind.REVIEW
        else (),
        initial={"chair": user.pk if chairs.filter(pk=user.pk).exists() else None},
    )
    assert isinstance(form, ConferenceForm)
    return form_page(
        request,
        form,
        write=lambda d: services.conference_record(
            actor=user, child=child, kind=kind, **form.service_kwargs()
        ),
        done="Conference recorded",
        then=lambda _: _after(child.pk),
        template="protection/conference.html",
        context={
            "child": child,
            "kind": kind,
            "plan": plan if kind == ConferenceKind.REVIEW else None,
            "enquiry": record.awaiting_icpc if kind == ConferenceKind.INITIAL else None,
            "heading": HEADINGS[ConferenceKind(kind)],
            "today": clock.today(),
            "back_url": child_url(child.pk),
        },
    )
