"""Forms for the casework pages. They only parse: the services check the DfE rules and write.

Field names follow the services' keyword arguments, so a service's ``ValidationError`` lands
on the field it names (``haven.core.forms.add_service_errors``).
"""

from typing import Any

from django import forms

from haven.casework.enums import (
    AssessmentFactor,
    AssessmentOutcome,
    ClosureReason,
    EarlyHelpClosureReason,
    PrimaryNeed,
    ReferralSource,
)
from haven.ui.forms import GovukForm
from haven.ui.forms import past_date as _date


class AssessmentStartForm(GovukForm):
    start_date = _date("Date the assessment started")
    episodes = forms.MultipleChoiceField(
        label="Assess brothers and sisters at the same time (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Each child gets their own assessment, started together. Select all that apply.",
    )

    def __init__(self, *args: Any, siblings: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if siblings:
            field = self.fields["episodes"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = siblings
        else:
            del self.fields["episodes"]


class SeenForm(GovukForm):
    seen_on = _date("Date the child was seen")
    seen_alone = forms.TypedChoiceField(
        label="Was the child seen alone?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_alone"].error_messages["required"] = (
            "Select yes if the child was seen alone"
        )


class WishesForm(GovukForm):
    page_heading_field = "text"

    text = forms.CharField(
        label="The child’s wishes and feelings",
        help_text="In the child’s own words where you can: what they said, drew or showed you, "
        "and how. Say who else was there.",
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter the child’s wishes and feelings"


#: The CIN census factors, grouped as a social worker looks for them. 21 stands apart.
FACTOR_GROUPS: list[tuple[str, list[str]]] = [
    ("Abuse and neglect", ["16A", "17A", "18B", "18C", "19B", "19C", "22A", "23A"]),
    ("Domestic abuse", ["3A", "3B", "3C"]),
    ("Alcohol and drug misuse", ["1A", "1B", "1C", "2A", "2B", "2C"]),
    ("Mental and physical health", ["4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C"]),
    ("Harm outside the home", ["10A", "11A", "12A", "13A", "24A", "14A", "15A"]),
    ("Care and living arrangements", ["7A", "8B", "8C", "8D", "8E", "8F", "9A"]),
    ("Anything else", ["20"]),
]


def factor_label(code: str) -> str:
    return f"{AssessmentFactor(code).label} ({code})"


class FactorCheckboxes(forms.CheckboxSelectMultiple):
    """GOV.UK checkboxes with a subheading for each group of factors and "21 No factors
    identified" after an "or" divider, exclusive of the rest (DfE rule 8869): with JavaScript,
    ticking it clears the others and the other way round; without it, the service says so."""

    template_name = "casework/widgets/factor_checkboxes.html"


class CompleteForm(GovukForm):
    completed_on = _date("Date the assessment was completed")
    factors = forms.MultipleChoiceField(
        label="Factors identified at assessment",
        widget=FactorCheckboxes,
        choices=[
            *[(group, [(c, factor_label(c)) for c in codes]) for group, codes in FACTOR_GROUPS],
            ("", [(AssessmentFactor.NO_FACTORS.value, factor_label("21"))]),
        ],
        help_text="The CIN census factors. Select all that apply, or “No factors identified”.",
    )
    outcome = forms.ChoiceField(
        label="Outcome of the assessment",
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factors"].error_messages["required"] = (
            "Select the factors identified at assessment, or “No factors identified” "
            "(DfE rule 8897Q)"
        )
        self.fields["outcome"].error_messages["required"] = "Select the outcome of the assessment"


class AuthoriseForm(GovukForm):
    authorised_on = _date("Date authorised")


class EpisodeCloseForm(GovukForm):
    closure_date = _date("Closure date")
    reason = forms.ChoiceField(
        label="Reason for closure",
        choices=[(c.value, f"{c.value}: {c.label}") for c in ClosureReason],
        widget=forms.RadioSelect,
        help_text="RC8 and RC9 only after an assessment (DfE rule 8825Q).",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Select the reason for closure"


class EarlyHelpStartForm(GovukForm):
    started_on = _date("Date early help started")
    organisation = forms.CharField(
        label="Organisation leading the early help (optional)", required=False, max_length=200
    )
    lead_practitioner = forms.CharField(
        label="Lead practitioner (optional)", required=False, max_length=200
    )


class EarlyHelpAssessmentForm(GovukForm):
    started_on = _date("Date the early help assessment started")
    completed_on = _date(
        "Date the early help assessment was completed (optional)",
        required=False,
        error_name="Completion date",
        help_text="Leave blank until it is completed. For example, 27 3 2025",
    )


class EarlyHelpCloseForm(GovukForm):
    closed_on = _date("Date early help ended")
    reason = forms.ChoiceField(
        label="Why early help ended",
        # A step up has its own page: it makes the referral as well.
        choices=[
            c for c in EarlyHelpClosureReason.choices if c[0] != EarlyHelpClosureReason.STEPPED_UP
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Select why early help ended"


class StepUpForm(GovukForm):
    referral_date = _date("Referral date")
    source = forms.ChoiceField(
        label="Who the referral came from",
        choices=[("", "Choose the source"), *ReferralSource.choices],
        initial=ReferralSource.EARLY_HELP,
    )
    primary_need = forms.ChoiceField(
        label="The child’s primary need",
        choices=[("", "Choose the primary need"), *PrimaryNeed.choices],
        help_text="Choose “not stated” if it is not known yet.",
    )
