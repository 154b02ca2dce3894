import datetime as dt
from typing import Any

from haven.core import clock
from haven.people.enums import PersonKind


def check_not_future(errors: dict[str, str], field: str, value: dt.date, label: str) -> None:
    if value > clock.today():
        errors.setdefault(field, f"{label} must be today or in the past")


def check_is_child(errors: dict[str, str], child: Any) -> None:
    if getattr(child, "kind", None) != PersonKind.CHILD:
        errors.setdefault("child", "Only a child can have casework recorded")


def user_or_none(actor: Any) -> Any:
    """Services run for people and for scenario replays (actor None)."""
    return actor if getattr(actor, "pk", None) else None
