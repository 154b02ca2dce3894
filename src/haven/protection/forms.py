"""Forms for the protection pages. They only parse: the services check the rules and write.

Field names follow the services' keyword arguments, so a service's ``ValidationError`` lands on
the field it names. Keys that name no single field (``participants``, ``attendance``) land on
the field ``service_fields`` gives; a review's ``rating_<outcome id>`` is a field of its own.

People and agencies are entered in fixed rows, as many as a meeting usually needs: rows left
blank are ignored, so the page works without JavaScript.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.forms.boundfield import BoundField
from django.utils.html import escape

from haven.core import clock
from haven.protection.enums import (
    SCORE_MAX,
    SCORE_MIN,
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    Section47Outcome,
    StrategyDecision,
)
from haven.ui.forms import GovukDateField, GovukForm, parse_time
from haven.ui.forms import past_date as _date
from haven.ui.forms import text_box as _text
from haven.ui.forms import yes_no as _yes_no
from haven.ui.templatetags.govuk import govuk_date

PARTICIPANT_ROWS = 6
ATTENDEE_ROWS = 8
SCORE_HINT = (
    f"{SCORE_MIN}: the worst it could be for the child; "
    f"{SCORE_MAX}: the child is safe and well in this respect."
)
_FULL_WIDTH = "govuk-!-width-full"
#: A row of people: its number, and its fields in columns.
Row = tuple[int, list[list[BoundField]]]


def _agency(label: str = "Agency", *, in_row: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose the agency"), *Agency.choices],
        required=False,
        widget=forms.Select(attrs={"class": _FULL_WIDTH} if in_row else {}),
    )


def _row_text(label: str) -> forms.CharField:
    """A text input in a row of people, as wide as its column."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": _FULL_WIDTH}),
    )


def _score(label: str, **kwargs: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        **kwargs,
    )


class ProtectionForm(GovukForm):
    #: Where a service's error about something that is not one field goes.
    service_fields: ClassVar[dict[str, str]] = {}


# Strategy discussions and section 47 enquiries


