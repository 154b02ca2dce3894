from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from haven.core.errors import ValidationError
from haven.core.forms import add_service_errors
from haven.people import policies
from haven.people.forms import PersonForm, SearchForm
from haven.people.selectors import SearchQuery, duplicates_for, person_search
from haven.people.services import person_create
from haven.ui.forms import kept_form_data


def search(request: HttpRequest) -> HttpResponse:
    if not policies.can_search(request.user):
        raise PermissionDenied
    form = SearchForm(request.POST if request.method == "POST" else None)
    results, visible_ids = [], set()
    if form.is_valid():
        d = form.cleaned_data
        results = person_search(
            SearchQuery(
                name=d["name"],
                date_of_birth=d["date_of_birth"],
                upn=d["upn"],
                nhs_number=d["nhs_number"],
                postcode=d["postcode"],
                include_adults=d["include_adults"],
            )
        )
        ids = [r.person.pk for r in results]
        visible_ids = set(
            policies.visible_people(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "visible_ids": visible_ids,
            "searched": form.is_bound and form.is_valid(),
            "can_create": policies.can_create_person(request.user),
        },
    )


def person_create_view(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_person(request.user):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else kept_form_data(request)
    form = PersonForm(data or None)
    duplicates = []
    if form.is_bound and form.is_valid():
        fields = form.person_fields()
        duplicates = duplicates_for(
            given_name=fields["given_name"],
            family_name=fields["family_name"],
            date_of_birth=fields["date_of_birth"] or fields["expected_date_of_birth"],
            kind=form.cleaned_data["kind"],
            upn=fields["upn"],
            nhs_number=fields["nhs_number"],
        )
        if duplicates and not form.cleaned_data["confirm_new"]:
            form.add_error(
                "confirm_new",
                "Check whether this person is already recorded. "
                "If none of these is the same person, confirm to create a new record",
            )
        else:
            try:
                person = person_create(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    disabilities=form.cleaned_data["disabilities"],
                    **fields,
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                messages.success(request, "Record created")
                return redirect("people:record", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "duplicates": duplicates})
