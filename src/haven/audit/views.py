"""The auditor's page: who opened which record, when, and whether it was in an emergency."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from haven.audit import policies
from haven.audit.forms import AuditFilterForm
from haven.audit.selectors import access_events, audit_events_for_person
from haven.audit.services import access_record

SHOWN = 200


def index(request: HttpRequest) -> HttpResponse:
    if not policies.can_view_audit(request.user):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    person_id, username = None, ""
    if form.is_bound and form.is_valid():
        person_id, username = form.cleaned_data["person"], form.cleaned_data["user"].strip()
    if person_id is not None:
        access_record(actor=request.user, person_id=person_id, view="audit.index")
    return render(
        request,
        "audit/index.html",
        {
            "form": form,
            "person_id": person_id,
            "changes_caption": f"What changed on record {person_id}",
            "username": username,
            "accesses": access_events(person_id=person_id, username=username)[:SHOWN],
            "accesses_caption": (
                f"Who opened record {person_id}"
                if person_id
                else f"Records opened by {username}"
                if username
                else "Records opened recently"
            ),
            "changes": (
                audit_events_for_person(person_id=person_id)[:SHOWN] if person_id else None
            ),
        },
    )
