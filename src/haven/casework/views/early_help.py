"""Early help: started, its assessment recorded, ended, or stepped up to a referral."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from haven.casework import policies, selectors, services
from haven.casework.forms import (
    EarlyHelpAssessmentForm,
    EarlyHelpCloseForm,
    EarlyHelpStartForm,
    StepUpForm,
)
from haven.casework.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core import clock
from haven.core.errors import NotFound
from haven.ui.templatetags.govuk import govuk_date

FORM = "casework/form.html"


def _back(child: Any) -> str:
    return reverse("casework:child", kwargs={"child_id": child.pk})


def _context(child: Any, heading: str, button: str, **extra: Any) -> dict[str, Any]:
    return {
        "child": child,
        "caption": child.full_name,
        "heading": heading,
        "button": button,
        "back_url": _back(child),
        "back_text": "Back to casework",
        **extra,
    }


@refuses_without_reach
def early_help_start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    user = request.user
    child = open_child(
        request,
        child_id,
        view="casework.early_help_start",
        allowed=lambda c: policies.can_record_early_help(user, c),
    )
    return form_page(
        request,
        posted_form(request, EarlyHelpStartForm, initial={"started_on": clock.today()}),
        write=lambda d: services.early_help_start(actor=user, child=child, **d),
        done="Early help started",
        then=lambda _: _back(child),
        template=FORM,
        context=_context(child, "Start early help", "Start early help"),
    )


def _open_early_help(request: HttpRequest, episode_id: UUID, view: str) -> tuple[Any, Any]:
    """The early help episode and its child: 403 once it has ended or for those the policy
    refuses."""
    try:
        episode = selectors.early_help_get(episode_id=episode_id)
    except NotFound as e:
        raise Http404("No such early help episode") from e
    allowed = policies.can_record_early_help(request.user, episode)
    child = open_child(request, episode.child_id, view=view, allowed=allowed)
    if not episode.is_open:
        raise PermissionDenied("This early help episode has ended")
    return episode, child


def _caption(episode: Any, child: Any) -> str:
    return f"{child.full_name} · Early help from {govuk_date(episode.started_on)}"


@refuses_without_reach
def early_help_assessment_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    episode, child = _open_early_help(request, episode_id, "casework.early_help_assessment")
    initial = {
        "started_on": episode.assessment_started_on or clock.today(),
        "completed_on": episode.assessment_completed_on,
    }
    return form_page(
        request,
        posted_form(request, EarlyHelpAssessmentForm, initial=initial),
        write=lambda d: services.early_help_record_assessment(
            actor=request.user, episode=episode, **d
        ),
        done="Early help assessment recorded",
        then=lambda _: _back(child),
        template=FORM,
        context=_context(
            child,
            "Record the early help assessment",
            "Save",
            caption=_caption(episode, child),
        ),
    )


@refuses_without_reach
def early_help_close_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    episode, child = _open_early_help(request, episode_id, "casework.early_help_close")
    return form_page(
        request,
        posted_form(request, EarlyHelpCloseForm, initial={"closed_on": clock.today()}),
        write=lambda d: services.early_help_close(actor=request.user, episode=episode, **d),
        done="Early help ended",
        then=lambda _: _back(child),
        template=FORM,
        context=_context(
            child,
            "End early help",
            "End early help",
            caption=_caption(episode, child),
            intro="To step up to children’s social care, use “Step up to a referral” instead: "
            "it makes the referral and ends early help together.",
        ),
    )


@refuses_without_reach
def early_help_step_up_view(request: HttpRequest, episode_id: UUID) -> HttpResponse:
    """A referral to children's social care from early help: ``early_help_step_up`` opens the
    CIN episode (and its assessment clock) and ends early help as stepped up, linked to it."""
    episode, child = _open_early_help(request, episode_id, "casework.early_help_step_up")
    return form_page(
        request,
        posted_form(request, StepUpForm, initial={"referral_date": clock.today()}),
        write=lambda d: services.early_help_step_up(actor=request.user, episode=episode, **d),
        done="Referral made and early help ended",
        then=lambda _: _back(child),
        template=FORM,
        context=_context(
            child,
            "Step up to a referral",
            "Make the referral",
            caption=_caption(episode, child),
            intro="This opens a child in need episode, which starts the 45-working-day "
            "assessment clock, and ends early help as stepped up.",
        ),
    )
