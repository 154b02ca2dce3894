"""Forms for the front-door pages. They only parse: the services validate and write."""

import datetime as dt
from typing import Any
from uuid import UUID

from django import forms

from haven.casework.enums import PrimaryNeed, ReferralSource
from haven.core import clock
from haven.frontdoor.enums import CheckAgency, Consent, ContactOutcome, Rag, ReferralRoute, Urgency
from haven.ui.forms import GovukDateField, GovukForm, parse_time


class ChildIdsField(forms.Field):
    """The children picked on the first step, carried as opaque ids in hidden inputs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[UUID]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        try:
            return list(dict.fromkeys(UUID(str(v)) for v in values))
        except ValueError:
            raise forms.ValidationError("Choose the children again", code="invalid") from None

    def validate(self, value: list[UUID]) -> None:
        if not value:
            raise forms.ValidationError("Choose the child or children the contact is about")


class ChildSearchForm(GovukForm):
    """Step 1: find each child. Posted, so a name never goes into an address."""

    name = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="First name and last name, or part of either. Spelling need not be exact.",
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        required=False,
        past_only=True,
        allow_today=True,
        help_text="For example, 27 3 2015",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (data.get("name") or data.get("date_of_birth")):
            self.add_error("name", "Enter a name or date of birth")
        return data


class ChildPickForm(GovukForm):
    """Step 1: tick the children the contact is about, from the search and those already picked."""

    children = forms.MultipleChoiceField(
        label="Children the contact is about",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["children"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices

    def require_children(self) -> bool:
        if self.is_valid() and self.cleaned_data["children"]:
            return True
        if not self.errors:
            self.add_error("children", "Select the child or children the contact is about")
        return False


class ContactForm(GovukForm):
    """Step 2: the contact itself."""

    children = ChildIdsField()
    received_on = GovukDateField(
        label="Date received", past_only=True, allow_today=True, help_text="For example, 27 3 2026"
    )
    received_time = forms.CharField(
        label="Time received",
        max_length=10,
        help_text="For example, 9:30am or 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    source = forms.ChoiceField(
        label="Who the contact came from",
        choices=[("", "Choose the source"), *ReferralSource.choices],
    )
    referrer_name = forms.CharField(label="Referrer’s name (optional)", required=False)
    referrer_organisation = forms.CharField(
        label="Referrer’s organisation (optional)", required=False, max_length=200
    )
    referrer_contact = forms.CharField(
        label="Referrer’s telephone number or email address (optional)",
        required=False,
        max_length=200,
    )
    concern = forms.CharField(
        label="The concern",
        help_text="In the referrer’s words",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.ChoiceField(
        label="Did the family agree to information being shared?",
        choices=Consent.choices,
        widget=forms.RadioSelect,
    )
    consent_reason = forms.CharField(
        label="Why seeking consent would put the child at risk",
        required=False,
        help_text="Only if consent was not sought",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?", choices=Urgency.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].error_messages["required"] = (
            "Select whether the family agreed to information being shared"
        )
        self.fields["urgency"].error_messages["required"] = "Select how urgent the contact is"
        self.fields["received_time"].error_messages["required"] = "Enter the time received"

    def clean_received_time(self) -> dt.time:
        value = parse_time(self.cleaned_data["received_time"])
        if value is None:
            raise forms.ValidationError("Enter the time received, like 9:30am or 14:30")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, at = data.get("received_on"), data.get("received_time")
        if on is not None and at is not None:
            received_at = dt.datetime.combine(on, at, tzinfo=clock.LONDON)
            if received_at > clock.now():
                self.add_error("received_time", "The time received must be now or in the past")
            data["received_at"] = received_at
        return data

    def contact_fields(self) -> dict[str, Any]:
        """The service's keyword arguments, but for the children."""
        data = self.cleaned_data
        names = ("source", "concern", "consent", "consent_reason", "urgency")
        referrer = ("referrer_name", "referrer_organisation", "referrer_contact")
        return {"received_at": data["received_at"], **{k: data[k] for k in names + referrer}}


class RagForm(GovukForm):
    rag = forms.ChoiceField(label="RAG rating", choices=Rag.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="rating", **kwargs)
        self.fields["rag"].error_messages["required"] = "Select red, amber or green"


class CheckRequestForm(GovukForm):
    agency = forms.ChoiceField(
        label="Agency to ask", choices=CheckAgency.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="check", **kwargs)


class CheckReturnForm(GovukForm):
    summary = forms.CharField(
        label="What the agency said", widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, check_id: UUID, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"return-{check_id}", **kwargs)
        self.check_id = check_id


class DecisionForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Decision", choices=ContactOutcome.choices, widget=forms.RadioSelect
    )
    route = forms.ChoiceField(
        label="For a referral: what it goes on to",
        choices=ReferralRoute.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Only for a referral to children’s social care",
    )
    primary_need = forms.ChoiceField(
        label="For a referral: the child’s primary need",
        choices=[("", "Choose the primary need"), *PrimaryNeed.choices],
        required=False,
        help_text="Only for a referral. Choose “not stated” if it is not known yet.",
    )
    reasons = forms.CharField(
        label="Reasons for the decision", widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="decision", **kwargs)
        self.fields["outcome"].error_messages["required"] = "Select the decision"

    def clean(self) -> dict[str, Any]:
        """A route or need left chosen for another outcome is dropped, as a revealed
        question hidden again would be."""
        data = super().clean() or {}
        if data.get("outcome") != ContactOutcome.REFERRAL:
            data["route"], data["primary_need"] = "", ""
        return data


class SignOffForm(GovukForm):
    """No fields: the button is the question. Errors from the service show at the top."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="sign-off", **kwargs)


class ChildReplaceForm(GovukForm):
    """Which child on the contact, and which existing record to put in its place (opaque ids,
    posted from the duplicate warning on the contact page)."""

    child = forms.UUIDField(widget=forms.HiddenInput)
    existing = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="replace", **kwargs)
