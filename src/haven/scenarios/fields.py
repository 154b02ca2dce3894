"""The fields of a scenario event: dates, moments, codes, flags and references, each read with
an error that names the field. Every area's event handlers use these."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from haven.allocation.models import Team
from haven.core import clock


class ScenarioError(Exception):
    """A scenario file that cannot be loaded, with where and why."""


@dataclass
class Context:
    refs: dict[str, Any] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)

    def get(self, ref: Any, what: str) -> Any:
        if ref not in self.refs:
            raise ScenarioError(f"unknown {what} '{ref}': define it before it is used")
        return self.refs[ref]

    def get_a[T](self, ref: Any, what: str, kind: type[T]) -> T:
        """``get``, refusing a ref that names something else (say, a child for an episode)."""
        obj = self.get(ref, what)
        if not isinstance(obj, kind):
            article = "an" if what[0] in "aeiou" else "a"
            raise ScenarioError(f"'{ref}' does not name {article} {what}")
        return obj


def as_date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise ScenarioError(f"'{name}' must be a date like 2026-01-31, not '{value}'") from e


def opt_date(value: Any, name: str) -> dt.date | None:
    return None if value in (None, "") else as_date(value, name)


def as_code[C: models.TextChoices](choices: type[C], value: Any, name: str) -> C:
    """A code from one of Haven's code sets, or an error naming the field and the codes."""
    if isinstance(value, bool):  # YAML 1.1 reads a bare yes/no as a boolean
        value = "yes" if value else "no"
    try:
        return choices(str(value))
    except ValueError:
        codes = ", ".join(str(c) for c in choices.values)
        raise ScenarioError(f"{name}: '{value}' is not one of {codes}") from None


def opt_code(choices: type[models.TextChoices], value: Any, name: str) -> str:
    return "" if value in (None, "") else as_code(choices, value, name)


def as_flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(f"{name}: must be true or false, not '{value}'")
    return value


def as_list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioError(f"{name}: give a list, like [maya, leo]")
    return value


def as_moment(value: Any, name: str) -> dt.datetime:
    """A London date and time, ``2026-01-31 18:30`` (or a date, at 09:00)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=clock.LONDON)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, 9, 0, tzinfo=clock.LONDON)
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError as err:
        raise ScenarioError(f"'{name}' must be a date and time like 2026-01-31 18:30") from err
    return moment if moment.tzinfo else moment.replace(tzinfo=clock.LONDON)
