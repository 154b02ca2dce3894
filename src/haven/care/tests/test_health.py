"""Health and education: what each service records, the clocks it meets and opens (with their
due dates), what it refuses (writing nothing), and the 903 OC2 flags read back."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child
from tests.support import row_counts, working_days_after

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import HealthCheckKind, LegalStatus, ReasonEpisodeCeased, SdqReason
from haven.care.models import HealthCheck, PersonalEducationPlan, StrengthsAndDifficulties
from haven.care.selectors.health import Oc2Row, oc2
from haven.care.services import care_end, legal_status_change
from haven.care.services.health import (
    conviction_record,
    health_check_record,
    pep_record,
    sdq_clocks_open,
    sdq_record,
    substance_misuse_record,
)
from haven.care.tests.conftest import STARTED, Register, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry
from haven.timescales.calendar import add_months, add_weeks

pytestmark = pytest.mark.django_db

D = dt.date


def open_rules(child: Any) -> dict[str, dt.date]:
    return {
        d.rule_id: d.due_on
        for d in Deadline.objects.filter(child=child, status=DeadlineStatus.OPEN)
    }


def met(child: Any, rule_id: str) -> list[dt.date | None]:
    return list(
        Deadline.objects.filter(child=child, rule_id=rule_id, status=DeadlineStatus.MET)
        .order_by("met_on")
        .values_list("met_on", flat=True)
    )


def refused(call: Any, **kw: Any) -> dict[str, list[str]]:
    """The service's refusal, having checked that it wrote nothing."""
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
    """Isla, 10, looked after from 1 September 2025."""
    child = council.children["in_care"]
    look_after(worker, child, register)
    return child


def check(worker: Any, child: Any, kind: str, on: dt.date, **kw: Any) -> HealthCheck:
    return health_check_record(actor=worker, child=child, kind=kind, completed_on=on, **kw)


# Health assessments


def test_the_initial_assessment_meets_its_clock_and_opens_the_first_review(
    worker: Any, child: Any
) -> None:
    assert open_rules(child)["initial-health-assessment"] == working_days_after(STARTED, 20)
    on = D(2025, 9, 22)
    recorded = check(worker, child, HealthCheckKind.INITIAL, on, outcome=" Well ")
    assert recorded.outcome == "Well"
    assert met(child, "initial-health-assessment") == [on]
    due = open_rules(child)
    assert due["review-health-assessment-5-and-over"] == D(2026, 9, 22)  # 10 years old: 12 months
    assert "review-health-assessment-under-5" not in due
    # The first SDQ clock, 12 months after the child became looked after.
    assert due["sdq"] == D(2026, 9, 1)
    event = AuditEvent.objects.get(verb=AuditVerb.HEALTH_RECORDED, person_id=child.pk)
    assert event.payload == {"kind": "initial", "completed_on": "2025-09-22"}
    assert ChronologyEntry.objects.filter(person=child, category="Health").count() == 1


def test_a_review_chains_by_the_age_on_the_day(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = make_child("Poppy", "Ray", dob=D(2020, 10, 15))
    look_after(worker, child, register)
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 10))  # aged 4: 6 months
    assert open_rules(child)["review-health-assessment-under-5"] == D(2026, 3, 10)
    check(worker, child, HealthCheckKind.REVIEW, D(2025, 11, 20))  # aged 5 now: 12 months
    assert met(child, "review-health-assessment-under-5") == [D(2025, 11, 20)]
    due = open_rules(child)
    assert due["review-health-assessment-5-and-over"] == D(2026, 11, 20)
    assert "review-health-assessment-under-5" not in due


def test_an_older_assessment_recorded_late_leaves_the_clocks_alone(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 5))
    check(worker, child, HealthCheckKind.REVIEW, D(2025, 11, 20))
    check(worker, child, HealthCheckKind.REVIEW, D(2025, 10, 1))
    assert open_rules(child)["review-health-assessment-5-and-over"] == D(2026, 11, 20)
    assert Deadline.objects.filter(child=child, rule_id__startswith="review-").count() == 2


def test_an_initial_assessment_may_come_just_before_the_placement(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, STARTED - dt.timedelta(days=10))
    assert met(child, "initial-health-assessment") == [STARTED - dt.timedelta(days=10)]
    errors = refused(
        health_check_record,
        actor=worker,
        child=child,
        kind=HealthCheckKind.DENTAL,
        completed_on=STARTED - dt.timedelta(days=10),
    )
    assert errors == {"completed_on": ["The child was not looked after on this date"]}


