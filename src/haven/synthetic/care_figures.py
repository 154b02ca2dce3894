"""The generated council's children in care and care leavers, measured the way the DfE counts
them (NATIONAL_STATS §3), so the council can be checked against its calibration
(docs/synthetic.md).

Rates per 10,000 children are counted against the child population the council's referrals
imply (``calibration.REFERRALS_PER_10K``), as for the protection pathway. "Today" stands for 31
March; a year is the 365 days to ``today``.
"""

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from haven.care import geography
from haven.care.enums import TEMPORARY_PLACEMENTS, PlacementProvider
from haven.care.models import (
    AdviserContact,
    CareEpisode,
    CarePeriod,
    PersonalAdviser,
    Placement,
)
from haven.casework.models import CINEpisode
from haven.people.models import Person
from haven.synthetic import calibration as cal
from haven.synthetic import pools

LEGAL_GROUPS = {
    "C1": "care_order",
    "C2": "care_order",
    "E1": "placement_order",
    "D1": "placement_order",
    "V2": "s20",
}
#: 903 PLACE codes by the groups of ``calibration.PLACEMENT_TODAY`` (foster care by provider).
PLACE_GROUPS = {
    "U1": "foster_kin",
    "U2": "foster_kin",
    "U3": "foster_kin",
    "K2": "home",
    "K1": "secure",
    "K3": "supported",
    "P1": "parents",
    "A3": "adoption",
    "A4": "adoption",
    "A5": "adoption",
    "A6": "adoption",
}
REC_GROUPS = {
    "E4A": "returned home",
    "E4B": "returned home",
    "E13": "returned home",
    "E11": "adopted",
    "E12": "adopted",
    "E45": "special guardianship",
    "E46": "special guardianship",
    "E47": "special guardianship",
    "E48": "special guardianship",
    "E41": "child arrangements order",
    "E5": "independent living",
    "E6": "independent living",
    "E17": "remained with carers at 18",
}


def place_group(place: str, provider: str) -> str:
    if place in ("U4", "U5", "U6"):
        own = provider == PlacementProvider.PR1
        return "foster_inhouse" if own else "foster_agency"
    return PLACE_GROUPS.get(place, "other")


def shares(counts: Counter[str], keys: Iterable[str] | None = None) -> dict[str, float]:
    total = sum(counts.values()) or 1
    return {k: round(counts[k] / total, 3) for k in (keys if keys is not None else counts)}


def _runs(placements: list[tuple[dt.date, dt.date | None, str, str, str]]) -> list[Any]:
    """A child's placements as the stability measures count them: temporary placements left
    out, and a return to (or a new placement with) the same carer in the same setting counted
    as the same placement."""
    runs: list[list[Any]] = []
    for start, end, place, carer, setting in placements:
        if place in TEMPORARY_PLACEMENTS:
            continue
        if runs and runs[-1][3] == carer and runs[-1][4] == setting:
            runs[-1][1] = end
            continue
        runs.append([start, end, place, carer, setting])
    return runs


def stability(today: dt.date) -> dict[str, Any]:
    """§3 STAB: children looked after today with 3 or more placements in the year; under-16s
    looked after 2.5 years or more who have lived in the same placement for 2 years (or are
    placed for adoption, with that and the placement before lasting 2 years)."""
    year_ago = today - dt.timedelta(days=365)
    open_periods = dict(
        CarePeriod.objects.filter(ended_on__isnull=True).values_list("id", "started_on")
    )
    by_period: dict[UUID, list[Any]] = defaultdict(list)
    for row in (
        Placement.objects.filter(period_id__in=list(open_periods))
        .order_by("period_id", "started_on", "created_at")
        .values_list("period_id", "started_on", "ended_on", "place", "carer", "setting_id")
    ):
        by_period[row[0]].append((row[1], row[2], row[3], row[4], str(row[5])))
    born = dict(
        Person.objects.filter(care_periods__ended_on__isnull=True).values_list(
            "care_periods__id", "date_of_birth"
        )
    )
    three = stable = long_cared = 0
    for period_id, started in open_periods.items():
        runs = _runs(by_period[period_id])
        in_year = [r for r in runs if r[1] is None or r[1] > year_ago]
        three += len(in_year) >= 3
        dob = born.get(period_id)
        if dob is None or (today - started).days < 913 or (today - dob).days >= 16 * 365.25:
            continue
        long_cared += 1
        last = runs[-1]
        if last[2] in ("A3", "A4", "A5", "A6") and len(runs) > 1:
            last = runs[-2]
        stable += (today - last[0]).days >= 730
    n = len(open_periods)
    return {
        "three_or_more_in_year": round(three / n, 3) if n else 0.0,
        "long_term_stability": round(stable / long_cared, 3) if long_cared else 0.0,
        "long_term_children": long_cared,
    }


