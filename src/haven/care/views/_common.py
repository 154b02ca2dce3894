"""What every care page does: open the child's record through the people app's one door
(casework's ``open_child``: 404 for no such child, the "no access" page out of reach, 403 when
the care policy refuses), log the read, and run a form through one service call."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from haven.casework.views._common import open_child, posted_form, refuses_without_reach
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors

__all__ = [
    "FORM",
    "child_url",
    "form_page",
    "onto_fields",
    "open_child",
    "posted_form",
    "refuses_without_reach",
    "run_service",
]

FORM = "care/form.html"


def child_url(child_id: Any) -> str:
    return reverse("care:child", kwargs={"child_id": child_id})


def onto_fields(form: Form, error: ValidationError) -> ValidationError:
    """The service's error with keys that name no field moved to the field the form says
    (``service_fields``); any other key lands at the top of the page."""
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
