"""What every casework page does: open the child's record through the people app's one
door, check the casework policy, log the read, and run a form through one service call."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.accounts.permissions import Action
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.people.selectors import Person
from haven.people.services import record_viewed
from haven.people.views.access import NoAccess, access_person, no_access_response
from haven.ui.forms import kept_form_data

View = Callable[..., HttpResponse]


def refuses_without_reach(view: View) -> View:
    """Someone who cannot open the child's record gets the people app's "no access" page
    (with the emergency-access button where their role has it), as on the record itself."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NoAccess as e:
            return no_access_response(request, e.person)

    return wrapper


def open_child(
    request: HttpRequest,
    child_id: UUID,
    *,
    view: str,
    allowed: bool | Callable[[Person], bool] = True,
) -> Person:
    """The child whose casework this is, their read logged as ``view``.

    NoAccess (caught by ``refuses_without_reach``) when the record is out of the user's reach;
    403 when it is in reach but the casework policy refuses the action (``allowed``: the
    policy's answer, or a policy to ask about the child). Nothing is logged for a refusal:
    nothing was shown.
    """
    child = access_person(request, child_id, Action.VIEW_RECORD)
    if not child.is_child:
        raise Http404("Casework is recorded for children")
    if not (allowed(child) if callable(allowed) else allowed):
        raise PermissionDenied
    record_viewed(actor=request.user, person=child, view=view)
    return child


def posted_form(request: HttpRequest, form_class: type[Form], **kwargs: Any) -> Form:
    """The form bound to what was posted or, once, to what a session time-out kept."""
    data = request.POST if request.method == "POST" else kept_form_data(request)
    return form_class(data or None, **kwargs)


def onto_fields(form: Form, error: ValidationError) -> ValidationError:
    """The service's error with keys that name no field moved to the field the form says
    (its ``service_fields``); any other key lands at the top of the page."""
    if not hasattr(error, "error_dict"):
        return error
    moved: dict[str, list[str]] = {}
    mapping: dict[str, str] = getattr(form, "service_fields", {})
    for key, texts in error.message_dict.items():
        moved.setdefault(mapping.get(key, key), []).extend(texts)
    return ValidationError(moved)


def run_service(form: Form, write: Callable[[dict[str, Any]], object]) -> tuple[bool, object]:
    """Run ``write`` (one service call) on a valid form: ``(True, what it wrote)``, or
    ``(False, None)`` with the service's refusals next to the fields they name."""
    if not form.is_valid():
        return False, None
    try:
        return True, write(form.cleaned_data)
    except ValidationError as e:
        add_service_errors(form, onto_fields(form, e))
        return False, None


def form_page(
    request: HttpRequest,
    form: Form,
    *,
    write: Callable[[dict[str, Any]], object],
    done: str,
    then: Callable[[Any], str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """On a valid POST, one service call then a redirect with ``done``; otherwise the page,
    with the service's refusals next to the fields they name and the person's answers kept."""
    if request.method == "POST":
        saved, written = run_service(form, write)
        if saved:
            messages.success(request, done)
            return redirect(then(written))
    return render(request, template, {"form": form, **context})
