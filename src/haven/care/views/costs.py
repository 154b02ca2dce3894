"""What care costs and how settled children are: the pages leaders and the performance team
watch. Both show the whole council's figures; a child is named only by their LA child id, as a
link to their care record, and only when the viewer could open it. A role that opens no record
(the performance analyst) sees the figures alone."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.care import policies
from haven.care.selectors.costs import care_costs
from haven.care.selectors.stability import stability
from haven.core import clock
from haven.people.policies import visible_ids


def _refuse_unless_allowed(request: HttpRequest) -> None:
    if not policies.can_view_costs(request.user):
        raise PermissionDenied


def costs_page(request: HttpRequest) -> HttpResponse:
    _refuse_unless_allowed(request)
    user = request.user
    costs = care_costs(today=clock.today())
    figures_only = policies.sees_figures_only(user)
    seen = set() if figures_only else visible_ids(user, {row.child_id for row in costs.top})
    return render(
        request,
        "care/costs/costs.html",
        {"costs": costs, "counts_only": figures_only, "visible_ids": seen},
    )


def stability_page(request: HttpRequest) -> HttpResponse:
    _refuse_unless_allowed(request)
    user = request.user
    found = stability(on=clock.today())
    figures_only = policies.sees_figures_only(user)
    seen = set() if figures_only else visible_ids(user, found.child_ids)
    return render(
        request,
        "care/costs/stability.html",
        {
            "found": found,
            "counts_only": figures_only,
            "visible_ids": seen,
            "in_year": [c for c in found.in_year.children if c.child_id in seen],
            "in_two_years": [c for c in found.in_two_years.children if c.child_id in seen],
            "unsettled": [u for u in found.long_term.unsettled if u.child_id in seen],
            "away": [w for w in found.location.away if w.child_id in seen],
        },
    )
