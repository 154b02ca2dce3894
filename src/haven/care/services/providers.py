"""The register of placement providers and their settings."""

from decimal import Decimal
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import PlacementProvider, RegistrationStatus, SettingRegistration
from haven.care.models import Provider, Setting
from haven.core.errors import ValidationError
from haven.people.identifiers import IdentifierError, validate_postcode


def _others(rows: Any, row: Any) -> bool:
    """Whether ``rows`` hold any row but ``row`` (None when adding a new one)."""
    if row is not None:
        rows = rows.exclude(id=row.id)
    return bool(rows.exists())


def _urn_shaped(urn: str) -> bool:
    digits = urn[2:] if urn.startswith("SC") else urn
    return digits.isdigit() and len(digits) in ((6,) if urn.startswith("SC") else (6, 7))


@transaction.atomic
def provider_save(
    *, actor: Any, name: str, ownership: str, provider: Provider | None = None
) -> Provider:
    errors: dict[str, str] = {}
    name = name.strip()
    if not name:
        errors["name"] = "Enter the provider's name"
    elif _others(Provider.objects.filter(name__iexact=name), provider):
        errors["name"] = "A provider with this name is already on the register"
    if ownership not in PlacementProvider.values:
        errors["ownership"] = "Choose who runs the provider (903 PLACE_PROVIDER)"
    if errors:
        raise ValidationError(errors)
    provider = provider or Provider()
    provider.name = name
    provider.ownership = ownership
    provider.save()
    audit_record(actor=actor, verb=AuditVerb.PROVIDER_SAVED, subject=provider)
    return provider


@transaction.atomic
def setting_save(
    *,
    actor: Any,
    provider: Provider,
    name: str,
    registration: str,
    status: str,
    postcode: str,
    urn: str = "",
    la_code: str = "",
    weekly_cost: Decimal | None = None,
    setting: Setting | None = None,
) -> Setting:
    """Add a setting to the register or change one. A registered setting has an Ofsted URN;
    a URN belongs to one setting."""
    errors: dict[str, str] = {}
    name = name.strip()
    urn = urn.strip().upper()
    if not name:
        errors["name"] = "Enter the setting's name"
    if registration not in SettingRegistration.values:
        errors["registration"] = "Choose what kind of setting this is"
    if status not in RegistrationStatus.values:
        errors["status"] = "Choose the setting's registration status"
    elif status == RegistrationStatus.REGISTERED and not urn:
        errors["urn"] = "Enter the Ofsted URN of a registered setting"
    if urn and not _urn_shaped(urn):
        errors["urn"] = "An Ofsted URN is 6 or 7 digits, or SC and 6 digits"
    if urn and _others(Setting.objects.filter(urn=urn), setting):
        errors["urn"] = "Another setting on the register has this Ofsted URN"
    try:
        postcode = validate_postcode(postcode)
    except IdentifierError as e:
        errors["postcode"] = e.message
    if la_code and not (la_code.isdigit() and len(la_code) == 3):
        errors["la_code"] = "Enter the local authority's three-digit code"
    if weekly_cost is not None and weekly_cost < 0:
        errors["weekly_cost"] = "The weekly cost cannot be negative"
    if errors:
        raise ValidationError(errors)
    setting = setting or Setting()
    setting.provider = provider
    setting.name = name
    setting.registration = registration
    setting.status = status
    setting.postcode = postcode
    setting.urn = urn
    setting.la_code = la_code
    setting.weekly_cost = weekly_cost
    setting.full_clean()
    setting.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.SETTING_SAVED,
        subject=setting,
        payload={"status": status, "urn": urn},
    )
    return setting
