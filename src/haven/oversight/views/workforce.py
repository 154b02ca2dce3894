"""The workforce page: establishment against staff in post, DfE vacancy and agency rates,
caseloads and their spread, workers over capacity and agency-rule breaches. Staff figures and
names only, so no child is named and no record is opened (docs/workforce.md)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.core import clock
from haven.oversight import policies
from haven.oversight.selectors.workforce import BANDS, workforce_summary

#: The chart's bars: the widest is this many units of the SVG's view box.
CHART_WIDTH = 400
#: One shade per caseload band, light (few children) to dark (many): GOV.UK blues to red.
BAND_COLOURS = ("#d2e2f1", "#a5c5e3", "#5694ca", "#1d70b8", "#003078", "#f47738", "#d4351c")
#: Per-team chart: each team's row is this wide in the view box, its workers split by band.
TEAM_BAR_WIDTH = 500


def _team_rows(summary: Any) -> list[dict[str, Any]]:
    """Each case-holding team's workers as one bar split by caseload band (the SVG's
    geometry; the numbers are in the table under it)."""
    rows: list[dict[str, Any]] = []
    for f in summary.teams:
        total = f.case_holding_workers
        if not total:
            continue
        x, segments = 0, []
        for n, colour in zip(f.distribution, BAND_COLOURS, strict=True):
            width = round(TEAM_BAR_WIDTH * n / total)
            if width:
                segments.append({"x": x, "width": width, "colour": colour})
            x += width
        rows.append({"name": f.team_name, "segments": segments, "y": 28 * len(rows)})
    return rows


def workforce_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policies.can_view_workforce(user):
        raise PermissionDenied
    today = clock.today()
    summary = workforce_summary(team_ids=policies.workforce_team_ids(user), on=today)
    widest = max((b.workers for b in summary.bands), default=0)
    team_rows = _team_rows(summary)
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
            "team_rows": team_rows,
            "team_chart_height": 28 * len(team_rows) + 4,
            "legend": [
                {"label": b.label, "colour": c, "x": 90 * i}
                for i, (b, c) in enumerate(zip(summary.bands, BAND_COLOURS, strict=True))
            ],
        },
    )
