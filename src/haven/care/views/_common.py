"""What every care page does: open the child's record through the people app's one door
(casework's ``open_child``: 404 for no such child, the "no access" page out of reach, 403 when
the care policy refuses), log the read, and run a form through one service call."""

from typing import Any

from django.urls import reverse

from haven.casework.views._common import (
    form_page,
    onto_fields,
    open_child,
    posted_form,
    refuses_without_reach,
    run_service,
)

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
