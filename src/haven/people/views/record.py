from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.accounts.permissions import Action
from haven.audit.selectors import access_events_for_person, audit_events_for_person
from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.people import policies
from haven.people.forms import BreakGlassForm, CaseNoteForm
from haven.people.selectors import person_get, record_for
from haven.people.services import break_glass, case_note_add, record_viewed
from haven.people.views.access import NoAccess, access_person, no_access_response
from haven.ui.forms import kept_form_data


def record(request: HttpRequest, person_id: UUID) -> HttpResponse:
    try:
        person = access_person(request, person_id, Action.VIEW_RECORD, log_view="record")
    except NoAccess as e:
        return no_access_response(request, e.person)
    return render(
        request,
        "people/record.html",
        {
            "record": record_for(person=person),
            "can_add_note": policies.can(request.user, Action.ADD_CASE_NOTE, person),
            "can_view_audit": policies.can_view_audit(request.user),
            "can_change_worker": policies.can(request.user, Action.ALLOCATE, person),
        },
    )


def case_note_add_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    try:
        person = access_person(request, person_id, Action.ADD_CASE_NOTE, log_view="case_note_form")
    except NoAccess as e:
        return no_access_response(request, e.person)
    data = request.POST if request.method == "POST" else kept_form_data(request)
    form = CaseNoteForm(data or None)
    if form.is_bound and form.is_valid():
        try:
            case_note_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, "Case note added")
            return redirect("people:record", person_id=person.pk)
    return render(request, "people/case_note_form.html", {"form": form, "person": person})


def break_glass_view(request: HttpRequest, person_id: UUID) -> HttpResponse:
    person = person_get(person_id=person_id)
    if not policies.can_break_glass(request.user, person):
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    if form.is_bound and form.is_valid():
        try:
            break_glass(actor=request.user, person=person, reason=form.cleaned_data["reason"])
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            return redirect("people:record", person_id=person.pk)
    return render(request, "people/break_glass.html", {"form": form, "person_id": person.pk})


def audit_trail(request: HttpRequest, person_id: UUID) -> HttpResponse:
    """For auditors: who opened this record, and what changed, when."""
    if not policies.can_view_audit(request.user):
        raise PermissionDenied
    person = person_get(person_id=person_id)
    record_viewed(actor=request.user, person=person, view="audit")
    return render(
        request,
        "people/audit.html",
        {
            "person": person,
            "accesses": access_events_for_person(person_id=person.pk)[:200],
            "changes": audit_events_for_person(person_id=person.pk)[:200],
        },
    )
