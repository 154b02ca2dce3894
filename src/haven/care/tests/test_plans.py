"""Care, placement and permanence plans: which clock each meets, what each must name, and the
flag for a permanence plan missing at the second review."""

import datetime as dt
from typing import Any

import pytest
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import CarePlanKind, PermanenceOption, PlacementType, ReasonPlaceChange
from haven.care.models import CarePlan, Placement
from haven.care.rules import PlacementDetails
from haven.care.selectors.reviews import child_summary, permanence_plan_missing
from haven.care.services import care_end, placement_change
from haven.care.services.plans import care_plan_record
from haven.care.services.review import care_review_record
from haven.care.tests.conftest import STARTED, Register, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["in_care"]


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


def clock(child: Any, rule_id: str) -> Deadline:
    return Deadline.objects.get(child=child, rule_id=rule_id)


def plan(actor: Any, child: Any, kind: str, on: dt.date, **kw: Any) -> CarePlan:
    kw.setdefault("summary", "Stay with carers")
    return care_plan_record(actor=actor, child=child, kind=kind, completed_on=on, **kw)


def review(council: Any, child: Any, on: dt.date) -> Any:
    iro = council.users["iro"]
    return care_review_record(
        actor=iro, child=child, held_on=on, chair=iro, participation="PN1", decisions="Continue"
    )


def test_a_care_plan_meets_the_periods_clock(child: Any, worker: Any, register: Register) -> None:
    look_after(worker, child, register)
    done = plan(worker, child, CarePlanKind.CARE, dt.date(2025, 9, 10))
    due = clock(child, "care-plan")
    assert (due.status, due.met_on) == (DeadlineStatus.MET, dt.date(2025, 9, 10))
    assert (done.kind, done.placement, done.permanence_option, done.recorded_by) == (
        "care",
        None,
        "",
        worker,
    )
    event = AuditEvent.objects.get(verb=AuditVerb.CARE_PLAN_RECORDED)
    assert event.payload["kind"] == "care"
    assert ChronologyEntry.objects.filter(person=child, summary="Care plan").exists()


