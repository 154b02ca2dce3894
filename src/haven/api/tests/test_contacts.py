"""Partner contacts through the API: submitted idempotently, refused field by field with
nothing written, and read back (status and outcome only) by the agency that sent them."""

import datetime as dt
import json
import threading
from typing import Any

import pytest
from conftest import make_child, make_user
from django.db import connection
from django.test import Client
from tests.support import row_counts

from haven.accounts.roles import Role
from haven.accounts.services import api_token_issue, api_token_revoke
from haven.audit.enums import AccessSurface, AuditVerb
from haven.audit.models import AccessEvent, AuditEvent
from haven.core import clock
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import ContactOutcome
from haven.frontdoor.models import Contact
from haven.frontdoor.selectors.partner import partner_possible_duplicates
from haven.frontdoor.services import contact_decide, contact_rag_set, partner_contact_submit
from haven.frontdoor.services import partner as partner_services
from haven.frontdoor.services.partner import MatchedOn, PartnerChild
from haven.people.enums import PersonKind, Sex
from haven.people.identifiers import nhs_check_digit, upn_check_letter
from haven.people.models import Person
from haven.people.services import person_create

CONTACTS = "/api/v1/contacts"


def nhs(n: int) -> str:
    """The n-th valid NHS number in a run kept for tests."""
    while True:
        first = f"{400000000 + n:09d}"
        check = nhs_check_digit(first)
        if check is not None:
            return f"{first}{check}"
        n += 1000


def upn(n: int) -> str:
    rest = f"{n:011d}" + "1"
    return upn_check_letter(rest) + rest


@pytest.fixture
def police(council: Any) -> Any:
    return council.users["partner_police"]


@pytest.fixture
def key(police: Any) -> str:
    return api_token_issue(actor=None, user=police, name="Police MASH desk")[1]


def post(key: str | None, body: Any, idempotency_key: str | None = "key-1") -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    if idempotency_key is not None:
        headers["Idempotency-Key"] = idempotency_key
    return Client().post(
        CONTACTS, json.dumps(body), content_type="application/json", headers=headers
    )


def get(key: str, path: str = CONTACTS) -> Any:
    return Client().get(path, headers={"Authorization": f"Bearer {key}"})


def body(*children: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "source": "6",
        "concern": "Officers attended a domestic incident at the home last night.",
        "consent": "yes",
        "urgency": "same_day",
        "referrer_name": "PC Jo Bloggs",
        "referrer_contact": "101 ext 4321",
        "reference": "NP-2026-0042",
        "children": list(children) or [new_child()],
    } | fields


def new_child(**fields: Any) -> dict[str, Any]:
    return {
        "reference": "child-a",
        "given_name": "Zara",
        "family_name": "Pemberton-Lyle",
        "date_of_birth": "2019-04-11",
        "sex": "F",
        "address": {"line_1": "4 Mill Lane", "town": "Northampton", "postcode": "nn1 5ab"},
    } | fields


def contact_of(response: Any) -> Contact:
    return Contact.objects.get(pk=response.json()["id"])


# Submitting -----------------------------------------------------------------------------


