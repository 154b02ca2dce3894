"""Forms for management oversight: a risk review of a waiting case, and allocating it."""

from typing import Any

from django import forms

from haven.allocation.enums import AbsenceKind, Skill, SWReason
from haven.oversight.enums import RiskRating
from haven.ui.forms import GovukDateField, GovukForm


class RiskReviewForm(GovukForm):
    reviewed_on = GovukDateField(label="Date of the review")
    rating = forms.ChoiceField(
        label="Risk rating", choices=RiskRating.choices, widget=forms.RadioSelect
    )
    rationale = forms.CharField(
        label="Why you rated the risk this way", widget=forms.Textarea(attrs={"rows": 5})
    )
    interim_actions = forms.CharField(
        label="What will happen while the case waits",
        help_text="Visits, checks with school or health, who to call if things change",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    who_will_see = forms.CharField(label="Who will see the child, and when", max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="review", **kwargs)
        self.fields["rating"].error_messages["required"] = "Select the risk rating"


class AllocateForm(GovukForm):
    worker = forms.ChoiceField(label="Allocate to", widget=forms.RadioSelect)
    started_on = GovukDateField(label="Allocated from")
    override_reason = forms.CharField(
        label="If you chose someone other than the recommended worker: why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, workers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, prefix="allocate", **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = workers
        field.error_messages["required"] = "Select the worker to allocate"


class WorkerChangeForm(GovukForm):
    worker = forms.ChoiceField(label="New worker")
    started_on = GovukDateField(label="From")
    reason = forms.ChoiceField(label="Why the worker is changing", choices=SWReason.choices)

    def __init__(self, *args: Any, workers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, prefix="change", **kwargs)
        field = self.fields["worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose the new worker"), *workers]
        field.error_messages["required"] = "Choose the new worker"


class AbsenceForm(GovukForm):
    kind = forms.ChoiceField(label="Kind of absence", choices=AbsenceKind.choices)
    starts_on = GovukDateField(label="First day away")
    ends_on = GovukDateField(
        label="Last day away", required=False, help_text="Leave blank if not known yet"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="absence", **kwargs)


class AbsenceEndForm(GovukForm):
    ended_on = GovukDateField(label="Last day away")

    def __init__(self, *args: Any, absence_id: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix=f"end-{absence_id}", **kwargs)
        self.absence_id = absence_id


class SkillsForm(GovukForm):
    skills = forms.MultipleChoiceField(
        label="Skills some cases need",
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="skills", **kwargs)
