"""Weighted caseloads and capacity (the arithmetic), and workers' absences."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from tests.support import row_counts

from haven.allocation.capacity import (
    CARE_PROCEEDINGS,
    capacity,
    case_weight,
    holds_cases,
    utilisation,
    weighted_load,
)
from haven.allocation.enums import AbsenceKind, CaseKind, JobRole
from haven.allocation.models import Absence
from haven.allocation.services import absence_end, absence_record, worker_leave
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.core.errors import ValidationError

CIN, CP, LAC, LEAVER = (
    CaseKind.CHILD_IN_NEED,
    CaseKind.CHILD_PROTECTION,
    CaseKind.LOOKED_AFTER,
    CaseKind.CARE_LEAVER,
)


def kinds(*values: str) -> frozenset[str]:
    return frozenset(values)


# --- The arithmetic --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("case_kinds", "weight"),
    [
        (kinds(CIN), 1.0),
        (kinds(CP), 1.5),
        (kinds(LAC), 1.25),
        (kinds(LEAVER), 0.75),
        (kinds(CIN, CP), 1.5),  # one child, counted at the heaviest case
        (kinds(LAC, LEAVER), 1.25),
        (kinds(), 1.0),  # allocated with no open case recorded: the baseline
        (kinds(LAC, CARE_PROCEEDINGS), 2.0),
        (kinds(CARE_PROCEEDINGS), 1.75),
    ],
)
def test_a_child_weighs_their_heaviest_case(case_kinds: frozenset[str], weight: float) -> None:
    assert case_weight(case_kinds) == pytest.approx(weight)


def test_weighted_load_adds_children_and_lightens_siblings() -> None:
    children = [
        ("a", kinds(CP)),
        ("b", kinds(CIN)),  # a's sibling: half its weight
        ("c", kinds(CP)),  # a's sibling too: half
        ("d", kinds(LAC)),  # on their own
        ("e", kinds(LEAVER)),
    ]
    groups = {"a": "family-1", "b": "family-1", "c": "family-1"}
    assert weighted_load(children, groups) == pytest.approx(1.5 + 0.5 + 0.75 + 1.25 + 0.75)
    assert weighted_load(children, {}) == pytest.approx(1.5 + 1.0 + 1.5 + 1.25 + 0.75)
    assert weighted_load([], {}) == 0


def test_the_heaviest_sibling_counts_in_full_whatever_the_order() -> None:
    groups = {"x": 1, "y": 1}
    forwards = weighted_load([("x", kinds(CIN)), ("y", kinds(CP))], groups)
    backwards = weighted_load([("y", kinds(CP)), ("x", kinds(CIN))], groups)
    assert forwards == backwards == pytest.approx(1.5 + 0.5)


@pytest.mark.parametrize(
    ("job", "fte", "absent", "expected"),
    [
        (JobRole.SOCIAL_WORKER, Decimal("1.0"), False, 18),
        (JobRole.SOCIAL_WORKER, Decimal("0.5"), False, 9),
        (JobRole.SENIOR_PRACTITIONER, Decimal("1.0"), False, 16),
        (JobRole.ASYE_SOCIAL_WORKER, Decimal("1.0"), False, 12),
        (JobRole.ASYE_SOCIAL_WORKER, Decimal("0.8"), False, 9.6),
        (JobRole.FAMILY_SUPPORT, Decimal("1.0"), False, 15),
        (JobRole.PERSONAL_ADVISER, Decimal("1.0"), False, 18),
        (JobRole.SOCIAL_WORKER, Decimal("1.0"), True, 0),
        (JobRole.TEAM_MANAGER, Decimal("1.0"), False, 0),
        (JobRole.SERVICE_MANAGER, Decimal("1.0"), False, 0),
        (JobRole.IRO, Decimal("1.0"), False, 0),
        ("no_such_job", Decimal("1.0"), False, 0),
    ],
)
def test_capacity_is_the_job_s_maximum_times_fte_and_none_while_absent(
    job: str, fte: Decimal, absent: bool, expected: float
) -> None:
    assert capacity(job, fte, absent) == pytest.approx(expected)


def test_only_jobs_with_a_maximum_hold_cases() -> None:
    assert holds_cases(JobRole.SOCIAL_WORKER)
    assert not holds_cases(JobRole.TEAM_MANAGER)
    assert utilisation(9, 18) == pytest.approx(0.5)
    assert utilisation(2, 0) is None


def test_settings_change_the_weights_and_maxima(settings: Any) -> None:
    settings.HAVEN_CASE_WEIGHTS = {**settings.HAVEN_CASE_WEIGHTS, "cp": 2.0, "care_proceedings": 1}
    settings.HAVEN_CASELOAD_MAX = {"social_worker": 20, "team_manager": 5}
    settings.HAVEN_SIBLING_EXTRA_CHILD_FACTOR = 1.0
    assert case_weight(kinds(CIN, CP)) == 2.0
    assert case_weight(kinds(LAC, CARE_PROCEEDINGS)) == 2.25
    assert weighted_load([("a", kinds(CP)), ("b", kinds(CP))], {"a": 1, "b": 1}) == 4.0
    assert capacity(JobRole.SOCIAL_WORKER, Decimal("0.5"), False) == 10
    assert capacity(JobRole.TEAM_MANAGER, Decimal("1"), False) == 5
    assert capacity(JobRole.SENIOR_PRACTITIONER, Decimal("1"), False) == 0  # no longer listed


def test_settings_read_overrides_from_the_environment(monkeypatch: Any) -> None:
    from config.settings import env_numbers

    monkeypatch.setenv("HAVEN_TEST_TABLE", "social_worker=20, asye=10.5")
    assert env_numbers("HAVEN_TEST_TABLE", {"social_worker": 18, "family_support": 15}) == {
        "social_worker": 20.0,
        "asye": 10.5,
        "family_support": 15,
    }
    monkeypatch.delenv("HAVEN_TEST_TABLE")
    assert env_numbers("HAVEN_TEST_TABLE", {"cin": 1.0}) == {"cin": 1.0}


# --- Absences --------------------------------------------------------------------------


def absences_of(worker: Any) -> list[tuple[str, dt.date, dt.date | None]]:
    return [(a.kind, a.starts_on, a.ends_on) for a in worker.absences.order_by("starts_on")]


def test_absences_are_recorded_ended_and_audited(council: Any) -> None:
    manager, worker = council.users["team_manager"], council.users["social_worker"].worker
    leave = absence_record(
        actor=manager,
        worker=worker,
        kind=AbsenceKind.ANNUAL_LEAVE,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 6),
    )
    sick = absence_record(
        actor=manager, worker=worker, kind=AbsenceKind.SICKNESS, starts_on=dt.date(2026, 3, 9)
    )
    assert sick.ends_on is None
    assert sick.covers(dt.date(2027, 1, 1))
    assert leave.covers(dt.date(2026, 3, 6))
    assert not leave.covers(dt.date(2026, 3, 7))
    absence_end(actor=manager, absence=sick, ended_on=dt.date(2026, 3, 20))
    absence_end(actor=manager, absence=leave, ended_on=dt.date(2026, 3, 4))  # back early
    assert absences_of(worker) == [
        ("annual_leave", dt.date(2026, 3, 2), dt.date(2026, 3, 4)),
        ("sickness", dt.date(2026, 3, 9), dt.date(2026, 3, 20)),
    ]
    events = AuditEvent.objects.filter(subject_type="allocation.absence").order_by("occurred_at")
    assert [(e.verb, e.actor_id, e.person_id) for e in events] == [
        (AuditVerb.ABSENCE_RECORDED, manager.pk, None),
        (AuditVerb.ABSENCE_RECORDED, manager.pk, None),
        (AuditVerb.ABSENCE_ENDED, manager.pk, None),
        (AuditVerb.ABSENCE_ENDED, manager.pk, None),
    ]
    assert events[1].payload == {
        "worker": str(worker.pk),
        "kind": "sickness",
        "starts_on": "2026-03-09",
        "ends_on": None,
    }


@pytest.fixture
def booked(council: Any) -> Any:
    """Sam's leave, 2 to 6 March 2026, and sickness open from 16 March."""
    worker = council.users["social_worker"].worker
    absence_record(
        actor=None,
        worker=worker,
        kind=AbsenceKind.ANNUAL_LEAVE,
        starts_on=dt.date(2026, 3, 2),
        ends_on=dt.date(2026, 3, 6),
    )
    absence_record(
        actor=None, worker=worker, kind=AbsenceKind.SICKNESS, starts_on=dt.date(2026, 3, 16)
    )
    return worker


