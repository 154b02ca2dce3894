"""Staff absence over the last year, and the allocation history around it."""

import datetime as dt
from typing import Any

import pytest

from haven.allocation.enums import AbsenceKind, SWReason
from haven.allocation.models import Absence, Allocation, Worker
from haven.core import clock
from haven.synthetic import calibration as cal
from haven.synthetic.absence import HANDOVER_DAYS, working_days
from haven.synthetic.personas import PERSONAS
from haven.synthetic.tests.checks import (
    assert_absences_keep_their_rules,
    assert_allocations_keep_their_rules,
)

pytestmark = pytest.mark.django_db


def test_absences_keep_the_model_s_rules(council: dict[str, Any]) -> None:
    assert_absences_keep_their_rules()
    assert council["absences"] == Absence.objects.count()
    kinds = set(Absence.objects.values_list("kind", flat=True))
    assert {AbsenceKind.ANNUAL_LEAVE, AbsenceKind.SICKNESS, AbsenceKind.TRAINING} <= kinds


def _rates() -> dict[str, float]:
    """Working days away by kind over the year to today ÷ working days employed then."""
    today = clock.today()
    year_start = today - dt.timedelta(days=365)
    employed = 0
    away: dict[str, int] = {}
    for worker in Worker.objects.all():
        last = today if worker.ended_on is None else worker.ended_on - dt.timedelta(days=1)
        low, high = max(worker.started_on, year_start), min(last, today)
        if high < low:
            continue
        employed += working_days(low, high)
        for a in worker.absences.all():
            start, end = max(a.starts_on, low), min(a.ends_on or today, high)
            away[a.kind] = away.get(a.kind, 0) + working_days(start, end)
    return {kind: n / employed for kind, n in away.items()}


def test_absence_lands_near_its_rates(council: dict[str, Any]) -> None:
    rates = _rates()
    # Sickness 3.5% nationally; a council of sixty staff has a handful of long spells.
    assert 0.4 * cal.SICKNESS_RATE < rates[AbsenceKind.SICKNESS] < 2.2 * cal.SICKNESS_RATE
    # 27 days of about 260 working days; agency staff take fewer.
    assert 0.07 < rates[AbsenceKind.ANNUAL_LEAVE] < 0.12
    assert rates[AbsenceKind.TRAINING] < 0.02


def test_personas_are_at_work_today(council: dict[str, Any]) -> None:
    today = clock.today()
    names = [p.username for p in PERSONAS]
    on_persona = Absence.objects.filter(worker__user__username__in=names)
    assert not on_persona.filter(starts_on__lte=today).exclude(ends_on__lt=today).exists()


def test_a_worker_long_away_has_had_their_cases_handed_on(council: dict[str, Any]) -> None:
    today = clock.today()
    for absence in Absence.objects.filter(starts_on__lte=today - dt.timedelta(days=28)).exclude(
        ends_on__lt=today
    ):
        if absence.kind not in (AbsenceKind.SICKNESS, AbsenceKind.PARENTAL_LEAVE):
            continue
        held = Allocation.objects.filter(worker_id=absence.worker_id, ended_on__isnull=True)
        assert not held.exists()
        # Cases held when the absence began were handed on within HANDOVER_DAYS (a change of
        # worker for another reason may also be recorded as ABSENC, earlier in the history).
        handed_on = Allocation.objects.filter(
            worker_id=absence.worker_id,
            end_reason=SWReason.ABSENC,
            started_on__lte=absence.starts_on,
            ended_on__gte=absence.starts_on,
        )
        latest = absence.starts_on + dt.timedelta(days=HANDOVER_DAYS[1])
        for allocation in handed_on:
            assert allocation.ended_on is not None
            assert allocation.ended_on <= latest


def test_allocations_keep_their_rules(council: dict[str, Any]) -> None:
    assert_allocations_keep_their_rules()


def test_the_typical_council_has_few_waiting_and_nobody_over_thirty(
    council: dict[str, Any],
) -> None:
    assert council["scenario"] == "typical"
    assert council["workers_over_30"] == 0
    assert council["vacancies_left_empty"] == 0
    assert council["risk_reviews"] == 0
