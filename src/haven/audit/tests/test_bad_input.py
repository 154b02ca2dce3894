"""Bad input is refused naming the field, and nothing is half-written: no row, no audit event."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from tests.support import row_counts

from haven.core.errors import ValidationError
from haven.people.enums import CaseNoteKind, PersonKind, RelationshipType, Sex
from haven.people.identifiers import upn_check_letter
from haven.people.models import Address
from haven.people.services import (
    address_add,
    case_note_add,
    person_create,
    person_update,
    relationship_add,
)

TODAY = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def refused(call: Callable[[], Any]) -> dict[str, list[str]]:
    """Run a service that must refuse; return its errors by field, checking nothing changed."""
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        call()
    assert row_counts() == before
    return e.value.message_dict


def valid_upn(digits: str = "88123456789") -> str:
    rest = digits + "1"
    return upn_check_letter(rest) + rest


def new_child(**fields: Any) -> Callable[[], Any]:
    base: dict[str, Any] = {
        "given_name": "Ruby",
        "family_name": "Stone",
        "date_of_birth": dt.date(2019, 4, 1),
        "sex": Sex.FEMALE,
    }
    return lambda: person_create(actor=None, **(base | fields))


def test_the_valid_upn_used_here_is_accepted(db: Any) -> None:
    assert new_child(upn=valid_upn())().upn == valid_upn()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"upn": "A12345"}, "upn", "UPN must be 13 characters long"),
        ({"upn": "Z" + valid_upn()[1:]}, "upn", "UPN check letter is wrong"),
        ({"nhs_number": "943 476 5918"}, "nhs_number", "NHS number is not valid"),
        ({"nhs_number": "94347659"}, "nhs_number", "NHS number must be 10 digits"),
        ({"date_of_birth": dt.date(2026, 3, 3)}, "date_of_birth", "today or in the past"),
        ({"given_name": "", "family_name": ""}, "family_name", "Enter a first name or a last"),
        (
            {"date_of_birth": None, "expected_date_of_birth": dt.date(2026, 6, 1)},
            "sex",
            "DfE rule 8750",
        ),
    ],
    ids=["upn-length", "upn-check", "nhs-check", "nhs-length", "future-dob", "no-name", "unborn"],
)
def test_person_create_refuses_bad_input(
    db: Any, fields: dict[str, Any], field: str, message: str
) -> None:
    errors = refused(new_child(**fields))
    assert field in errors
    assert any(message in m for m in errors[field]), errors


def test_an_identifier_already_on_another_record_is_refused_on_its_field(db: Any) -> None:
    new_child(upn=valid_upn(), nhs_number="9434765919")()
    errors = refused(new_child(given_name="Other", upn=valid_upn(), nhs_number="943 476 5919"))
    assert errors == {
        "upn": ["This UPN is on another person's record"],
        "nhs_number": ["This NHS number is on another person's record"],
    }


def test_an_adult_cannot_have_a_upn(db: Any) -> None:
    errors = refused(
        lambda: person_create(
            actor=None, kind=PersonKind.ADULT, family_name="Hart", upn=valid_upn()
        )
    )
    assert errors == {"upn": ["Only a child can have a UPN"]}


def test_person_update_with_a_bad_nhs_number_changes_nothing(council: Any) -> None:
    child = council.children["allocated"]
    errors = refused(
        lambda: person_update(
            actor=None, person=child, family_name="Changed", nhs_number="1234567890"
        )
    )
    assert list(errors) == ["nhs_number"]
    child.refresh_from_db()
    assert (child.family_name, child.nhs_number) == ("Hart", "")


def test_address_add_refuses_a_bad_postcode(council: Any) -> None:
    errors = refused(
        lambda: address_add(
            actor=None,
            person=council.children["allocated"],
            line_1="12 Elm Road",
            town="Northampton",
            postcode="NN1 5A",
            started_on=dt.date(2026, 1, 5),
        )
    )
    assert errors == {"postcode": ["Enter a real UK postcode, like NN1 5AB"]}


def test_a_refused_move_leaves_the_current_address_open(council: Any) -> None:
    """The current address is ended first; if the new one then fails, that end is undone."""
    child = council.children["allocated"]
    old = address_add(
        actor=None,
        person=child,
        line_1="1 Old Road",
        town="Kettering",
        postcode="NN16 0AA",
        started_on=dt.date(2025, 1, 1),
    )
    errors = refused(
        lambda: address_add(
            actor=None,
            person=child,
            line_1="x" * 121,
            town="Northampton",
            postcode="NN1 5AB",
            started_on=dt.date(2026, 1, 5),
        )
    )
    assert list(errors) == ["line_1"]
    assert Address.objects.get(pk=old.pk).ended_on is None


def test_relationship_and_case_note_refusals(council: Any) -> None:
    child, sw = council.children["allocated"], council.users["social_worker"]
    errors = refused(
        lambda: relationship_add(
            actor=sw, from_person=child, to_person=child, type=RelationshipType.SIBLING
        )
    )
    assert list(errors) == ["to_person"]
    errors = refused(
        lambda: relationship_add(
            actor=sw,
            from_person=council.children["parent"],
            to_person=child,
            type=RelationshipType.MOTHER,
        )
    )
    assert errors == {"type": ["This relationship is already recorded"]}
    errors = refused(
        lambda: case_note_add(
            actor=sw,
            person=child,
            kind=CaseNoteKind.VISIT,
            occurred_on=dt.date(2026, 3, 3),
            subject=" ",
            body="",
        )
    )
    assert set(errors) == {"occurred_on", "subject", "body"}


def test_an_invalid_case_note_is_shown_again_with_an_error_summary(council: Any) -> None:
    child = council.children["allocated"]
    client = Client()
    client.force_login(council.users["social_worker"])
    url = reverse("people:case-note-add", args=[child.pk])
    before = row_counts()
    response = client.post(
        url,
        {
            "kind": "visit",
            "occurred_on-day": "2",
            "occurred_on-month": "3",
            "occurred_on-year": "2026",
            "subject": "",
            "body": "Saw Amelia at school.",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Add a case note" in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_subject">' in html
    assert 'id="id_subject"' in html
    assert "govuk-input--error" in html
    assert "Saw Amelia at school." in html  # what was typed is kept
    after = row_counts()
    assert after.pop("audit.AccessEvent") == before.pop("audit.AccessEvent") + 1
    assert after == before

    response = client.post(
        url,
        {
            "kind": "visit",
            "occurred_on-day": "2",
            "occurred_on-month": "3",
            "occurred_on-year": "2026",
            "subject": "School visit",
            "body": "Saw Amelia at school.",
        },
    )
    assert response.status_code == 302
    assert child.case_notes.get().subject == "School visit"
