"""Allocation measures for leaders and the performance team, each number linked to the
children behind it."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from haven.core import clock
from haven.oversight import policies
from haven.oversight.selectors.measures import allocation_measures
from haven.people.policies import visible_ids
from haven.people.selectors import people_listed

#: Times to allocation are measured over the last 12 weeks.
PERIOD_DAYS = 84
PAGE_SIZE = 50

TITLES: dict[str, str] = {
    "open_children": "Children with an open case",
    "allocated": "Children with an allocated worker",
    "waiting": "Children waiting for allocation",
    "waited_past_threshold": "Waiting longer than the escalation threshold",
    "reviews_overdue": "Risk reviews overdue",
    "allocated_in_period": "Allocated after waiting, last 12 weeks",
}


def _measures(request: HttpRequest) -> Any:
    if not policies.can_view_measures(request.user):
        raise PermissionDenied
    today = clock.today()
    return allocation_measures(today=today, since=today - dt.timedelta(days=PERIOD_DAYS - 1))


def measures_page(request: HttpRequest) -> HttpResponse:
    m = _measures(request)
    return render(
        request,
        "oversight/measures.html",
        {
            "m": m,
            "rows": [
                {"name": name, "title": title, "count": len(getattr(m, name))}
                for name, title in TITLES.items()
            ],
        },
    )


def measure_children(request: HttpRequest, name: str) -> HttpResponse:
    if name not in TITLES:
        raise Http404
    m = _measures(request)
    rows = getattr(m, name)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    children = people_listed(ids={r.child_id for r in shown})
    return render(
        request,
        "oversight/measure_children.html",
        {
            "title": TITLES[name],
            "count": len(rows),
            "rows": [(r, children[r.child_id]) for r in shown],
            "page_obj": page,
            "visible_ids": visible_ids(request.user, children),
            "shows_waits": name == "allocated_in_period",
        },
    )
