"""GOV.UK Frontend markup for Django forms.

``GovukFormRenderer`` is the project's FORM_RENDERER: ``{{ form }}`` and
``{{ form.name.as_field_group }}`` render GOV.UK form groups (label or fieldset legend, hint,
error message, input). The error summary belongs at the top of the page, before the heading,
so pages render it themselves with ``{% govuk_error_summary form %}``.
"""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, ClassVar, Literal, TypedDict
from urllib.parse import urlencode

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.forms.widgets import Input
from django.http import HttpRequest, QueryDict
from django.utils.text import capfirst

from haven.core import clock
from haven.core.actions import ActionDraft

KEPT_FORM_SESSION_KEY = "haven.kept_form"
DATE_PARTS: tuple[str, str, str] = ("day", "month", "year")
# Passed from the bound field to GovukDateInput so that only the wrong parts are highlighted.
_ERROR_PARTS_ATTR = "_govuk_error_parts"

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

FieldKind = Literal["input", "checkbox", "choices", "date", "hidden"]


_TIME = re.compile(r"^(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm)?$", re.IGNORECASE)


def parse_time(text: str) -> dt.time | None:
    """'14:30', '2:30pm', '9am', 'midday' and 'midnight' (GOV.UK writes times this way)."""
    text = text.strip().lower().replace(" ", "")
    if text in ("midday", "noon"):
        return dt.time(12, 0)
    if text == "midnight":
        return dt.time(0, 0)
    match = _TIME.match(text)
    if match is None:
        return None
    hour, minute, ampm = int(match["h"]), int(match["m"] or 0), match["ampm"]
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif match["m"] is None:
        return None
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class ErrorSummaryItem(TypedDict):
    text: str
    href: str


def lower_first(text: str) -> str:
    """'Date of birth' -> 'date of birth', but 'ICPC date' stays as it is."""
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text
    return text[:1].lower() + text[1:]


def _widget_classes(widget: forms.Widget, *, has_errors: bool) -> str:
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.Textarea):
        base = "govuk-textarea"
    elif isinstance(widget, forms.Select):
        base = "govuk-select"
    elif isinstance(widget, forms.FileInput):
        base = "govuk-file-upload"
    elif isinstance(widget, Input) and not widget.is_hidden:
        base = "govuk-input"
    else:
        return ""
    return f"{base} {base}--error" if has_errors else base


def date_error_parts(bound_field: BoundField) -> tuple[str, ...]:
    """The parts of a date input (day, month, year) its errors are about; all when unsure."""
    parts: set[str] = set()
    for error in bound_field.errors.as_data():
        error_parts = (error.params or {}).get("parts")
        if not error_parts:
            return DATE_PARTS
        parts.update(error_parts)
    return tuple(part for part in DATE_PARTS if part in parts)


def error_anchor(bound_field: BoundField) -> str:
    """The id of the element an error summary link for this field goes to."""
    widget = bound_field.field.widget
    id_ = widget.attrs.get("id") or bound_field.auto_id
    if not id_:
        return ""
    if isinstance(widget, GovukDateInput):
        parts = date_error_parts(bound_field) if bound_field.errors else DATE_PARTS
        return f"{id_}-{parts[0]}"
    if isinstance(widget, forms.RadioSelect):
        # The GOV.UK radios and checkboxes templates give the first option the field's id.
        return str(id_)
    return widget.id_for_label(id_) or str(id_)


class GovukBoundField(BoundField):
    """A bound field that adds GOV.UK classes and GOV.UK hint and error ids to its widget."""

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint" if self.auto_id else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error" if self.auto_id else ""

    @property
    def aria_describedby(self) -> str | None:
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(self.hint_id)
            if self.errors:
                ids.append(self.error_id)
        return " ".join(ids)

    @property
    def govuk_kind(self) -> FieldKind:
        widget = self.field.widget
        if widget.is_hidden:
            return "hidden"
        if isinstance(widget, GovukDateInput):
            return "date"
        if isinstance(widget, forms.RadioSelect):
            return "choices"
        if isinstance(widget, forms.CheckboxInput):
            return "checkbox"
        return "input"

    @property
    def is_page_heading(self) -> bool:
        return getattr(self.form, "page_heading_field", None) == self.name

    @property
    def error_anchor(self) -> str:
        return error_anchor(self)

    def build_widget_attrs(
        self, attrs: dict[str, str | bool], widget: forms.Widget | None = None
    ) -> dict[str, str | bool]:
        widget = widget or self.field.widget
        attrs = super().build_widget_attrs(attrs, widget)
        # GOV.UK services switch off browser validation: the server's messages are the ones
        # people see, in the error summary and next to the field.
        attrs.pop("required", None)
        classes = _widget_classes(widget, has_errors=bool(self.errors))
        if classes:
            existing = [str(widget.attrs.get("class", "")), str(attrs.get("class", ""))]
            attrs["class"] = " ".join(c for c in [*existing, classes] if c)
        if isinstance(widget, GovukDateInput) and self.errors:
            attrs[_ERROR_PARTS_ATTR] = " ".join(date_error_parts(self))
        return attrs


