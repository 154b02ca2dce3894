"""Caseloads against capacity: a service view of teams for managers and the DCS, and each
team's workers. Counts only, so no child is named and no record is opened (docs/caseloads.md).
"""

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.allocation.capacity import NEAR_CAPACITY
from haven.core import clock
from haven.core.errors import NotFound
from haven.oversight import policies
from haven.oversight.selectors.caseloads import (
    caseload_team,
    caseload_totals,
    team_caseloads,
    team_totals,
    worker_caseloads,
)


def service_caseloads(request: HttpRequest) -> HttpResponse:
    """Every team the user manages; a worker who manages none goes to their own row."""
    user = request.user
    if not policies.can_view_team_caseloads(user):
        own_team = policies.own_caseload_team_id(user)
        if own_team is None:
            raise PermissionDenied
        return redirect("oversight:caseloads-team", team_id=own_team)
    today = clock.today()
    teams = team_caseloads(team_ids=policies.caseload_team_ids(user), on=today)
    return render(
        request,
        "oversight/caseloads_service.html",
        {
            "teams": teams,
            "totals": caseload_totals(teams),
            "today": today,
            "near_capacity": NEAR_CAPACITY,
        },
    )


def team_caseloads_page(request: HttpRequest, team_id: UUID) -> HttpResponse:
    user = request.user
    if not policies.can_view_caseloads_page(user, team_id):
        raise PermissionDenied
    try:
        team = caseload_team(team_id=team_id)
    except NotFound as e:
        raise Http404("No such team") from e
    today = clock.today()
    only = policies.caseload_worker_ids(user, team_id)
    rows = worker_caseloads(team_ids=[team_id], on=today, worker_ids=only)
    return render(
        request,
        "oversight/caseloads_team.html",
        {
            "team": team,
            "rows": rows,
            "totals": team_totals(rows) if rows and only is None else None,
            "whole_team": only is None,
            "today": today,
            "near_capacity": NEAR_CAPACITY,
            "can_view_service": policies.can_view_team_caseloads(user),
        },
    )
