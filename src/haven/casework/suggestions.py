"""Assessment factors that other areas of the record suggest for a child.

Areas above casework (missing episodes, exploitation screening) know things that are CIN census
factors: a child going missing is 10A; a screening that finds child sexual exploitation is 11A.
They register a source here when their app is ready, so casework needs nothing from them. When a
worker completes an assessment, the factors form starts with the suggestions ticked and says where
each came from; the worker decides what stays.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Suggestion:
    code: str  # a CIN census factor code, such as "11A"
    reason: str  # where it came from, naming no one


#: A source: the child, and the assessment's start and the day it is being completed.
Source = Callable[[UUID, dt.date, dt.date], list[Suggestion]]
_SOURCES: list[Source] = []


def register(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def suggested_factors(child_id: UUID, started_on: dt.date, today: dt.date) -> list[Suggestion]:
    """Every registered source's suggestions, first reason kept for each code, in code order."""
    found: dict[str, Suggestion] = {}
    for source in _SOURCES:
        for suggestion in source(child_id, started_on, today):
            found.setdefault(suggestion.code, suggestion)
    return sorted(found.values(), key=lambda s: (len(s.code), s.code))
