"""Scenario verbs for children in care: the register, a period of care with its moves and
change of legal status, a placement in an unregistered setting signed off by the director, and
leaving care."""

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.support import row_counts

from haven.allocation.enums import CaseKind
from haven.allocation.models import OpenCase
from haven.care.models import (
    CareEpisode,
    CarePeriod,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    Placement,
    Setting,
)
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline

CARE = Path(__file__).parent / "care.yaml"
STARTED = dt.date(2026, 1, 6)
UNREGISTERED = dt.date(2026, 3, 9)


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("scenario", *args, stdout=out)
    return out.getvalue()


def doc() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(CARE.read_text())
    return loaded


def write(tmp_path: Path, changed: dict[str, Any]) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(changed))
    return path


def refused(path: Path) -> str:
    before = row_counts()
    with pytest.raises(CommandError) as e:
        run("load", str(path))
    assert row_counts() == before
    return str(e.value)


def event(changed: dict[str, Any], do: str) -> dict[str, Any]:
    found: dict[str, Any] = next(e for e in changed["events"] if e["do"] == do)
    return found


@pytest.mark.django_db
def test_the_care_example_writes_the_903_episodes_as_the_guidance_defines() -> None:
    refs = json.loads(run("load", str(CARE)))

    period = CarePeriod.objects.get(pk=refs["period"])
    assert (period.started_on, period.ended_on, period.home_postcode) == (
        STARTED,
        dt.date(2026, 9, 28),
        "NN3 8QT",
    )
    episodes = list(
        CareEpisode.objects.filter(period=period)
        .order_by("started_on")
        .values_list(
            "started_on",
            "reason_new",
            "legal_status",
            "placement__place",
            "ended_on",
            "reason_ceased",
            "reason_place_change",
        )
    )
    assert episodes == [
        (STARTED, "S", "C1", "U6", dt.date(2026, 2, 16), "X1", "CREQB"),
        (dt.date(2026, 2, 16), "P", "C1", "U6", UNREGISTERED, "X1", "CREQB"),
        (UNREGISTERED, "P", "C1", "K2", dt.date(2026, 3, 20), "X1", "CARPL"),
        (dt.date(2026, 3, 20), "P", "C1", "K2", dt.date(2026, 7, 6), "X1", ""),
        (dt.date(2026, 7, 6), "L", "C2", "K2", dt.date(2026, 9, 28), "E4A", ""),
    ]
    # The register filled the placements' provider, postcode and URN.
    home = Placement.objects.get(pk=refs["home"])
    assert (home.provider, home.postcode, home.urn, home.setting_id) == (
        "PR4",
        "LE1 6ZG",
        "SC500002",
        Setting.objects.get(urn="SC500002").pk,
    )
    assert OpenCase.objects.get(subject_id=str(period.pk)).kind == CaseKind.LOOKED_AFTER
    assert OpenCase.objects.get(subject_id=str(period.pk)).closed_on == dt.date(2026, 9, 28)
    # Leaving care stopped every clock the period and its placements kept.
    assert not Deadline.objects.filter(status=DeadlineStatus.OPEN).exists()


@pytest.mark.django_db
def test_the_unregistered_home_is_signed_off_by_the_director_and_reviewed() -> None:
    refs = json.loads(run("load", str(CARE)))

    placement = Placement.objects.get(pk=refs["beech"])
    assert placement.irregular
    assert placement.signed_off_by is not None
    assert placement.signed_off_by.username == "dee.director"
    assert placement.sign_off_review_on == dt.date(2026, 3, 13)
    assert placement.weekly_cost == 11500
    request = IrregularPlacementRequest.objects.get(pk=refs["request"])
    assert (request.status, request.placement_id) == ("signed_off", placement.pk)
    review = IrregularPlacementReview.objects.get(placement=placement)
    assert review.reviewed_on == dt.date(2026, 3, 13)
    clocks = Deadline.objects.filter(
        rule_id="irregular-placement-review", subject_id=str(placement.pk)
    ).order_by("due_on")
    assert [(d.due_on, d.status) for d in clocks] == [
        (dt.date(2026, 3, 13), DeadlineStatus.MET),  # brought forward to the sign-off's date
        (dt.date(2026, 3, 20), DeadlineStatus.CANCELLED),  # the move to a registered home
    ]


@pytest.mark.django_db
def test_a_placement_in_an_unregistered_home_is_refused_without_a_sign_off(
    tmp_path: Path,
) -> None:
    changed = doc()
    request = event(changed, "irregular.request")
    request["do"] = "placement.change"
    request.pop("kind")
    changed["events"] = [
        e for e in changed["events"] if e["do"] not in ("irregular.sign_off", "irregular.review")
    ]

    message = refused(write(tmp_path, changed))

    assert "event 10 (placement.change): place: This placement is in a setting that must be " in (
        message
    )
    assert "named senior officer's sign-off" in message


@pytest.mark.django_db
def test_only_the_director_signs_off(tmp_path: Path) -> None:
    changed = doc()
    event(changed, "irregular.sign_off")["by"] = "kim"

    message = refused(write(tmp_path, changed))

    assert "event 11 (irregular.sign_off): officer: Only the director of children's services" in (
        message
    )


@pytest.mark.django_db
def test_a_wrong_code_names_the_field_and_the_codes(tmp_path: Path) -> None:
    changed = doc()
    event(changed, "care.start")["legal_status"] = "C9"

    message = refused(write(tmp_path, changed))

    assert "(care.start): legal_status: 'C9' is not one of C1, C2," in message


@pytest.mark.django_db
def test_a_move_on_the_day_the_episode_began_is_refused(tmp_path: Path) -> None:
    changed = doc()
    event(changed, "placement.change")["on"] = STARTED

    message = refused(write(tmp_path, changed))

    assert "(placement.change): changed_on: The change must come after the current episode" in (
        message
    )


@pytest.mark.django_db
def test_leaving_care_with_a_code_that_does_not_end_a_period_is_refused(tmp_path: Path) -> None:
    changed = doc()
    event(changed, "care.end")["reason"] = "X1"

    message = refused(write(tmp_path, changed))

    assert "(care.end): reason: Choose why the child ceased to be looked after" in message
