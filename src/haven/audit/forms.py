from django import forms

from haven.ui.forms import GovukForm


class AuditFilterForm(GovukForm):
    person = forms.UUIDField(
        label="Record id",
        required=False,
        help_text="The id at the end of the address of the person's record page",
        error_messages={"invalid": "Enter a record id like 0b6c0f3e-8d4a-4c51-9f0e-2a1b3c4d5e6f"},
    )
    user = forms.CharField(label="Username", required=False, max_length=150)
