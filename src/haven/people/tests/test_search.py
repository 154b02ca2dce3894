"""Finding a child: fuzzy names, dates of birth, identifiers, postcodes, duplicate warnings."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child

from haven.people import identifiers
from haven.people.enums import PersonKind, Sex
from haven.people.selectors import SearchQuery, duplicates_for, person_search
from haven.people.services import address_add, person_create, person_update

pytestmark = pytest.mark.django_db

NHS = "9434765919"
UPN_REST = "941200112345"


@pytest.fixture
def people() -> dict[str, Any]:
    p = {
        "amelia": make_child(
            "Amelia",
            "Hart",
            dt.date(2015, 3, 2),
            nhs_number=NHS,
            upn=identifiers.upn_check_letter(UPN_REST) + UPN_REST,
        ),
        "amelia_2": make_child("Amelia", "Hart", dt.date(2009, 11, 30)),
        "william": make_child("William", "Smith-Jones", dt.date(2012, 6, 14), sex=Sex.MALE),
        "olivia": make_child("Olivia", "Okafor", dt.date(2015, 3, 2)),
        "zoe": make_child("Zoë", "O’Brien", dt.date(2018, 1, 9)),
        "mother": person_create(
            actor=None,
            kind=PersonKind.ADULT,
            given_name="Helen",
            family_name="Hart",
            date_of_birth=dt.date(1988, 9, 9),
            sex=Sex.FEMALE,
        ),
    }
    for i in range(30):  # unrelated children, so ranking matters
        make_child(f"Child{i}", f"Family{i}", dt.date(2010, 1, 1) + dt.timedelta(days=40 * i))
    address_add(
        actor=None,
        person=p["olivia"],
        line_1="4 Elm Road",
        town="Northampton",
        postcode="nn1 5ab",
        started_on=dt.date(2020, 1, 1),
    )
    return p


def _ids(results: list[Any]) -> list[Any]:
    return [r.person.pk for r in results]


def test_misspelt_name_and_date_of_birth_find_the_child_first(people: dict[str, Any]) -> None:
    results = person_search(SearchQuery(name="Amelai Hrat", date_of_birth=dt.date(2015, 3, 2)))
    assert _ids(results)[0] == people["amelia"].pk
    assert people["amelia_2"].pk in _ids(results)  # a namesake, ranked lower
    assert people["olivia"].pk not in _ids(results)  # same birthday, different name


def test_nickname_and_hyphenated_family_name(people: dict[str, Any]) -> None:
    assert _ids(person_search(SearchQuery(name="Bill Jones")))[0] == people["william"].pk
    assert _ids(person_search(SearchQuery(name="will smith jones")))[0] == people["william"].pk


def test_accents_and_apostrophes_do_not_matter(people: dict[str, Any]) -> None:
    assert _ids(person_search(SearchQuery(name="Zoe OBrien")))[0] == people["zoe"].pk


def test_date_of_birth_alone_includes_swapped_day_and_month(people: dict[str, Any]) -> None:
    found = _ids(person_search(SearchQuery(date_of_birth=dt.date(2015, 2, 3))))
    assert {people["amelia"].pk, people["olivia"].pk} <= set(found)


@pytest.mark.parametrize(
    ("query", "who"),
    [
        (SearchQuery(nhs_number="943 476 5919"), "amelia"),
        (SearchQuery(upn=identifiers.upn_check_letter(UPN_REST).lower() + UPN_REST), "amelia"),
        (SearchQuery(postcode="NN15AB"), "olivia"),
        (SearchQuery(postcode="nn1"), "olivia"),
    ],
)
def test_identifiers_and_postcodes(people: dict[str, Any], query: SearchQuery, who: str) -> None:
    assert _ids(person_search(query)) == [people[who].pk]


def test_adults_only_when_asked_for(people: dict[str, Any]) -> None:
    assert people["mother"].pk not in _ids(person_search(SearchQuery(name="Helen Hart")))
    with_adults = person_search(SearchQuery(name="Helen Hart", include_adults=True))
    assert _ids(with_adults)[0] == people["mother"].pk


def test_a_renamed_person_is_found_by_the_new_name(people: dict[str, Any]) -> None:
    person_update(actor=None, person=people["olivia"], family_name="Mensah")
    assert _ids(person_search(SearchQuery(name="Olivia Mensah")))[0] == people["olivia"].pk
    assert people["olivia"].pk not in _ids(person_search(SearchQuery(name="Olivia Okafor")))


def test_empty_query_finds_nothing(people: dict[str, Any]) -> None:
    assert person_search(SearchQuery()) == []


def test_duplicate_warning_uses_the_same_search(people: dict[str, Any]) -> None:
    dupes = duplicates_for(
        given_name="Amelia", family_name="Heart", date_of_birth=dt.date(2015, 3, 2)
    )
    assert _ids(dupes) == [people["amelia"].pk]
    by_nhs = duplicates_for(
        given_name="Someone", family_name="Else", date_of_birth=None, nhs_number=NHS
    )
    assert _ids(by_nhs) == [people["amelia"].pk]
    assert (
        duplicates_for(given_name="Brand", family_name="New", date_of_birth=dt.date(2016, 5, 5))
        == []
    )


def test_create_page_warns_of_a_likely_duplicate_before_creating(client: Any, council: Any) -> None:
    from haven.people.models import Person

    client.force_login(council.users["social_worker"])
    form = {
        "kind": "child",
        "given_name": "Amelia",
        "family_name": "Hartt",
        "date_of_birth-day": "2",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2015",
        "sex": "F",
        "ethnicity": "WBRI",
    }
    before = Person.objects.count()
    page = client.post("/people/new/", form)
    assert page.status_code == 200
    assert "already recorded" in page.content.decode()
    assert Person.objects.count() == before
    created = client.post("/people/new/", {**form, "confirm_new": "on"})
    assert created.status_code == 302
    assert Person.objects.count() == before + 1


def test_search_is_posted_so_names_never_reach_an_address(client: Any, council: Any) -> None:
    client.force_login(council.users["social_worker"])
    form = {
        "name": "Amelai Hrat",
        "date_of_birth-day": "2",
        "date_of_birth-month": "3",
        "date_of_birth-year": "2015",
    }
    page = client.post("/people/", form).content.decode()
    assert f"/people/{council.children['allocated'].pk}/" in page
    assert 'method="post"' in page
    ignored = client.get("/people/", form).content.decode()  # the same as a query string
    assert f"/people/{council.children['allocated'].pk}/" not in ignored
