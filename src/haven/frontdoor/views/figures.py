"""The front door's figures for managers and the performance team, and the children behind
each number. Periods end today; the drill-down re-reads the figure, so it always lists the
records the number counted."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from haven.core import clock
from haven.frontdoor import policies, selectors
from haven.people.policies import visible_ids
from haven.people.selectors import people_listed

DRILL_DOWN_PAGE_SIZE = 50

#: The periods a manager can choose: (query value, label, first day given today).
PERIODS: dict[str, tuple[str, Any]] = {
    "4w": ("The last 4 weeks", lambda today: today - dt.timedelta(days=27)),
    "3m": ("The last 3 months", lambda today: today - dt.timedelta(days=90)),
    "12m": ("The last 12 months", lambda today: today - dt.timedelta(days=364)),
    "ytd": (
        "This reporting year (from 1 April)",
        lambda today: dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1),
    ),
}
DEFAULT_PERIOD = "4w"

#: How each figure is named on the page and on its drill-down.
TITLES: dict[str, str] = {
    "awaiting": "Children on contacts awaiting a decision",
    "overdue": "Decisions overdue now",
    "late": "Decisions made late",
    "contacts": "Children on contacts received",
    "decided": "Children on contacts decided",
    "referrals": "Referred to children’s social care",
    "early_help": "Stepped down to early help",
    "information_and_advice": "Information and advice",
    "no_further_action": "No further action",
    "referral_episodes": "Referrals opened from these contacts",
    "assessed": "Assessments started on those referrals",
    "services": "Assessments concluding the child needs services",
    "referrals_in_period": "Referrals in the period",
    "re_referrals": "Re-referrals within 12 months",
}


def _period(request: HttpRequest) -> tuple[str, dt.date, dt.date]:
    key = request.GET.get("period", DEFAULT_PERIOD)
    if key not in PERIODS:
        key = DEFAULT_PERIOD
    today = clock.today()
    return key, PERIODS[key][1](today), today


def _figures(request: HttpRequest) -> tuple[str, selectors.FrontDoorFigures]:
    if not policies.can_view_figures(request.user):
        raise PermissionDenied
    key, since, until = _period(request)
    return key, selectors.front_door_figures(since=since, until=until)


def _row(f: selectors.FrontDoorFigures, name: str, rate: float | None = None) -> dict[str, Any]:
    return {"name": name, "title": TITLES[name], "count": getattr(f, name).count, "rate": rate}


def figures(request: HttpRequest) -> HttpResponse:
    key, f = _figures(request)
    decided_rate = {
        name: (getattr(f, name).count / f.decided.count if f.decided.count else None)
        for name in ("referrals", "early_help", "information_and_advice", "no_further_action")
    }
    return render(
        request,
        "frontdoor/figures.html",
        {
            "f": f,
            "now_rows": [_row(f, "awaiting"), _row(f, "overdue"), _row(f, "late")],
            "conversion_rows": [
                _row(f, "contacts"),
                _row(f, "decided"),
                _row(f, "referrals", f.conversion_rate),
                _row(f, "referral_episodes"),
                _row(f, "assessed", f.assessment_rate),
                _row(f, "services", f.services_rate),
            ],
            "outcome_rows": [
                _row(f, name, decided_rate[name])
                for name in (
                    "no_further_action",
                    "information_and_advice",
                    "early_help",
                    "referrals",
                )
            ],
            "re_referral_rows": [
                _row(f, "referrals_in_period"),
                _row(f, "re_referrals", f.re_referral_rate),
            ],
            "period": key,
            "periods": [(k, label) for k, (label, _) in PERIODS.items()],
            "period_label": PERIODS[key][0],
            "titles": TITLES,
            "can_view_queue": policies.can_view_queue(request.user),
        },
    )


def figure_children(request: HttpRequest, name: str) -> HttpResponse:
    if name not in selectors.FIGURE_KINDS:
        raise Http404
    key, f = _figures(request)
    figure: selectors.Figure = getattr(f, name)
    rows = selectors.figure_rows(kind=selectors.FIGURE_KINDS[name], ids=figure.ids)
    page = Paginator(rows, DRILL_DOWN_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    children = people_listed(ids={r.child_id for r in shown})
    return render(
        request,
        "frontdoor/figure_children.html",
        {
            "title": TITLES[name],
            "figure": figure,
            "rows": [(row, children[row.child_id]) for row in shown],
            "page_obj": page,
            "period": key,
            "period_label": PERIODS[key][0],
            "now_figure": name in ("awaiting", "overdue"),
            "visible_ids": visible_ids(request.user, children),
            "links_to_contacts": policies.can_view_queue(request.user),
        },
    )
