"""The SSDA903 rules Haven keeps when a placement is entered, and what makes a placement
irregular. Plain functions of the facts, so the services and their table tests agree.

A placement is *irregular* when the child lives somewhere that must be registered with Ofsted and
is not (docs/care.md): a Z1x placement; a children's home or supported accommodation with no
registered setting behind it, or whose URN matches none on the register; a setting of a kind that
must be registered whose registration is missing, applied for, suspended or cancelled; or a child
under 16 in supported accommodation, which may only take young people of 16 and 17. Such a
placement needs a named senior officer's sign-off before it is saved.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from haven.care.enums import (
    ADOPTION_PLACEMENTS,
    MUST_BE_REGISTERED,
    NO_PROVIDER_PLACEMENTS,
    NO_URN_PLACEMENTS,
    OTHER_PLACEMENTS,
    REGISTERED_SETTINGS,
    TEMPORARY_PLACEMENTS,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonPlaceChange,
    RegistrationStatus,
    VisitRegime,
)


def years_old(date_of_birth: dt.date | None, on: dt.date) -> int | None:
    if date_of_birth is None:
        return None
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


@dataclass(kw_only=True)
class PlacementDetails:
    """What a worker enters for a placement. ``setting`` is a register entry or None; the
    provider code, postcode and URN come from it unless given."""

    place: str
    setting: Any = None
    provider: str = ""
    postcode: str = ""
    urn: str = ""
    carer: str = ""
    weekly_cost: Decimal | None = None
    long_term: bool = False
    regime: str = VisitRegime.STANDARD
    child_agreed_fewer_visits: bool = False

    def filled(self) -> "PlacementDetails":
        """The details with the setting's provider code, postcode and URN where none given."""
        setting = self.setting
        if setting is None:
            return self
        # The 903 records no provider for T and Z placements, and no URN for Z ones (rules 178,
        # 213 and 218): a setting behind them lends its postcode alone.
        lends_provider = self.place not in NO_PROVIDER_PLACEMENTS
        lends_urn = self.place not in OTHER_PLACEMENTS
        return PlacementDetails(
            place=self.place,
            setting=setting,
            provider=self.provider or (setting.provider.ownership if lends_provider else ""),
            postcode=self.postcode or setting.postcode,
            urn=self.urn or (setting.urn if lends_urn else ""),
            carer=self.carer,
            weekly_cost=self.weekly_cost,
            long_term=self.long_term,
            regime=self.regime,
            child_agreed_fewer_visits=self.child_agreed_fewer_visits,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "setting": str(self.setting.pk) if self.setting is not None else "",
            "provider": self.provider,
            "postcode": self.postcode,
            "urn": self.urn,
            "carer": self.carer,
            "weekly_cost": str(self.weekly_cost) if self.weekly_cost is not None else "",
            "long_term": self.long_term,
            "regime": self.regime,
            "child_agreed_fewer_visits": self.child_agreed_fewer_visits,
        }


def irregular_reasons(
    details: PlacementDetails, *, age: int | None, urn_registered: bool
) -> list[str]:
    """Why a placement in these details is irregular; empty when it is not.

    ``urn_registered`` says whether the URN matches a registered setting on the register."""
    reasons = []
    place, setting = details.place, details.setting
    if place in OTHER_PLACEMENTS:
        reasons.append(f"Placement type {place}: a setting outside the registered types")
    if (
        setting is not None
        and setting.registration in MUST_BE_REGISTERED
        and setting.status != RegistrationStatus.REGISTERED
    ):
        reasons.append(
            f"The setting must be registered with Ofsted and is not "
            f"({RegistrationStatus(setting.status).label.lower()})"
        )
    if place in REGISTERED_SETTINGS:
        if setting is None and not details.urn:
            reasons.append("No registered setting or Ofsted URN is recorded for this placement")
        elif details.urn and not urn_registered:
            reasons.append("The Ofsted URN matches no registered setting on the register")
    if place == PlacementType.K3 and age is not None and age < 16:
        reasons.append("A child under 16 in supported accommodation (903 rule 371)")
    return reasons


def placement_errors(
    details: PlacementDetails, *, legal_status: str, age: int | None, irregular: bool
) -> dict[str, str]:
    """The 903 rules a placement's own fields must keep, field by field."""
    errors: dict[str, str] = {}
    place = details.place
    if place not in PlacementType.values:
        errors["place"] = "Choose a placement type from the 2025-26 SSDA903 list"
        return errors
    if place in NO_PROVIDER_PLACEMENTS:
        if details.provider:
            errors["provider"] = (
                f"No placement provider is recorded for placement type {place} "
                "(903 rules 178 and 213)"
            )
    elif details.provider not in PlacementProvider.values:
        errors["provider"] = "Choose the placement provider (903 PLACE_PROVIDER)"
    elif place == PlacementType.P1 and details.provider != PlacementProvider.PR0:
        errors["provider"] = "A placement with a parent has provider PR0 (903 rule 218)"
    if place not in NO_URN_PLACEMENTS and not details.urn and not irregular:
        errors["urn"] = f"Enter the setting's Ofsted URN: the 903 needs it for {place} (rule 218)"
    if place in NO_URN_PLACEMENTS and details.urn and place in OTHER_PLACEMENTS:
        errors["urn"] = f"No Ofsted URN is recorded for placement type {place} (903 rule 218)"
    if place in {PlacementType.A5, PlacementType.A6} and legal_status not in {
        LegalStatus.E1,
        LegalStatus.D1,
    }:
        errors["place"] = (
            "A placement for adoption under a placement order needs legal status E1 or D1"
        )
    if place in ADOPTION_PLACEMENTS and details.long_term:
        errors["long_term"] = "A placement for adoption is not a long-term placement"
    if details.weekly_cost is not None and details.weekly_cost < 0:
        errors["weekly_cost"] = "The weekly cost cannot be negative"
    if details.regime not in VisitRegime.values:
        errors["regime"] = "Choose the placement's regulations"
    elif details.regime == VisitRegime.PARENT_BEFORE_ASSESSMENT and place != PlacementType.P1:
        errors["regime"] = "Regulation 19 applies only to a placement with a parent (P1)"
    if details.child_agreed_fewer_visits and not details.long_term:
        errors["child_agreed_fewer_visits"] = (
            "Fewer visits can be agreed only in a placement intended to last until 18"
        )
    return errors


def place_change_errors(*, ending_place: str, reason: str, age: int | None) -> dict[str, str]:
    """903 rules for the reason a placement changed, recorded on the episode it ends."""
    errors: dict[str, str] = {}
    if ending_place in TEMPORARY_PLACEMENTS:
        if reason:
            errors["reason_place_change"] = (
                "No reason for the change is recorded when a temporary (T) placement ends "
                "(903 rule 226)"
            )
    elif reason not in ReasonPlaceChange.values:
        errors["reason_place_change"] = "Choose the reason the placement changed (903 rule 226)"
    elif reason == ReasonPlaceChange.CUSTOD and age is not None and age < 10:
        errors["reason_place_change"] = (
            "A custody arrangement is not possible for a child under 10 (903 rule 234)"
        )
    return errors
