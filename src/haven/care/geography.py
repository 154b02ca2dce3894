"""Where a placement is: which local authority a postcode district lies in, and how far apart two
districts are.

The 903 return records each placement's postcode and asks whether it is inside the council's
boundary and more than 20 miles from the child's home. Both answers need only the outward part of
a postcode (the district, ``NN1``), so no full address is ever looked up.

The districts come from ``data/outcodes.csv`` (columns ``outcode,la_code,la_name,lat,lon``). Its
centroids are approximate district centres, good to about a mile — enough for the 20-mile test,
not for routing. A district that straddles a boundary is given to the authority holding most of
it. ``la_code`` is the DfE's three-digit LA number used in the 903 (``940`` West
Northamptonshire); Wales and Scotland are ``WAL`` and ``SCO``, as the 903 records placements
outside England. A council can replace the file with the ONS Postcode Directory's district
figures in the same columns.
"""

import csv
import functools
import math
import re
from dataclasses import dataclass
from importlib import resources

EARTH_RADIUS_MILES = 3958.8
_INWARD = re.compile(r"\d[A-Z]{2}")


@dataclass(frozen=True)
class Outcode:
    """A postcode district, the authority it lies in, and its approximate centre."""

    code: str
    la_code: str
    la_name: str
    lat: float
    lon: float


def _load() -> dict[str, Outcode]:
    text = resources.files("haven.care").joinpath("data/outcodes.csv").read_text(encoding="utf-8")
    return {
        row["outcode"].strip().upper(): Outcode(
            code=row["outcode"].strip().upper(),
            la_code=row["la_code"].strip(),
            la_name=row["la_name"].strip(),
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in csv.DictReader(text.splitlines())
    }


OUTCODES: dict[str, Outcode] = _load()


def outcode(postcode: str) -> str:
    """The outward part of a postcode in upper case (``"nn1 5ab"`` → ``"NN1"``).

    Accepts a full postcode with or without its space, or a district on its own."""
    text = (postcode or "").strip().upper()
    if " " in text:
        return text.split()[0]
    if len(text) >= 5 and _INWARD.fullmatch(text[-3:]):
        return text[:-3]
    return text


def _district(postcode: str) -> Outcode | None:
    return OUTCODES.get(outcode(postcode))


def placement_la(postcode: str) -> str:
    """The 903 LA number of the authority a postcode lies in; ``""`` for an unknown district."""
    district = _district(postcode)
    return district.la_code if district else ""


def distance_miles(a: str, b: str) -> float | None:
    """Great-circle miles between two postcodes' district centres, to 1 dp; ``None`` when either
    district is unknown."""
    return _miles(outcode(a), outcode(b))


@functools.cache
def _miles(a: str, b: str) -> float | None:
    """Between two districts: a council's lists ask about the same few pairs many times."""
    first, second = OUTCODES.get(a), OUTCODES.get(b)
    if first is None or second is None:
        return None
    lat1, lat2 = math.radians(first.lat), math.radians(second.lat)
    dlat = lat2 - lat1
    dlon = math.radians(second.lon - first.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return round(2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h)), 1)


def in_area(postcode: str, la_code: str) -> bool | None:
    """Whether a postcode lies in the authority with that 903 LA number; ``None`` when unknown."""
    district = _district(postcode)
    if district is None:
        return None
    return district.la_code == la_code
