"""A manager changes a child's worker: a handover, or a transfer to another team."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.accounts.permissions import Action
from haven.allocation.selectors import current_allocation, team_list
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.oversight import policies, selectors, services
from haven.oversight.forms import WorkerChangeForm
from haven.people.views.access import NoAccess, access_person, no_access_response


def worker_change_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    if not policies.can_allocate(request.user):
        raise PermissionDenied
    try:
        child = access_person(request, child_id, Action.ALLOCATE, log_view="worker_change")
    except NoAccess as e:
        return no_access_response(request, e.person)
    current = current_allocation(child_id=child.pk)
    today = clock.today()
    choices = selectors.allocation_choices(team_ids=[t.pk for t in team_list()], today=today)
    workers = {str(c.worker.pk): c.worker for c in choices}
    labels = [
        (
            str(c.worker.pk),
            f"{c.worker.team}: {c.worker} ({c.worker.get_job_role_display().lower()}, "
            f"{c.open_cases} {'child' if c.open_cases == 1 else 'children'})",
        )
        for c in sorted(choices, key=lambda c: (str(c.worker.team), str(c.worker)))
        if current is None or c.worker.pk != current.worker_id
    ]
    form = WorkerChangeForm(request.POST or None, workers=labels, initial={"started_on": today})
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            services.worker_change(
                actor=request.user,
                child=child,
                worker=workers[d["worker"]],
                started_on=d["started_on"],
                reason=d["reason"],
            )
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, f"{workers[d['worker']]} is now the child's worker")
            return redirect("people:record", person_id=child.pk)
    return render(
        request,
        "oversight/worker_change.html",
        {"child": child, "current": current, "form": form},
    )