def location(today: dt.date) -> dict[str, float]:
    """§3 new placements in the year by location: inside the council or outside, under 20
    miles from home or over; not known without a home postcode."""
    year_ago = today - dt.timedelta(days=365)
    counts: Counter[str] = Counter()
    for postcode, home, place in Placement.objects.filter(started_on__gt=year_ago).values_list(
        "postcode", "period__home_postcode", "place"
    ):
        if place in TEMPORARY_PLACEMENTS:
            continue
        miles = geography.distance_miles(home, postcode) if home else None
        if miles is None:
            counts["unknown"] += 1
            continue
        inside = geography.in_area(postcode, pools.LA_NUMBER)
        counts[("in" if inside else "out") + ("_near" if miles < 20 else "_far")] += 1
    return shares(counts, ["in_near", "in_far", "out_near", "out_far", "unknown"])


def leavers() -> dict[str, Any]:
    """Care leavers with a personal adviser today, and where each stood at the last contact
    (§3 "Care leavers aged 19-21")."""
    current = set(
        PersonalAdviser.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    latest: dict[UUID, tuple[str, str, str, bool | None]] = {}
    rows = (
        AdviserContact.objects.filter(child_id__in=list(current))
        .order_by("child_id", "-contact_on")
        .values_list("child_id", "in_touch", "activity", "accommodation", "accommodation_suitable")
    )
    for child_id, group in itertools.groupby(rows, key=lambda r: r[0]):
        first = next(group)
        latest[child_id] = first[1:]
    n = len(latest) or 1
    in_touch = sum(1 for t, *_ in latest.values() if t in ("YES", "RHOM"))
    eet = sum(1 for _, a, *_ in latest.values() if a and not a.startswith("G"))
    suitable = sum(1 for *_, s in latest.values() if s)
    known = sum(1 for *_, s in latest.values() if s is not None) or 1
    return {
        "with_adviser": len(current),
        "in_touch": round(in_touch / n, 3),
        "eet": round(eet / n, 3),
        "suitable_accommodation": round(suitable / n, 3),
        "suitable_where_known": round(suitable / known, 3),
    }


def care_figures(*, today: dt.date) -> dict[str, Any]:
    """The children in care figures NATIONAL_STATS §3 gives, measured on the council."""
    year_ago = today - dt.timedelta(days=365)
    referrals = CINEpisode.objects.filter(referral_date__gt=year_ago).count()
    population = referrals / cal.REFERRALS_PER_10K * 10_000
    current = CareEpisode.objects.filter(ended_on__isnull=True)
    looked_after = current.count()
    legal: Counter[str] = Counter(
        LEGAL_GROUPS.get(code, "other") for code in current.values_list("legal_status", flat=True)
    )
    places: Counter[str] = Counter(
        place_group(place, provider)
        for place, provider in Placement.objects.filter(ended_on__isnull=True).values_list(
            "place", "provider"
        )
    )
    children = Person.objects.filter(care_episodes__ended_on__isnull=True)
    uasc = children.filter(uasc=True)
    ceased = CareEpisode.objects.filter(ended_on__gt=year_ago).exclude(reason_ceased="X1")
    rec: Counter[str] = Counter(
        REC_GROUPS.get(r, "other") for r in ceased.values_list("reason_ceased", flat=True)
    )
    care_leavers = leavers()
    return {
        "implied_population": round(population),
        "looked_after": looked_after,
        "per_10k": round(looked_after / population * 10_000, 1) if population else 0.0,
        "legal_status": shares(legal, cal.LEGAL_STATUS_TODAY),
        "placement": shares(places, cal.PLACEMENT_TODAY),
        "uasc_share": round(uasc.count() / looked_after, 3) if looked_after else 0.0,
        "uasc_16_17": round(
            uasc.filter(date_of_birth__lte=today - dt.timedelta(days=int(16 * 365.25))).count()
            / (uasc.count() or 1),
            3,
        ),
        "uasc_male": round(uasc.filter(sex="M").count() / (uasc.count() or 1), 3),
        "ceased_in_year": sum(rec.values()),
        "ceased_reasons": shares(rec),
        "location": location(today),
        **stability(today),
        "care_leavers": care_leavers["with_adviser"],
        "care_leavers_per_looked_after": round(care_leavers["with_adviser"] / looked_after, 2)
        if looked_after
        else 0.0,
        "leavers": care_leavers,
        "irregular_open": Placement.objects.filter(irregular=True, ended_on__isnull=True).count(),
    }
