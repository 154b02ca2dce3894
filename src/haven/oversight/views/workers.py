"""A manager changes a child's worker (a handover, or a transfer to another team), and
records a worker's absences and skills."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from haven.accounts.permissions import Action
from haven.allocation import services as services_allocation
from haven.allocation.selectors import current_allocation, team_list
from haven.core import clock
from haven.core.forms import form_saved
from haven.oversight import policies, selectors, services
from haven.oversight.forms import AbsenceEndForm, AbsenceForm, SkillsForm, WorkerChangeForm
from haven.oversight.selectors import workers as selectors_workers
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

    def write(d: dict[str, Any]) -> object:
        return services.worker_change(
            actor=request.user,
            child=child,
            worker=workers[d["worker"]],
            started_on=d["started_on"],
            reason=d["reason"],
        )

    if form.is_bound and form_saved(form, write):
        worker = workers[form.cleaned_data["worker"]]
        messages.success(request, f"{worker} is now the child's worker")
        return redirect("people:record", person_id=child.pk)
    return render(
        request,
        "oversight/worker_change.html",
        {"child": child, "current": current, "form": form},
    )


def _managed_worker(request: HttpRequest, worker_id: UUID) -> Any:
    worker = selectors_workers.worker_detail(worker_id=worker_id)
    if worker is None:
        raise Http404("No such worker")
    if not policies.can_manage_worker(request.user, worker):
        raise PermissionDenied
    return worker


def _worker_page(request: HttpRequest, worker: Any, *, failed: Form | None = None) -> HttpResponse:
    today = clock.today()
    absences = list(selectors_workers.worker_absences(worker=worker, today=today))
    ends = {
        a.pk: failed
        if isinstance(failed, AbsenceEndForm) and failed.absence_id == a.pk
        else AbsenceEndForm(absence_id=a.pk)
        for a in absences
        if a.ends_on is None or a.ends_on >= today
    }
    return render(
        request,
        "oversight/worker.html",
        {
            "worker": worker,
            "today": today,
            "absences": [(a, ends.get(a.pk)) for a in absences],
            "failed": failed,
            "absence_form": failed if isinstance(failed, AbsenceForm) else AbsenceForm(),
            "skills_form": failed
            if isinstance(failed, SkillsForm)
            else SkillsForm(initial={"skills": worker.skills}),
        },
    )


def worker_page(request: HttpRequest, worker_id: UUID) -> HttpResponse:
    return _worker_page(request, _managed_worker(request, worker_id))


def _act(request: HttpRequest, worker: Any, form: Form, write: Any, done: str) -> HttpResponse:
    if form_saved(form, write):
        messages.success(request, done)
        return redirect("oversight:worker", worker_id=worker.pk)
    return _worker_page(request, worker, failed=form)


@require_POST
def absence_record_view(request: HttpRequest, worker_id: UUID) -> HttpResponse:
    worker = _managed_worker(request, worker_id)
    return _act(
        request,
        worker,
        AbsenceForm(request.POST),
        lambda d: services_allocation.absence_record(actor=request.user, worker=worker, **d),
        "Absence recorded",
    )


@require_POST
def absence_end_view(request: HttpRequest, worker_id: UUID, absence_id: UUID) -> HttpResponse:
    worker = _managed_worker(request, worker_id)
    absence = selectors_workers.absence_of(worker=worker, absence_id=absence_id)
    if absence is None:
        raise Http404("No such absence")
    return _act(
        request,
        worker,
        AbsenceEndForm(request.POST, absence_id=absence.pk),
        lambda d: services_allocation.absence_end(
            actor=request.user, absence=absence, ended_on=d["ended_on"]
        ),
        "Return date recorded",
    )


@require_POST
def skills_view(request: HttpRequest, worker_id: UUID) -> HttpResponse:
    worker = _managed_worker(request, worker_id)
    return _act(
        request,
        worker,
        SkillsForm(request.POST),
        lambda d: services_allocation.worker_skills_set(
            actor=request.user, worker=worker, skills=d["skills"]
        ),
        "Skills saved",
    )
