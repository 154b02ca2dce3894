"""How settled children in care are: the DfE's stability measures and where children live.

* **Three or more placements**: of the children looked after on a date, how many had three or
  more placements in the 12 months before it — the placement they were in at the start of the
  window and every one that started in it. The DfE's companion measure counts the same over
  two years, for children looked after for two years or more.
* **Long-term stability**: of the children under 16 looked after continuously for two and a
  half years or more, how many have lived in the same placement for two years or more — or are
  placed for adoption, and the adoptive placement and the one before it together reach two
  years.
* **Distance from home**: each child's placement inside or outside the council's area, and
  more or less than 20 miles from the home they came from (``geography``).

As the DfE counts them, and so here:

* children looked after under an agreed series of short breaks (legal status V3 or V4) are
  left out of every measure;
* temporary placements (T0 to T4: a holiday, a stay in hospital, a few days elsewhere) are not
  placements, and going back to the same carers after one is not a move;
* a move that keeps the child with the same carers (903 ``RNE`` T or U, the carers' own change
  of placement type, a child placed for adoption with the foster carers who had them, A3 or A5)
  is not a move.

Everything is read in two queries — the children looked after on the date, and their
placements of the last three years — and counted here, so the page's cost does not grow with
each child's history beyond that.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from haven.care import geography
from haven.care.enums import (
    ADOPTION_PLACEMENTS,
    SHORT_BREAKS,
    TEMPORARY_PLACEMENTS,
    PlacementType,
    ReasonNewEpisode,
)
from haven.care.models import CareEpisode, Placement
from haven.care.rules import years_old
from haven.timescales.calendar import add_months

#: Placements in the window that make a child's care unstable.
MANY_PLACEMENTS = 3
#: The DfE's long-term measure: looked after this many months, same placement this many.
LONG_TERM_LOOKED_AFTER_MONTHS = 30
LONG_TERM_SAME_PLACEMENT_MONTHS = 24
LONG_TERM_UNDER_AGE = 16
#: Miles from home beyond which a placement counts as distant (the DfE statistics' measure).
FAR_MILES = 20
#: How far back placements are read: the longest look-back (two years) with a year to spare
#: for a stay that began earlier.
READ_BACK_MONTHS = 36
#: Placed for adoption with the foster carers already caring for the child: not a move.
WITH_CURRENT_CARERS = frozenset({PlacementType.A3, PlacementType.A5})
SAME_CARERS = (ReasonNewEpisode.T, ReasonNewEpisode.U)


@dataclass(frozen=True)
class National:
    """A national figure to compare with, and where it comes from."""

    rate: float
    source: str


#: England's figures (NATIONAL_STATS.md §3). [U] marks one the DfE has not confirmed lately.
NATIONAL_THREE_IN_YEAR = National(
    0.10, "England: about 10% in recent years (10% in 2019, the last confirmed figure)"
)
NATIONAL_THREE_IN_TWO_YEARS = National(
    0.23, "England, 31 March 2024: 23% (13,700 of 60,430 looked after two years or more)"
)
NATIONAL_LONG_TERM = National(
    0.68, "England, 31 March 2024: 68% (19,750 of 29,000 under-16s looked after 2½ years)"
)
NATIONAL_OUT_OF_AREA = National(
    0.36, "England, new placements in 2024 to 2025: 36% outside the council’s area"
)
NATIONAL_FAR = National(
    0.21, "England, new placements in 2024 to 2025: 21% more than 20 miles from home"
)
#: New placements in England in 2024 to 2025 by location, as the DfE tabulates them.
NATIONAL_LOCATION = {
    (True, False): 0.46,
    (True, True): 0.05,
    (False, False): 0.20,
    (False, True): 0.16,
    None: 0.13,
}


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class _Placement:
    child_id: UUID
    period_id: UUID
    place: str
    carers: tuple[Any, str, str]  # setting, carer's name, postcode: who and where
    same_carers: bool  # the 903 episode that began it says so (RNE T or U)
    started_on: dt.date
    ended_on: dt.date | None  # as it stood on the date asked about
    postcode: str


@dataclass
class Stay:
    """A run of placements with the same carers: what the DfE counts as one placement."""

    period_id: UUID
    carers: tuple[Any, str, str]
    started_on: dt.date
    ended_on: dt.date | None
    first_place: str


def _continues(stay: Stay, p: _Placement) -> bool:
    if stay.period_id != p.period_id:
        return False
    return p.same_carers or p.place in WITH_CURRENT_CARERS or p.carers == stay.carers


def stays(placements: Iterable[_Placement]) -> list[Stay]:
    """One child's placements, oldest first, folded into stays: a temporary placement belongs
    to the stay it interrupts; a placement with the same carers continues the stay."""
    found: list[Stay] = []
    for p in sorted(placements, key=lambda p: (p.started_on, p.ended_on or dt.date.max)):
        current = found[-1] if found else None
        if p.place in TEMPORARY_PLACEMENTS:
            if current is not None and current.period_id == p.period_id:
                current.ended_on = p.ended_on
            continue
        if current is not None and _continues(current, p):
            current.ended_on, current.carers = p.ended_on, p.carers
            continue
        found.append(Stay(p.period_id, p.carers, p.started_on, p.ended_on, p.place))
    return found


@dataclass(frozen=True)
class LookedAfter:
    """A child looked after on the date, with what the measures need to know of them."""

    child_id: UUID
    la_child_id: str
    date_of_birth: dt.date | None
    since: dt.date  # the start of this period of care
    home_postcode: str


def looked_after_on(on: dt.date) -> QuerySet[CareEpisode]:
    """The episodes open at the end of ``on``, children on short breaks left out."""
    return (
        CareEpisode.objects.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exclude(legal_status__in=SHORT_BREAKS)
    )


def _cohort(on: dt.date) -> list[LookedAfter]:
    rows = looked_after_on(on).values_list(
        "child_id",
        "child__la_child_id",
        "child__date_of_birth",
        "period__started_on",
        "period__home_postcode",
    )
    return [LookedAfter(*row) for row in rows]


def _placements(on: dt.date) -> dict[UUID, list[_Placement]]:
    same_carers = CareEpisode.objects.filter(
        placement_id=OuterRef("pk"), reason_new__in=SAME_CARERS
    )
    rows = (
        Placement.objects.filter(
            child_id__in=looked_after_on(on).values("child_id"), started_on__lte=on
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=add_months(on, -READ_BACK_MONTHS)))
        .annotate(same_carers=Exists(same_carers))
        .values_list(
            "child_id",
            "period_id",
            "place",
            "setting_id",
            "carer",
            "postcode",
            "same_carers",
            "started_on",
            "ended_on",
        )
        .order_by()
    )
    by_child: dict[UUID, list[_Placement]] = defaultdict(list)
    for child_id, period_id, place, setting_id, carer, postcode, same, start, end in rows:
        by_child[child_id].append(
            _Placement(
                child_id=child_id,
                period_id=period_id,
                place=place,
                carers=(setting_id, carer.strip().casefold(), postcode),
                same_carers=same,
                started_on=start,
                ended_on=end if end is not None and end <= on else None,
                postcode=postcode,
            )
        )
    return by_child


# Three or more placements


@dataclass(frozen=True)
class ManyPlacements:
    """A child with three or more placements in the window."""

    child_id: UUID
    la_child_id: str
    placements: int


@dataclass(frozen=True)
class MovesMeasure:
    """Three or more placements in the ``months`` up to the date."""

    months: int
    looked_after: int  # the children the measure is over
    children: list[ManyPlacements]
    national: National

    @property
    def count(self) -> int:
        return len(self.children)

    @property
    def rate(self) -> float | None:
        return _rate(self.count, self.looked_after)


def placements_in_window(child_stays: list[Stay], *, on: dt.date, opens: dt.date) -> int:
    """Stays the child had from ``opens`` to ``on``: the one in place when the window opened
    and each that began in it."""
    return sum(
        1 for s in child_stays if s.started_on <= on and (s.ended_on is None or s.ended_on >= opens)
    )


def window_opens(on: dt.date, months: int) -> dt.date:
    """The first day of the ``months`` up to and including ``on``."""
    return add_months(on, -months) + dt.timedelta(days=1)


def _moves(
    cohort: list[LookedAfter], by_child: dict[UUID, list[Stay]], *, on: dt.date, months: int
) -> MovesMeasure:
    counted = cohort
    if months > 12:  # the two-year measure is over children looked after two years or more
        counted = [c for c in cohort if c.since <= add_months(on, -months)]
    opens = window_opens(on, months)
    children = []
    for child in counted:
        n = placements_in_window(by_child.get(child.child_id, []), on=on, opens=opens)
        if n >= MANY_PLACEMENTS:
            children.append(ManyPlacements(child.child_id, child.la_child_id, n))
    children.sort(key=lambda c: (-c.placements, c.la_child_id))
    national = NATIONAL_THREE_IN_YEAR if months <= 12 else NATIONAL_THREE_IN_TWO_YEARS
    return MovesMeasure(months, len(counted), children, national)


# Long-term stability


@dataclass(frozen=True)
class Unsettled:
    """A child looked after 2½ years or more, not in the same placement for two years."""

    child_id: UUID
    la_child_id: str
    looked_after_since: dt.date
    placed_since: dt.date


@dataclass(frozen=True)
class LongTermMeasure:
    """Under-16s looked after 2½ years or more, and how many in one placement for 2 years."""

    looked_after: int  # under 16, looked after 2½ years or more
    stable: int
    unsettled: list[Unsettled]
    national: National = NATIONAL_LONG_TERM

    @property
    def rate(self) -> float | None:
        return _rate(self.stable, self.looked_after)


def placed_since(child_stays: list[Stay]) -> dt.date | None:
    """Since when the child has been in their placement, as the long-term measure counts it:
    for a child placed for adoption away from their foster carers, since the placement before."""
    if not child_stays:
        return None
    current = child_stays[-1]
    if current.first_place in ADOPTION_PLACEMENTS and len(child_stays) > 1:
        before = child_stays[-2]
        if before.period_id == current.period_id and before.ended_on == current.started_on:
            return before.started_on
    return current.started_on


def _long_term(
    cohort: list[LookedAfter], by_child: dict[UUID, list[Stay]], *, on: dt.date
) -> LongTermMeasure:
    long_since = add_months(on, -LONG_TERM_LOOKED_AFTER_MONTHS)
    settled_by = add_months(on, -LONG_TERM_SAME_PLACEMENT_MONTHS)
    counted = [
        c
        for c in cohort
        if c.since <= long_since and (years_old(c.date_of_birth, on) or 0) < LONG_TERM_UNDER_AGE
    ]
    unsettled = []
    for child in counted:
        since = placed_since(by_child.get(child.child_id, [])) or on
        if since > settled_by:
            unsettled.append(Unsettled(child.child_id, child.la_child_id, child.since, since))
    unsettled.sort(key=lambda u: (u.placed_since, u.la_child_id), reverse=True)
    return LongTermMeasure(len(counted), len(counted) - len(unsettled), unsettled)


# Distance from home


@dataclass(frozen=True)
class Whereabouts:
    """Where a child's placement is, against the council's area and the home they came from."""

    child_id: UUID
    la_child_id: str
    la_code: str  # "" when the placement's district is not known
    la_name: str
    in_area: bool | None
    miles: float | None

    @property
    def far(self) -> bool | None:
        return None if self.miles is None else self.miles > FAR_MILES

    @property
    def cell(self) -> tuple[bool, bool] | None:
        """The DfE's location table: (inside the area, more than 20 miles), or not known."""
        if self.in_area is None or self.far is None:
            return None
        return (self.in_area, self.far)


