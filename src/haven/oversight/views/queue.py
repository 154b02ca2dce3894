"""The allocation queue for managers: who waits, the risk reviews that keep them safe while
they do, and allocating them."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from haven.allocation.selectors import managed_team_ids
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.oversight import policies, selectors, services
from haven.oversight.forms import AllocateForm, RiskReviewForm
from haven.people.policies import visible_ids
from haven.people.services import record_viewed

PAGE_SIZE = 50
PAGE_VIEW = "oversight.queue_child"


def queue_page(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_queue(request.user):
        raise PermissionDenied
    rows = selectors.allocation_queue(today=clock.today())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    return render(
        request,
        "oversight/queue.html",
        {
            "rows": shown,
            "page_obj": page,
            "waiting": len(rows),
            "escalated": sum(r.escalated for r in rows),
            "reviews_overdue": sum(r.review_overdue for r in rows),
            "visible_ids": visible_ids(request.user, [r.child.pk for r in shown]),
        },
    )


def _row(request: HttpRequest, child_id: UUID) -> Any:
    if not policies.can_view_queue(request.user):
        raise PermissionDenied
    if not visible_ids(request.user, [child_id]):
        raise PermissionDenied
    row = selectors.queue_row(child_id=child_id, today=clock.today())
    if row is None:
        raise Http404("This child is not waiting for allocation")
    return row


def _choices(request: HttpRequest) -> list[Any]:
    return selectors.allocation_choices(
        team_ids=managed_team_ids(user=request.user), today=clock.today()
    )


def _render(request: HttpRequest, row: Any, *, failed: Form | None = None) -> HttpResponse:
    user = request.user
    record_viewed(actor=user, person=row.child, view=PAGE_VIEW)
    choices = _choices(request) if policies.can_allocate(user) else []
    today = clock.today()
    review_form = (
        failed
        if isinstance(failed, RiskReviewForm)
        else RiskReviewForm(initial={"reviewed_on": today})
    )
    allocate_form = (
        failed
        if isinstance(failed, AllocateForm)
        else AllocateForm(workers=_worker_labels(choices), initial={"started_on": today})
    )
    return render(
        request,
        "oversight/queue_child.html",
        {
            "row": row,
            "reviews": list(selectors.risk_reviews(child_id=row.child.pk)[:20]),
            "failed": failed,
            "can_review": policies.can_review_risk(user),
            "can_allocate": policies.can_allocate(user) and bool(choices),
            "review_form": review_form,
            "allocate_form": allocate_form,
        },
    )


def _worker_labels(choices: list[Any]) -> list[tuple[str, str]]:
    return [
        (
            str(c.worker.pk),
            f"{c.worker}, {c.worker.get_job_role_display().lower()}, {c.worker.team}: "
            f"{c.open_cases} {'child' if c.open_cases == 1 else 'children'}",
        )
        for c in choices
    ]


def queue_child(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _render(request, _row(request, child_id))


@require_POST
def risk_review_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    row = _row(request, child_id)
    if not policies.can_review_risk(request.user):
        raise PermissionDenied
    form = RiskReviewForm(request.POST)
    if form.is_valid():
        try:
            services.risk_review_record(actor=request.user, child=row.child, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, "Risk review recorded")
            return redirect("oversight:queue-child", child_id=child_id)
    return _render(request, row, failed=form)


@require_POST
def allocate_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    row = _row(request, child_id)
    if not policies.can_allocate(request.user):
        raise PermissionDenied
    offered = _choices(request)
    choices = {str(c.worker.pk): c.worker for c in offered}
    form = AllocateForm(request.POST, workers=_worker_labels(offered))
    if form.is_valid():
        d = form.cleaned_data
        recommended = selectors.worker_get(worker_id=d["recommended"]) if d["recommended"] else None
        try:
            services.queue_allocate(
                actor=request.user,
                child=row.child,
                worker=choices[d["worker"]],
                started_on=d["started_on"],
                recommended_worker=recommended,
                override_reason=d["override_reason"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, f"Allocated to {choices[d['worker']]}")
            return redirect("oversight:queue")
    return _render(request, row, failed=form)
