"""Neglect: a child's neglect chronology, and the list of children living with long-term neglect
without improvement for those who oversee the service's work."""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.casework.views._common import open_child, refuses_without_reach
from haven.core import clock
from haven.people.policies import visible_ids
from haven.people.selectors import people_listed
from haven.protection import policies, selectors
from haven.protection.selectors.lists import long_term_neglect_list, rating_chart, whole_months
from haven.protection.views.orders import CHILD_PAGE

PAGE_SIZE = 50


@refuses_without_reach
def neglect_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    child = open_child(request, child_id, view="protection.neglect")
    today = clock.today()
    events = selectors.neglect_chronology(child_id=child.pk)
    flags = selectors.long_term_neglect(today=today, child_ids=[child.pk])
    flag = flags[0] if flags else None
    return render(
        request,
        "protection/neglect.html",
        {
            "child": child,
            "events": events,
            "flag": flag,
            "flag_months": whole_months(flag.since, today) if flag else None,
            "chart": rating_chart(events, baseline=flag.baseline if flag else None),
            "months_setting": selectors.neglect_months(),
            "child_url": reverse(CHILD_PAGE, kwargs={"child_id": child.pk}),
        },
    )


def neglect_list_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policies.can_view_neglect_list(user):
        raise PermissionDenied
    found = long_term_neglect_list(today=clock.today())
    seen = visible_ids(user, found.child_ids)
    rows = found.rows(seen)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    children = people_listed(ids={r.child_id for r in shown})
    return render(
        request,
        "protection/neglect_list.html",
        {
            "found": found,
            "rows": [(r, children[r.child_id]) for r in shown],
            "page_obj": page,
            "in_reach": len(rows),
            "counts_only": policies.sees_figures_only(user),
            "visible_ids": seen,
        },
    )
