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

from haven.allocation.selectors import managed_team_ids, worker_for_user
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.forms import form_saved
from haven.oversight import policies, selectors, services
from haven.oversight.forms import AllocateForm, RiskReviewForm
from haven.oversight.selectors.recommend import queue_plan, recommendations_for
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
            "can_allocate": policies.can_allocate(request.user),
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


def _recommended(request: HttpRequest, row: Any) -> list[Any]:
    """Haven's recommendations for this child among the workers the manager allocates to."""
    worker = worker_for_user(user=request.user)
    if worker is None:
        return []
    return recommendations_for(
        child_id=row.child.pk,
        team_ids=managed_team_ids(user=request.user),
        fallback_team_id=worker.team_id,
        on=clock.today(),
    )


def _render(request: HttpRequest, row: Any, *, failed: Form | None = None) -> HttpResponse:
    user = request.user
    record_viewed(actor=user, person=row.child, view=PAGE_VIEW)
    choices = _choices(request) if policies.can_allocate(user) else []
    recommended = _recommended(request, row) if choices else []
    today = clock.today()
    review_form = (
        failed
        if isinstance(failed, RiskReviewForm)
        else RiskReviewForm(initial={"reviewed_on": today})
    )
    allocate_form = (
        failed
        if isinstance(failed, AllocateForm)
        else AllocateForm(
            workers=_worker_labels(choices, recommended),
            initial={
                "started_on": today,
                "worker": str(recommended[0].worker.worker_id) if recommended else None,
            },
        )
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
            "recommended": recommended,
            "review_form": review_form,
            "allocate_form": allocate_form,
        },
    )


def _worker_labels(choices: list[Any], recommended: list[Any]) -> list[tuple[str, str]]:
    """The workers to choose from: Haven's recommendations first, best first, then the rest
    of the manager's workers, fewest children first."""
    first = [str(r.worker.worker_id) for r in recommended]
    label = {
        str(c.worker.pk): (
            f"{c.worker}, {c.worker.get_job_role_display().lower()}, {c.worker.team}: "
            f"{c.open_cases} {'child' if c.open_cases == 1 else 'children'}"
        )
        for c in choices
    }
    for position, r in enumerate(recommended, start=1):
        key = str(r.worker.worker_id)
        label.setdefault(key, f"{r.worker.name}, {r.worker.team_name}")
        label[key] = f"Recommendation {position}: {label[key]}"
    rest = [str(c.worker.pk) for c in choices if str(c.worker.pk) not in first]
    return [(key, label[key]) for key in first + rest]


def queue_child(request: HttpRequest, child_id: UUID) -> HttpResponse:
    return _render(request, _row(request, child_id))


@require_POST
def risk_review_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    row = _row(request, child_id)
    if not policies.can_review_risk(request.user):
        raise PermissionDenied
    form = RiskReviewForm(request.POST)
    if form_saved(
        form, lambda d: services.risk_review_record(actor=request.user, child=row.child, **d)
    ):
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
    # The recommendation is worked out again, as it stands when the manager decides.
    ranked = _recommended(request, row)
    form = AllocateForm(request.POST, workers=_worker_labels(offered, ranked))
    recommended = selectors.worker_get(worker_id=ranked[0].worker.worker_id) if ranked else None

    def chosen(d: dict[str, Any]) -> Any:
        # A recommended worker outside the manager's list is still one they were offered.
        return choices.get(d["worker"]) or selectors.worker_get(worker_id=d["worker"])

    def write(d: dict[str, Any]) -> object:
        return services.queue_allocate(
            actor=request.user,
            child=row.child,
            worker=chosen(d),
            started_on=d["started_on"],
            recommended_worker=recommended,
            override_reason=d["override_reason"],
        )

    if form_saved(form, write):
        messages.success(request, f"Allocated to {chosen(form.cleaned_data)}")
        return redirect("oversight:queue")
    return _render(request, row, failed=form)


def _plan(request: HttpRequest) -> tuple[list[Any], Any, dict[Any, Any]]:
    worker = worker_for_user(user=request.user)
    if worker is None:
        raise PermissionDenied
    rows = selectors.allocation_queue(today=clock.today())
    plan, workers = queue_plan(
        child_ids=[r.child.pk for r in rows],
        team_ids=managed_team_ids(user=request.user),
        fallback_team_id=worker.team_id,
        on=clock.today(),
    )
    return rows, plan, workers


def queue_plan_view(request: HttpRequest) -> HttpResponse:
    """Haven's plan for the whole queue: a worker for every child who can have one, solved
    together so the most loaded worker is as lightly loaded as can be. The manager ticks the
    children to allocate as proposed; the rest they allocate one by one."""
    if not policies.can_allocate(request.user):
        raise PermissionDenied
    rows, plan, workers = _plan(request)
    error = ""
    if request.method == "POST":
        ticked = set(request.POST.getlist("children"))
        by_child = {str(p.case_id): p for p in plan.placements}
        children = {str(r.child.pk): r.child for r in rows}
        chosen = []
        for c in (str(r.child.pk) for r in rows):
            if c in ticked and c in by_child:
                proposed = selectors.worker_get(worker_id=by_child[c].worker_id)
                if proposed is not None:
                    chosen.append((children[c], proposed))
        try:
            services.queue_allocate_plan(
                actor=request.user, placements=chosen, started_on=clock.today()
            )
        except ValidationError as e:
            error = "; ".join(m for ms in e.message_dict.values() for m in ms)
        else:
            messages.success(
                request, f"Allocated {len(chosen)} {'child' if len(chosen) == 1 else 'children'}"
            )
            return redirect("oversight:queue")
    by_id = {r.child.pk: r for r in rows}
    placed = [
        (by_id[p.case_id], workers[p.worker_id], p) for p in plan.placements if p.case_id in by_id
    ]
    unplaced = [(by_id[u.case_id], u.reason) for u in plan.unplaced if u.case_id in by_id]
    return render(
        request,
        "oversight/queue_plan.html",
        {
            "placed": placed,
            "unplaced": unplaced,
            "plan": plan,
            "error": error,
            "visible_ids": visible_ids(request.user, list(by_id)),
        },
    )