def test_dental_checks_and_immunisations_touch_no_clock(worker: Any, child: Any) -> None:
    before = open_rules(child)
    check(worker, child, HealthCheckKind.DENTAL, D(2025, 10, 1))
    check(worker, child, HealthCheckKind.IMMUNISATIONS, D(2025, 10, 2))
    assert open_rules(child) == before
    assert not ChronologyEntry.objects.filter(person=child, category="Health").exists()


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        (HealthCheckKind.REVIEW, D(2025, 10, 1), {"kind": "Record the initial health assessment"}),
        ("teeth", D(2025, 10, 1), {"kind": "Choose what kind of check this was"}),
        (HealthCheckKind.DENTAL, D(2025, 12, 2), {"completed_on": "must be today or in the past"}),
        (HealthCheckKind.DENTAL, D(2025, 3, 1), {"completed_on": "was not looked after"}),
        (HealthCheckKind.INITIAL, D(2025, 5, 1), {"completed_on": "was not looked after"}),
        (HealthCheckKind.DENTAL, D(2014, 1, 1), {"completed_on": "on or after the child's date"}),
        (HealthCheckKind.DENTAL, None, {"completed_on": "Enter the date"}),
    ],
)
def test_a_bad_health_check_is_refused(
    worker: Any, child: Any, kind: str, on: dt.date | None, expected: dict[str, str]
) -> None:
    errors = refused(health_check_record, actor=worker, child=child, kind=kind, completed_on=on)
    assert set(errors) == set(expected)
    for field, text in expected.items():
        assert text in errors[field][0]


def test_one_initial_assessment_per_period(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 22))
    errors = refused(
        health_check_record,
        actor=worker,
        child=child,
        kind=HealthCheckKind.INITIAL,
        completed_on=D(2025, 10, 22),
    )
    assert "already recorded" in errors["kind"][0]


def test_no_review_falls_due_after_the_18th_birthday(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = make_child("Zara", "Old", dob=D(2008, 1, 10))
    look_after(worker, child, register)
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 10))
    assert met(child, "initial-health-assessment") == [D(2025, 9, 10)]
    due = open_rules(child)
    assert not any(rule.startswith("review-health") for rule in due)
    assert "sdq" not in due  # 17: past the SDQ ages


def test_leaving_care_stops_the_health_clocks(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 22))
    care_end(actor=worker, child=child, ended_on=D(2025, 11, 1), reason=ReasonEpisodeCeased.E4A)
    assert not {"review-health-assessment-5-and-over", "sdq"} & set(open_rules(child))


# Strengths and difficulties questionnaires


def test_an_sdq_meets_its_clock_and_opens_the_next(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 22))
    sdq = sdq_record(actor=worker, child=child, completed_on=D(2025, 11, 3), score=14)
    assert (sdq.score, sdq.reason) == (14, "")
    assert met(child, "sdq") == [D(2025, 11, 3)]
    assert open_rules(child)["sdq"] == D(2026, 11, 3)
    event = AuditEvent.objects.get(verb=AuditVerb.SDQ_RECORDED, person_id=child.pk)
    assert event.payload["score"] == 14


def test_a_reason_instead_of_a_score_also_meets_the_clock(worker: Any, child: Any) -> None:
    sdq_clocks_open(on=D(2025, 12, 1))
    sdq_record(actor=worker, child=child, completed_on=D(2025, 11, 3), reason=SdqReason.SDQ2)
    assert met(child, "sdq") == [D(2025, 11, 3)]
    assert open_rules(child)["sdq"] == D(2026, 11, 3)