def test_a_care_plan_made_before_the_first_placement_meets_it(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    plan(worker, child, CarePlanKind.CARE, STARTED - dt.timedelta(days=3))
    due = clock(child, "care-plan")
    assert due.met_on == STARTED - dt.timedelta(days=3)
    assert due.met_on < due.due_on


def test_a_new_version_of_the_care_plan_is_kept_beside_the_old(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    plan(worker, child, CarePlanKind.CARE, dt.date(2025, 9, 10))
    plan(worker, child, CarePlanKind.CARE, dt.date(2025, 11, 10))
    assert CarePlan.objects.filter(child=child, kind="care").count() == 2
    assert clock(child, "care-plan").met_on == dt.date(2025, 9, 10)
    summary = child_summary(child)
    care = next(row for row in summary.plans if row.kind == "care")
    assert care.plan is not None
    assert care.plan.completed_on == dt.date(2025, 11, 10)


def test_a_placement_plan_meets_the_current_placements_clock(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    first = Placement.objects.get(child=child)
    moved = dt.date(2025, 10, 6)
    new = placement_change(
        actor=worker,
        child=child,
        changed_on=moved,
        placement=PlacementDetails(place=PlacementType.K2, setting=register.home),
        reason_place_change=ReasonPlaceChange.CARPL,
    )
    done = plan(worker, child, CarePlanKind.PLACEMENT, dt.date(2025, 10, 8), placement=new)
    assert done.placement == new
    met = Deadline.objects.get(subject_id=str(new.pk), rule_id="placement-plan")
    assert (met.status, met.met_on) == (DeadlineStatus.MET, dt.date(2025, 10, 8))
    # The first placement's clock ended with it; a plan for it is refused.
    errors = refused(
        plan, actor=worker, child=child, kind=CarePlanKind.PLACEMENT, on=moved, placement=first
    )
    assert errors["placement"] == "A placement plan is for the child's current placement"


def test_a_permanence_plan_names_an_annex_a_option(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    clocks = list(Deadline.objects.filter(child=child).values_list("pk", "status"))
    done = plan(
        worker,
        child,
        CarePlanKind.PERMANENCE,
        dt.date(2025, 11, 3),
        permanence_option=PermanenceOption.LONG_TERM_FOSTERING,
    )
    assert done.permanence_option == "long_term_fostering"
    assert list(Deadline.objects.filter(child=child).values_list("pk", "status")) == clocks
    assert ChronologyEntry.objects.filter(
        person=child, summary="Permanence plan: long-term fostering"
    ).exists()


def refused(fn: Any, **kw: Any) -> dict[str, str]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        fn(**kw)
    assert row_counts() == before
    return {k: v[0] for k, v in e.value.message_dict.items()}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"kind": "pathway"}, "kind", "care plan, placement plan or permanence plan"),
        ({"on": dt.date(2025, 12, 2)}, "completed_on", "today or in the past"),
        ({"on": dt.date(2015, 3, 1)}, "completed_on", "date of birth"),
        ({"kind": CarePlanKind.PLACEMENT}, "placement", "current placement"),
        ({"kind": CarePlanKind.PERMANENCE}, "permanence_option", "Annex A"),
        (
            {"kind": CarePlanKind.PERMANENCE, "permanence_option": "foster"},
            "permanence_option",
            "Annex A",
        ),
        ({"permanence_option": PermanenceOption.ADOPTION}, "permanence_option", "Only a"),
        ({"summary": " "}, "summary", "Enter a summary"),
    ],
)
def test_a_bad_plan_is_refused_on_its_field(
    child: Any, worker: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    look_after(worker, child, register)
    kw = {"actor": worker, "child": child, "kind": CarePlanKind.CARE, "on": dt.date(2025, 9, 10)}
    errors = refused(plan, **(kw | change))
    assert words in errors[field], errors


def test_only_a_placement_plan_names_a_placement(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    current = Placement.objects.get(child=child)
    errors = refused(
        plan, actor=worker, child=child, kind=CarePlanKind.CARE, on=STARTED, placement=current
    )
    assert errors["placement"] == "Only a placement plan names a placement"


def test_a_plan_belongs_to_the_current_period(child: Any, worker: Any, register: Register) -> None:
    look_after(worker, child, register, on=dt.date(2025, 3, 3))
    care_end(actor=worker, child=child, ended_on=dt.date(2025, 6, 2), reason="E4A")
    errors = refused(plan, actor=worker, child=child, kind=CarePlanKind.CARE, on=STARTED)
    assert errors["child"] == "This child is not looked after"
    look_after(worker, child, register)
    errors = refused(
        plan, actor=worker, child=child, kind=CarePlanKind.CARE, on=dt.date(2025, 6, 2)
    )
    assert "after the child's last period of care ended (02 June 2025)" in errors["completed_on"]
    assert plan(worker, child, CarePlanKind.CARE, dt.date(2025, 6, 3)).period.started_on == STARTED


# The permanence plan, due by the second review


def test_no_flag_before_the_second_review_is_due(
    council: Any, child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    assert not permanence_plan_missing(child)
    review(council, child, dt.date(2025, 9, 26))  # the second is due by 26 December
    assert not permanence_plan_missing(child)
    assert not child_summary(child).permanence_missing


def test_the_flag_once_the_second_review_is_held_without_a_plan(
    council: Any, child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register, on=dt.date(2025, 6, 2))
    review(council, child, dt.date(2025, 6, 27))
    assert permanence_plan_missing(child)  # the second was due by 27 September
    review(council, child, dt.date(2025, 9, 26))
    assert permanence_plan_missing(child)
    assert child_summary(child).permanence_missing
    plan(
        worker,
        child,
        CarePlanKind.PERMANENCE,
        dt.date(2025, 10, 1),
        permanence_option=PermanenceOption.RETURN_HOME,
    )
    assert not permanence_plan_missing(child)
    summary = child_summary(child)
    assert not summary.permanence_missing
    assert summary.permanence_option == "Return to family"


def test_no_flag_for_a_child_not_looked_after(council: Any) -> None:
    assert not permanence_plan_missing(council.children["allocated"])