def test_a_contact_is_recorded_about_known_and_new_children(
    council: Any, police: Any, key: str
) -> None:
    known = make_child("Noah", "Bell", dob=dt.date(2016, 8, 1), nhs_number=nhs(1))
    pupil = make_child("Ivy", "Stone", dob=dt.date(2014, 1, 20), upn=upn(7))
    amelia = council.children["allocated"]  # Amelia Hart, 2 March 2015
    people_before = Person.objects.count()
    response = post(
        key,
        body(
            {"reference": "c1", "given_name": "N", "date_of_birth": "2016-08-01",
             "nhs_number": f"{nhs(1)[:3]} {nhs(1)[3:6]} {nhs(1)[6:]}"},
            {"reference": "c2", "family_name": "Stone", "date_of_birth": "2014-01-20",
             "upn": upn(7).lower()},
            {"reference": "c3", "given_name": " amelia ", "family_name": "HART",
             "date_of_birth": "2015-03-02"},
            new_child(reference="c4"),
        ),
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["status"] == "awaiting_screening"
    assert answer["reference"] == "NP-2026-0042"
    assert answer["children"] == [{"reference": r} for r in ("c1", "c2", "c3", "c4")]
    assert answer["outcome"] is None
    assert answer["decided_at"] is None
    contact = contact_of(response)
    assert contact.submitted_by_partner == police
    assert contact.idempotency_key == "key-1"
    assert contact.referrer_organisation == police.last_name  # defaults to the agency
    assert len(contact.submission_digest) == 64
    assert [e["matched_on"] for e in contact.partner_children] == [
        MatchedOn.NHS_NUMBER,
        MatchedOn.UPN,
        MatchedOn.NAME_AND_DATE_OF_BIRTH,
        MatchedOn.CREATED,
    ]
    assert Person.objects.count() == people_before + 1
    created = Person.objects.get(pk=contact.partner_children[3]["child"])
    assert (created.given_name, created.family_name, created.sex) == ("Zara", "Pemberton-Lyle", "F")
    assert created.created_by == police
    assert created.addresses.get().postcode == "NN1 5AB"
    linked = {link.child_id for link in contact.child_links.all()}
    assert linked == {known.pk, pupil.pk, amelia.pk, created.pk}
    # The council's records are not changed by a partner's submission.
    known.refresh_from_db()
    assert known.given_name == "Noah"
    # Audited per child; each child's decision clock started.
    recorded = AuditEvent.objects.filter(verb=AuditVerb.CONTACT_RECORDED, actor=police)
    assert {e.person_id for e in recorded} == linked
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_CREATED, person_id=created.pk)
    assert Deadline.objects.filter(subject_id=str(contact.pk)).count() == 4


def test_the_answer_is_the_same_whether_a_child_was_known_or_not(council: Any, key: str) -> None:
    make_child("Noah", "Bell", dob=dt.date(2016, 8, 1), nhs_number=nhs(1))
    access_before = AccessEvent.objects.count()
    as_known = post(
        key, body(new_child(given_name="Noah", family_name="Bell", date_of_birth="2016-08-01",
                            nhs_number=nhs(1), sex="M")), "k-known"
    )  # fmt: skip
    as_new = post(
        key, body(new_child(given_name="Noah", family_name="Bell", date_of_birth="2016-08-01",
                            nhs_number=nhs(2), sex="M")), "k-new"
    )  # fmt: skip
    assert as_known.status_code == as_new.status_code == 201
    assert contact_of(as_known).partner_children[0]["matched_on"] == MatchedOn.NHS_NUMBER
    assert contact_of(as_new).partner_children[0]["matched_on"] == MatchedOn.CREATED

    def shape(r: Any) -> dict[str, Any]:
        return {k: v for k, v in r.json().items() if k not in ("id", "received_at")}

    assert shape(as_known) == shape(as_new)
    assert as_known.headers.keys() == as_new.headers.keys()
    assert AccessEvent.objects.count() == access_before  # the answer shows no child's data


