"""A URLconf for the ui tests: stand-ins for the views base.html links to, and a form page."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

from haven.ui.forms import GovukDateField, GovukForm, kept_form_data

PAGE = """{% extends "ui/base.html" %}{% load govuk %}
{% block title %}Record a note{% endblock %}
{% block beforecontent %}
{% include "ui/components/back_link.html" with href="/work/my-work/" %}
{% endblock %}
{% block content %}
{% govuk_error_summary form %}
<h1 class="govuk-heading-l">Record a note</h1>
<form method="post" novalidate>{% csrf_token %}{{ form }}
<button type="submit" class="govuk-button" data-module="govuk-button">Save</button></form>
{% endblock %}"""


class NoteForm(GovukForm):
    child_name = forms.CharField(label="Child’s name", help_text="Their full name")
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
    )
    visit_date = GovukDateField(label="Date of visit", past_only=True, allow_today=True)
    password = forms.CharField(required=False, widget=forms.PasswordInput)


def note(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = NoteForm(data=request.POST)
        if form.is_valid():
            return HttpResponse("saved")
    else:
        form = NoteForm(data=kept_form_data(request) or None)
    return HttpResponse(engines["django"].from_string(PAGE).render({"form": form}, request))


@login_not_required
def sign_in(request: HttpRequest) -> HttpResponse:
    shown = " | ".join(str(message) for message in messages.get_messages(request))
    return HttpResponse(f"sign in. {shown}")


def stub(request: HttpRequest) -> HttpResponse:
    return HttpResponse("stub")


accounts = (
    [
        path("sign-in/", sign_in, name="login"),
        path("sign-out/", stub, name="logout"),
        path("keepalive/", stub, name="keepalive"),
    ],
    "accounts",
)
people = ([path("search/", stub, name="search")], "people")
deadlines = (
    [path("my-work/", stub, name="my-work"), path("my-team/", stub, name="my-team")],
    "deadlines",
)
audit = ([path("", stub, name="index")], "audit")

urlpatterns = [
    path("", include("haven.ui.urls")),
    path("accounts/", include(accounts)),
    path("people/", include(people)),
    path("work/", include(deadlines)),
    path("audit/", include(audit)),
    path("note/", note, name="note"),
]
