"""Pages for a child's missing and away episodes and the return home interview after each.

Addresses carry only opaque ids. Every page opens the child's record through the people app's
one door (``open_child``), which logs the read; a form runs through one service call.
"""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.casework.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core.errors import NotFound
from haven.missing import policies
from haven.missing.enums import FactorKind
from haven.missing.forms import (
    InterviewAnswerForm,
    InterviewOfferForm,
    InterviewRecordForm,
    MissingEndForm,
    MissingStartForm,
    RepeatDecisionForm,
)
from haven.missing.selectors import MissingEpisode, episode_get, missing_record
from haven.missing.services import (
    interview_answer,
    interview_offer,
    interview_record,
    missing_end,
    missing_start,
    repeat_review_decide,
)
from haven.people.selectors import Person

FORM = "missing/form.html"
CAPTION = "Missing and away"


def child_url(child_id: Any) -> str:
    return reverse("missing:child", kwargs={"child_id": child_id})


@refuses_without_reach
def child_page(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(request, child_id, view="missing.child")
    record = missing_record(child_id=child.pk)
    return render(
        request,
        "missing/child.html",
        {
            "child": child,
            "record": record,
            "can_record": policies.can_record(user, child),
            "can_decide": policies.can_decide_repeat(user, child),
            "push": FactorKind.PUSH,
        },
    )


@refuses_without_reach
def start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request, child_id, view="missing.start", allowed=lambda c: policies.can_record(user, c)
    )
    return _form(
        request,
        child,
        posted_form(request, MissingStartForm),
        write=lambda d: missing_start(actor=user, child=child, **d),
        done="Episode recorded",
        heading="Record that the child is missing or away",
        button="Record the episode",
    )


def _episode(request: HttpRequest, episode_id: UUID, view: str) -> tuple[MissingEpisode, Person]:
    """The episode and its child, the read logged; 403 unless the user may record for them."""
    user = request.user
    try:
        episode = episode_get(episode_id=episode_id)
    except NotFound as e:
        raise Http404("No such episode") from e
    child = open_child(
        request, episode.child_id, view=view, allowed=lambda c: policies.can_record(user, c)
    )
    return episode, child


@refuses_without_reach
def end_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    user = request.user
    episode, child = _episode(request, episode_id, "missing.end")
    if episode.ended_at is not None:
        raise PermissionDenied("The child's return is already recorded")
    form = posted_form(request, MissingEndForm, initial={"with_whom": episode.with_whom})
    return _form(
        request,
        child,
        form,
        write=lambda d: missing_end(actor=user, episode=episode, **d),
        done="Return recorded: offer the child a return home interview within 72 hours",
        heading="Record the child's return",
        button="Record the return",
        episode=episode,
    )


@refuses_without_reach
def offer_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    user = request.user
    episode, child = _episode(request, episode_id, "missing.offer")
    return _form(
        request,
        child,
        posted_form(request, InterviewOfferForm),
        write=lambda d: interview_offer(actor=user, episode=episode, **d),
        done="Interview offer recorded",
        heading="Record the offer of a return home interview",
        button="Record the offer",
        episode=episode,
    )


@refuses_without_reach
def answer_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    user = request.user
    episode, child = _episode(request, episode_id, "missing.answer")

    return _form(
        request,
        child,
        posted_form(request, InterviewAnswerForm),
        write=lambda d: interview_answer(actor=user, episode=episode, **d),
        done="The child's answer is recorded",
        heading="Record the child's answer to the offer",
        button="Record the answer",
        episode=episode,
    )


@refuses_without_reach
def interview_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    user = request.user
    episode, child = _episode(request, episode_id, "missing.interview")
    return _form(
        request,
        child,
        posted_form(request, InterviewRecordForm),
        write=lambda d: interview_record(actor=user, episode=episode, **d),
        done="Return home interview recorded",
        heading="Record the return home interview",
        button="Record the interview",
        episode=episode,
        template="missing/interview_form.html",
    )


@refuses_without_reach
def repeat_decision_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="missing.repeat_decision",
        allowed=lambda c: policies.can_decide_repeat(user, c),
    )
    return _form(
        request,
        child,
        posted_form(request, RepeatDecisionForm),
        write=lambda d: repeat_review_decide(actor=user, child=child, **d),
        done="Decision recorded",
        heading="Decide whether to hold a strategy discussion",
        button="Record the decision",
    )


def _form(
    request: HttpRequest,
    child: Person,
    form: Form,
    *,
    write: Callable[[dict[str, Any]], object],
    done: str,
    heading: str,
    button: str,
    episode: MissingEpisode | None = None,
    template: str = FORM,
) -> HttpResponse:
    return form_page(
        request,
        form,
        write=write,
        done=done,
        then=lambda _: child_url(child.pk),
        template=template,
        context={
            "child": child,
            "episode": episode,
            "caption": f"{CAPTION} · {child.full_name}",
            "heading": heading,
            "button": button,
            "back_url": child_url(child.pk),
            "back_text": "Back to missing and away",
        },
    )