def test_matching_is_safe_or_a_new_child_is_made(council: Any, police: Any) -> None:
    twins = [make_child("Ava", "Moss", dob=dt.date(2018, 5, 5)) for _ in range(2)]
    adult = person_create(
        actor=None,
        kind=PersonKind.ADULT,
        given_name="Kim",
        family_name="Moss",
        date_of_birth=dt.date(1990, 1, 1),
        nhs_number=nhs(3),
    )
    former = make_child("Leo", "Park", dob=dt.date(2013, 2, 2), upn=upn(8), former_upn=upn(9))
    result = partner_contact_submit(
        actor=police,
        idempotency_key="k",
        source="6",
        concern="Concern.",
        consent="yes",
        urgency="routine",
        children=[
            PartnerChild(given_name="Ava", family_name="Moss", date_of_birth=dt.date(2018, 5, 5)),
            PartnerChild(
                given_name="Kim", family_name="Moss", date_of_birth=dt.date(2012, 1, 1),
                nhs_number=nhs(3),
            ),
            PartnerChild(family_name="Moss", expected_date_of_birth=clock.today()),
            PartnerChild(given_name="L", date_of_birth=dt.date(2013, 2, 2), upn=upn(9)),
        ],
    )  # fmt: skip
    entries = result.contact.partner_children
    # Two children share the names and date of birth: neither is picked.
    assert entries[0]["matched_on"] == MatchedOn.CREATED
    assert entries[0]["child"] not in {str(t.pk) for t in twins}
    # An adult's NHS number is no match, and is not copied onto the new child's record.
    assert entries[1]["matched_on"] == MatchedOn.CREATED
    assert Person.objects.get(pk=entries[1]["child"]).nhs_number == ""
    assert Person.objects.get(nhs_number=nhs(3)) == adult
    # An unborn child is matched on identifiers only.
    assert entries[2]["matched_on"] == MatchedOn.CREATED
    # A former UPN is still the child's.
    assert entries[3] == {"reference": "", "child": str(former.pk), "matched_on": MatchedOn.UPN}
    # The screener sees the likely duplicates of each child made from the submission.
    duplicates = partner_possible_duplicates(contact=result.contact)
    made = Person.objects.get(pk=entries[0]["child"])
    assert {r.person.pk for r in duplicates[made.pk]} == {t.pk for t in twins}


def test_a_retry_returns_the_same_contact_and_writes_nothing(key: str) -> None:
    first = post(key, body())
    assert first.status_code == 201
    before = row_counts()
    again = post(key, body())
    assert again.status_code == 200
    assert again.json() == first.json()
    assert row_counts() == before


def test_the_same_key_with_another_submission_is_refused(key: str) -> None:
    assert post(key, body()).status_code == 201
    before = row_counts()
    response = post(key, body(concern="A different concern."))
    assert response.status_code == 409
    [error] = response.json()["detail"]
    assert error["loc"] == ["header", "Idempotency-Key"]
    assert "different submission" in error["msg"]
    assert row_counts() == before


def test_keys_are_per_partner(council: Any, police: Any, key: str) -> None:
    other = api_token_issue(actor=None, user=police, name="Second desk")[1]
    health = api_token_issue(
        actor=None, user=make_user("nhs_trust", Role.PARTNER), name="Safeguarding team"
    )[1]
    a = post(key, body())
    assert post(other, body()).json()["id"] == a.json()["id"]  # the same agency's other key
    b = post(health, body())
    assert b.status_code == 201
    assert b.json()["id"] != a.json()["id"]


