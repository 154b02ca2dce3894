"""Reads for the emergency protection and neglect pages: one protective order by its id, the
long-term neglect list for managers, and a child's outcome ratings drawn over time.

Who may see which rows is the people policy's question, asked by the view; these selectors
return the whole council's answer.
"""

import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from haven.core.errors import NotFound
from haven.protection.enums import SCORE_MAX, SCORE_MIN, PlanKind
from haven.protection.models import Plan, ProtectiveOrder
from haven.protection.selectors.neglect import (
    LongTermNeglect,
    NeglectEvent,
    long_term_neglect,
    neglect_months,
)
from haven.timescales.calendar import add_months


def protective_order_get(*, order_id: UUID | str) -> ProtectiveOrder:
    try:
        return ProtectiveOrder.objects.select_related("child").get(pk=order_id)
    except (ProtectiveOrder.DoesNotExist, ValueError) as e:
        raise NotFound("No such order") from e


def whole_months(since: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``since`` to ``today``, counted as the look-back counts them
    (``add_months``: 31 January + 1 month is the last day of February)."""
    months = max(0, (today.year - since.year) * 12 + today.month - since.month)
    while months and add_months(since, months) > today:
        months -= 1
    return months


@dataclass(frozen=True)
class NeglectRow:
    position: int
    child_id: Any
    plan: Plan
    since: dt.date
    months: int
    baseline: float
    latest: float | None


@dataclass(frozen=True)
class NeglectList:
    """Every child flagged as living with long-term neglect without improvement, oldest run
    first, with the figures a manager or analyst sees whoever the children are."""

    today: dt.date
    months_setting: int
    flags: list[LongTermNeglect]

    @property
    def total(self) -> int:
        return len(self.flags)

    @property
    def child_ids(self) -> list[Any]:
        return [f.child_id for f in self.flags]

    @property
    def by_kind(self) -> list[tuple[str, int]]:
        counts = Counter(f.plan.kind for f in self.flags)
        return [(kind.label, counts[kind]) for kind in PlanKind]

    def rows(self, child_ids: Collection[Any]) -> list[NeglectRow]:
        """The rows for ``child_ids`` (those the user may see), numbered from 1."""
        shown = [f for f in self.flags if f.child_id in child_ids]
        return [
            NeglectRow(
                position=position,
                child_id=f.child_id,
                plan=f.plan,
                since=f.since,
                months=whole_months(f.since, self.today),
                baseline=f.baseline,
                latest=f.latest,
            )
            for position, f in enumerate(shown, start=1)
        ]


def long_term_neglect_list(*, today: dt.date) -> NeglectList:
    return NeglectList(
        today=today, months_setting=neglect_months(), flags=long_term_neglect(today=today)
    )


@dataclass(frozen=True)
class ChartPoint:
    on: dt.date
    score: float
    x: float
    y: float


@dataclass(frozen=True)
class RatingChart:
    """Outcome ratings over time, laid out for an inline SVG: each rating a dot, and a line
    through the mean rating at each review. The chronology's table holds the same numbers."""

    width: int
    height: int
    left: int
    top: int
    bottom: int
    right: int
    starts_on: dt.date
    ends_on: dt.date
    dots: list[ChartPoint]
    means: list[ChartPoint]
    ticks: list[tuple[int, float]]  # (score, y)
    baseline: tuple[float, float] | None  # (score, y)

    @property
    def plot_right(self) -> int:
        return self.width - self.right

    @property
    def line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.means)

    @property
    def first(self) -> ChartPoint:
        return self.means[0]

    @property
    def last(self) -> ChartPoint:
        return self.means[-1]


def rating_chart(
    events: Sequence[NeglectEvent],
    *,
    baseline: float | None = None,
    width: int = 640,
    height: int = 240,
) -> RatingChart | None:
    """The ratings among ``events`` (oldest first) placed on a chart ``width`` by ``height``:
    dates along, from the first event to the last, and scores (0 to 10) up. None when nothing
    has been rated yet."""
    rated = [e for e in events if e.score is not None]
    if not rated:
        return None
    left, right, top, bottom = 48, 16, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    first, last = events[0].on, events[-1].on
    span = (last - first).days

    def x(on: dt.date) -> float:
        return left + (plot_w / 2 if span == 0 else plot_w * (on - first).days / span)

    def y(score: float) -> float:
        return top + plot_h * (SCORE_MAX - score) / (SCORE_MAX - SCORE_MIN)

    by_day: dict[dt.date, list[int]] = {}
    for e in rated:
        assert e.score is not None
        by_day.setdefault(e.on, []).append(e.score)
    means = [
        ChartPoint(on, round(sum(s) / len(s), 1), x(on), y(sum(s) / len(s)))
        for on, s in sorted(by_day.items())
    ]
    dots = [ChartPoint(e.on, e.score, x(e.on), y(e.score)) for e in rated if e.score is not None]
    ticks = [(score, y(score)) for score in range(SCORE_MIN, SCORE_MAX + 1, 2)]
    return RatingChart(
        width=width,
        height=height,
        left=left,
        top=top,
        bottom=bottom,
        right=right,
        starts_on=first,
        ends_on=last,
        dots=dots,
        means=means,
        ticks=ticks,
        baseline=None if baseline is None else (round(baseline, 1), y(baseline)),
    )
