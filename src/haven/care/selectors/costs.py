"""What care costs: the financial year's spend to date and forecast by placement type and by
team, and the most expensive placements open now — the figures a council in financial
difficulty watches every month.

A placement's weekly cost is its own (an agreed price, ``Placement.weekly_cost``) or else its
setting's from the providers register; with neither it is unknown, left out of the sums and
counted apart so that a gap in the register cannot pass for a saving.

Spend is prorated by the day: a seventh of the weekly cost for each day in the financial year
(1 April to 31 March) from the day the placement started, or 1 April if earlier, up to the
day before it ended. The day of a move is paid to the new placement, so no day is paid twice.
The forecast assumes every open placement continues to 31 March at its weekly cost.

The sums are worked out in the database (a handful of queries however large the council);
``days_paid`` and ``prorated`` are the same arithmetic for one placement, for the top list
and for tests to check the database against.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least

from haven.allocation.models import Allocation
from haven.care.enums import PlacementType
from haven.care.models import Placement

PENNY = Decimal("0.01")
TOP_PLACEMENTS = 20
NO_TEAM = "No allocated worker"
_MONEY = DecimalField(max_digits=18, decimal_places=2)


@dataclass(frozen=True)
class FinancialYear:
    """A council's financial year, 1 April to 31 March."""

    starts_on: dt.date
    ends_on: dt.date

    @property
    def label(self) -> str:
        return f"{self.starts_on.year} to {self.ends_on.year}"


