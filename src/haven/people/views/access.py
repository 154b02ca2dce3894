"""One door to a person's record: fetch, check the policy, log the read."""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from django.shortcuts import render
from django.template.response import TemplateResponse

from haven.accounts.permissions import Action
from haven.core.errors import NotFound
from haven.people import policies
from haven.people.selectors import Person, person_get
from haven.people.services import record_viewed


class NoAccess(Exception):
    def __init__(self, person: Person) -> None:
        self.person = person


def access_person(
    request: HttpRequest, person_id: UUID, action: Action, *, log_view: str | None = None
) -> Person:
    """The person if ``request.user`` may do ``action``; 404 if absent; NoAccess otherwise.

    ``log_view`` names the page for the access log: every page that shows a record passes it.
    """
    try:
        person = person_get(person_id=person_id)
    except NotFound as e:
        raise Http404("No such record") from e
    if not policies.can(request.user, action, person):
        raise NoAccess(person)
    if log_view:
        record_viewed(actor=request.user, person=person, view=log_view)
    return person


def no_access_response(request: HttpRequest, person: Person) -> TemplateResponse:
    context: dict[str, Any] = {
        "person_id": person.pk,
        "can_break_glass": policies.can_break_glass(request.user, person),
        "restricted": person.restricted,
    }
    return render(request, "people/no_access.html", context, status=403)  # type: ignore[return-value]
