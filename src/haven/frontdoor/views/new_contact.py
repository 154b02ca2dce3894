"""Recording a contact in two steps: find and tick the children, then the contact's details.

Everything is posted, so a child's name never goes into an address; between the steps the
picked children travel as opaque ids in hidden inputs. A child not yet on Haven is added
through "Add a new person", which shows the duplicate warning first.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.frontdoor import policies
from haven.frontdoor.forms import ChildPickForm, ChildSearchForm, ContactForm
from haven.frontdoor.services import contact_record
from haven.people import policies as people_policies
from haven.people.selectors import Person, SearchQuery, person_search
from haven.ui.forms import kept_form_data
from haven.ui.templatetags.govuk import govuk_date


def _picked(user: Any, ids: Iterable[Any]) -> list[Person]:
    """The children with these ids that the user may open (the rest are dropped)."""
    wanted = {str(i) for i in ids}
    found = people_policies.visible_people(user).filter(pk__in=[i for i in wanted if _uuid(i)])
    return list(found.order_by("family_name", "given_name"))


def _uuid(text: str) -> bool:
    return len(text) == 36 and text.count("-") == 4


def _label(person: Person) -> str:
    if person.date_of_birth:
        return f"{person.full_name}, born {govuk_date(person.date_of_birth)}"
    if person.expected_date_of_birth:
        return f"{person.full_name}, expected {govuk_date(person.expected_date_of_birth)}"
    return f"{person.full_name}, date of birth not known"


def _step_one(request: HttpRequest, data: QueryDict | None) -> HttpResponse:
    action = data.get("action") if data else None
    search = ChildSearchForm(data if action == "search" else None)
    picked = _picked(request.user, data.getlist("children") if data else [])
    results = []
    if search.is_bound and search.is_valid():
        d = search.cleaned_data
        results = person_search(SearchQuery(name=d["name"], date_of_birth=d["date_of_birth"]))
    found = [r.person for r in results]
    open_ids = people_policies.visible_ids(request.user, [p.pk for p in found])
    choices = [(str(p.pk), _label(p)) for p in picked]
    choices += [(str(p.pk), _label(p)) for p in found if p.pk in open_ids and p not in picked]
    pick = ChildPickForm(
        data if action in ("search", "continue", "change") else None, choices=choices
    )
    if action == "continue" and pick.require_children():
        ids = pick.cleaned_data["children"]
        return _step_two(
            request, ContactForm(initial={"children": ids}), _picked(request.user, ids)
        )
    context = {
        "search": search,
        "pick": pick,
        "searched": search.is_bound and search.is_valid(),
        "result_count": len(results),
        "hidden_count": len(found) - len(open_ids),
        "can_create_person": people_policies.can_create_person(request.user),
    }
    return render(request, "frontdoor/contact_children.html", context)


def _step_two(request: HttpRequest, form: ContactForm, children: list[Person]) -> HttpResponse:
    return render(request, "frontdoor/contact_form.html", {"form": form, "children": children})


def contact_new(request: HttpRequest) -> HttpResponse:
    if not policies.can_record_contact(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else kept_form_data(request)
    if not data or data.get("action") != "record":
        return _step_one(request, data)
    form = ContactForm(data)
    children = _picked(request.user, data.getlist("children"))
    if request.method == "POST" and form.is_valid():
        if len(children) != len(form.cleaned_data["children"]):
            form.add_error("children", "Choose the children again: one is no longer open to you")
        else:
            try:
                contact = contact_record(
                    actor=request.user, children=children, **form.contact_fields()
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, "Contact recorded")
                return redirect("frontdoor:contact", contact_id=contact.pk)
    return _step_two(request, form, children)
