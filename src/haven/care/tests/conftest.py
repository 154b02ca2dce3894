import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from haven.care.enums import (
    LegalStatus,
    PlacementProvider,
    PlacementType,
    RegistrationStatus,
    SettingRegistration,
)
from haven.care.models import CarePeriod, Provider, Setting
from haven.care.rules import PlacementDetails
from haven.care.services import care_start, provider_save, setting_save
from haven.casework.enums import PrimaryNeed

#: "Today" in these tests: Monday 1 December 2025.
TODAY = dt.date(2025, 12, 1)
STARTED = dt.date(2025, 9, 1)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 12, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@dataclass
class Register:
    own: Provider
    private: Provider
    foster: Setting  # the council's fostering service
    home: Setting  # a registered private children's home
    unregistered: Setting  # a private home not registered with Ofsted
    supported: Setting  # registered supported accommodation


@pytest.fixture
def register(db: Any) -> Register:
    own = provider_save(actor=None, name="Northshire Council", ownership=PlacementProvider.PR1)
    private = provider_save(actor=None, name="Oakfield Care Ltd", ownership=PlacementProvider.PR4)
    return Register(
        own=own,
        private=private,
        foster=setting_save(
            actor=None,
            provider=own,
            name="Northshire Fostering Service",
            registration=SettingRegistration.FOSTERING_AGENCY,
            status=RegistrationStatus.REGISTERED,
            urn="SC400001",
            postcode="NN1 1AA",
            la_code="940",
            weekly_cost=Decimal("450.00"),
        ),
        home=setting_save(
            actor=None,
            provider=private,
            name="Oakfield House",
            registration=SettingRegistration.CHILDRENS_HOME,
            status=RegistrationStatus.REGISTERED,
            urn="SC500002",
            postcode="LE1 6ZG",
            la_code="856",
            weekly_cost=Decimal("5200.00"),
        ),
        unregistered=setting_save(
            actor=None,
            provider=private,
            name="Beech Lodge",
            registration=SettingRegistration.CHILDRENS_HOME,
            status=RegistrationStatus.NOT_REGISTERED,
            postcode="CV1 2GT",
            weekly_cost=Decimal("9800.00"),
        ),
        supported=setting_save(
            actor=None,
            provider=private,
            name="Riverside Supported Living",
            registration=SettingRegistration.SUPPORTED_ACCOMMODATION,
            status=RegistrationStatus.REGISTERED,
            urn="2700003",
            postcode="NN2 6LS",
            la_code="940",
            weekly_cost=Decimal("1800.00"),
        ),
    )


def foster(register: Register, **kw: Any) -> PlacementDetails:
    kw.setdefault("place", PlacementType.U6)
    kw.setdefault("carer", "Mr and Mrs Patel")
    return PlacementDetails(setting=register.foster, **kw)


def look_after(
    actor: Any, child: Any, register: Register, on: dt.date = STARTED, **kw: Any
) -> CarePeriod:
    return care_start(
        actor=actor,
        child=child,
        started_on=on,
        legal_status=kw.pop("legal_status", LegalStatus.C1),
        category_of_need=kw.pop("category_of_need", PrimaryNeed.ABUSE_OR_NEGLECT),
        placement=kw.pop("placement", None) or foster(register),
        home_postcode=kw.pop("home_postcode", "NN3 8QT"),
        **kw,
    )
