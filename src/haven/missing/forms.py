"""Forms for the missing pages. They only parse: the services check the rules and write.

Each moment (when the child went, came back, was offered the interview, was interviewed) is
asked as a GOV.UK date named after the service's argument and a time beside it; ``clean`` joins
the two in London time (``haven.ui.forms.join_moment``), so the service's messages about the
moment land on the date.
"""

from typing import Any

from django import forms
from django.forms.boundfield import BoundField

from haven.missing.enums import PUSH_FACTORS, Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.ui.forms import (
    ActionRows,
    GovukForm,
    clean_time,
    join_moment,
    past_date,
    radios,
    text_box,
    time_field,
    yes_no,
)

#: The rows offered for the actions agreed at an interview.
ACTIONS = ActionRows(4)
_TIME_MESSAGE = "Enter the time {what}, like 9:30am or 14:30"


class _MomentForm(GovukForm):
    """A form with date-and-time pairs: ``moments`` maps each date field to its time field."""

    moments: dict[str, tuple[str, str]] = {}  # date field -> (time field, "what happened")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for time_name, what in self.moments.values():
            self.fields[time_name].error_messages["required"] = f"Enter the time {what}"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for date_name, (time_name, what) in self.moments.items():
            if time_name not in self.errors:
                try:
                    data[time_name] = clean_time(self, time_name, _TIME_MESSAGE.format(what=what))
                except forms.ValidationError as e:
                    self.add_error(time_name, e)
            join_moment(data, date_name, time_name)
        return data


class MissingStartForm(_MomentForm):
    moments = {"started_at": ("started_time", "the child went")}

    kind = radios(
        "Was the child missing, or away from placement without authorisation?",
        MissingKind.choices,
        help_text="Missing: nobody knows where they are. Away: it is known where they are, "
        "but they are not where they should be and have not been allowed to be there.",
    )
    started_at = past_date("Date the child went", error_name="The date the child went")
    started_time = time_field("Time the child went")
    reported_to_police = yes_no("Was it reported to the police?")
    police_reference = forms.CharField(
        label="Police reference (if reported)",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    with_whom = text_box(
        "Who the child is thought to be with (optional)",
        rows=3,
        required=False,
        help_text="Names, or what is known of them: friends, family, adults of concern",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = (
            "Select whether the child is missing or away from placement"
        )


class MissingEndForm(_MomentForm):
    moments = {"ended_at": ("ended_time", "the child came back")}

    ended_at = past_date(
        "Date the child came back or was found", error_name="The date the child came back"
    )
    ended_time = time_field("Time the child came back or was found")
    found_where = radios(
        "Where was the child found, or where did they come back from?", FoundWhere.choices
    )
    found_details = text_box("Details (optional)", rows=3, required=False)
    with_whom = text_box(
        "Who the child was with (optional)",
        rows=3,
        required=False,
        help_text="Names, or what is known of them",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["found_where"].error_messages["required"] = "Select where the child was found"


_ANSWERS = [
    (InterviewOutcome.ACCEPTED.value, "Accepted"),
    (InterviewOutcome.DECLINED.value, "Declined"),
    (InterviewOutcome.OFFERED.value, "No answer yet"),
]


class InterviewOfferForm(_MomentForm):
    moments = {"offered_at": ("offered_time", "the interview was offered")}

    offered_at = past_date("Date the interview was offered", error_name="The date it was offered")
    offered_time = time_field("Time the interview was offered")
    answer = radios("Did the child accept the interview?", _ANSWERS)
    declined_reason = text_box(
        "If they declined, why (in the child's words if you can)", rows=3, required=False
    )


class InterviewAnswerForm(GovukForm):
    answer = radios("Did the child accept the interview?", _ANSWERS[:2])
    reason = text_box(
        "If they declined, why (in the child's words if you can)", rows=3, required=False
    )


def _factor_field(label: str, push: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=[(f.value, f.label) for f in Factor if (f in PUSH_FACTORS) == push],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterviewRecordForm(_MomentForm):
    moments = {"done_at": ("done_time", "the interview was held")}
    service_fields = {"factors": "push_factors"}

    done_at = past_date("Date the interview was held", error_name="The date it was held")
    done_time = time_field("Time the interview was held")
    interviewer_name = forms.CharField(label="Who held the interview", max_length=120)
    interviewer_organisation = forms.CharField(
        label="Their organisation (optional)", max_length=120, required=False
    )
    independent = yes_no(
        "Is the interviewer independent of the child's carers and social worker?",
        help_text="The statutory guidance asks for an independent person",
    )
    push_factors = _factor_field("Push: what made the child leave", push=True)
    pull_factors = _factor_field("Pull: what drew the child away", push=False)
    child_words = text_box("What the child said, in their own words", rows=6)
    disclosures = text_box("Disclosures (optional)", rows=4, required=False)
    risks = text_box("Risks identified (optional)", rows=4, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ACTIONS.add_fields(self)

    def action_rows(self) -> list[tuple[int, list[BoundField]]]:
        return ACTIONS.rows(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["factors"] = [*data.pop("push_factors", []), *data.pop("pull_factors", [])]
        self.service_fields = {"factors": "push_factors"}
        data["actions"] = ACTIONS.drafts(self, data)
        return data


class RepeatDecisionForm(GovukForm):
    strategy_discussion = yes_no("Is a strategy discussion to be held?")
    reasons = text_box(
        "Reasons for the decision",
        help_text="What the episodes and the return home interviews show, and what else is "
        "being done to keep the child safe",
    )
