"""Forms for a child's health and education, permanence and leaving care pages. They only
parse: the services check the rules and write.

Field names follow the services' keyword arguments, so a service's ``ValidationError`` lands on
the field it names; ``service_fields`` moves the keys that name no field of the form.
"""

from typing import Any, ClassVar

from django import forms

from haven.care.enums import (
    AdopterLegalStatus,
    AdopterSex,
    AdoptionCeasedReason,
    ContactMethod,
    HealthCheckKind,
    LeaverAccommodation,
    LeaverActivity,
    LeaverInTouch,
    PreviousPermanence,
    SdqReason,
)
from haven.ui.forms import GovukForm, text_box
from haven.ui.forms import past_date as _date
from haven.ui.forms import radios as _radios
from haven.ui.forms import yes_no as _yes_no


def _text(label: str, *, rows: int = 5, required: bool = False, **kw: Any) -> forms.CharField:
    """A text box, optional unless said (most health details are)."""
    return text_box(label, rows=rows, required=required, **kw)


def _select(label: str, choices: Any, *, empty: str, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", empty), *choices], required=False, **kw)


class CareForm(GovukForm):
    #: Where a service's error about something that is not one of this form's fields goes.
    service_fields: ClassVar[dict[str, str]] = {}


# Health and education


class HealthCheckForm(CareForm):
    kind = _radios("What was checked", HealthCheckKind.choices)
    completed_on = _date("Date of the check")
    outcome = _text("Outcome (optional)", help_text="What was found, and what follows from it")


class SdqForm(CareForm):
    completed_on = _date("Date the questionnaire was completed")
    score = forms.IntegerField(
        label="Total difficulties score (optional)",
        required=False,
        help_text="From 0 to 40, for a child aged 4 to 16",
        error_messages={"invalid": "The score must be a whole number from 0 to 40"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
    )
    reason = _radios(
        "If there is no score, why not (optional)",
        SdqReason.choices,
        required=False,
    )


class PepForm(CareForm):
    is_review = _yes_no(
        "Is this a review of the personal education plan?",
        help_text="Choose no for the plan made when the child came into care",
    )
    completed_on = _date("Date of the plan or review")
    school = forms.CharField(label="School or setting (optional)", required=False, max_length=200)
    summary = _text("Summary (optional)")


class SubstanceMisuseForm(CareForm):
    identified_on = _date("Date the problem was identified")
    intervention_offered = _yes_no("Was an intervention offered?")
    intervention_received = _yes_no("Was an intervention received?")
    notes = _text("Notes (optional)")


class ConvictionForm(CareForm):
    convicted_on = _date(
        "Date of the conviction, final warning or reprimand",
        error_name="The date of the conviction",
    )
    notes = _text("Notes (optional)")


# Permanence


class AdoptionDecisionForm(CareForm):
    decided_on = _date("Date of the decision that the child should be placed for adoption")


class AdoptionDateForm(CareForm):
    """One step of an adoption plan that is only a date (the view gives the label). The
    services name the date ``made_on`` or ``placed_on``; here it is ``on``."""

    service_fields: ClassVar[dict[str, str]] = {"made_on": "on", "placed_on": "on"}

    on = _date("Date")

    def __init__(self, *args: Any, label: str = "Date", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].label = label
        self.fields["on"].error_messages["required"] = f"Enter the {label[0].lower()}{label[1:]}"


class AdoptionMatchForm(CareForm):
    matched_on = _date("Date of the match")
    adopters = forms.TypedChoiceField(
        label="How many adopters",
        choices=[("1", "One adopter"), ("2", "A couple")],
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    adopter_sex = _radios("The adopters' sex", AdopterSex.choices)
    adopter_legal_status = _radios("The adopters' legal status", AdopterLegalStatus.choices)
    with_foster_carer = _yes_no("Are the adopters the child's current foster carers?")


class AdoptionCeaseForm(CareForm):
    ceased_on = _date("Date of the decision that the child should no longer be placed")
    reason = _radios(
        "Why the child should no longer be placed for adoption", AdoptionCeasedReason.choices
    )


class PreviousPermanenceForm(CareForm):
    period = forms.ChoiceField(label="Period of care", widget=forms.RadioSelect)
    option = _radios("Permanence before this period of care", PreviousPermanence.choices)
    la_code = forms.CharField(
        label="Local authority that made the order (optional)",
        required=False,
        max_length=3,
        help_text="Its 3-digit code; NIR, SCO, WAL or NUK for elsewhere; 999 if not known. "
        "Leave blank when there was no order",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
    )
    made_on = _date(
        "Date of the order (optional)",
        required=False,
        error_name="The date of the order",
        help_text="Leave blank if it is not known. For example, 27 3 2019",
    )

    def __init__(self, *args: Any, periods: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = periods


class UascCeasedForm(CareForm):
    ceased_on = _date(
        "Date the child stopped being an unaccompanied asylum-seeking child",
        error_name="The date",
    )


# Leaving care


class AdviserAppointForm(CareForm):
    adviser = forms.ChoiceField(label="Personal adviser")
    started_on = _date("Date of the appointment")

    def __init__(self, *args: Any, advisers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adviser"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose the personal adviser"), *advisers]


class AdviserEndForm(CareForm):
    ended_on = _date("Date the appointment ended")


class PathwayPlanForm(CareForm):
    is_review = _yes_no(
        "Is this a review of the pathway plan?",
        help_text="Choose no for the needs assessment and first pathway plan",
    )
    completed_on = _date("Date of the plan or review")
    summary = _text("Summary", rows=6, required=True)


class AdviserContactForm(CareForm):
    contact_on = _date("Date of the contact")
    method = _radios("How the contact was made", ContactMethod.choices)
    in_touch = _radios("Is the young person in touch?", LeaverInTouch.choices)
    activity = _select(
        "What the young person is doing (when in touch)",
        LeaverActivity.choices,
        empty="Choose an activity",
    )
    accommodation = _select(
        "Where the young person lives (when in touch)",
        LeaverAccommodation.choices,
        empty="Choose the accommodation",
    )
    accommodation_suitable = _yes_no(
        "Is the accommodation suitable? (when in touch)", required=False
    )
    notes = _text("Notes (optional)")


class StayingPutStartForm(CareForm):
    carer = forms.CharField(label="Former foster carers", max_length=200)
    started_on = _date("Date staying put began")


class StayingPutEndForm(CareForm):
    ended_on = _date("Date staying put ended")
