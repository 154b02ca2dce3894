"""What every protection page does: open the child's record through the people app's one door
(casework's ``open_child``: 404 for no such child, the "no access" page out of reach, 403 when
the protection policy refuses), log the read, and run a form through one service call."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from haven.casework.views._common import open_child, posted_form, refuses_without_reach
from haven.core.errors import NotFound, ValidationError
from haven.core.forms import form_saved
from haven.protection import selectors

__all__ = [
    "FORM",
    "child_url",
    "form_page",
    "open_child",
    "open_plan",
    "plan_url",
    "posted_form",
    "refuses_without_reach",
]

FORM = "protection/form.html"


def child_url(child_id: Any) -> str:
    return reverse("protection:child", kwargs={"child_id": child_id})


def plan_url(plan: Any) -> str:
    return reverse("protection:plan", kwargs={"plan_id": plan.pk})


def open_plan(
    request: HttpRequest,
    plan_id: UUID,
    *,
    view: str,
    allowed: Callable[[Any], bool] | None = None,
    must_be_open: bool = True,
) -> tuple[Any, Any]:
    """The plan and its child, the read logged as ``view``. With ``allowed`` (a policy to ask
    about the child) the page changes the plan: 403 when refused, or once the plan has ended."""
    try:
        plan = selectors.plan_get(plan_id=plan_id)
    except NotFound as e:
        raise Http404("No such plan") from e
    child = open_child(request, plan.child_id, view=view, allowed=allowed or True)
    if allowed is not None and must_be_open and not plan.is_open:
        raise PermissionDenied("This plan has ended and can no longer be changed")
    return plan, child


def _onto_fields(form: Form, error: ValidationError) -> ValidationError:
    """The service's error with keys that name no field moved to the field the form says."""
    if not hasattr(error, "error_dict"):
        return error
    moved: dict[str, list[str]] = {}
    mapping: dict[str, str] = getattr(form, "service_fields", {})
    for key, texts in error.message_dict.items():
        moved.setdefault(mapping.get(key, key), []).extend(texts)
    return ValidationError(moved)


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
    written: list[object] = []

    def run(data: dict[str, Any]) -> None:
        try:
            written.append(write(data))
        except ValidationError as e:
            raise _onto_fields(form, e) from e

    if request.method == "POST" and form_saved(form, run):
        messages.success(request, done)
        return redirect(then(written[0]))
    return render(request, template, {"form": form, **context})
