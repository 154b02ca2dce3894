from typing import Any

from django import forms

from haven.people.enums import CaseNoteKind, Disability, Ethnicity, PersonKind, Sex
from haven.ui.forms import GovukDateField


class SearchForm(forms.Form):
    name = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="First name and last name, or part of either. Spelling need not be exact.",
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )
    upn = forms.CharField(label="UPN", required=False, max_length=20)
    nhs_number = forms.CharField(label="NHS number", required=False, max_length=14)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    include_adults = forms.BooleanField(label="Include adults", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(
            data.get(f) for f in ("name", "date_of_birth", "upn", "nhs_number", "postcode")
        ):
            self.add_error("name", "Enter a name, date of birth, UPN, NHS number or postcode")
        return data


class PersonForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a child or an adult?",
        choices=PersonKind.choices,
        widget=forms.RadioSelect,
        initial=PersonKind.CHILD,
    )
    given_name = forms.CharField(label="First name", required=False, max_length=100)
    family_name = forms.CharField(label="Last name", required=False, max_length=100)
    other_names = forms.CharField(
        label="Other names (optional)",
        required=False,
        max_length=300,
        help_text="Names the person is or was also known by, separated by commas",
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True)
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth (unborn child only)", required=False
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect, initial=Sex.UNKNOWN
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT
    )
    upn = forms.CharField(
        label="UPN (optional)",
        required=False,
        max_length=20,
        help_text="Unique pupil number: 13 characters, starting with a letter",
    )
    nhs_number = forms.CharField(label="NHS number (optional)", required=False, max_length=14)
    first_language = forms.CharField(
        label="First language (optional)", required=False, max_length=60
    )
    religion = forms.CharField(label="Religion (optional)", required=False, max_length=60)
    uasc = forms.BooleanField(label="Unaccompanied asylum-seeking child", required=False)
    disabilities = forms.MultipleChoiceField(
        label="Disabilities (optional)",
        choices=Disability.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_new = forms.BooleanField(
        label="None of these is the same person: create a new record", required=False
    )

    def person_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {
            k: data[k]
            for k in (
                "given_name",
                "family_name",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "ethnicity",
                "upn",
                "nhs_number",
                "first_language",
                "religion",
                "uasc",
            )
        }
        fields["other_names"] = [n.strip() for n in data["other_names"].split(",") if n.strip()]
        return fields


class CaseNoteForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type of contact", choices=CaseNoteKind.choices, widget=forms.RadioSelect
    )
    occurred_on = GovukDateField(label="Date it happened", past_only=True, allow_today=True)
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="Case note", widget=forms.Textarea(attrs={"rows": 10}))
    significant = forms.BooleanField(
        label="Significant event: add it to the chronology", required=False
    )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your reason, your name and the time are recorded and seen by auditors.",
    )