@pytest.mark.parametrize(
    ("kind", "starts_on", "ends_on", "field", "message"),
    [
        ("training", dt.date(2026, 3, 6), dt.date(2026, 3, 9), "starts_on", "overlaps"),
        ("training", dt.date(2026, 2, 23), dt.date(2026, 3, 2), "starts_on", "2 March 2026"),
        ("training", dt.date(2026, 2, 23), None, "starts_on", "overlaps"),
        ("training", dt.date(2026, 3, 20), dt.date(2026, 3, 20), "starts_on", "no end date"),
        ("other", dt.date(2026, 3, 10), dt.date(2026, 3, 9), "ends_on", "on or after"),
        ("holiday", dt.date(2026, 3, 10), dt.date(2026, 3, 11), "kind", "kind of absence"),
        ("training", dt.date(2019, 12, 1), dt.date(2019, 12, 2), "starts_on", "before the"),
    ],
    ids=[
        "overlaps-end",
        "overlaps-start",
        "open-ended-over-leave",
        "inside-open-sickness",
        "end-before-start",
        "bad-kind",
        "before-worker-started",
    ],
)
def test_absence_record_refuses_bad_input_and_writes_nothing(
    booked: Any,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    field: str,
    message: str,
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        absence_record(
            actor=None,
            worker=booked,
            kind=kind,  # type: ignore[arg-type]  # a bad value on purpose
            starts_on=starts_on,
            ends_on=ends_on,
        )
    assert list(e.value.message_dict) == [field]
    assert message in e.value.message_dict[field][0]
    assert row_counts() == before


def test_absences_either_side_of_another_are_allowed(booked: Any) -> None:
    absence_record(
        actor=None,
        worker=booked,
        kind=AbsenceKind.TRAINING,
        starts_on=dt.date(2026, 3, 7),
        ends_on=dt.date(2026, 3, 15),
    )
    assert len(absences_of(booked)) == 3


def test_no_absence_after_the_worker_left(council: Any) -> None:
    worker = council.users["colleague"].worker
    worker_leave(actor=None, worker=worker, ended_on=dt.date(2026, 1, 30))
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        absence_record(
            actor=None,
            worker=worker,
            kind=AbsenceKind.SICKNESS,
            starts_on=dt.date(2026, 2, 2),
        )
    assert "has left" in e.value.message_dict["starts_on"][0]
    assert row_counts() == before


@pytest.mark.parametrize(
    ("which", "ended_on", "message"),
    [
        ("leave", dt.date(2026, 3, 1), "on or after the first day"),
        ("leave", dt.date(2026, 3, 6), "already ends on 6 March 2026"),
        ("leave", dt.date(2026, 3, 10), "record a new absence"),
        ("sickness", dt.date(2026, 3, 15), "on or after the first day"),
    ],
)
def test_absence_end_refuses_bad_dates_and_writes_nothing(
    booked: Any, which: str, ended_on: dt.date, message: str
) -> None:
    kind = AbsenceKind.ANNUAL_LEAVE if which == "leave" else AbsenceKind.SICKNESS
    absence = booked.absences.get(kind=kind)
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        absence_end(actor=None, absence=absence, ended_on=ended_on)
    assert list(e.value.message_dict) == ["ended_on"]
    assert message in e.value.message_dict["ended_on"][0]
    assert row_counts() == before


def test_the_database_keeps_one_open_ended_absence_and_ends_after_starts(booked: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Absence.objects.create(worker=booked, kind=AbsenceKind.OTHER, starts_on=dt.date(2026, 5, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Absence.objects.create(
            worker=booked,
            kind=AbsenceKind.OTHER,
            starts_on=dt.date(2026, 1, 10),
            ends_on=dt.date(2026, 1, 9),
        )
