"""A child's casework: CIN episodes with their assessments and clocks, and early help."""

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.casework import policies, selectors
from haven.casework.views._common import open_child, refuses_without_reach
from haven.core import clock


@refuses_without_reach
def child_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(request, child_id, view="casework.child")
    casework = selectors.child_casework(child=child, today=clock.today())
    open_episode = casework.open_episode
    in_progress = next((r.in_progress for r in casework.episodes if r.episode.is_open), None)
    return render(
        request,
        "casework/child.html",
        {
            "child": child,
            "casework": casework,
            "can_start_assessment": open_episode is not None
            and not open_episode.referral_nfa
            and in_progress is None
            and policies.can_record_assessment(user, open_episode),
            "can_close": open_episode is not None
            and policies.can_close_episode(user, open_episode),
            "can_record_early_help": policies.can_record_early_help(user, child),
        },
    )