def test_a_concurrent_twin_gets_the_contact_the_first_recorded(
    police: Any, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The twin passed the first look-up before the first was committed: the database's
    unique key stops it, and it answers with the contact the first recorded."""
    first = post(key, body())
    real = partner_services._existing
    calls: list[int] = []

    def missed_once(partner: Any, k: str) -> Any:
        calls.append(1)
        return None if len(calls) == 1 else real(partner, k)

    monkeypatch.setattr(partner_services, "_existing", missed_once)
    before = row_counts()
    twin = post(key, body())
    assert twin.status_code == 200
    assert twin.json()["id"] == first.json()["id"]
    assert row_counts() == before


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_twins_make_one_contact(council: Any, police: Any) -> None:
    make_child("Noah", "Bell", dob=dt.date(2016, 8, 1), nhs_number=nhs(1))
    barrier = threading.Barrier(2)
    results: list[Any] = []

    def submit() -> None:
        try:
            barrier.wait()
            results.append(
                partner_contact_submit(
                    actor=police,
                    idempotency_key="twin",
                    source="6",
                    concern="Concern.",
                    consent="yes",
                    urgency="routine",
                    children=[
                        PartnerChild(
                            given_name="Noah",
                            nhs_number=nhs(1),
                            date_of_birth=dt.date(2016, 8, 1),
                        ),
                        PartnerChild(family_name="Vale", date_of_birth=dt.date(2020, 2, 2)),
                    ],
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].contact.pk == results[1].contact.pk
    assert Contact.objects.filter(idempotency_key="twin").count() == 1
    assert Person.objects.filter(family_name="Vale").count() == 1  # the loser's undone


# Refusing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "loc", "words"),
    [
        ({"children": [new_child(nhs_number="943 476 5918")]},
         ["body", "children", 0, "nhs_number"], "NHS number is not valid"),
        ({"children": [new_child(upn="A12345678901")]},
         ["body", "children", 0, "upn"], "UPN must be 13 characters"),
        ({"children": [new_child(date_of_birth="2999-01-01")]},
         ["body", "children", 0, "date_of_birth"], "today or in the past"),
        ({"children": [new_child(date_of_birth="2000-01-01")]},
         ["body", "children", 0, "date_of_birth"], "under 18"),
        ({"children": [new_child(date_of_birth="11/04/2019")]},
         ["body", "children", 0, "date_of_birth"], "valid date"),
        ({"children": [new_child(date_of_birth=None)]},
         ["body", "children", 0, "date_of_birth"], "expected date of birth"),
        ({"children": [new_child(date_of_birth=None, expected_date_of_birth="2026-12-30")]},
         ["body", "children", 0, "sex"], "unborn"),
        ({"children": [new_child(given_name="", family_name="")]},
         ["body", "children", 0, "family_name"], "first name or last name"),
        ({"children": [new_child(address={"line_1": "1 A St", "town": "B", "postcode": "NOPE"})]},
         ["body", "children", 0, "address", "postcode"], "real UK postcode"),
        ({"children": [new_child(nhs_number=nhs(5)), new_child(nhs_number=nhs(5))]},
         ["body", "children", 1, "nhs_number"], "earlier child"),
        ({"children": [new_child(dob="2019-04-11")]},
         ["body", "children", 0, "dob"], "Extra inputs"),
        ({"children": []}, ["body", "children"], "at least 1"),
        ({"source": "ZZ"}, ["body", "source"], "Input should be"),
        ({"concern": "   "}, ["body", "concern"], "Enter the concern"),
        ({"consent": "not_needed"}, ["body", "consent_reason"], "put the child at risk"),
        ({"urgency": None}, ["body", "urgency"], "Input should be"),
    ],
)  # fmt: skip
def test_invalid_input_is_refused_by_field_and_writes_nothing(
    key: str, change: dict[str, Any], loc: list[Any], words: str
) -> None:
    before = row_counts()
    response = post(key, body() | change)
    assert response.status_code == 422, response.json()
    errors = response.json()["detail"]
    assert [e["loc"] for e in errors] == [loc], errors
    assert words in errors[0]["msg"]
    assert set(errors[0]) == {"loc", "msg", "type"}
    for sent in ("Zara", "Pemberton", "2019-04-11", "2999", "943 476", "NOPE", "A1234"):
        assert sent not in response.content.decode()
    assert row_counts() == before


def test_the_idempotency_key_is_required(key: str) -> None:
    before = row_counts()
    response = post(key, body(), idempotency_key=None)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert post(key, body(), idempotency_key="x" * 101).status_code == 422
    assert row_counts() == before


def test_only_a_partners_key_opens_contacts(council: Any, key: str, police: Any) -> None:
    client = Client()
    client.force_login(council.users["dcs"])
    before = row_counts()
    response = client.post(
        CONTACTS, json.dumps(body()), content_type="application/json",
        headers={"Idempotency-Key": "k"},
    )  # fmt: skip
    assert response.status_code == 401
    assert client.get(CONTACTS).status_code == 401
    assert post(None, body()).status_code == 401
    token = police.api_tokens.get()
    api_token_revoke(actor=None, token=token)
    before = row_counts()
    assert post(key, body()).status_code == 401
    assert get(key).status_code == 401
    assert row_counts() == before


# Reading --------------------------------------------------------------------------------


def test_a_partner_follows_its_contact_to_the_outcome(council: Any, key: str) -> None:
    response = post(key, body())
    contact_id = response.json()["id"]
    path = f"{CONTACTS}/{contact_id}"
    assert get(key, path).json()["status"] == "awaiting_screening"
    screener = council.users["mash_screener"]
    contact = Contact.objects.get(pk=contact_id)
    contact_rag_set(actor=screener, contact=contact, rag="green")
    assert get(key, path).json()["status"] == "being_screened"
    contact_decide(
        actor=screener,
        contact=contact,
        outcome=ContactOutcome.INFORMATION_AND_ADVICE,
        reasons="Police attended; no further concerns; advice given to the mother.",
    )
    answer = get(key, path).json()
    assert answer["status"] == "decided"
    assert answer["outcome"] == "information_advice"
    assert answer["outcome_label"] == "Information and advice"
    assert answer["decided_at"] is not None
    assert "advice given" not in json.dumps(answer)  # the screener's reasons stay inside
    assert set(answer) == {
        "id", "reference", "received_at", "status", "outcome", "outcome_label", "decided_at",
        "children",
    }  # fmt: skip
    assert answer["children"] == [{"reference": "child-a"}]


def test_a_partner_lists_only_its_own_contacts_newest_first(council: Any, key: str) -> None:
    ids = [post(key, body(), f"key-{i}").json()["id"] for i in range(3)]
    health = api_token_issue(
        actor=None, user=make_user("nhs_trust", Role.PARTNER), name="Safeguarding team"
    )[1]
    theirs = post(health, body()).json()["id"]
    listing = get(key, f"{CONTACTS}?per_page=2").json()
    assert listing["count"] == 3
    assert listing["per_page"] == 2
    assert [c["id"] for c in listing["items"]] == ids[::-1][:2]
    assert [c["id"] for c in get(key, f"{CONTACTS}?page=2&per_page=2").json()["items"]] == [ids[0]]
    assert get(key, f"{CONTACTS}?page=0").status_code == 422
    # Another agency's contact is answered as if it did not exist.
    before = row_counts()
    assert get(key, f"{CONTACTS}/{theirs}").status_code == 404
    assert get(key, f"{CONTACTS}/00000000-0000-4000-8000-000000000000").status_code == 404
    assert row_counts() == before
    assert get(health, f"{CONTACTS}/{theirs}").status_code == 200


def test_each_read_logs_an_access_to_each_child(council: Any, police: Any, key: str) -> None:
    response = post(key, body(new_child(), new_child(reference="b", given_name="Yusuf", sex="M")))
    contact = contact_of(response)
    children = {link.child_id for link in contact.child_links.all()}
    before = AccessEvent.objects.count()
    get(key, f"{CONTACTS}/{contact.pk}")
    logged = AccessEvent.objects.order_by("-occurred_at")[: AccessEvent.objects.count() - before]
    assert AccessEvent.objects.count() == before + 2
    assert {e.person_id for e in logged} == children
    assert {(e.actor, e.surface, e.view) for e in logged} == {
        (police, AccessSurface.API, "api.contact")
    }
    get(key)
    assert AccessEvent.objects.count() == before + 4


def test_list_reads_a_fixed_number_of_queries(key: str, django_assert_max_num_queries: Any) -> None:
    for i in range(5):
        post(key, body(new_child(), new_child(reference="b", given_name="Yusuf")), f"k{i}")
    # key, contacts, their children, count; then the access log: 2 per child (10 children).
    with django_assert_max_num_queries(6 + 2 * 10):
        assert len(get(key).json()["items"]) == 5


# Publishing -----------------------------------------------------------------------------


def test_the_openapi_description_lists_the_contact_endpoints(db: Any) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {"post", "get"} <= set(paths[CONTACTS])
    assert "get" in paths[CONTACTS + "/{contact_id}"]
    submit = paths[CONTACTS]["post"]
    [header] = [p for p in submit["parameters"] if p["in"] == "header"]
    assert header["name"] == "Idempotency-Key"
    assert header["required"] is True
    assert {"200", "201", "409", "422"} <= set(submit["responses"])
    assert Sex.UNKNOWN in json.dumps(schema["components"])
