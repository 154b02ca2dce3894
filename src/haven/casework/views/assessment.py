"""A child and family assessment: started (with brothers and sisters, if they are waiting
too), the child seen and heard, completed with its factors, and authorised by a manager."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.accounts.permissions import Action
from haven.casework import policies, selectors, services
from haven.casework.forms import (
    FACTOR_GROUPS,
    AssessmentStartForm,
    AuthoriseForm,
    CompleteForm,
    SeenForm,
    WishesForm,
)
from haven.casework.suggestions import suggested_factors
from haven.casework.views._common import form_page, open_child, posted_form, refuses_without_reach
from haven.core import clock
from haven.core.errors import NotFound
from haven.people.policies import visible_ids
from haven.ui.templatetags.govuk import govuk_date

FORM = "casework/form.html"


def _assessment(assessment_id: UUID) -> Any:
    try:
        return selectors.assessment_get(assessment_id=assessment_id)
    except NotFound as e:
        raise Http404("No such assessment") from e


def _page_url(assessment: Any) -> str:
    return reverse("casework:assessment", kwargs={"assessment_id": assessment.pk})


def _sibling_label(episode: Any) -> str:
    return f"{episode.child.full_name}, referred {govuk_date(episode.referral_date)}"


@refuses_without_reach
def assessment_start_view(request: HttpRequest, child_id: UUID) -> HttpResponse:
    """Start an assessment on the child's open referral, offering the brothers and sisters
    whose referrals wait for one too (only those the user may record an assessment for)."""
    user = request.user
    child = open_child(
        request,
        child_id,
        view="casework.assessment_start",
        allowed=lambda c: policies.can_record_assessment(user, c),
    )
    episode = selectors.open_episode(child)
    if episode is None:
        raise Http404("No open referral")
    reachable = policies.visible_episodes(user, Action.RECORD_ASSESSMENT)
    siblings = {
        str(e.pk): e
        for e in selectors.sibling_episodes(episode=episode).filter(pk__in=reachable.values("pk"))
    }
    form = posted_form(
        request,
        AssessmentStartForm,
        siblings=[(pk, _sibling_label(e)) for pk, e in siblings.items()],
        initial={"start_date": clock.today()},
    )

    def write(d: dict[str, Any]) -> Any:
        others = [siblings[pk] for pk in d.get("episodes", [])]
        if others:
            return services.assessment_start_for_siblings(
                actor=user, episodes=[episode, *others], start_date=d["start_date"]
            )[0]
        return services.assessment_start(actor=user, episode=episode, start_date=d["start_date"])

    chosen = request.POST.getlist("episodes")
    return form_page(
        request,
        form,
        write=write,
        done="Assessments started" if chosen else "Assessment started",
        then=_page_url,
        template="casework/assessment_start.html",
        context={"child": child, "episode": episode, "has_siblings": bool(siblings)},
    )


@refuses_without_reach
def assessment_page(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    user = request.user
    assessment = _assessment(assessment_id)
    child = open_child(request, assessment.child_id, view="casework.assessment")
    siblings = list(selectors.sibling_assessments(assessment))
    may_record = not assessment.is_authorised and policies.can_record_assessment(user, assessment)
    return render(
        request,
        "casework/assessment.html",
        {
            "child": child,
            "assessment": assessment,
            "episode": assessment.episode,
            "factors": list(assessment.factors.all()),
            "clock": selectors.assessment_clock(assessment=assessment, today=clock.today()),
            "siblings": siblings,
            "visible_ids": visible_ids(user, [s.child_id for s in siblings]),
            "can_record": may_record,
            "can_complete": may_record and assessment.completed_on is None,
            "can_authorise": assessment.completed_on is not None
            and not assessment.is_authorised
            and policies.can_authorise(user, assessment),
        },
    )


def _step(
    request: HttpRequest,
    assessment_id: UUID,
    *,
    view: str,
    manager: bool = False,
) -> tuple[Any, Any]:
    """The assessment and child for a form that changes it: 403 once it is authorised, or
    when the policy refuses the user (recording; authorising for ``manager`` steps)."""
    assessment = _assessment(assessment_id)
    user = request.user
    if manager:
        allowed = assessment.completed_on is not None and policies.can_authorise(user, assessment)
    else:
        allowed = policies.can_record_assessment(user, assessment)
    child = open_child(request, assessment.child_id, view=view, allowed=allowed)
    if assessment.is_authorised:
        raise PermissionDenied("This assessment is authorised and can no longer be changed")
    return assessment, child


def _context(
    assessment: Any, child: Any, heading: str, button: str, **extra: Any
) -> dict[str, Any]:
    return {
        "child": child,
        "assessment": assessment,
        "caption": f"{child.full_name} · Assessment started {govuk_date(assessment.start_date)}",
        "heading": heading,
        "button": button,
        "back_url": _page_url(assessment),
        "back_text": "Back to the assessment",
        **extra,
    }


@refuses_without_reach
def seen_view(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment, child = _step(request, assessment_id, view="casework.assessment_seen")
    initial = {}
    if assessment.child_seen_on:
        initial = {
            "seen_on": assessment.child_seen_on,
            "seen_alone": "yes" if assessment.seen_alone else "no",
        }
    return form_page(
        request,
        posted_form(request, SeenForm, initial=initial),
        write=lambda d: services.assessment_record_seen(
            actor=request.user, assessment=assessment, **d
        ),
        done="Child seen recorded",
        then=_page_url,
        template=FORM,
        context=_context(assessment, child, "Record the child seen", "Save"),
    )


@refuses_without_reach
def wishes_view(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment, child = _step(request, assessment_id, view="casework.assessment_wishes")
    form = posted_form(request, WishesForm, initial={"text": assessment.wishes_and_feelings})
    return form_page(
        request,
        form,
        write=lambda d: services.assessment_record_wishes(
            actor=request.user, assessment=assessment, text=d["text"]
        ),
        done="Wishes and feelings recorded",
        then=_page_url,
        template=FORM,
        context=_context(assessment, child, "", "Save", heading_in_form=True),
    )


@refuses_without_reach
def complete_view(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment, child = _step(request, assessment_id, view="casework.assessment_complete")
    if assessment.completed_on is not None:
        raise PermissionDenied("This assessment is already completed")
    suggested = suggested_factors(child.pk, assessment.start_date, clock.today())
    form = posted_form(request, CompleteForm, initial={"factors": [s.code for s in suggested]})
    return form_page(
        request,
        form,
        write=lambda d: services.assessment_complete(
            actor=request.user, assessment=assessment, **d
        ),
        done="Assessment completed",
        then=_page_url,
        template=FORM,
        context=_context(
            assessment,
            child,
            "Complete the assessment",
            "Complete the assessment",
            intro="Record what the assessment found. A manager then authorises it.",
            groups=FACTOR_GROUPS,
            suggested=suggested,
        ),
    )


@refuses_without_reach
def authorise_view(request: HttpRequest, assessment_id: UUID) -> HttpResponse:
    assessment, child = _step(
        request, assessment_id, view="casework.assessment_authorise", manager=True
    )
    form = posted_form(request, AuthoriseForm, initial={"authorised_on": clock.today()})
    return form_page(
        request,
        form,
        write=lambda d: services.assessment_authorise(
            actor=request.user, assessment=assessment, **d
        ),
        done="Assessment authorised",
        then=_page_url,
        template="casework/authorise.html",
        context=_context(
            assessment,
            child,
            "Authorise the assessment",
            "Authorise the assessment",
            factors=list(assessment.factors.all()),
        ),
    )
