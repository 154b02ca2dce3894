"""What every protection page does: open the child's record through the people app's one door
(casework's ``open_child``: 404 for no such child, the "no access" page out of reach, 403 when
the protection policy refuses), log the read, and run a form through one service call."""

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse

from haven.casework.views._common import (
    form_page,
    open_child,
    posted_form,
    refuses_without_reach,
)
from haven.core.errors import NotFound
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