@dataclass(frozen=True)
class LocationCell:
    """A row of the DfE's location table: here, and in England."""

    label: str
    count: int
    rate: float | None
    national: float


@dataclass(frozen=True)
class LocationMeasure:
    """Each looked-after child's placement today, against home and the council's area."""

    la_code: str  # the council's 903 LA number
    placements: list[Whereabouts]
    national_out_of_area: National = NATIONAL_OUT_OF_AREA
    national_far: National = NATIONAL_FAR

    @property
    def total(self) -> int:
        return len(self.placements)

    @property
    def out_of_area(self) -> int:
        return sum(1 for w in self.placements if w.in_area is False)

    @property
    def far(self) -> int:
        return sum(1 for w in self.placements if w.far)

    @property
    def out_of_area_rate(self) -> float | None:
        return _rate(self.out_of_area, self.total)

    @property
    def far_rate(self) -> float | None:
        return _rate(self.far, self.total)

    @property
    def cells(self) -> list[LocationCell]:
        labels = {
            (True, False): "Inside the area, 20 miles or less from home",
            (True, True): "Inside the area, more than 20 miles from home",
            (False, False): "Outside the area, 20 miles or less from home",
            (False, True): "Outside the area, more than 20 miles from home",
            None: "Not known (a postcode missing or not recognised)",
        }
        counts: dict[Any, int] = defaultdict(int)
        for w in self.placements:
            counts[w.cell] += 1
        return [
            LocationCell(label, counts[key], _rate(counts[key], self.total), NATIONAL_LOCATION[key])
            for key, label in labels.items()
        ]

    @property
    def away(self) -> list[Whereabouts]:
        """Children placed outside the area or more than 20 miles from home, farthest first."""
        rows = [w for w in self.placements if w.in_area is False or w.far]
        return sorted(rows, key=lambda w: (-(w.miles or 0), w.la_child_id))


