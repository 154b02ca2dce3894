"""Looked-after reviews and IRO contacts: the chain of review clocks (first within 20 working
days, second within 3 months, then 6-monthly), the 903 participation codes, who may chair, and
what is refused."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import ContactMethod
from haven.care.models import IROContact, LookedAfterReview
from haven.care.services import care_end
from haven.care.services.review import care_review_record, iro_contact_record
from haven.care.tests.conftest import STARTED, Register, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db


def review_clocks(child: Any) -> list[tuple[str, str, dt.date, dt.date | None]]:
    return list(
        Deadline.objects.filter(child=child, rule_id__startswith="lac-review-")
        .order_by("due_on")
        .values_list("rule_id", "status", "due_on", "met_on")
    )


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["in_care"]


@pytest.fixture
def iro(council: Any) -> Any:
    return council.users["iro"]


def review(actor: Any, child: Any, on: dt.date, **kw: Any) -> LookedAfterReview:
    return care_review_record(
        **(
            {
                "actor": actor,
                "child": child,
                "held_on": on,
                "chair": actor,
                "participation": "PN1",
                "decisions": "Stay with current carers; contact with mum fortnightly",
                "child_views": "I want to see my mum more",
            }
            | kw
        )
    )


def test_each_review_meets_its_clock_and_opens_the_next(
    child: Any, iro: Any, register: Register
) -> None:
    look_after(None, child, register, on=dt.date(2025, 1, 6))
    first_due = working_days_after(dt.date(2025, 1, 6), 20)
    assert review_clocks(child) == [("lac-review-first", "open", first_due, None)]

    first = review(iro, child, dt.date(2025, 1, 31))
    second = review(iro, child, dt.date(2025, 4, 30))
    third = review(iro, child, dt.date(2025, 10, 31))
    assert review_clocks(child) == [
        ("lac-review-first", "met", first_due, dt.date(2025, 1, 31)),
        ("lac-review-second", "met", dt.date(2025, 4, 30), dt.date(2025, 4, 30)),
        ("lac-review-subsequent", "met", dt.date(2025, 10, 30), dt.date(2025, 10, 31)),
        ("lac-review-subsequent", "open", dt.date(2026, 4, 30), None),
    ]
    assert (first.chair, first.participation, first.recorded_by) == (iro, "PN1", iro)
    assert first.child_views == "I want to see my mum more"
    events = AuditEvent.objects.filter(verb=AuditVerb.CARE_REVIEW_RECORDED)
    assert {e.subject_id: e.payload["number"] for e in events} == {
        str(first.pk): 1,
        str(second.pk): 2,
        str(third.pk): 3,
    }
    assert {second.period_id, third.period_id} == {first.period_id}
    assert list(
        ChronologyEntry.objects.filter(person=child, source_type="care.lookedafterreview")
        .order_by("occurred_on")
        .values_list("summary", flat=True)
    ) == ["First looked-after review", "Looked-after review", "Looked-after review"]


def test_a_late_first_review_is_met_late_and_the_second_counts_from_it(
    child: Any, iro: Any, register: Register
) -> None:
    look_after(None, child, register)
    review(iro, child, dt.date(2025, 11, 28))
    first = Deadline.objects.get(child=child, rule_id="lac-review-first")
    assert first.met_on == dt.date(2025, 11, 28)
    assert first.due_on == working_days_after(STARTED, 20)
    second = Deadline.objects.get(child=child, rule_id="lac-review-second")
    assert (second.status, second.due_on) == (DeadlineStatus.OPEN, dt.date(2026, 2, 28))


def test_a_manager_may_chair_and_record(council: Any, child: Any, register: Register) -> None:
    look_after(None, child, register)
    manager = council.users["team_manager"]
    done = review(manager, child, dt.date(2025, 9, 22), chair=council.users["iro"])
    assert (done.chair, done.recorded_by) == (council.users["iro"], manager)


def test_a_child_under_4_is_coded_pn0(council: Any, iro: Any, register: Register) -> None:
    toddler = make_child("Ava", "Carter", dob=dt.date(2022, 10, 1))
    look_after(None, toddler, register)
    done = review(iro, toddler, dt.date(2025, 9, 22), participation="PN0")
    assert done.participation == "PN0"


def test_on_the_fourth_birthday_pn0_no_longer_applies(
    council: Any, iro: Any, register: Register
) -> None:
    four = make_child("Ava", "Carter", dob=dt.date(2021, 9, 22))
    look_after(None, four, register)
    errors = refused(review, actor=iro, child=four, on=dt.date(2025, 9, 22), participation="PN0")
    assert errors["participation"] == "PN0 is only for a child under 4 on the day of the review"
    assert review(iro, four, dt.date(2025, 9, 22), participation="PN7").participation == "PN7"


def refused(fn: Any, **kw: Any) -> dict[str, str]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        fn(**kw)
    assert row_counts() == before
    return {k: v[0] for k, v in e.value.message_dict.items()}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"on": dt.date(2025, 12, 2)}, "held_on", "today or in the past"),
        ({"on": dt.date(2025, 8, 29)}, "held_on", "on or after the child became looked after"),
        ({"participation": "PN9"}, "participation", "PN0 to PN7"),
        ({"participation": "PN0"}, "participation", "only for a child under 4"),
        ({"decisions": "  "}, "decisions", "Enter the review's decisions"),
    ],
)
def test_a_bad_review_is_refused_on_its_field(
    child: Any, iro: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    look_after(None, child, register)
    errors = refused(
        review, **({"actor": iro, "child": child, "on": dt.date(2025, 9, 22)} | change)
    )
    assert words in errors[field], errors


def test_the_chair_must_be_able_to_chair(council: Any, child: Any, register: Register) -> None:
    look_after(None, child, register)
    for persona in ("cic_worker", "business_support", "dcs"):
        errors = refused(
            review,
            actor=council.users["iro"],
            child=child,
            on=dt.date(2025, 9, 22),
            chair=council.users[persona],
        )
        assert errors["chair"] == (
            "The review must be chaired by an independent reviewing officer"
        ), persona


def test_a_toddler_must_be_coded_pn0(council: Any, iro: Any, register: Register) -> None:
    toddler = make_child("Ava", "Carter", dob=dt.date(2022, 10, 1))
    look_after(None, toddler, register)
    errors = refused(review, actor=iro, child=toddler, on=dt.date(2025, 9, 22))
    assert errors["participation"] == (
        "The child was under 4 on the day of the review: the 903 code is PN0"
    )


def test_one_review_a_day_and_in_the_order_held(child: Any, iro: Any, register: Register) -> None:
    look_after(None, child, register)
    review(iro, child, dt.date(2025, 9, 22))
    errors = refused(review, actor=iro, child=child, on=dt.date(2025, 9, 22))
    assert "one review a day" in errors["held_on"]
    errors = refused(review, actor=iro, child=child, on=dt.date(2025, 9, 19))
    assert errors["held_on"] == (
        "Reviews are recorded in the order they were held: the last one recorded was on "
        "22 September 2025"
    )


def test_a_child_not_looked_after_has_no_review(council: Any, iro: Any, register: Register) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    care_end(actor=None, child=child, ended_on=dt.date(2025, 11, 3), reason="E4A")
    errors = refused(review, actor=iro, child=child, on=dt.date(2025, 11, 10))
    assert errors == {"child": "This child is not looked after"}


# IRO contacts


def test_the_iro_records_a_contact_between_reviews(
    child: Any, iro: Any, register: Register
) -> None:
    look_after(None, child, register)
    clocks = review_clocks(child)
    contact = iro_contact_record(
        actor=iro,
        child=child,
        contact_on=dt.date(2025, 10, 14),
        method=ContactMethod.VIDEO,
        notes="  Talked about school  ",
    )
    assert (contact.iro, contact.method, contact.notes) == (iro, "video", "Talked about school")
    assert contact.period.started_on == STARTED
    assert review_clocks(child) == clocks  # a contact is not a review
    event = AuditEvent.objects.get(verb=AuditVerb.IRO_CONTACT_RECORDED)
    assert event.person_id == child.pk
    assert ChronologyEntry.objects.filter(source_id=str(contact.pk)).exists()


def test_only_an_iro_records_their_contact(council: Any, child: Any, register: Register) -> None:
    look_after(None, child, register)
    errors = refused(
        iro_contact_record,
        actor=council.users["cic_worker"],
        child=child,
        contact_on=dt.date(2025, 10, 14),
        method=ContactMethod.PHONE,
    )
    assert "Only an independent reviewing officer" in errors["iro"]
    assert not IROContact.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"contact_on": dt.date(2025, 12, 2)}, "contact_on", "today or in the past"),
        ({"contact_on": dt.date(2025, 8, 1)}, "contact_on", "became looked after"),
        ({"method": "carrier pigeon"}, "method", "Choose how the contact was made"),
    ],
)
def test_a_bad_contact_is_refused_on_its_field(
    child: Any, iro: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    look_after(None, child, register)
    base = {
        "actor": iro,
        "child": child,
        "contact_on": dt.date(2025, 10, 14),
        "method": ContactMethod.IN_PERSON,
    }
    errors = refused(iro_contact_record, **(base | change))
    assert words in errors[field], errors
