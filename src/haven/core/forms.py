from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's validation errors next to the fields they name (or at the top)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def form_saved(form: forms.Form, write: Callable[[dict[str, Any]], object]) -> bool:
    """Whether a bound form was valid and ``write`` (one service call) accepted its data.

    When the service refuses, its errors go next to the fields they name and the form keeps
    what the person typed, for the page to show again."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as e:
        add_service_errors(form, e)
        return False
    return True
