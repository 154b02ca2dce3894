from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.allocation.selectors import caseload, worker_for_user
from haven.core import clock
from haven.deadlines import policies
from haven.deadlines.selectors import my_work, team_work
from haven.people.policies import visible_ids


def _child_ids(rows: Iterable[Any]) -> set[Any]:
    return {getattr(r, "deadline", r).child_id for r in rows}


def my_work_view(request: HttpRequest) -> HttpResponse:
    worker = worker_for_user(user=request.user)
    items = my_work(user=request.user, today=clock.today())
    cases = list(caseload(worker=worker)) if worker else []
    return render(request, "deadlines/my_work.html", {
        "items": items,
        "caseload": cases,
        "worker": worker,
        "visible_ids": visible_ids(request.user, _child_ids(items) | _child_ids(cases)),
    })  # fmt: skip


def my_team_view(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_team_work(request.user):
        raise PermissionDenied
    items = team_work(team_ids=policies.team_ids_for_worklist(request.user), today=clock.today())
    return render(request, "deadlines/my_team.html", {
        "items": items, "visible_ids": visible_ids(request.user, _child_ids(items)),
    })  # fmt: skip