def _location(
    cohort: list[LookedAfter],
    placements: dict[UUID, list[_Placement]],
    *,
    la_code: str,
) -> LocationMeasure:
    rows = []
    for child in cohort:
        current = [p for p in placements.get(child.child_id, []) if p.ended_on is None]
        if not current:
            continue
        postcode = current[-1].postcode
        district = geography.OUTCODES.get(geography.outcode(postcode))
        rows.append(
            Whereabouts(
                child_id=child.child_id,
                la_child_id=child.la_child_id,
                la_code=district.la_code if district else "",
                la_name=district.la_name if district else "",
                in_area=geography.in_area(postcode, la_code),
                miles=geography.distance_miles(child.home_postcode, postcode)
                if child.home_postcode
                else None,
            )
        )
    return LocationMeasure(la_code=la_code, placements=rows)


# All three


@dataclass(frozen=True)
class Stability:
    """The measures for the children looked after at the end of ``on``."""

    on: dt.date
    looked_after: int
    in_year: MovesMeasure
    in_two_years: MovesMeasure
    long_term: LongTermMeasure
    location: LocationMeasure

    @property
    def child_ids(self) -> set[UUID]:
        """Every child any list names: the view asks which the user may open."""
        return (
            {c.child_id for c in self.in_year.children}
            | {c.child_id for c in self.in_two_years.children}
            | {u.child_id for u in self.long_term.unsettled}
            | {w.child_id for w in self.location.away}
        )


def stability(*, on: dt.date, la_code: str | None = None) -> Stability:
    """The stability measures for children looked after at the end of ``on`` (two queries).
    ``la_code`` is the council's 903 LA number (its setting ``HAVEN_LA_OLD_CODE`` unless
    given)."""
    code = la_code if la_code is not None else settings.HAVEN_LA_OLD_CODE
    cohort = _cohort(on)
    placements = _placements(on)
    by_child = {child_id: stays(rows) for child_id, rows in placements.items()}
    return Stability(
        on=on,
        looked_after=len(cohort),
        in_year=_moves(cohort, by_child, on=on, months=12),
        in_two_years=_moves(cohort, by_child, on=on, months=24),
        long_term=_long_term(cohort, by_child, on=on),
        location=_location(cohort, placements, la_code=code),
    )
