import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django import forms, template
from django.core.paginator import Page

from haven.core import clock
from haven.ui.forms import MONTH_NAMES, ErrorSummaryItem, error_summary_items

register = template.Library()

# GOV.UK tag colours for the statuses Haven shows; anything else is the default (blue).
STATUS_COLOURS = {
    "overdue": "red",
    "unallocated": "red",
    "missing": "red",
    "due today": "orange",
    "due soon": "yellow",
    "awaiting authorisation": "yellow",
    "awaiting decision": "yellow",
    "in progress": "turquoise",
    "draft": "grey",
    "on track": "green",
    "allocated": "green",
    "authorised": "green",
    "completed": "green",
    "done": "green",
    "closed": "grey",
    "cancelled": "grey",
    "restricted": "purple",
}


@register.simple_tag(takes_context=True)
def nav_is_active(context: template.Context, *names: str) -> bool:
    """Whether the page is one of these views ("deadlines:my-work") or in these namespaces."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return any(name in (match.view_name, match.namespace) for name in names)


@register.inclusion_tag("ui/components/error_summary.html")
def govuk_error_summary(form: forms.BaseForm) -> dict[str, Any]:
    """``{% govuk_error_summary form %}``: the GOV.UK error summary, or nothing if no errors."""
    return {"error_list": error_summary_items(form) if form.is_bound else []}


@register.filter
def govuk_error_items(form: forms.BaseForm) -> list[ErrorSummaryItem]:
    return error_summary_items(form) if form.is_bound else []


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    if isinstance(value, dt.datetime):
        return clock.local_date(value) if value.tzinfo else value.date()
    return value


@register.filter
def govuk_date(value: dt.date | dt.datetime | None) -> str:
    """3 March 2026."""
    if value is None or value == "":
        return ""
    day = _as_date(value)
    return f"{day.day} {MONTH_NAMES[day.month - 1].capitalize()} {day.year}"


@register.filter
def govuk_time(value: dt.datetime | dt.time | None) -> str:
    """2:05pm, 9am, midday, midnight (London time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and value.tzinfo:
        value = clock.local(value)
    hour, minute = value.hour, value.minute
    if minute == 0 and hour in (0, 12):
        return "midnight" if hour == 0 else "midday"
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if minute == 0 else f"{hour12}:{minute:02d}{suffix}"


@register.filter
def govuk_datetime(value: dt.datetime | None) -> str:
    """3 March 2026 at 2:05pm."""
    if value is None or value == "":
        return ""
    return f"{govuk_date(value)} at {govuk_time(value)}"


@register.filter
def days_remaining(due: dt.date | dt.datetime | None) -> str:
    """Due today, 3 days left, 2 days overdue (calendar days, London time)."""
    if due is None or due == "":
        return ""
    days = (_as_date(due) - clock.today()).days
    if days == 0:
        return "Due today"
    count = abs(days)
    unit = "day" if count == 1 else "days"
    return f"{count} {unit} left" if days > 0 else f"{count} {unit} overdue"


@register.filter
def status_colour(status: object) -> str:
    return STATUS_COLOURS.get(str(status or "").strip().lower(), "")


@register.simple_tag
def govuk_tag_classes(colour: object = "", status: object = "") -> str:
    """``govuk-tag`` with the colour given, or the colour of the status."""
    chosen = str(colour or "") or status_colour(status)
    return f"govuk-tag govuk-tag--{chosen}" if chosen and chosen != "blue" else "govuk-tag"


@register.filter
def govuk_item_id(base: str, index: object) -> str:
    """GOV.UK option ids: the first option has the field's id, the next ``<id>-2`` and so on."""
    if not base:
        return ""
    text = str(index)
    if text == "0":
        return base
    if text.isdigit():
        return f"{base}-{int(text) + 1}"
    return f"{base}-{text.replace('_', '-')}"


@register.filter
def govuk_modifiers(classes: object, block: str) -> str:
    """The ``<block>--*`` modifier classes set on a widget, e.g. ``govuk-radios--inline``."""
    return " ".join(c for c in str(classes or "").split() if c.startswith(f"{block}--"))


@register.filter
def govuk_cell(value: object) -> Mapping[str, Any]:
    """A table cell given as a plain value or as a dict (text, href, numeric, colour)."""
    if isinstance(value, Mapping):
        return value
    return {"text": value}


@register.filter
def govuk_has_actions(rows: Iterable[Mapping[str, Any]]) -> bool:
    return any(row.get("action_href") for row in rows)


@register.filter
def govuk_page_range(page: Page[Any]) -> list[int | str]:
    """Page numbers around the current page, with an ellipsis for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


@register.filter
def govuk_percent(value: float | None) -> str:
    """A rate as a whole percentage; "Not applicable" when there was nothing to divide by."""
    if value is None:
        return "Not applicable"
    return f"{round(value * 100)}%"
