from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.allocation.selectors import caseload, worker_for_user
from haven.core import clock
from haven.deadlines import policies
from haven.deadlines.selectors import my_work, team_work


def my_work_view(request: HttpRequest) -> HttpResponse:
    worker = worker_for_user(user=request.user)
    return render(
        request,
        "deadlines/my_work.html",
        {
            "items": my_work(user=request.user, today=clock.today()),
            "caseload": list(caseload(worker=worker)) if worker else [],
            "worker": worker,
        },
    )


def my_team_view(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_team_work(request.user):
        raise PermissionDenied
    return render(
        request,
        "deadlines/my_team.html",
        {
            "items": team_work(
                team_ids=policies.team_ids_for_worklist(request.user), today=clock.today()
            ),
        },
    )