def financial_year(day: dt.date) -> FinancialYear:
    """The financial year ``day`` falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return FinancialYear(dt.date(first, 4, 1), dt.date(first + 1, 3, 31))


def days_paid(
    started_on: dt.date, ended_on: dt.date | None, *, year: FinancialYear, until: dt.date
) -> int:
    """Days of a placement paid for in ``year`` up to and including ``until``: from its start
    (or 1 April) to the day before its end, or to ``until`` while it is open."""
    stop = min(ended_on, until + dt.timedelta(days=1)) if ended_on else until + dt.timedelta(1)
    return max(0, (stop - max(started_on, year.starts_on)).days)


def prorated(weekly: Decimal, days: int) -> Decimal:
    """A seventh of the weekly cost for each day, to the penny."""
    return (weekly * days / 7).quantize(PENNY, rounding=ROUND_HALF_UP)


def _pounds(day_pounds: Decimal | None) -> Decimal:
    """Money from a sum of (days x weekly cost)."""
    return prorated(day_pounds or Decimal(0), 1)


class DaysBetween(Func):
    """Whole days from the second date to the first (``end - start``): PostgreSQL subtracts
    dates to a whole number of days; SQLite needs their Julian day numbers."""

    arity = 2
    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = IntegerField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


#: A placement's weekly cost: its own, else its setting's; NULL when neither is known.
WEEKLY_COST = Coalesce(F("weekly_cost"), F("setting__weekly_cost"), output_field=_MONEY)


def _day_pounds(year: FinancialYear, until: dt.date) -> Sum:
    """Sum over placements of (days paid x weekly cost), as ``days_paid`` counts the days."""
    stop = Value(until + dt.timedelta(days=1))
    days = Greatest(
        DaysBetween(
            Least(Coalesce(F("ended_on"), stop), stop),
            Greatest(F("started_on"), Value(year.starts_on)),
        ),
        Value(0),
    )
    return Sum(ExpressionWrapper(days * WEEKLY_COST, output_field=_MONEY), output_field=_MONEY)


def _in_year(year: FinancialYear, today: dt.date) -> QuerySet[Placement]:
    """Placements with at least one day in the year so far."""
    return Placement.objects.filter(started_on__lte=min(today, year.ends_on)).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=year.starts_on)
    )


def _team_now() -> Subquery:
    """The team of the worker allocated to the child now (not the team at allocation)."""
    return Subquery(
        Allocation.objects.filter(child_id=OuterRef("child_id"), ended_on__isnull=True).values(
            "worker__team__name"
        )[:1]
    )


@dataclass(frozen=True)
class SpendLine:
    """Spend on one group of placements: this year so far and forecast to 31 March."""

    label: str
    placements: int  # with a day in the year so far
    open: int
    no_cost: int  # of ``placements``, how many have no known weekly cost
    spent: Decimal
    forecast: Decimal


def _lines(rows: Any, label: Any) -> list[SpendLine]:
    lines = [
        SpendLine(
            label=label(row["key"]),
            placements=row["placements"],
            open=row["open"],
            no_cost=row["no_cost"],
            spent=_pounds(row["spent"]),
            forecast=_pounds(row["forecast"]),
        )
        for row in rows
    ]
    return sorted(lines, key=lambda line: (-line.forecast, line.label))


def _grouped(placements: QuerySet[Placement], key: Any, year: FinancialYear, today: dt.date) -> Any:
    return (
        placements.annotate(key=key)
        .values("key")
        .annotate(
            placements=Count("id"),
            open=Count("id", filter=Q(ended_on__isnull=True)),
            no_cost=Count(
                "id", filter=Q(weekly_cost__isnull=True, setting__weekly_cost__isnull=True)
            ),
            spent=_day_pounds(year, today),
            forecast=_day_pounds(year, year.ends_on),
        )
        .order_by()
    )


def _place_label(code: str) -> str:
    return f"{PlacementType(code).label} ({code})" if code in PlacementType.values else code


@dataclass(frozen=True)
class CostlyPlacement:
    """One of the most expensive open placements. The child is named only by id."""

    placement_id: UUID
    child_id: UUID
    la_child_id: str
    place: str
    place_label: str
    setting: str
    provider: str
    weekly_cost: Decimal
    started_on: dt.date
    weeks: int
    spent: Decimal  # this financial year to date


def most_expensive(*, today: dt.date, limit: int = TOP_PLACEMENTS) -> list[CostlyPlacement]:
    """The open placements with the highest weekly cost, dearest first (one query)."""
    year = financial_year(today)
    rows = (
        Placement.objects.filter(ended_on__isnull=True)
        .annotate(cost=WEEKLY_COST)
        .filter(cost__isnull=False)
        .select_related("setting__provider", "child")
        .only(
            "id",
            "child_id",
            "child__la_child_id",
            "place",
            "provider",
            "started_on",
            "ended_on",
            "weekly_cost",
            "setting__name",
            "setting__weekly_cost",
            "setting__provider__name",
        )
        .order_by("-cost", "started_on", "id")[:limit]
    )
    return [
        CostlyPlacement(
            placement_id=p.pk,
            child_id=p.child_id,
            la_child_id=p.child.la_child_id,
            place=p.place,
            place_label=_place_label(p.place),
            setting=p.setting.name if p.setting else "",
            provider=p.setting.provider.name if p.setting else p.get_provider_display(),
            weekly_cost=p.cost,
            started_on=p.started_on,
            weeks=(today - p.started_on).days // 7,
            spent=prorated(p.cost, days_paid(p.started_on, p.ended_on, year=year, until=today)),
        )
        for p in rows
    ]


@dataclass(frozen=True)
class CareCosts:
    """The year's spend and forecast, by placement type and by team, and the dearest
    placements open now."""

    today: dt.date
    year: FinancialYear
    by_type: list[SpendLine]
    by_team: list[SpendLine]
    total: SpendLine
    top: list[CostlyPlacement]

    @property
    def no_cost(self) -> int:
        """Placements in the year so far whose weekly cost is not known: not in the sums."""
        return self.total.no_cost


def care_costs(*, today: dt.date) -> CareCosts:
    """Spend this financial year to ``today`` and the forecast to 31 March (three queries)."""
    year = financial_year(today)
    placements = _in_year(year, today)
    by_type_rows = list(_grouped(placements, F("place"), year, today))
    by_team_rows = _grouped(placements, _team_now(), year, today)
    day_pounds = {
        "spent": sum((r["spent"] or Decimal(0) for r in by_type_rows), Decimal(0)),
        "forecast": sum((r["forecast"] or Decimal(0) for r in by_type_rows), Decimal(0)),
    }
    total = SpendLine(
        label="All placements",
        placements=sum(r["placements"] for r in by_type_rows),
        open=sum(r["open"] for r in by_type_rows),
        no_cost=sum(r["no_cost"] for r in by_type_rows),
        spent=_pounds(day_pounds["spent"]),
        forecast=_pounds(day_pounds["forecast"]),
    )
    return CareCosts(
        today=today,
        year=year,
        by_type=_lines(by_type_rows, _place_label),
        by_team=_lines(by_team_rows, lambda name: name or NO_TEAM),
        total=total,
        top=most_expensive(today=today),
    )
