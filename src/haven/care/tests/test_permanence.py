"""Permanence: the adoption plan's steps in order, permanence before care, the end of UASC
status, and the 903 AD1, PlacedAdoption, PrevPerm and UASC rows read back."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import (
    AdopterLegalStatus,
    AdopterSex,
    AdoptionCeasedReason,
    PreviousPermanence,
)
from haven.care.models import AdoptionPlan, PermanenceBefore
from haven.care.selectors.permanence import (
    Ad1Row,
    PlacedAdoptionRow,
    PrevPermRow,
    UascRow,
    ad1_rows,
    adoption_plan_steps,
    placed_adoption_rows,
    prev_perm_rows,
    uasc_row,
)
from haven.care.services.permanence import (
    adoption_cease_record,
    adoption_decision_record,
    adoption_ffa_record,
    adoption_match_record,
    adoption_order_record,
    adoption_placed_record,
    adoption_placement_order_record,
    previous_permanence_record,
    uasc_ceased_record,
)
from haven.care.tests.conftest import STARTED, Register, look_after
from haven.core.errors import ValidationError
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db

D = dt.date
DECIDED = D(2025, 9, 15)


def refused(call: Any, **kw: Any) -> dict[str, list[str]]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        call(**kw)
    assert row_counts() == before
    return e.value.message_dict


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def child(council: Any, register: Register, worker: Any) -> Any:
    child = council.children["in_care"]
    look_after(worker, child, register)
    return child


MATCH: dict[str, Any] = {
    "adopters": 2,
    "adopter_sex": AdopterSex.MF,
    "adopter_legal_status": AdopterLegalStatus.L12,
    "with_foster_carer": False,
}


def decide(worker: Any, child: Any, on: dt.date = DECIDED) -> AdoptionPlan:
    return adoption_decision_record(actor=worker, child=child, decided_on=on)


def test_an_adoption_plan_takes_its_steps_in_order(worker: Any, child: Any) -> None:
    plan = decide(worker, child)
    assert adoption_plan_steps(plan) == ["placement-order", "match", "ffa", "ceased"]
    adoption_ffa_record(actor=worker, child=child, placed_on=D(2025, 9, 10))
    adoption_placement_order_record(actor=worker, child=child, made_on=D(2025, 10, 1))
    adoption_match_record(actor=worker, child=child, matched_on=D(2025, 10, 20), **MATCH)
    plan.refresh_from_db()
    assert adoption_plan_steps(plan) == ["placed", "ceased"]
    adoption_placed_record(actor=worker, child=child, placed_on=D(2025, 11, 3))
    adoption_order_record(actor=worker, child=child, made_on=D(2025, 11, 28))
    plan.refresh_from_db()
    assert (plan.placement_order_on, plan.matched_on, plan.placed_on) == (
        D(2025, 10, 1),
        D(2025, 10, 20),
        D(2025, 11, 3),
    )
    assert (plan.ffa_placed_on, plan.adoption_order_on, plan.adopters) == (
        D(2025, 9, 10),
        D(2025, 11, 28),
        2,
    )
    assert adoption_plan_steps(plan) == []
    steps = {
        e.payload["step"]
        for e in AuditEvent.objects.filter(verb=AuditVerb.ADOPTION_UPDATED, person_id=child.pk)
    }
    assert steps == {"decision", "ffa", "placement_order", "match", "placed", "adoption_order"}
    assert ChronologyEntry.objects.filter(person=child, category="Adoption").count() == 6
    assert ad1_rows(child) == [
        Ad1Row(
            DATE_INT=DECIDED,
            DATE_MATCH=D(2025, 10, 20),
            FOSTER_CARE=0,
            NB_ADOPTR=2,
            SEX_ADOPTR="MF",
            LS_ADOPTR="L12",
        )
    ]
    assert placed_adoption_rows(child) == [PlacedAdoptionRow(DECIDED, None, "")]


def test_nothing_follows_the_end_of_the_plan(worker: Any, child: Any) -> None:
    decide(worker, child)
    adoption_match_record(actor=worker, child=child, matched_on=D(2025, 10, 1), **MATCH)
    adoption_placed_record(actor=worker, child=child, placed_on=D(2025, 10, 2))
    adoption_order_record(actor=worker, child=child, made_on=D(2025, 11, 1))
    errors = refused(adoption_ffa_record, actor=worker, child=child, placed_on=D(2025, 11, 2))
    assert "The adoption plan has ended" in errors["child"][0]


@pytest.mark.parametrize(
    ("call", "kw", "field", "text"),
    [
        (adoption_placed_record, {"placed_on": D(2025, 10, 1)}, "placed_on", "match"),
        (adoption_order_record, {"made_on": D(2025, 10, 1)}, "made_on", "placement with"),
        (
            adoption_placement_order_record,
            {"made_on": D(2025, 9, 14)},
            "made_on",
            "on or after the decision (15 September 2025)",
        ),
        (
            adoption_match_record,
            {"matched_on": D(2025, 9, 1), **MATCH},
            "matched_on",
            "on or after the decision",
        ),
        (
            adoption_match_record,
            {"matched_on": D(2025, 10, 1), **MATCH, "adopters": 1},
            "adopter_sex",
            "single male or a single female",
        ),
        (
            adoption_match_record,
            {"matched_on": D(2025, 10, 1), **MATCH, "adopter_sex": AdopterSex.F1},
            "adopter_sex",
            "A couple is",
        ),
        (
            adoption_match_record,
            {"matched_on": D(2025, 10, 1), **MATCH, "adopters": 1, "adopter_sex": "F1"},
            "adopter_legal_status",
            "for a couple",
        ),
        (
            adoption_match_record,
            {"matched_on": D(2025, 10, 1), **MATCH, "with_foster_carer": None},
            "with_foster_carer",
            "foster carers",
        ),
        (
            adoption_cease_record,
            {"ceased_on": D(2025, 10, 1), "reason": "RD9"},
            "reason",
            "Choose why",
        ),
        (
            adoption_cease_record,
            {"ceased_on": D(2025, 9, 1), "reason": AdoptionCeasedReason.RD1},
            "ceased_on",
            "on or after the decision",
        ),
        (
            adoption_ffa_record,
            {"placed_on": D(2025, 8, 1)},
            "placed_on",
            "in the period of care",
        ),
        (
            adoption_placement_order_record,
            {"made_on": D(2025, 12, 2)},
            "made_on",
            "today or in the past",
        ),
    ],
)
def test_a_step_out_of_order_is_refused(
    worker: Any, child: Any, call: Any, kw: dict[str, Any], field: str, text: str
) -> None:
    decide(worker, child)
    errors = refused(call, actor=worker, child=child, **kw)
    assert text in errors[field][0], errors


def test_a_step_is_taken_once(worker: Any, child: Any) -> None:
    decide(worker, child)
    adoption_placement_order_record(actor=worker, child=child, made_on=D(2025, 10, 1))
    errors = refused(
        adoption_placement_order_record, actor=worker, child=child, made_on=D(2025, 10, 2)
    )
    assert errors == {"made_on": ["The placement order is already recorded"]}
    adoption_match_record(actor=worker, child=child, matched_on=D(2025, 10, 20), **MATCH)
    errors = refused(
        adoption_match_record, actor=worker, child=child, matched_on=D(2025, 10, 21), **MATCH
    )
    assert errors == {"matched_on": ["The match is already recorded"]}


def test_reversing_the_decision_ends_the_plan_and_a_new_one_may_follow(
    worker: Any, child: Any
) -> None:
    decide(worker, child)
    adoption_placement_order_record(actor=worker, child=child, made_on=D(2025, 10, 1))
    errors = refused(
        adoption_cease_record,
        actor=worker,
        child=child,
        ceased_on=D(2025, 10, 10),
        reason=AdoptionCeasedReason.RD2,
    )
    assert "RD2 does not apply" in errors["reason"][0]
    errors = refused(
        adoption_cease_record,
        actor=worker,
        child=child,
        ceased_on=D(2025, 9, 20),
        reason=AdoptionCeasedReason.RD3,
    )
    assert "on or after the placement order" in errors["ceased_on"][0]
    adoption_cease_record(
        actor=worker, child=child, ceased_on=D(2025, 10, 10), reason=AdoptionCeasedReason.RD3
    )
    errors = refused(adoption_decision_record, actor=worker, child=child, decided_on=D(2025, 10, 9))
    assert "on or after the last adoption plan ended" in errors["decided_on"][0]
    decide(worker, child, D(2025, 11, 1))
    assert placed_adoption_rows(child) == [
        PlacedAdoptionRow(DECIDED, D(2025, 10, 10), "RD3"),
        PlacedAdoptionRow(D(2025, 11, 1), None, ""),
    ]
    assert ad1_rows(child) == []


def test_a_decision_needs_a_looked_after_child_and_no_open_plan(worker: Any, child: Any) -> None:
    errors = refused(adoption_decision_record, actor=worker, child=child, decided_on=D(2025, 8, 1))
    assert errors == {"decided_on": ["The child was not looked after on this date"]}
    decide(worker, child)
    errors = refused(adoption_decision_record, actor=worker, child=child, decided_on=D(2025, 10, 1))
    assert errors == {"decided_on": ["The child already has an adoption plan"]}
    errors = refused(
        adoption_match_record,
        actor=worker,
        child=make_child("No", "Plan"),
        **MATCH,
        matched_on=D(2025, 10, 1),
    )
    assert "Record the decision" in errors["child"][0]


def test_a_fostering_for_adoption_placement_comes_before_the_adoption_placement(
    worker: Any, child: Any
) -> None:
    decide(worker, child)
    adoption_match_record(actor=worker, child=child, matched_on=D(2025, 10, 1), **MATCH)
    adoption_placed_record(actor=worker, child=child, placed_on=D(2025, 10, 2))
    errors = refused(adoption_ffa_record, actor=worker, child=child, placed_on=D(2025, 10, 3))
    assert "on or before the placement with adopters" in errors["placed_on"][0]


# Previous permanence


def test_previous_permanence_is_recorded_and_corrected(worker: Any, child: Any) -> None:
    period = child.care_periods.get()
    record = previous_permanence_record(
        actor=worker,
        period=period,
        option=PreviousPermanence.P2,
        la_code=" 941 ",
        made_on=D(2019, 5, 1),
    )
    assert (record.option, record.la_code, record.made_on) == ("P2", "941", D(2019, 5, 1))
    previous_permanence_record(
        actor=worker, period=period, option=PreviousPermanence.P3, la_code="wal"
    )
    assert PermanenceBefore.objects.count() == 1
    assert prev_perm_rows(child) == [PrevPermRow("P3", "WAL", None)]
    events = AuditEvent.objects.filter(
        verb=AuditVerb.PREVIOUS_PERMANENCE_RECORDED, person_id=child.pk
    )
    assert sorted(e.payload["changes"]["option"][1] for e in events) == ["P2", "P3"]
    assert {tuple(e.payload["changes"]["option"]) for e in events} == {(None, "P2"), ("P2", "P3")}


@pytest.mark.parametrize(
    ("kw", "field", "text"),
    [
        ({"option": "P9"}, "option", "Choose the permanence"),
        ({"option": "Z1", "la_code": "941"}, "la_code", "Leave the local authority blank"),
        ({"option": "P4", "made_on": D(2019, 1, 1)}, "made_on", "Leave the date blank"),
        ({"option": "P1", "la_code": "94"}, "la_code", "3-digit code"),
        ({"option": "P1", "la_code": ""}, "la_code", "999 if it is not known"),
        ({"option": "P1", "la_code": "941", "made_on": STARTED}, "made_on", "before this period"),
        ({"option": "P1", "la_code": "941", "made_on": D(2014, 1, 1)}, "made_on", "date of birth"),
    ],
)
def test_bad_previous_permanence_is_refused(
    worker: Any, child: Any, kw: dict[str, Any], field: str, text: str
) -> None:
    errors = refused(
        previous_permanence_record, actor=worker, period=child.care_periods.get(), **kw
    )
    assert text in errors[field][0], errors


# Unaccompanied asylum-seeking children


def test_only_a_uasc_can_stop_being_one(council: Any, register: Register, worker: Any) -> None:
    child = council.children["in_care"]
    errors = refused(uasc_ceased_record, actor=worker, child=child, ceased_on=D(2025, 10, 1))
    assert "Only a child recorded as an unaccompanied" in errors["child"][0]
    assert uasc_row(child) is None


def test_a_uasc_stops_being_one_by_18(worker: Any) -> None:
    child = make_child("Amir", "Haddad", dob=D(2007, 11, 20), uasc=True)
    assert uasc_row(child) == UascRow(DUC=None)
    errors = refused(uasc_ceased_record, actor=worker, child=child, ceased_on=D(2025, 11, 21))
    assert "on or before the 18th birthday (20 November 2025)" in errors["ceased_on"][0]
    uasc_ceased_record(actor=worker, child=child, ceased_on=D(2025, 11, 20))
    assert uasc_row(child) == UascRow(DUC=D(2025, 11, 20))
    assert AuditEvent.objects.filter(verb=AuditVerb.UASC_CEASED, person_id=child.pk).exists()
    errors = refused(uasc_ceased_record, actor=worker, child=child, ceased_on=D(2025, 11, 19))
    assert "is recorded" in errors["ceased_on"][0]
