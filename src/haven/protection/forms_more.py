"""Forms for the pre-proceedings and emergency protection pages. They only parse: the services
check the rules and write.

Field names follow the services' keyword arguments, so a service's ``ValidationError`` lands on
the field it names (``haven.core.forms.add_service_errors``). A moment, such as when police
protection began, is asked as a GOV.UK date named after the service's argument
(``started_at``) and a time beside it; ``clean`` joins the two in London time, so the service's
messages about the moment land on the date.
"""

import datetime as dt
from typing import Any

from django import forms

from haven.protection.enums import PreProceedingsOutcome, ProtectiveOrderKind
from haven.ui.forms import GovukForm, clean_time, join_moment, time_field
from haven.ui.forms import past_date as _date


class ProtectiveOrderForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of emergency protection?",
        choices=ProtectiveOrderKind.choices,
        widget=forms.RadioSelect,
    )
    started_at = _date("Date it began", error_name="The date it began")
    started_time = time_field("Time it began")
    ended_at = _date(
        "Date it ended (optional)",
        required=False,
        error_name="The date it ended",
        help_text="Leave blank if it has not ended yet. For example, 27 3 2025",
    )
    ended_time = time_field("Time it ended (optional)", required=False)
    details = forms.CharField(
        label="Details (optional)",
        required=False,
        help_text="Who applied for the order or took the child into police protection, and "
        "where the child went",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = (
            "Select an emergency protection order or police protection"
        )
        self.fields["started_time"].error_messages["required"] = "Enter the time it began"

    def clean_started_time(self) -> dt.time | None:
        return clean_time(self, "started_time", "Enter the time it began, like 9:30am or 14:30")

    def clean_ended_time(self) -> dt.time | None:
        return clean_time(self, "ended_time", "Enter the time it ended, like 9:30am or 14:30")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        ended_on, ended_time = data.get("ended_at"), data.get("ended_time")
        if ended_on is not None and ended_time is None and "ended_time" not in self.errors:
            self.add_error("ended_time", "Enter the time it ended")
        if ended_time is not None and ended_on is None and "ended_at" not in self.errors:
            self.add_error("ended_at", "Enter the date it ended")
        join_moment(data, "started_at", "started_time")
        join_moment(data, "ended_at", "ended_time")
        data.setdefault("ended_at", None)
        return data


class ProtectiveOrderEndForm(GovukForm):
    ended_at = _date("Date it ended", error_name="The date it ended")
    ended_time = time_field("Time it ended")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ended_time"].error_messages["required"] = "Enter the time it ended"

    def clean_ended_time(self) -> dt.time | None:
        return clean_time(self, "ended_time", "Enter the time it ended, like 9:30am or 14:30")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        join_moment(data, "ended_at", "ended_time")
        return data


class PreProceedingsStartForm(GovukForm):
    started_on = _date(
        "Date of the decision to enter pre-proceedings",
        error_name="The date of the decision",
        help_text="Usually the date of the legal gateway or legal planning meeting. "
        "For example, 27 3 2025",
    )


_YES_NO_NOT_YET = [("yes", "Yes"), ("no", "No"), ("not_yet", "Not recorded yet")]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def yes_no_initial(value: bool | None) -> str:
    """The radio to select for a stored yes, no or not known."""
    if value is None:
        return "not_yet"
    return "yes" if value else "no"


class PreProceedingsUpdateForm(GovukForm):
    letter_sent_on = _date(
        "Date the letter before proceedings was sent (optional)",
        required=False,
        error_name="The date the letter was sent",
        help_text="Leave blank until it is sent. For example, 27 3 2025",
    )
    fgdm_offered = forms.TypedChoiceField(
        label="Has the family been offered a family group decision meeting?",
        choices=_YES_NO_NOT_YET,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
    )
    fgdm_held = forms.TypedChoiceField(
        label="Has a family group decision meeting been held?",
        choices=_YES_NO_NOT_YET,
        coerce=_yes_no,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        help_text="Only once it has been offered",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fgdm_offered"].error_messages["required"] = (
            "Select whether the family has been offered a family group decision meeting"
        )
        self.fields["fgdm_held"].error_messages["required"] = (
            "Select whether a family group decision meeting has been held"
        )


class PreProceedingsMeetingForm(GovukForm):
    held_on = _date("Date of the meeting", error_name="The date of the meeting")
    summary = forms.CharField(
        label="What was agreed (optional)",
        required=False,
        help_text="Who attended, what the family were asked to do and by when",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PreProceedingsDecideForm(GovukForm):
    decision_on = _date("Date of the decision", error_name="The date of the decision")
    outcome = forms.ChoiceField(
        label="Outcome of pre-proceedings",
        choices=PreProceedingsOutcome.choices,
        widget=forms.RadioSelect,
        help_text="The CIN census codes A, B and C. The DfE has not yet published its "
        "descriptions of them: these are Haven’s reading, and may change when it does.",
    )
    court_application_on = _date(
        "Date of the application to court (optional)",
        required=False,
        error_name="The date of the application to court",
        help_text="Only with a decision to issue care proceedings (A). Leave blank until the "
        "application is made. For example, 27 3 2025",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = "Select the outcome of pre-proceedings"