class GovukFormRenderer(DjangoTemplates):
    """Renders forms, fields and choice widgets with GOV.UK Frontend markup."""

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
    bound_field_class = GovukBoundField
    widget_templates: ClassVar[dict[str, str]] = {
        "django/forms/widgets/radio.html": "ui/forms/widgets/radios.html",
        "django/forms/widgets/checkbox_select.html": "ui/forms/widgets/checkboxes.html",
    }

    def get_template(self, template_name: str) -> Any:
        return super().get_template(self.widget_templates.get(template_name, template_name))


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year text inputs named ``<name>-day`` etc."""

    template_name = "ui/forms/widgets/date_input.html"
    use_fieldset = True
    widths: ClassVar[dict[str, int]] = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]

    def decompress(self, value: Any) -> list[str | None]:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        kept_parts = attrs.pop(_ERROR_PARTS_ATTR, None)
        if kept_parts is not None:
            error_parts: Sequence[str] = str(kept_parts).split()
        else:
            error_parts = DATE_PARTS if attrs.get("aria-invalid") else ()
        attrs.pop("aria-invalid", None)
        attrs.pop("class", None)
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            classes = [
                "govuk-input",
                "govuk-date-input__input",
                f"govuk-input--width-{self.widths[part]}",
            ]
            if part in error_parts:
                classes.append("govuk-input--error")
                sub_attrs["aria-invalid"] = "true"
            sub_attrs["class"] = " ".join(classes)
            sub_attrs.pop("required", None)
            if id_:
                sub_attrs["id"] = f"{id_}-{part}"
            subwidget["label"] = part.capitalize()
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}-day" if id_ else ""


class GovukDateField(forms.Field):
    """A date entered as day, month and year, checked with the GOV.UK date pattern's messages.

    Messages name the field by ``error_name`` if given, else by its label ("Date of birth
    must include a month"); use ``error_name`` when the label is a question.
    """

    widget = GovukDateInput
    default_error_messages = {
        "required": "Enter %(name_lower)s",
        "incomplete": "%(name)s must include a %(missing)s",
        "invalid": "%(name)s must be a real date",
        "year_digits": "Year must include 4 numbers",
        "past": "%(name)s must be in the past",
        "past_or_today": "%(name)s must be today or in the past",
        "future": "%(name)s must be in the future",
        "future_or_today": "%(name)s must be today or in the future",
    }

    def __init__(
        self,
        *,
        past_only: bool = False,
        future_only: bool = False,
        allow_today: bool = False,
        error_name: str | None = None,
        **kwargs: Any,
    ) -> None:
        if past_only and future_only:
            raise ValueError("A date cannot be both past_only and future_only.")
        self.past_only = past_only
        self.future_only = future_only
        self.allow_today = allow_today
        self.error_name = error_name
        self._name_from_field = ""
        super().__init__(**kwargs)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> BoundField:
        # Each form has its own copy of its fields, so remembering the name here is safe.
        self._name_from_field = pretty_name(field_name)
        return super().get_bound_field(form, field_name)

    def _message_name(self) -> str:
        return str(self.error_name or self.label or self._name_from_field or "Date")

    def _error(self, code: str, parts: Sequence[str], **params: str) -> forms.ValidationError:
        name = self._message_name()
        return forms.ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "name": capfirst(name),
                "name_lower": lower_first(name),
                "parts": tuple(parts),
                **params,
            },
        )

    @staticmethod
    def _parts(value: Any) -> tuple[str, str, str]:
        if isinstance(value, dt.date):
            return str(value.day), str(value.month), str(value.year)
        if not isinstance(value, list | tuple):
            return "", "", ""
        texts = [str(v or "").strip() for v in value[:3]]
        texts += [""] * (3 - len(texts))
        return texts[0], texts[1], texts[2]

    @staticmethod
    def _number(text: str) -> int | None:
        return int(text) if re.fullmatch(r"\d{1,4}", text) else None

    @classmethod
    def _month(cls, text: str) -> int | None:
        number = cls._number(text)
        if number is not None:
            return number
        word = text.lower().rstrip(".")
        if len(word) >= 3:
            for index, month_name in enumerate(MONTH_NAMES, start=1):
                if month_name.startswith(word):
                    return index
        return None

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        day_text, month_text, year_text = self._parts(value)
        texts = {"day": day_text, "month": month_text, "year": year_text}
        if not any(texts.values()):
            return None
        missing = [part for part in DATE_PARTS if not texts[part]]
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        day, month, year = self._number(day_text), self._month(month_text), self._number(year_text)
        limits = {"day": 31, "month": 12, "year": 9999}
        wrong = [
            part
            for part, number in zip(DATE_PARTS, (day, month, year), strict=True)
            if number is None or not 1 <= number <= limits[part]
        ]
        if len(year_text) != 4 and year is not None and not wrong:
            raise self._error("year_digits", ["year"])
        if wrong or day is None or month is None or year is None:
            raise self._error("invalid", wrong)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise self._error("invalid", ["day"]) from None

    def validate(self, value: dt.date | None) -> None:
        if value is None:
            if self.required:
                raise self._error("required", DATE_PARTS)
            return
        today = clock.today()
        if self.past_only and (value > today or (value == today and not self.allow_today)):
            raise self._error("past_or_today" if self.allow_today else "past", DATE_PARTS)
        if self.future_only and (value < today or (value == today and not self.allow_today)):
            raise self._error("future_or_today" if self.allow_today else "future", DATE_PARTS)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (initial or None)
        except forms.ValidationError:
            return True


def error_summary_items(form: forms.BaseForm) -> list[ErrorSummaryItem]:
    """Every error on the form, in field order, each linked to the element it is about."""
    items: list[ErrorSummaryItem] = [
        {"text": str(error), "href": ""} for error in form.non_field_errors()
    ]
    for bound_field in form:
        anchor = "" if bound_field.is_hidden else error_anchor(bound_field)
        for error in bound_field.errors:
            items.append({"text": str(error), "href": f"#{anchor}" if anchor else ""})
    return items


class GovukForm(forms.Form):
    """A form rendered the GOV.UK way whatever FORM_RENDERER says.

    Fields left with Django's "This field is required." say "Enter <label>" or, for choices,
    "Select <label>". Set ``page_heading_field`` to the name of the field whose label (or
    legend) is the page's ``<h1>``, for one-question pages.
    """

    default_renderer = GovukFormRenderer
    page_heading_field: ClassVar[str | None] = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        django_required = str(forms.Field.default_error_messages["required"])
        for name, field in self.fields.items():
            if str(field.error_messages.get("required")) != django_required:
                continue
            if isinstance(field.widget, forms.CheckboxInput):
                continue
            choosing = isinstance(field.widget, forms.RadioSelect | forms.Select)
            label = lower_first(str(field.label or pretty_name(name)))
            field.error_messages["required"] = f"{'Select' if choosing else 'Enter'} {label}"

    def error_summary(self) -> list[ErrorSummaryItem]:
        return error_summary_items(self)


def kept_form_data(request: HttpRequest) -> QueryDict | None:
    """The form data kept when this user's session ran out while they were on this page.

    ``KeepFormOnTimeoutMiddleware`` keeps it; it is handed back once, to the same path:
    ``form = ChildForm(data=kept_form_data(request) or None, initial=...)``.
    """
    kept = request.session.get(KEPT_FORM_SESSION_KEY)
    if not isinstance(kept, dict) or kept.get("path") != request.path:
        return None
    del request.session[KEPT_FORM_SESSION_KEY]
    pairs = [(key, value) for key, values in kept.get("data", {}).items() for value in values]
    return QueryDict(urlencode(pairs))


#: The hint under every date a form asks for.
DATE_HINT = "For example, 27 3 2025"
_YES_NO = [("yes", "Yes"), ("no", "No")]


def past_date(label: str, *, past_only: bool = True, **kwargs: Any) -> GovukDateField:
    """A date of something that has happened (today included), with the usual hint."""
    kwargs.setdefault("help_text", DATE_HINT)
    return GovukDateField(label=label, past_only=past_only, allow_today=True, **kwargs)


def text_box(label: str, *, rows: int = 5, required: bool = True, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def yes_no(label: str, *, required: bool = True, **kwargs: Any) -> forms.TypedChoiceField:
    """Inline Yes and No radios, cleaned to True, False, or None when not answered."""
    return forms.TypedChoiceField(
        label=label,
        choices=_YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=required,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
        **kwargs,
    )


def yes_no_initial(value: bool | None) -> str | None:
    """A stored answer as the radios' initial value."""
    return None if value is None else ("yes" if value else "no")


def radios(label: str, choices: Any, *, required: bool = True, **kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, required=required, **kwargs
    )


#: The hint under every time of day a form asks for.
TIME_HINT = "For example, 9:30am or 14:30"


def time_field(label: str, **kwargs: Any) -> forms.CharField:
    """A time of day, typed as GOV.UK writes times; check it with ``clean_time``."""
    kwargs.setdefault("help_text", TIME_HINT)
    return forms.CharField(
        label=label,
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        **kwargs,
    )


def clean_time(form: forms.Form, name: str, message: str) -> dt.time | None:
    """The time typed into ``name``, None when left empty; ``message`` when it is not a time."""
    text = form.cleaned_data.get(name, "")
    if not text:
        return None
    value = parse_time(text)
    if value is None:
        raise forms.ValidationError(message)
    return value


def join_moment(data: dict[str, Any], date_name: str, time_name: str) -> None:
    """Join the date ``date_name`` and the time ``time_name`` into one London moment under
    ``date_name`` (the service's argument, so its messages land on the date); drop
    ``date_name`` when either part is missing."""
    on, at = data.get(date_name), data.pop(time_name, None)
    if isinstance(on, dt.date) and isinstance(at, dt.time):
        data[date_name] = dt.datetime.combine(on, at, tzinfo=clock.LONDON)
    elif date_name in data:
        del data[date_name]


class ActionRows:
    """Fixed rows of actions (what, by whom, by when) on a form; blank rows are ignored.

    Call ``add_fields`` in the form's ``__init__`` and ``drafts`` in its ``clean``: it pops the
    rows' fields, returns the filled rows as ``ActionDraft``, and maps the service's
    ``actions-N`` errors to the row each came from (the form's ``service_fields``).
    """

    def __init__(self, count: int = 4) -> None:
        self.count = count

    def add_fields(self, form: forms.Form) -> None:
        for i in range(1, self.count + 1):
            form.fields[f"action_{i}_action"] = forms.CharField(
                label="What is to be done", required=False
            )
            form.fields[f"action_{i}_owner"] = forms.CharField(
                label="By whom", required=False, max_length=120
            )
            form.fields[f"action_{i}_due_on"] = GovukDateField(
                label="By when",
                required=False,
                error_name=f"Action {i}'s date",
                help_text=DATE_HINT,
            )

    def rows(self, form: forms.Form) -> list[tuple[int, list[BoundField]]]:
        parts = ("action", "owner", "due_on")
        return [(i, [form[f"action_{i}_{p}"] for p in parts]) for i in range(1, self.count + 1)]

    def drafts(self, form: forms.Form, data: dict[str, Any]) -> list[ActionDraft]:
        actions: list[ActionDraft] = []
        mapping: dict[str, str] = getattr(form, "service_fields", {})
        for i in range(1, self.count + 1):
            action = data.pop(f"action_{i}_action", "") or ""
            owner = data.pop(f"action_{i}_owner", "") or ""
            due_on: dt.date | None = data.pop(f"action_{i}_due_on", None)
            if action.strip() or owner.strip() or due_on is not None:
                actions.append(ActionDraft(action=action, owner=owner, due_on=due_on))
                mapping[f"actions-{len(actions)}"] = f"action_{i}_action"
        form.service_fields = mapping  # type: ignore[attr-defined]
        return actions
