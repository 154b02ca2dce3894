"""The workforce page: establishment against staff in post, DfE vacancy and agency rates,
caseloads and their spread, workers over capacity and agency-rule breaches. Staff figures and
names only, so no child is named and no record is opened (docs/workforce.md)."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.core import clock
from haven.oversight import policies
from haven.oversight.selectors.workforce import BANDS, workforce_summary

#: The chart's bars: the widest is this many units of the SVG's view box.
CHART_WIDTH = 400


def workforce_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policies.can_view_workforce(user):
        raise PermissionDenied
    today = clock.today()
    summary = workforce_summary(team_ids=policies.workforce_team_ids(user), on=today)
    widest = max((b.workers for b in summary.bands), default=0)
    return render(
        request,
        "oversight/workforce.html",
        {
            "summary": summary,
            "today": today,
            "band_count": len(BANDS),
            "chart_width": CHART_WIDTH,
            "chart_height": 32 * len(BANDS),
            "widest": widest or 1,
            "can_view_caseloads": policies.can_view_team_caseloads(user),
        },
    )
