"""Forms for plans, reviews, IRO contacts and statutory visits. They only parse: the services
check the rules and write.

Field names follow the services' keyword arguments, so a service's ``ValidationError`` lands next
to the field it names; ``service_fields`` moves the keys that name no field of the form.
"""

from typing import Any, ClassVar

from django import forms

from haven.care.enums import CarePlanKind, ContactMethod, PermanenceOption, ReviewParticipation
from haven.care.forms import coded
from haven.ui.forms import GovukForm
from haven.ui.forms import past_date as _date
from haven.ui.forms import radios as _radios
from haven.ui.forms import text_box as _text
from haven.ui.forms import yes_no as _yes_no


class CareForm(GovukForm):
    #: Where a service's error about something that is not one field goes.
    service_fields: ClassVar[dict[str, str]] = {}


class PlanForm(CareForm):
    """A care, placement or permanence plan. A placement plan is for the current placement,
    which the page names; the view passes it to the service."""

    service_fields: ClassVar[dict[str, str]] = {"placement": "kind"}

    kind = _radios("Which plan", CarePlanKind.choices)
    completed_on = _date(
        "Date the plan was completed",
        help_text="It may be before the child was placed. For example, 27 3 2025",
    )
    permanence_option = _radios(
        "The permanence plan",
        PermanenceOption.choices,
        required=False,
        help_text="Only for a permanence plan: the options are Ofsted's (Annex A)",
    )
    summary = _text("Summary of the plan", rows=8)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = "Select which plan this is"


class ReviewForm(CareForm):
    held_on = _date("Date of the review")
    chair: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label="Chair",
        queryset=None,
        empty_label="Choose the chair",
        help_text="The independent reviewing officer who chaired the review",
    )
    participation = _radios(
        "How the child took part",
        coded(ReviewParticipation.choices),
        help_text="The SSDA903 review code. PN0 is for a child under 4 on the day of the review, "
        "and only for them.",
    )
    child_views = _text(
        "The child’s views (optional)",
        required=False,
        help_text="In the child’s words where you can",
    )
    decisions = _text("The review’s decisions", rows=8)

    def __init__(self, *args: Any, chairs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chair = self.fields["chair"]
        assert isinstance(chair, forms.ModelChoiceField)
        chair.queryset = chairs
        chair.error_messages["required"] = "Select the chair"
        chair.error_messages["invalid_choice"] = "Select the chair from the list"
        self.fields["participation"].error_messages["required"] = (
            "Select how the child took part in the review"
        )


class IROContactForm(CareForm):
    service_fields: ClassVar[dict[str, str]] = {"iro": "contact_on"}

    contact_on = _date("Date of the contact")
    method = _radios("How the contact was made", ContactMethod.choices)
    notes = _text("Notes (optional)", required=False)


class VisitForm(CareForm):
    visited_on = _date("Date of the visit")
    child_seen = _yes_no("Was the child seen?")
    seen_alone = _yes_no(
        "Was the child seen alone?", required=False, help_text="Only if the child was seen"
    )
    bedroom_seen = _yes_no("Did you see the child’s bedroom?")
    child_said = _text(
        "What the child said",
        required=False,
        help_text="In the child’s words where you can. Needed when the child was seen.",
    )
    observations = _text(
        "What you saw, and what happens next",
        required=False,
        help_text="When the child was not seen: why, and what you will do",
    )


class PlacementVisitsForm(CareForm):
    long_term = _yes_no(
        "Is the placement intended to last until the child is 18?",
        help_text="After the placement’s first year the child is then visited at least every "
        "3 months",
    )
    child_agreed_fewer_visits = _yes_no(
        "Has the child agreed to be visited less often?",
        help_text="Only in a long-term foster placement, after its first year, for a child of "
        "sufficient understanding: at least every 6 months",
    )