def test_sdq1_is_for_a_child_outside_the_ages(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    toddler = make_child("Tia", "Small", dob=D(2022, 6, 1))
    look_after(worker, toddler, register)
    errors = refused(sdq_record, actor=worker, child=toddler, completed_on=D(2025, 10, 1), score=9)
    assert "choose SDQ1" in errors["score"][0]
    sdq = sdq_record(
        actor=worker, child=toddler, completed_on=D(2025, 10, 1), reason=SdqReason.SDQ1
    )
    assert sdq.reason == "SDQ1"
    assert open_rules(toddler)["sdq"] == D(2026, 10, 1)  # 4 by then
    baby = make_child("Rae", "Smaller", dob=D(2023, 6, 1))
    look_after(worker, baby, register)
    sdq_record(actor=worker, child=baby, completed_on=D(2025, 10, 1), reason=SdqReason.SDQ1)
    assert "sdq" not in open_rules(baby)  # still 3 a year on


@pytest.mark.parametrize(
    ("score", "reason", "field", "text"),
    [
        (None, SdqReason.SDQ1, "reason", "SDQ1 is for children under 4 or over 16"),
        (41, "", "score", "from 0 to 40"),
        (None, "", "score", "Enter the score, or choose why there is none"),
        (10, SdqReason.SDQ2, "reason", "not both"),
        (None, "SDQ9", "reason", "Choose why there is no score"),
    ],
)
def test_a_bad_sdq_is_refused(
    worker: Any, child: Any, score: int | None, reason: str, field: str, text: str
) -> None:
    errors = refused(
        sdq_record,
        actor=worker,
        child=child,
        completed_on=D(2025, 10, 1),
        score=score,
        reason=reason,
    )
    assert text in errors[field][0]


def test_the_daily_run_opens_each_first_sdq_once(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    ten = council.children["in_care"]
    look_after(worker, ten, register)
    turned_4 = make_child("Finn", "Four", dob=D(2021, 10, 1))  # 4 on 1 October 2025
    look_after(worker, turned_4, register)
    baby = make_child("Bea", "Baby", dob=D(2024, 1, 1))
    look_after(worker, baby, register)
    opened = sdq_clocks_open(on=D(2025, 12, 1))
    assert {d.child_id for d in opened} == {ten.pk, turned_4.pk}
    assert open_rules(ten)["sdq"] == D(2026, 9, 1)
    assert open_rules(turned_4)["sdq"] == D(2026, 10, 1)  # a year from the 4th birthday
    assert sdq_clocks_open(on=D(2025, 12, 2)) == []


# Personal education plans


def test_the_pep_meets_its_clock_and_reviews_chain(worker: Any, child: Any) -> None:
    assert open_rules(child)["pep"] == working_days_after(STARTED, 10)
    pep_record(
        actor=worker,
        child=child,
        completed_on=D(2025, 9, 12),
        is_review=False,
        school=" Hill Primary ",
    )
    assert met(child, "pep") == [D(2025, 9, 12)]
    assert open_rules(child)["pep-review"] == add_weeks(D(2025, 9, 12), 13)
    pep_record(actor=worker, child=child, completed_on=D(2025, 11, 28), is_review=True)
    assert met(child, "pep-review") == [D(2025, 11, 28)]
    assert open_rules(child)["pep-review"] == add_weeks(D(2025, 11, 28), 13)
    assert PersonalEducationPlan.objects.get(child=child, is_review=False).school == "Hill Primary"
    assert AuditEvent.objects.filter(verb=AuditVerb.PEP_RECORDED, person_id=child.pk).count() == 2
    assert ChronologyEntry.objects.filter(person=child, category="Education").count() == 1


def test_a_pep_review_needs_the_plan_and_the_plan_comes_once(worker: Any, child: Any) -> None:
    errors = refused(
        pep_record, actor=worker, child=child, completed_on=D(2025, 10, 1), is_review=True
    )
    assert errors == {"is_review": ["Record the personal education plan for this period first"]}
    pep_record(actor=worker, child=child, completed_on=D(2025, 9, 12), is_review=False)
    errors = refused(
        pep_record, actor=worker, child=child, completed_on=D(2025, 10, 1), is_review=False
    )
    assert "already recorded" in errors["is_review"][0]


# Substance misuse and convictions


def test_substance_misuse_is_recorded_with_its_intervention(worker: Any, child: Any) -> None:
    errors = refused(
        substance_misuse_record,
        actor=worker,
        child=child,
        identified_on=D(2025, 10, 1),
        intervention_offered=False,
        intervention_received=True,
    )
    assert "only have been received if it was offered" in errors["intervention_received"][0]
    misuse = substance_misuse_record(
        actor=worker,
        child=child,
        identified_on=D(2025, 10, 1),
        intervention_offered=True,
        intervention_received=False,
    )
    assert misuse.intervention_offered
    assert AuditEvent.objects.filter(
        verb=AuditVerb.SUBSTANCE_MISUSE_RECORDED, person_id=child.pk
    ).exists()


def test_a_conviction_needs_a_child_of_10(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = make_child("Ned", "Nine", dob=D(2016, 1, 1))
    look_after(worker, child, register)
    errors = refused(conviction_record, actor=worker, child=child, convicted_on=D(2025, 10, 1))
    assert errors == {"convicted_on": ["A child under 10 cannot be convicted or cautioned"]}
    isla = council.children["in_care"]
    look_after(worker, isla, register)
    conviction_record(actor=worker, child=isla, convicted_on=D(2025, 10, 1))
    assert AuditEvent.objects.filter(verb=AuditVerb.CONVICTION_RECORDED, person_id=isla.pk).exists()
    errors = refused(conviction_record, actor=worker, child=isla, convicted_on=D(2025, 8, 1))
    assert errors == {"convicted_on": ["The child was not looked after on this date"]}


def test_an_adult_has_no_health_record(council: Any) -> None:
    errors = refused(
        health_check_record,
        actor=council.users["cic_worker"],
        child=council.children["parent"],
        kind=HealthCheckKind.DENTAL,
        completed_on=D(2025, 10, 1),
    )
    assert "child" in errors


# SSDA903 OC2


YEAR_END = D(2025, 3, 31)


def test_the_oc2_flags_come_from_the_records_of_the_year(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = council.children["in_care"]  # 10 on 2 March 2025
    look_after(worker, child, register, on=D(2024, 3, 1))
    check(worker, child, HealthCheckKind.INITIAL, D(2024, 3, 20))  # before the year
    check(worker, child, HealthCheckKind.REVIEW, D(2024, 9, 20))
    check(worker, child, HealthCheckKind.DENTAL, D(2024, 10, 1))
    check(worker, child, HealthCheckKind.IMMUNISATIONS, D(2024, 10, 1))
    sdq_record(actor=worker, child=child, completed_on=D(2024, 5, 1), score=20)
    sdq_record(actor=worker, child=child, completed_on=D(2024, 11, 1), score=12)
    substance_misuse_record(
        actor=worker,
        child=child,
        identified_on=D(2024, 12, 1),
        intervention_offered=True,
        intervention_received=False,
    )
    conviction_record(actor=worker, child=child, convicted_on=D(2025, 3, 10))
    assert oc2(child, YEAR_END) == Oc2Row(
        SDQ_SCORE=12,
        SDQ_REASON="",
        CONVICTED=1,
        HEALTH_CHECK=None,
        IMMUNISATIONS=1,
        TEETH_CHECK=1,
        HEALTH_ASSESSMENT=1,
        SUBSTANCE_MISUSE=1,
        INTERVENTION_RECEIVED=0,
        INTERVENTION_OFFERED=1,
    )
    # The year before: the child was not looked after all of it.
    assert oc2(child, D(2024, 3, 31)) is None
    with pytest.raises(ValueError, match="31 March"):
        oc2(child, D(2025, 4, 30))


def test_an_empty_year_gives_noughts(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = council.children["in_care"]
    look_after(worker, child, register, on=D(2024, 3, 1))
    assert oc2(child, YEAR_END) == Oc2Row(
        SDQ_SCORE=None,
        SDQ_REASON="",
        CONVICTED=0,
        HEALTH_CHECK=None,
        IMMUNISATIONS=0,
        TEETH_CHECK=0,
        HEALTH_ASSESSMENT=0,
        SUBSTANCE_MISUSE=0,
        INTERVENTION_RECEIVED=None,
        INTERVENTION_OFFERED=None,
    )


def test_a_child_under_5_has_health_check_and_sdq1(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = make_child("Ava", "Young", dob=D(2022, 1, 1))  # 3 at 31 March 2025
    look_after(worker, child, register, on=D(2024, 2, 1))
    check(worker, child, HealthCheckKind.INITIAL, D(2024, 2, 20))
    row = oc2(child, YEAR_END)
    assert row is not None
    assert (row.HEALTH_CHECK, row.SDQ_REASON, row.HEALTH_ASSESSMENT) == (0, "SDQ1", 0)
    check(worker, child, HealthCheckKind.REVIEW, D(2024, 10, 15))  # due again 15 April 2025
    row = oc2(child, YEAR_END)
    assert row is not None
    assert (row.HEALTH_CHECK, row.HEALTH_ASSESSMENT) == (1, 1)
    assert add_months(D(2024, 10, 15), 6) > YEAR_END


def test_a_short_break_in_the_year_leaves_the_child_out(council: Any, register: Register) -> None:
    worker = council.users["cic_worker"]
    child = council.children["in_care"]
    look_after(worker, child, register, on=D(2024, 3, 1), legal_status=LegalStatus.V2)
    legal_status_change(
        actor=worker, child=child, changed_on=D(2024, 6, 1), legal_status=LegalStatus.V3
    )
    assert oc2(child, YEAR_END) is None


def test_records_are_kept_apart_per_child(worker: Any, child: Any) -> None:
    check(worker, child, HealthCheckKind.INITIAL, D(2025, 9, 22))
    assert HealthCheck.objects.count() == 1
    assert StrengthsAndDifficulties.objects.count() == 0