class StrategyDiscussionForm(ProtectionForm):
    service_fields: ClassVar[dict[str, str]] = {
        "held_at": "held_on",
        "participants": "participant_1_agency",
    }

    held_on = _date("Date of the discussion")
    held_time = forms.CharField(
        label="Time the discussion started",
        max_length=10,
        help_text="For example, 9:30am or 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    information_shared = _text(
        "Information shared",
        rows=8,
        help_text="What each agency knows about the child and family, and the concerns",
    )
    decision = forms.ChoiceField(
        label="What the discussion decided",
        choices=StrategyDecision.choices,
        widget=forms.RadioSelect,
    )
    reasons = _text("Reasons for the decision")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, PARTICIPANT_ROWS + 1):
            self.fields[f"participant_{i}_agency"] = _agency(in_row=True)
            self.fields[f"participant_{i}_name"] = _row_text("Name")
            self.fields[f"participant_{i}_role"] = _row_text("Role (optional)")
        parts = ("agency", "name", "role")
        rows = [f"participant_{i}_{p}" for i in self.row_numbers for p in parts]
        self.order_fields(["held_on", "held_time", *rows])
        self.fields["held_time"].error_messages["required"] = (
            "Enter the time the discussion started"
        )
        self.fields["decision"].error_messages["required"] = "Select what the discussion decided"

    @property
    def row_numbers(self) -> range:
        return range(1, PARTICIPANT_ROWS + 1)

    def participant_rows(self) -> list[Row]:
        return [
            (i, [[self[f"participant_{i}_{p}"]] for p in ("agency", "name", "role")])
            for i in self.row_numbers
        ]

    def clean_held_time(self) -> dt.time:
        value = parse_time(self.cleaned_data["held_time"])
        if value is None:
            raise forms.ValidationError(
                "Enter the time the discussion started, like 9:30am or 14:30"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, at = data.get("held_on"), data.get("held_time")
        if on is not None and at is not None:
            data["held_at"] = dt.datetime.combine(on, at, tzinfo=clock.LONDON)
        participants = []
        for i in self.row_numbers:
            agency = data.get(f"participant_{i}_agency") or ""
            name = data.get(f"participant_{i}_name") or ""
            role = data.get(f"participant_{i}_role") or ""
            if not (agency or name.strip() or role.strip()):
                continue
            if not agency:
                self.add_error(f"participant_{i}_agency", f"Participant {i}: choose their agency")
            if not name.strip():
                self.add_error(f"participant_{i}_name", f"Participant {i}: enter their name")
            participants.append((agency, name, role))
        data["participants"] = participants
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = ("held_at", "participants", "information_shared", "decision", "reasons")
        return {k: d[k] for k in names}


class EnquiryUpdateForm(ProtectionForm):
    child_seen_on = _date(
        "Date the child was seen (optional)",
        required=False,
        error_name="The date the child was seen",
        help_text="Leave blank until the child is seen. For example, 27 3 2025",
    )
    seen_alone = _yes_no(
        "Was the child seen alone?", required=False, help_text="Only once the child is seen"
    )
    findings = _text("What the enquiry is finding (optional)", rows=8, required=False)


class EnquiryCompleteForm(ProtectionForm):
    completed_on = _date("Date the enquiry was completed")
    outcome = forms.ChoiceField(
        label="What the enquiry concluded",
        choices=Section47Outcome.choices,
        widget=forms.RadioSelect,
    )
    findings = _text(
        "Findings (optional)",
        rows=8,
        required=False,
        help_text="Leave blank to keep the findings already recorded",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].error_messages["required"] = "Select what the enquiry concluded"


# Ratings at a review (a review conference or a child in need plan review)


class RatingsForm(ProtectionForm):
    """A rating and a narrative for each outcome still to be achieved, named
    ``rating_<outcome id>`` (the key of the service's error) and ``narrative_<outcome id>``."""

    outcomes: list[Any]

    def add_rating_fields(self, outcomes: Sequence[Any]) -> None:
        self.outcomes = list(outcomes)
        for o in self.outcomes:
            ratings = list(o.ratings.all())
            last = (
                f"Last rated {ratings[-1].score} on {govuk_date(ratings[-1].rated_on)}."
                if ratings
                else f"Rated {o.baseline_score} when the outcome was set."
            )
            self.fields[f"rating_{o.pk}"] = _score(
                f"Outcome {o.position}: how things are now",
                help_text=f"“{escape(o.statement)}” {last} {SCORE_HINT}",
                error_messages={
                    "required": f"Outcome {o.position}: choose a rating from "
                    f"{SCORE_MIN} to {SCORE_MAX}"
                },
            )
            self.fields[f"narrative_{o.pk}"] = _text(
                f"Outcome {o.position}: why you gave this rating",
                rows=4,
                error_messages={"required": f"Outcome {o.position}: say why you gave this rating"},
            )

    def rating_rows(self) -> list[tuple[Any, BoundField, BoundField]]:
        return [(o, self[f"rating_{o.pk}"], self[f"narrative_{o.pk}"]) for o in self.outcomes]

    def ratings(self, data: dict[str, Any]) -> dict[Any, tuple[int | None, str]]:
        return {
            o.pk: (data.get(f"rating_{o.pk}"), data.get(f"narrative_{o.pk}") or "")
            for o in self.outcomes
        }


# Conferences


class ConferenceForm(RatingsForm):
    service_fields: ClassVar[dict[str, str]] = {"attendance": "attendee_1_agency"}

    held_on = _date("Date of the conference")
    chair: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label="Chair",
        queryset=None,
        empty_label="Choose the chair",
        help_text="The independent reviewing officer who chaired",
    )
    child_views = _text(
        "The child’s views",
        help_text="In the child’s words where you can, or how they were sought and why they are "
        "not known",
    )
    family_views = _text("The family’s views")
    decision = forms.ChoiceField(label="The conference’s decision", widget=forms.RadioSelect)
    category = forms.ChoiceField(
        label="Category of abuse",
        choices=AbuseCategory.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Only with a child protection plan",
    )
    reasons = _text("Reasons for the decision (optional)", required=False)
    step_down_to_cin = forms.BooleanField(
        label="Step down to a child in need plan",
        required=False,
        help_text="Only with a decision of no child protection plan: the child in need plan "
        "starts on the day of the conference",
    )
    carry_outcomes = forms.BooleanField(
        label="Start the new plan from this plan’s outcomes",
        required=False,
        initial=True,
        help_text="When the child moves between a child in need and a child protection plan: "
        "outcomes not yet achieved, each with its latest rating as the new baseline, and their "
        "actions not yet done. The new plan stays a draft until it is finalised.",
    )

    def __init__(
        self, *args: Any, kind: str, chairs: Any, outcomes: Sequence[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        chair = self.fields["chair"]
        assert isinstance(chair, forms.ModelChoiceField)
        chair.queryset = chairs
        chair.error_messages["required"] = "Select the chair"
        chair.error_messages["invalid_choice"] = "Select the chair from the list"
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        if kind == ConferenceKind.REVIEW:
            decision.choices = [
                (ConferenceDecision.PLAN.value, "Continue the child protection plan"),
                (ConferenceDecision.NO_PLAN.value, "End the child protection plan"),
            ]
        else:
            decision.choices = [
                (ConferenceDecision.PLAN.value, "Child protection plan"),
                (ConferenceDecision.NO_PLAN.value, "No child protection plan"),
            ]
        decision.error_messages["required"] = "Select the conference’s decision"
        if kind == ConferenceKind.INITIAL:
            self.fields["step_down_to_cin"].label = "Start a child in need plan"
        for i in self.row_numbers:
            self.fields[f"attendee_{i}_agency"] = _agency(in_row=True)
            self.fields[f"attendee_{i}_name"] = _row_text("Name")
            self.fields[f"attendee_{i}_attended"] = forms.BooleanField(
                label="Attended", required=False, initial=True
            )
            self.fields[f"attendee_{i}_report"] = forms.BooleanField(
                label="Report submitted", required=False
            )
        self.add_rating_fields(outcomes)
        rows = [
            f"attendee_{i}_{p}"
            for i in self.row_numbers
            for p in ("agency", "name", "attended", "report")
        ]
        ratings = [f"{p}_{o.pk}" for o in self.outcomes for p in ("rating", "narrative")]
        self.order_fields(["held_on", "chair", *rows, "child_views", "family_views", *ratings])

    @property
    def row_numbers(self) -> range:
        return range(1, ATTENDEE_ROWS + 1)

    def attendee_rows(self) -> list[Row]:
        def row(i: int) -> list[list[BoundField]]:
            f = f"attendee_{i}_"
            return [
                [self[f + "agency"]],
                [self[f + "name"]],
                [self[f + "attended"], self[f + "report"]],
            ]

        return [(i, row(i)) for i in self.row_numbers]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        attendance = []
        for i in self.row_numbers:
            agency = data.get(f"attendee_{i}_agency") or ""
            name = data.get(f"attendee_{i}_name") or ""
            if not (agency or name.strip()):
                continue
            if not agency:
                self.add_error(f"attendee_{i}_agency", f"Attendee {i}: choose their agency")
            if not name.strip():
                self.add_error(f"attendee_{i}_name", f"Attendee {i}: enter their name")
            attendance.append(
                (
                    agency,
                    name,
                    bool(data.get(f"attendee_{i}_attended")),
                    bool(data.get(f"attendee_{i}_report")),
                )
            )
        data["attendance"] = attendance
        return data

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        names = (
            "held_on",
            "chair",
            "attendance",
            "child_views",
            "family_views",
            "decision",
            "category",
            "reasons",
            "step_down_to_cin",
            "carry_outcomes",
        )
        kwargs = {k: d[k] for k in names}
        if self.kind == ConferenceKind.REVIEW:
            kwargs["ratings"] = self.ratings(d)
        return kwargs


# Plans


class CinPlanStartForm(ProtectionForm):
    started_on = _date("Date the child in need plan started")


class OutcomeForm(ProtectionForm):
    statement = _text(
        "What will be different for the child",
        rows=4,
        help_text="Say it as the child would notice it, for example “Amelia gets to school on "
        "time every day”",
    )
    baseline_score = _score("How things are now", help_text=SCORE_HINT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["statement"].error_messages["required"] = (
            "Enter what will be different for the child"
        )
        self.fields["baseline_score"].error_messages["required"] = (
            f"How things are now: choose a rating from {SCORE_MIN} to {SCORE_MAX}"
        )


class ActionForm(ProtectionForm):
    description = _text("What will be done", rows=4)
    owner_user: "forms.ModelChoiceField[Any]" = forms.ModelChoiceField(
        label="Person responsible (optional)",
        queryset=None,
        required=False,
        empty_label="No one named here",
        help_text="Choose a worker here, or give the agency below",
    )
    owner_agency = _agency("Agency responsible (optional)")
    owner_name = forms.CharField(
        label="Name or role of the person in that agency (optional)",
        required=False,
        max_length=200,
    )
    target_date = GovukDateField(
        label="Target date",
        required=False,
        help_text="The date this is to be done by. A draft plan may leave it blank until it is "
        "finalised. For example, 27 3 2026",
    )
    completed_on = _date(
        "Date completed (optional)",
        required=False,
        error_name="The date completed",
        help_text="Leave blank until it is done. For example, 27 3 2026",
    )

    def __init__(self, *args: Any, owners: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner_user"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = owners
        owner.error_messages["invalid_choice"] = "Select the person responsible from the list"
        self.fields["description"].error_messages["required"] = "Enter what will be done"
        if not editing:
            del self.fields["completed_on"]


class AchieveForm(ProtectionForm):
    achieved_on = _date("Date the outcome was achieved")


class FinaliseForm(ProtectionForm):
    finalised_on = _date("Date the plan was agreed")


class VisitForm(ProtectionForm):
    visited_on = _date("Date of the visit")
    child_seen = _yes_no("Was the child seen?")
    seen_alone = _yes_no(
        "Was the child seen alone?", required=False, help_text="Only if the child was seen"
    )
    bedroom_seen = _yes_no("Did you see the child’s bedroom?", required=False)
    child_said = _text(
        "What the child said",
        rows=6,
        required=False,
        help_text="In the child’s words where you can. Needed when the child was seen.",
    )
    observations = _text(
        "What you saw and did",
        rows=6,
        required=False,
        help_text="If the child was not seen, say why and what you will do",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["child_seen"].error_messages["required"] = "Select yes if the child was seen"


class CoreGroupForm(ProtectionForm):
    held_on = _date("Date of the core group meeting")
    attendees = _text("Who attended", rows=4, help_text="Names, roles and agencies")
    summary = _text("What the core group reviewed and agreed", rows=8)


class CinReviewForm(RatingsForm):
    held_on = _date("Date of the review")
    summary = _text("What the review found and decided", rows=8)
    child_views = _text("The child’s views (optional)", required=False)

    def __init__(self, *args: Any, outcomes: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_rating_fields(outcomes)

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "held_on": d["held_on"],
            "summary": d["summary"],
            "child_views": d["child_views"],
            "ratings": self.ratings(d),
        }


#: Stepping up or down happens at a conference or by starting the other plan.
END_REASONS = [
    c
    for c in PlanEndReason.choices
    if c[0] not in (PlanEndReason.STEPPED_UP, PlanEndReason.STEPPED_DOWN)
]


class PlanEndForm(ProtectionForm):
    ended_on = _date("Date the plan ended")
    reason = forms.ChoiceField(
        label="Why the plan ended", choices=END_REASONS, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Select why the plan ended"
