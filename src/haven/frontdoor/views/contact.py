"""A contact's page and the forms on it. Each form posts to its own address and, once the
service has written, redirects back to the page with a banner; a refused form re-renders the
page with the GOV.UK error summary."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from haven.accounts.permissions import Action, has_action
from haven.core.forms import form_saved
from haven.frontdoor import policies, selectors, services
from haven.frontdoor.forms import (
    CheckRequestForm,
    CheckReturnForm,
    ChildReplaceForm,
    DecisionForm,
    RagForm,
    SignOffForm,
)
from haven.frontdoor.selectors.partner import partner_possible_duplicates
from haven.people.policies import visible_ids
from haven.people.selectors import person_get
from haven.people.services import record_viewed

PAGE_VIEW = "front_door.contact"


def _contact(request: HttpRequest, contact_id: UUID) -> Any:
    """The contact if the user may see it; 403 otherwise (an unknown id included)."""
    contact = (
        policies.visible_contacts(request.user)
        .select_related(
            "recorded_by",
            "screener",
            "submitted_by_partner",
            "decision__decided_by",
            "decision__signed_off_by",
        )
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise PermissionDenied
    return contact


def _may_return_checks(user: Any, contact: Any) -> bool:
    """A screener records an agency's answer even after the decision (it can come late)."""
    return has_action(user, Action.SCREEN_CONTACT)


def _render(request: HttpRequest, contact: Any, *, failed: Form | None = None) -> HttpResponse:
    """The page, with ``failed`` (a refused form) in place of its blank version."""
    user = request.user
    children = selectors.contact_children(contact=contact)
    for child in children:
        record_viewed(actor=user, person=child, view=PAGE_VIEW)
    checks = list(contact.checks.select_related("requested_by"))
    returns = {
        c.pk: failed
        if isinstance(failed, CheckReturnForm) and failed.check_id == c.pk
        else CheckReturnForm(check_id=c.pk)
        for c in checks
        if c.returned_at is None
    }

    def form(kind: type[Form]) -> Form:
        return failed if isinstance(failed, kind) else kind()

    # Children a partner's submission could not match safely were created: the screener sees
    # the records that may be the same child beside each (the "add a person" warning).
    duplicates = (
        partner_possible_duplicates(contact=contact) if policies.can_view_queue(user) else {}
    )
    by_id = {c.pk: c for c in children}
    candidate_ids = [r.person.pk for found in duplicates.values() for r in found]
    context = {
        "contact": contact,
        "decision": getattr(contact, "decision", None),
        "children": children,
        "duplicates": [(by_id[pk], found) for pk, found in duplicates.items() if pk in by_id],
        "visible_ids": visible_ids(user, [c.pk for c in children] + candidate_ids),
        "deadlines": selectors.decision_deadlines(contact=contact).select_related("child"),
        "checks": [(c, returns.get(c.pk)) for c in checks],
        "failed": failed,
        "form": failed,
        "can_screen": policies.can_screen(user, contact),
        "replace_form": ChildReplaceForm(),
        "can_decide": policies.can_decide(user, contact),
        "can_sign_off": policies.can_sign_off(user, contact),
        "can_return": _may_return_checks(user, contact),
        "rag_form": form(RagForm),
        "check_form": form(CheckRequestForm),
        "decision_form": form(DecisionForm),
        "sign_off_form": form(SignOffForm),
    }
    return render(request, "frontdoor/contact.html", context)


def contact_page(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    return _render(request, _contact(request, contact_id))


def _act(
    request: HttpRequest,
    contact: Any,
    form: Form,
    allowed: bool,
    write: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Parse, check, write, then redirect with ``done``; or show the page with the errors."""
    if not allowed:
        raise PermissionDenied
    if form_saved(form, write):
        messages.success(request, done)
        return redirect("frontdoor:contact", contact_id=contact.pk)
    return _render(request, contact, failed=form)


@require_POST
def rag_view(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = _contact(request, contact_id)
    return _act(
        request,
        contact,
        RagForm(request.POST),
        policies.can_screen(request.user, contact),
        lambda d: services.contact_rag_set(actor=request.user, contact=contact, rag=d["rag"]),
        "Rating saved",
    )


@require_POST
def check_request_view(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = _contact(request, contact_id)
    return _act(
        request,
        contact,
        CheckRequestForm(request.POST),
        policies.can_screen(request.user, contact),
        lambda d: services.check_request(actor=request.user, contact=contact, agency=d["agency"]),
        "Check requested",
    )


@require_POST
def check_return_view(request: HttpRequest, contact_id: UUID, check_id: UUID) -> HttpResponse:
    contact = _contact(request, contact_id)
    check = contact.checks.filter(pk=check_id).first()
    if check is None:
        raise Http404("No such check on this contact")
    return _act(
        request,
        contact,
        CheckReturnForm(request.POST, check_id=check.pk),
        _may_return_checks(request.user, contact),
        lambda d: services.check_return(actor=request.user, check=check, summary=d["summary"]),
        "Check returned",
    )


@require_POST
def decide_view(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = _contact(request, contact_id)
    return _act(
        request,
        contact,
        DecisionForm(request.POST),
        policies.can_decide(request.user, contact),
        lambda d: services.contact_decide(actor=request.user, contact=contact, **d),
        "Decision recorded",
    )


@require_POST
def sign_off_view(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    contact = _contact(request, contact_id)
    return _act(
        request,
        contact,
        SignOffForm(request.POST),
        policies.can_sign_off(request.user, contact),
        lambda d: services.decision_sign_off(actor=request.user, contact=contact),
        "Decision signed off",
    )


@require_POST
def child_replace_view(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    """Put a child's existing record in place of the one a partner's submission created."""
    contact = _contact(request, contact_id)
    form = ChildReplaceForm(request.POST)
    if form.is_valid():
        on_contact = {c.pk: c for c in selectors.contact_children(contact=contact)}
        existing_id = form.cleaned_data["existing"]
        if form.cleaned_data["child"] not in on_contact or not visible_ids(
            request.user, [existing_id]
        ):
            raise PermissionDenied
    return _act(
        request,
        contact,
        form,
        policies.can_screen(request.user, contact),
        lambda d: services.contact_child_replace(
            actor=request.user,
            contact=contact,
            child=on_contact[d["child"]],
            existing=person_get(person_id=d["existing"]),
        ),
        "The existing record is now on the contact",
    )
