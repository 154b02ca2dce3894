"""Closing a CIN episode: the date and the CIN census reason, RC1 to RC9."""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from haven.casework import policies, selectors, services
from haven.casework.forms import EpisodeCloseForm
from haven.casework.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core import clock
from haven.core.errors import NotFound
from haven.ui.templatetags.govuk import govuk_date


@refuses_without_reach
def episode_close_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    """The DfE rules ``episode_close`` enforces (8825Q, 8565, closure after referral) come
    back as errors on the date or the reason."""
    try:
        episode = selectors.episode_get(episode_id=episode_id)
    except NotFound as e:
        raise Http404("No such episode") from e
    child = open_child(
        request,
        episode.child_id,
        view="casework.episode_close",
        allowed=episode.is_open and policies.can_close_episode(request.user, episode),
    )
    back = reverse("casework:child", kwargs={"child_id": child.pk})

    def write(d: dict[str, Any]) -> Any:
        return services.episode_close(actor=request.user, episode=episode, **d)

    return form_page(
        request,
        posted_form(request, EpisodeCloseForm, initial={"closure_date": clock.today()}),
        write=write,
        done="Episode closed",
        then=lambda _: back,
        template="casework/form.html",
        context={
            "child": child,
            "caption": f"{child.full_name} · Referral {govuk_date(episode.referral_date)}",
            "heading": "Close the child in need episode",
            "intro": "Closing the episode stops its clocks. The closure date must be on or "
            "after the referral and the last recorded activity (DfE rule 8565).",
            "button": "Close the episode",
            "back_url": back,
            "back_text": "Back to casework",
        },
    )
