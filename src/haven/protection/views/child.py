"""A child's protection record, and the records that start from it: a strategy discussion (and
the section 47 enquiry it may start) and a child in need plan."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from haven.casework import selectors as casework_selectors
from haven.core import clock
from haven.protection import policies, selectors, services
from haven.protection.enums import PlanKind
from haven.protection.forms import CinPlanStartForm, StrategyDiscussionForm
from haven.protection.views._common import (
    FORM,
    child_url,
    form_page,
    open_child,
    plan_url,
    posted_form,
    refuses_without_reach,
)


@refuses_without_reach
def child_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(request, child_id, view="protection.child")
    record = selectors.child_protection(child_id=child.pk)
    today = clock.today()
    may_record = policies.can_record(user, child)
    may_confer = policies.can_record_conference(user, child)
    in_episode = record.open_episode is not None
    open_plan = record.open_plan
    return render(
        request,
        "protection/child.html",
        {
            "child": child,
            "record": record,
            "plans": [(p, selectors.plan_flags(p, record.plans, today)) for p in record.plans],
            "can_record": may_record,
            "can_discuss": may_record and in_episode,
            "can_start_cin": may_record and in_episode and open_plan is None,
            "can_start_pre_proceedings": in_episode
            and policies.can_decide_pre_proceedings(user, child),
            "can_initial": may_confer and in_episode and record.awaiting_icpc is not None,
            "can_review": may_confer
            and open_plan is not None
            and open_plan.kind == PlanKind.CHILD_PROTECTION,
        },
    )


def _open_episode(child: Any) -> Any:
    """Protection work is recorded inside an open child in need episode (DfE rule 8565)."""
    episode = casework_selectors.open_episode(child)
    if episode is None or episode.referral_nfa:
        raise Http404("No open child in need episode")
    return episode


@refuses_without_reach
def strategy_discussion_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="protection.strategy_discussion",
        allowed=lambda c: policies.can_record(user, c),
    )
    _open_episode(child)
    form = posted_form(request, StrategyDiscussionForm)
    assert isinstance(form, StrategyDiscussionForm)
    return form_page(
        request,
        form,
        write=lambda d: services.strategy_discussion_record(
            actor=user, child=child, **form.service_kwargs()
        ),
        done="Strategy discussion recorded",
        then=lambda _: child_url(child.pk),
        template="protection/strategy_discussion.html",
        context={"child": child, "back_url": child_url(child.pk)},
    )


@refuses_without_reach
def cin_plan_start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="protection.cin_plan_start",
        allowed=lambda c: policies.can_record(user, c),
    )
    _open_episode(child)
    if selectors.open_plan_for(child_id=child.pk) is not None:
        raise PermissionDenied("The child is on a plan: a conference moves them between plans")
    form = posted_form(request, CinPlanStartForm, initial={"started_on": clock.today()})
    return form_page(
        request,
        form,
        write=lambda d: services.cin_plan_start(actor=user, child=child, **d),
        done="Child in need plan started",
        then=plan_url,
        template=FORM,
        context={
            "child": child,
            "caption": child.full_name,
            "heading": "Start a child in need plan",
            "intro": "Then add what will be different for the child, and the actions towards "
            "it, and finalise the plan.",
            "button": "Start the plan",
            "back_url": child_url(child.pk),
            "back_text": "Back to child protection and plans",
        },
    )
