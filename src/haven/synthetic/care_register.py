"""The synthetic council's register of placement providers and settings, and where in England
its placements are.

The register holds what a council's placements team keeps (docs/care.md): the council's own
fostering service, children's homes and regional adoption agency (903 provider PR1); private
and voluntary fostering agencies, children's homes and supported accommodation (PR4, PR5);
a secure children's home run by another council (PR2); a family centre and a residential
school; and a few settings that are not registered with Ofsted, where the council has placed
children it could find nowhere else. Each has an Ofsted URN in the format Ofsted gives (SC and
six digits for social care settings, seven digits for supported accommodation, six for a
school), a real-format postcode in a real district that ``haven.care.geography`` places in a
local authority, and a weekly cost (``calibration.WEEKLY_COST``, indicative).

Foster carers live in their own homes, so a foster placement's postcode is drawn where the
placement is meant to be (``postcode_for``); a placement in a home or supported accommodation
takes its setting's postcode (``setting_for``). Where a placement is follows the national mix of
new placements by distance from the child's home (``calibration.PLACEMENT_LOCATION``).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from haven.care import geography
from haven.care.enums import PlacementProvider, RegistrationStatus, SettingRegistration
from haven.care.models import Provider, Setting
from haven.synthetic import calibration as cal
from haven.synthetic import pools

#: 20 miles: the 903's line between a placement near home and one far from it.
NEAR_MILES = 20.0
#: The council's own offices, and the reference point for a child with no home postcode.
CENTRE = "NN1"
#: The council's name without the "(synthetic)" of its records.
COUNCIL = pools.COUNCIL_NAME.removesuffix(" (synthetic)")
#: Draws of a one-word stem before a name takes two.
NAME_TRIES = 50
HOME_SUFFIXES = ("House", "Lodge", "View", "Court", "Cottage", "Grange")
SUPPORTED_SUFFIXES = ("Supported Living", "Young People's Service", "Step Up")
#: Locations (inside the council or not, near or far) and the shares of each kind of setting
#: there (U): private homes are mostly out of the area, the council's own all inside it.
SPREAD = {
    "own": {"in_near": 1.0},
    "private": {"in_near": 0.3, "out_near": 0.35, "out_far": 0.35},
    "supported": {"in_near": 0.5, "out_near": 0.3, "out_far": 0.2},
    "unregistered": {"in_near": 0.25, "out_near": 0.25, "out_far": 0.5},
    "far": {"out_far": 1.0},
    "near": {"out_near": 1.0},
}


@dataclass
class Entry:
    """A setting on the register, with what the generator chooses it by."""

    setting: Setting
    kind: str  # foster_inhouse, foster_agency, home, secure, supported, unregistered, ...
    ownership: str
    outcode: str


@dataclass
class Register:
    """The providers and settings, in the order they were made, by kind."""

    providers: list[Provider] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]


def _english(code: str) -> bool:
    return code.isdigit()


class RegisterBuilder:
    """Builds the register for a council expecting about ``expected`` children in care."""

    def __init__(self, rng: random.Random, add: Callable[[Any], Any]) -> None:
        self.rng = rng
        self.add = add
        self.names: set[str] = set()
        self.urns: set[str] = set()
        self.in_area = sorted(
            o for o, d in geography.OUTCODES.items() if d.la_code == pools.LA_NUMBER
        )
        self.elsewhere = sorted(
            o
            for o, d in geography.OUTCODES.items()
            if d.la_code != pools.LA_NUMBER and _english(d.la_code)
        )
        self._buckets: dict[tuple[str, str], list[str]] = {}

    # Where ------------------------------------------------------------------------------

    def bucket(self, home: str, where: str) -> list[str]:
        """Districts in a location relative to ``home`` (a postcode or district): inside the
        council or outside it, under 20 miles from home or over (``PLACEMENT_LOCATION``)."""
        key = (geography.outcode(home) or CENTRE, where)
        if key not in self._buckets:
            inside = where.startswith("in")
            near = where.endswith("near")
            pool = self.in_area if inside else self.elsewhere
            self._buckets[key] = [
                o
                for o in pool
                if ((geography.distance_miles(key[0], o) or 0.0) < NEAR_MILES) == near
            ]
        return self._buckets[key]

    def district(self, home: str, where: str) -> str:
        """A district in ``where`` relative to ``home``; the nearest kind of place there is when
        none is (a home in the middle of the council has nowhere inside it over 20 miles
        away)."""
        for option in (where, *FALLBACK[where]):
            found = self.bucket(home, option)
            if found:
                return self.rng.choice(found)
        return CENTRE

    def postcode(self, district: str) -> str:
        unit = "".join(self.rng.choices(pools.POSTCODE_UNIT_LETTERS, k=2))
        return f"{district} {self.rng.randint(1, 9)}{unit}"

    # What -------------------------------------------------------------------------------

    def _name(self, pattern: str) -> str:
        """A name not used yet; a large council's register outgrows one stem per pattern, so
        after a while the stem is two words ("Beech Meadow House")."""
        tries = 0
        while True:
            tries += 1
            stem = self.rng.choice(pools.STREET_STEMS)
            if tries > NAME_TRIES:
                stem = f"{stem} {self.rng.choice(pools.STREET_STEMS)}"
            name = pattern.format(
                stem=stem,
                home=self.rng.choice(HOME_SUFFIXES),
                supported=self.rng.choice(SUPPORTED_SUFFIXES),
            )
            if name not in self.names:
                self.names.add(name)
                return name

    def _urn(self, kind: str) -> str:
        while True:
            if kind == "supported":
                urn = f"2{self.rng.randint(700_000, 799_999)}"
            elif kind == "school":
                urn = f"{self.rng.randint(120_000, 149_999)}"
            else:
                urn = f"SC{self.rng.randint(400_000, 499_999)}"
            if urn not in self.urns:
                self.urns.add(urn)
                return urn

    def _cost(self, band: str) -> Decimal:
        low, high = cal.WEEKLY_COST[band]
        return Decimal(self.rng.randrange(low, high + 1, 5)).quantize(Decimal("0.01"))

    def _provider(self, name: str, ownership: str, register: Register) -> Provider:
        provider: Provider = self.add(Provider(name=name, ownership=ownership))
        register.providers.append(provider)
        return provider

    def _setting(
        self,
        register: Register,
        provider: Provider,
        *,
        kind: str,
        name: str,
        registration: str,
        spread: str,
        cost: Decimal | None,
        registered: bool = True,
    ) -> Entry:
        where = self._weighted(SPREAD[spread])
        district = self.district(CENTRE, where)
        postcode = self.postcode(district)
        setting = self.add(
            Setting(
                provider_id=provider.id,
                name=name,
                urn=self._urn(kind) if registered else "",
                registration=registration,
                status=RegistrationStatus.REGISTERED
                if registered
                else RegistrationStatus.NOT_REGISTERED,
                la_code=geography.placement_la(postcode),
                postcode=postcode,
                weekly_cost=cost,
            )
        )
        entry = Entry(setting, kind, provider.ownership, district)
        register.entries.append(entry)
        return entry

    def _weighted(self, table: dict[str, float]) -> str:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def build(self, expected: float) -> Register:
        """Providers and settings for about ``expected`` children in care: enough homes,
        agencies and supported accommodation that each holds a few children, as they do."""
        rng = self.rng
        register = Register()
        R = SettingRegistration
        own = self._provider(pools.COUNCIL_NAME, PlacementProvider.PR1, register)
        self._setting(
            register,
            own,
            kind="foster_inhouse",
            name=f"{COUNCIL} Fostering Service",
            registration=R.FOSTERING_AGENCY,
            spread="own",
            cost=self._cost("foster_inhouse"),
        )
        self._setting(
            register,
            own,
            kind="adoption",
            name="Northamptonshire Adoption Partnership",
            registration=R.ADOPTION_AGENCY,
            spread="own",
            cost=Decimal("0.00"),
        )
        homes = max(4, round(expected * cal.PLACEMENT_TODAY["home"] / 100 / 3))
        for i in range(homes):
            if i < max(1, homes // 7):
                provider, band, spread = own, "home_own", "own"
            else:
                voluntary = rng.random() < 0.12
                provider = self._provider(
                    self._name("{stem} Children's Trust" if voluntary else "{stem} Care Ltd"),
                    PlacementProvider.PR5 if voluntary else PlacementProvider.PR4,
                    register,
                )
                band = "home_voluntary" if voluntary else "home_private"
                spread = "private"
            self._setting(
                register,
                provider,
                kind="home",
                name=self._name("{stem} {home}"),
                registration=R.CHILDRENS_HOME,
                spread=spread,
                cost=self._cost(band),
            )
        agencies = max(3, round(expected * cal.PLACEMENT_TODAY["foster_agency"] / 100 / 25))
        for _ in range(agencies):
            voluntary = rng.random() < 0.2
            provider = self._provider(
                self._name(
                    "{stem} Family Placement Trust" if voluntary else "{stem} Fostering Ltd"
                ),
                PlacementProvider.PR5 if voluntary else PlacementProvider.PR4,
                register,
            )
            self._setting(
                register,
                provider,
                kind="foster_agency",
                name=f"{provider.name} (fostering agency)",
                registration=R.FOSTERING_AGENCY,
                spread="private",
                cost=self._cost("foster_agency"),
            )
        supported = max(2, round(expected * cal.PLACEMENT_TODAY["supported"] / 100 / 5))
        for _ in range(supported):
            provider = self._provider(self._name("{stem} Housing Ltd"), "PR4", register)
            self._setting(
                register,
                provider,
                kind="supported",
                name=self._name("{stem} {supported}"),
                registration=R.SUPPORTED_ACCOMMODATION,
                spread="supported",
                cost=self._cost("supported"),
            )
        unregistered = max(cal.IRREGULAR_AT_LEAST, round(expected * cal.IRREGULAR_SHARE / 2))
        for _ in range(unregistered):
            provider = self._provider(self._name("{stem} Care Solutions Ltd"), "PR4", register)
            self._setting(
                register,
                provider,
                kind="unregistered",
                name=self._name("{stem} {home}"),
                registration=R.CHILDRENS_HOME,
                spread="unregistered",
                cost=self._cost("unregistered"),
                registered=False,
            )
        other_council = self._provider("Midshire County Council", PlacementProvider.PR2, register)
        self._setting(
            register,
            other_council,
            kind="secure",
            name="Midshire Secure Children's Home",
            registration=R.SECURE_HOME,
            spread="far",
            cost=self._cost("secure"),
        )
        for kind, name, registration, ownership, spread in (
            ("family_centre", "{stem} Family Assessment Centre", R.FAMILY_CENTRE, "PR4", "near"),
            ("school", "{stem} School", R.SCHOOL, "PR5", "far"),
        ):
            provider = self._provider(
                self._name(name.replace("Centre", "Ltd")), ownership, register
            )
            self._setting(
                register,
                provider,
                kind=kind,
                name=self._name(name),
                registration=registration,
                spread=spread,
                cost=self._cost(kind),
            )
        voluntary_adoption = self._provider(
            self._name("{stem} Adoption Society"), PlacementProvider.PR5, register
        )
        self._setting(
            register,
            voluntary_adoption,
            kind="adoption",
            name=f"{voluntary_adoption.name} (adoption agency)",
            registration=R.ADOPTION_AGENCY,
            spread="near",
            cost=Decimal("0.00"),
        )
        return register


#: Where to look when a location has no district (nearest first).
FALLBACK = {
    "in_near": ("out_near", "in_far", "out_far"),
    "in_far": ("in_near", "out_near", "out_far"),
    "out_near": ("out_far", "in_near", "in_far"),
    "out_far": ("out_near", "in_far", "in_near"),
}
