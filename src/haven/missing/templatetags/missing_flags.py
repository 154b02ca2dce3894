"""The missing flags beside a child's name on their record: missing now, and missing again and
again (``EPISODES`` or more times in ``WITHIN_DAYS`` days). The record page loads this library
by name, so the people app needs nothing from this one."""

from typing import Any

from django import template

from haven.core import clock
from haven.missing.selectors import episodes_in_window, is_missing_now
from haven.timescales.clocks.repeat_missing_review import EPISODES, WITHIN_DAYS

register = template.Library()


@register.inclusion_tag("missing/_flags.html")
def missing_flags(person: Any) -> dict[str, Any]:
    if not person.is_child:
        return {}
    recent = episodes_in_window(child_id=person.pk, at=clock.now())
    return {
        "person": person,
        "missing_now": is_missing_now(child_id=person.pk),
        "recent": recent if recent >= EPISODES else 0,
        "days": WITHIN_DAYS,
    }
