"""The providers register pages: everyone who opens children's records reads it; those who
manage it add providers and settings and change settings. A refusal keeps what was typed and
writes nothing."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from tests.support import row_counts

from haven.care.enums import PlacementProvider, RegistrationStatus, SettingRegistration
from haven.care.models import Provider, Setting
from haven.care.tests.conftest import Register

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"care:{name}", kwargs=kwargs)


def setting_data(**kw: str) -> dict[str, str]:
    data = {
        "name": "Willow Court",
        "registration": SettingRegistration.CHILDRENS_HOME,
        "status": RegistrationStatus.REGISTERED,
        "urn": "SC700007",
        "la_code": "855",
        "postcode": "le3 9qp",
        "weekly_cost": "5750",
    }
    data.update(kw)
    return data


def assert_refused(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again with each error linked to its field, and nothing written."""
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    for anchor in anchors:
        assert f'href="#{anchor}"' in html, anchor
    assert row_counts() == before
    return html


@pytest.mark.parametrize(
    ("persona", "status", "manages"),
    [
        ("social_worker", 200, False),
        ("iro", 200, False),
        ("dcs", 200, False),
        ("service_manager", 200, True),
        ("business_support", 200, True),
        ("performance_analyst", 403, False),
        ("system_admin", 403, False),
        ("partner_police", 403, False),
    ],
)
def test_who_reads_the_register_and_who_manages_it(
    council: Any, register: Register, persona: str, status: int, manages: bool
) -> None:
    c = client_for(council.users[persona])
    page = c.get(url("providers"))
    assert page.status_code == status
    if status == 403:
        return
    html = page.content.decode()
    for text in (
        "Oakfield Care Ltd: PR4, Private provision",
        "Oakfield House",
        "SC500002",
        "Children&#x27;s home",
        "Registered",
        "856",
        "LE1 6ZG",
        "£5,200.00",
        "Beech Lodge",
        "Not registered",
        "Supported accommodation",
    ):
        assert text in html, text
    assert ("Add a provider" in html) is manages
    assert (url("setting-edit", setting_id=register.home.pk) in html) is manages
    forms = [
        url("provider-new"),
        url("setting-new", provider_id=register.private.pk),
        url("setting-edit", setting_id=register.home.pk),
    ]
    for form in forms:
        assert c.get(form).status_code == (200 if manages else 403), form


def test_a_manager_adds_a_provider_and_a_setting(council: Any, register: Register) -> None:
    c = client_for(council.users["business_support"])
    added = c.post(url("provider-new"), {"name": "Willow Homes", "ownership": "PR5"})
    assert added.status_code == 302
    assert added["Location"] == url("providers")
    provider = Provider.objects.get(name="Willow Homes")
    assert provider.ownership == PlacementProvider.PR5

    page = c.post(url("setting-new", provider_id=provider.pk), setting_data())

    assert page.status_code == 302
    setting = Setting.objects.get(name="Willow Court")
    assert (setting.provider, setting.urn, setting.postcode, str(setting.weekly_cost)) == (
        provider,
        "SC700007",
        "LE3 9QP",
        "5750.00",
    )
    assert "Willow Court" in c.get(url("providers")).content.decode()


def test_a_manager_changes_a_setting(council: Any, register: Register) -> None:
    c = client_for(council.users["service_manager"])
    edit = url("setting-edit", setting_id=register.unregistered.pk)
    page = c.get(edit).content.decode()
    assert 'value="Beech Lodge"' in page
    assert 'value="9800.00"' in page

    changed = c.post(
        edit,
        setting_data(
            name="Beech Lodge",
            status=RegistrationStatus.REGISTERED,
            urn="SC800008",
            postcode="CV1 2GT",
            weekly_cost="9800",
        ),
    )

    assert changed.status_code == 302
    register.unregistered.refresh_from_db()
    assert (register.unregistered.status, register.unregistered.urn) == ("registered", "SC800008")
    assert register.unregistered.provider == register.private


def test_a_refused_setting_keeps_what_was_typed_and_writes_nothing(
    council: Any, register: Register
) -> None:
    c = client_for(council.users["business_support"])
    new = url("setting-new", provider_id=register.private.pk)
    before = row_counts()
    no_urn = c.post(new, setting_data(urn=""))
    html = assert_refused(no_urn, before, "id_urn")
    assert "Enter the Ofsted URN of a registered setting" in html
    assert 'value="Willow Court"' in html
    assert 'value="5750"' in html

    taken = c.post(new, setting_data(urn="SC500002", postcode="nowhere"))
    html = assert_refused(taken, before, "id_urn", "id_postcode")
    assert "Another setting on the register has this Ofsted URN" in html

    negative = c.post(new, setting_data(weekly_cost="-5"))
    assert "The weekly cost cannot be negative" in assert_refused(
        negative, before, "id_weekly_cost"
    )


def test_a_provider_needs_a_name_of_its_own(council: Any, register: Register) -> None:
    c = client_for(council.users["service_manager"])
    before = row_counts()
    page = c.post(url("provider-new"), {"name": "oakfield care ltd", "ownership": "PR4"})
    html = assert_refused(page, before, "id_name")
    assert "already on the register" in html
    assert 'value="oakfield care ltd"' in html


def test_an_unknown_provider_or_setting_is_not_found(council: Any) -> None:
    c = client_for(council.users["service_manager"])
    missing = "00000000-0000-0000-0000-000000000000"
    assert c.get(url("setting-new", provider_id=missing)).status_code == 404
    assert c.get(url("setting-edit", setting_id=missing)).status_code == 404
