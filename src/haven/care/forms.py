"""Forms for the care record, placements, sign-off of placements in unregistered settings and
the providers register. They only parse: the services check the rules and write.

Field names follow the services' keyword arguments (and the field names of their errors), so a
service's ``ValidationError`` lands next to the field it names. The placement's fields are the
same on the start and move pages: a setting from the register (or none) and what the worker
gives beside it.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from haven.care.enums import (
    LEAVING_REASONS,
    IrregularReviewDecision,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonPlaceChange,
    RegistrationStatus,
    SettingRegistration,
    VisitRegime,
)
from haven.care.rules import PlacementDetails
from haven.casework.enums import PrimaryNeed
from haven.ui.forms import GovukForm
from haven.ui.forms import past_date as _date
from haven.ui.forms import text_box as _text

_POSTCODE = "govuk-input--width-10"
_SHORT = "govuk-input--width-10"


def _short(label: str, *, max_length: int, width: str = _SHORT, **kwargs: Any) -> forms.CharField:
    kwargs.setdefault("required", False)
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.TextInput(attrs={"class": width, "spellcheck": "false"}),
        **kwargs,
    )


def coded(choices: Sequence[tuple[Any, Any]]) -> list[tuple[str, str]]:
    """A 903 code set as the return has it: each code with its label."""
    return [(str(value), f"{value}: {label}") for value, label in choices]


def _select(
    label: str, choices: Sequence[tuple[str, str]], *, blank: str, required: bool = True, **kw: Any
) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=[("", blank), *choices], required=required, **kw)


def _money(label: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the weekly cost in pounds, like 450 or 450.50",
            "min_value": "The weekly cost cannot be negative",
            "max_decimal_places": "Enter the weekly cost to the penny at most",
            "max_digits": "Enter a weekly cost under £10,000,000",
            "max_whole_digits": "Enter a weekly cost under £10,000,000",
        },
        **kwargs,
    )


class CareForm(GovukForm):
    #: Where a service's error about something that is not one field goes.
    service_fields: ClassVar[dict[str, str]] = {}


# Periods and placements

#: Categories of need a child can start to be looked after with (903 CIN: not N0 or N9).
NEEDS = [(v, label) for v, label in PrimaryNeed.choices if v not in {"N0", "N9"}]


def setting_label(setting: Any) -> str:
    urn = f", URN {setting.urn}" if setting.urn else ""
    return f"{setting.name} ({setting.postcode}{urn}): {setting.get_status_display()}"


class PlacementForm(CareForm):
    """Where the child is placed. ``settings``: the register's open settings (with their
    providers) to choose from."""

    placement_fields: ClassVar[tuple[str, ...]] = (
        "setting",
        "place",
        "provider",
        "postcode",
        "urn",
        "carer",
        "weekly_cost",
        "long_term",
        "regime",
        "child_agreed_fewer_visits",
    )

    setting = forms.ChoiceField(
        label="Setting on the providers register",
        required=False,
        help_text="Its provider, postcode, Ofsted URN and weekly cost are used unless you give "
        "them below. Choose none for a placement with family or friends, or a setting not on "
        "the register.",
    )
    place = _select(
        "Placement type (903 PLACE)", coded(PlacementType.choices), blank="Choose the type"
    )
    provider = _select(
        "Placement provider (903 PLACE_PROVIDER)",
        coded(PlacementProvider.choices),
        blank="The setting’s provider, or none",
        required=False,
        help_text="None for a temporary (T) or other (Z) placement",
    )
    postcode = _short(
        "Placement postcode (optional with a setting)",
        max_length=8,
        width=_POSTCODE,
        help_text="Leave blank to use the setting’s",
    )
    urn = _short(
        "Ofsted URN (optional with a setting)",
        max_length=8,
        help_text="Leave blank to use the setting’s. For example, SC123456",
    )
    carer = forms.CharField(label="Carer (optional)", max_length=200, required=False)
    weekly_cost = _money(
        "Weekly cost in pounds (optional)",
        help_text="Only when this placement costs something other than the setting’s cost on "
        "the register",
    )
    long_term = forms.BooleanField(
        label="The placement is intended to last until the child is 18", required=False
    )
    regime = forms.ChoiceField(
        label="Regulations the placement is made under",
        choices=VisitRegime.choices,
        initial=VisitRegime.STANDARD,
        widget=forms.RadioSelect,
    )
    child_agreed_fewer_visits = forms.BooleanField(
        label="The child, of sufficient age and understanding, agreed to fewer visits",
        required=False,
        help_text="Only in a placement intended to last until 18",
    )

    def __init__(self, *args: Any, settings: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.settings = {str(s.pk): s for s in settings}
        groups: dict[str, list[tuple[str, str]]] = {}
        for s in settings:
            groups.setdefault(s.provider.name, []).append((str(s.pk), setting_label(s)))
        choice = self.fields["setting"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", "None on the register"), *groups.items()]
        choice.error_messages["invalid_choice"] = "Choose a setting from the register"
        self.fields["place"].error_messages["required"] = "Choose the placement type (903 PLACE)"

    def clean_setting(self) -> Any:
        chosen = self.cleaned_data.get("setting") or ""
        return self.settings.get(chosen)

    def clean_postcode(self) -> str:
        return str(self.cleaned_data.get("postcode") or "").strip().upper()

    def clean_urn(self) -> str:
        return str(self.cleaned_data.get("urn") or "").strip().upper()

    def details(self) -> PlacementDetails:
        d = self.cleaned_data
        return PlacementDetails(
            place=d["place"],
            setting=d.get("setting"),
            provider=d.get("provider") or "",
            postcode=d.get("postcode") or "",
            urn=d.get("urn") or "",
            carer=d.get("carer") or "",
            weekly_cost=d.get("weekly_cost"),
            long_term=bool(d.get("long_term")),
            regime=d.get("regime") or VisitRegime.STANDARD,
            child_agreed_fewer_visits=bool(d.get("child_agreed_fewer_visits")),
        )

    def placement_part(self) -> list[Any]:
        return [self[name] for name in self.placement_fields]

    def other_part(self) -> list[Any]:
        return [self[name] for name in self.fields if name not in self.placement_fields]


class StartForm(PlacementForm):
    """The child starts to be looked after (``care_start``)."""

    started_on = _date("Date the child started to be looked after (903 DECOM)")
    legal_status = _select(
        "Legal status (903 LS)", coded(LegalStatus.choices), blank="Choose the legal status"
    )
    category_of_need = _select(
        "Category of need (903 CIN)", coded(NEEDS), blank="Choose the category of need"
    )
    home_postcode = _short(
        "Postcode of the home the child was living in (optional)",
        max_length=8,
        width=_POSTCODE,
        help_text="903 HOME_POST. Only its district is shown on the record",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["started_on", "legal_status", "category_of_need", "home_postcode"])

    def clean_home_postcode(self) -> str:
        return str(self.cleaned_data.get("home_postcode") or "").strip().upper()

    @property
    def on(self) -> dt.date:
        on: dt.date = self.cleaned_data["started_on"]
        return on

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "started_on": d["started_on"],
            "legal_status": d["legal_status"],
            "category_of_need": d["category_of_need"],
            "home_postcode": d["home_postcode"],
            "placement": self.details(),
        }

    def request_kwargs(self) -> dict[str, Any]:
        """What ``irregular_request`` keeps while the placement waits for its sign-off."""
        d = self.cleaned_data
        return {
            "kind": "start",
            "on": d["started_on"],
            "legal_status": d["legal_status"],
            "category_of_need": d["category_of_need"],
            "home_postcode": d["home_postcode"],
            "placement": self.details(),
        }


class MoveForm(PlacementForm):
    """The child moves placement (``placement_change``), perhaps with a new legal status."""

    service_fields: ClassVar[dict[str, str]] = {"on": "changed_on"}

    changed_on = _date("Date the child moved")
    reason_place_change = _select(
        "Reason the placement changed (903 REASON_PLACE_CHANGE)",
        coded(ReasonPlaceChange.choices),
        blank="None: the placement being left was temporary (T)",
        required=False,
    )
    same_carer = forms.BooleanField(
        label="The child stays with the same carer(s)",
        required=False,
        help_text="903 RNE T rather than P",
    )
    legal_status = _select(
        "New legal status (903 LS)",
        coded(LegalStatus.choices),
        blank="No change",
        required=False,
        help_text="Only when the legal status changes the same day",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["changed_on", "reason_place_change", "same_carer", "legal_status"])

    @property
    def on(self) -> dt.date:
        on: dt.date = self.cleaned_data["changed_on"]
        return on

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "changed_on": d["changed_on"],
            "reason_place_change": d.get("reason_place_change") or "",
            "same_carer": bool(d.get("same_carer")),
            "legal_status": d.get("legal_status") or "",
            "placement": self.details(),
        }

    def request_kwargs(self) -> dict[str, Any]:
        d = self.service_kwargs()
        return {"kind": "move", "on": d.pop("changed_on"), **d}


class LegalStatusForm(CareForm):
    changed_on = _date("Date the legal status changed")
    legal_status = _select(
        "New legal status (903 LS)", coded(LegalStatus.choices), blank="Choose the legal status"
    )


class EndForm(CareForm):
    ended_on = _date("Date the child ceased to be looked after (903 DEC)")
    reason = _select(
        "Reason the child ceased to be looked after (903 REC)",
        coded([(r.value, r.label) for r in LEAVING_REASONS]),
        blank="Choose the reason",
    )
    reason_place_change = _select(
        "Reason the placement ended (903 REASON_PLACE_CHANGE, optional)",
        coded(ReasonPlaceChange.choices),
        blank="None",
        required=False,
    )


# Placements in unregistered settings


class SignOffForm(CareForm):
    prefix = "sign_off"

    reason = _text(
        "Why you agree to this placement",
        help_text="What makes it the right place for the child for now, and what is being done "
        "to find a registered one",
    )
    review_on = _date(
        "Date of the first senior review",
        past_only=False,
        help_text="No later than the date shown above. For example, 27 3 2026",
    )


class DeclineForm(CareForm):
    prefix = "decline"

    reason = _text("Why you do not agree to this placement")


class ReviewForm(CareForm):
    reviewed_on = _date("Date of the review")
    decision = forms.ChoiceField(
        label="What the review decided",
        choices=IrregularReviewDecision.choices,
        widget=forms.RadioSelect,
    )
    notes = _text(
        "What the review found",
        rows=6,
        help_text="How the child is, the setting’s progress towards registration, and the plan "
        "for a registered placement",
    )


# The providers register


class ProviderForm(CareForm):
    name = forms.CharField(label="Provider’s name", max_length=200)
    ownership = forms.ChoiceField(
        label="Who runs it (903 PLACE_PROVIDER)",
        choices=coded(PlacementProvider.choices),
        widget=forms.RadioSelect,
    )


class SettingForm(CareForm):
    name = forms.CharField(label="Setting’s name", max_length=200)
    registration = _select(
        "Kind of setting", SettingRegistration.choices, blank="Choose the kind of setting"
    )
    status = _select(
        "Ofsted registration status",
        RegistrationStatus.choices,
        blank="Choose the registration status",
    )
    urn = _short(
        "Ofsted URN",
        max_length=8,
        help_text="Needed for a registered setting. 6 or 7 digits, or SC and 6 digits",
    )
    la_code = _short(
        "Local authority code (optional)",
        max_length=3,
        width="govuk-input--width-3",
        help_text="The three-digit code of the council the setting is in",
    )
    postcode = _short("Postcode", max_length=8, width=_POSTCODE, required=True)
    weekly_cost = _money("Weekly cost in pounds (optional)")
