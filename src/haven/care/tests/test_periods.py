"""Periods of care, 903 episodes and placements: what the services write, the 903 rules they
keep at entry, and what the database refuses on its own."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from tests.support import row_counts, working_days_after

from haven.allocation.enums import CaseKind
from haven.allocation.models import OpenCase
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import (
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
)
from haven.care.models import CareEpisode, CarePeriod, Placement
from haven.care.rules import PlacementDetails
from haven.care.services import care_end, care_start, legal_status_change, placement_change
from haven.care.tests.conftest import STARTED, TODAY, Register, foster, look_after
from haven.casework.enums import PrimaryNeed
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db


def open_rules(child: Any) -> dict[str, dt.date]:
    return {
        d.rule_id: d.due_on
        for d in Deadline.objects.filter(child=child, status=DeadlineStatus.OPEN)
    }


def episodes(child: Any) -> list[tuple[Any, ...]]:
    return list(
        CareEpisode.objects.filter(child=child)
        .order_by("started_on", "created_at")
        .values_list(
            "started_on",
            "reason_new",
            "legal_status",
            "ended_on",
            "reason_ceased",
            "reason_place_change",
        )
    )


def test_a_child_starts_to_be_looked_after(council: Any, register: Register) -> None:
    child, worker = council.children["in_care"], council.users["cic_worker"]
    period = look_after(worker, child, register)

    placement = Placement.objects.get(child=child)
    assert (placement.place, placement.provider, placement.urn, placement.postcode) == (
        "U6",
        "PR1",
        "SC400001",
        "NN1 1AA",
    )
    assert episodes(child) == [(STARTED, "S", "C1", None, "", "")]
    assert period.home_postcode == "NN3 8QT"
    due = open_rules(child)
    assert due["care-plan"] == working_days_after(STARTED, 10)
    assert due["lac-review-first"] == working_days_after(STARTED, 20)
    assert due["initial-health-assessment"] == working_days_after(STARTED, 20)
    assert due["pep"] == working_days_after(STARTED, 10)
    assert due["placement-plan"] == working_days_after(STARTED, 5)
    assert due["lac-visit-first-week"] == STARTED + dt.timedelta(days=7)
    assert set(
        Deadline.objects.filter(child=child).values_list("assignee__username", flat=True)
    ) == {"cat_cic"}
    assert OpenCase.objects.get(child=child, closed_on__isnull=True).kind == CaseKind.LOOKED_AFTER
    assert AuditEvent.objects.filter(verb=AuditVerb.CARE_STARTED, person_id=child.pk).exists()
    assert ChronologyEntry.objects.filter(person=child, category="care").count() == 1


def test_a_baby_has_no_personal_education_plan_clock(council: Any, register: Register) -> None:
    from conftest import make_child

    baby = make_child("Ben", "Carter", dob=dt.date(2025, 1, 5))
    look_after(None, baby, register)
    assert "pep" not in open_rules(baby)
    assert "initial-health-assessment" in open_rules(baby)


def test_a_move_ends_the_episode_with_x1_and_the_reason(council: Any, register: Register) -> None:
    child, worker = council.children["in_care"], council.users["cic_worker"]
    look_after(worker, child, register)
    moved = dt.date(2025, 10, 6)
    new = placement_change(
        actor=worker,
        child=child,
        changed_on=moved,
        placement=PlacementDetails(place=PlacementType.K2, setting=register.home),
        reason_place_change=ReasonPlaceChange.CREQB,
    )
    assert episodes(child) == [
        (STARTED, "S", "C1", moved, "X1", "CREQB"),
        (moved, "P", "C1", None, "", ""),
    ]
    old = Placement.objects.get(child=child, ended_on=moved)
    assert old.reason_changed == "CREQB"
    # The old placement's clocks stop; the new one's start.
    assert not Deadline.objects.filter(subject_id=str(old.pk), status=DeadlineStatus.OPEN).exists()
    assert open_rules(child)["lac-visit-first-week"] == moved + dt.timedelta(days=7)
    assert (new.provider, new.urn, new.postcode) == ("PR4", "SC500002", "LE1 6ZG")


@pytest.mark.parametrize(
    ("same_carer", "legal_status", "rne"),
    [(False, "", "P"), (True, "", "T"), (False, "C2", "B"), (True, "C2", "U")],
)
def test_the_reason_for_a_new_episode_follows_what_changed(
    council: Any, register: Register, same_carer: bool, legal_status: str, rne: str
) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    placement_change(
        actor=None,
        child=child,
        changed_on=dt.date(2025, 10, 6),
        placement=foster(register, place=PlacementType.U4, long_term=True),
        reason_place_change=ReasonPlaceChange.CARPL,
        same_carer=same_carer,
        legal_status=legal_status,
    )
    latest = episodes(child)[-1]
    assert latest[1] == rne
    assert latest[2] == (legal_status or "C1")


def test_a_change_of_legal_status_alone_keeps_the_placement(
    council: Any, register: Register
) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    on = dt.date(2025, 11, 3)
    legal_status_change(actor=None, child=child, changed_on=on, legal_status=LegalStatus.C2)
    assert episodes(child) == [
        (STARTED, "S", "C1", on, "X1", ""),
        (on, "L", "C2", None, "", ""),
    ]
    assert Placement.objects.filter(child=child).count() == 1
    assert len({e.placement_id for e in CareEpisode.objects.filter(child=child)}) == 1


def test_ceasing_care_ends_everything_and_stops_the_clocks(
    council: Any, register: Register
) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    ended = dt.date(2025, 11, 14)
    period = care_end(
        actor=None,
        child=child,
        ended_on=ended,
        reason=ReasonEpisodeCeased.E4A,
        reason_place_change=ReasonPlaceChange.CARPL,
    )
    assert period.ended_on == ended
    assert episodes(child) == [(STARTED, "S", "C1", ended, "E4A", "CARPL")]
    assert Placement.objects.get(child=child).ended_on == ended
    assert open_rules(child) == {}
    assert not OpenCase.objects.filter(child=child, closed_on__isnull=True).exists()


def refused(fn: Any, **kw: Any) -> dict[str, str]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        fn(**kw)
    assert row_counts() == before
    return {k: v[0] for k, v in e.value.message_dict.items()}


def start_kw(council: Any, register: Register, **kw: Any) -> dict[str, Any]:
    base = {
        "actor": None,
        "child": council.children["in_care"],
        "started_on": STARTED,
        "legal_status": LegalStatus.C1,
        "category_of_need": PrimaryNeed.ABUSE_OR_NEGLECT,
        "placement": foster(register),
    }
    return base | kw


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"legal_status": "C9"}, "legal_status", "903 LS"),
        ({"category_of_need": "N0"}, "category_of_need", "N1 to N8"),
        ({"category_of_need": "N9"}, "category_of_need", "N1 to N8"),
        ({"started_on": TODAY + dt.timedelta(days=1)}, "started_on", "today or in the past"),
        ({"started_on": dt.date(2015, 1, 1)}, "started_on", "date of birth"),
        ({"home_postcode": "NOT A CODE"}, "home_postcode", "postcode"),
        (
            {"placement": PlacementDetails(place="H5", provider="PR1", postcode="NN1 1AA")},
            "place",
            "2025-26",
        ),
        (
            {"placement": PlacementDetails(place="P2", provider="PR1", postcode="NN1 1AA")},
            "place",
            "2025-26",
        ),
        (
            {"placement": PlacementDetails(place="T4", provider="PR1", postcode="NN1 1AA")},
            "provider",
            "rules 178 and 213",
        ),
        (
            {"placement": PlacementDetails(place="U6", provider="PR1", postcode="NN1 1AA")},
            "urn",
            "rule 218",
        ),
        (
            {"placement": PlacementDetails(place="P1", provider="PR1", postcode="NN1 1AA")},
            "provider",
            "PR0",
        ),
        (
            {
                "placement": PlacementDetails(
                    place="U6", provider="", urn="SC400001", postcode="NN1 1AA"
                )
            },
            "provider",
            "PLACE_PROVIDER",
        ),
        (
            {"placement": PlacementDetails(place="P1", provider="PR0", postcode="")},
            "postcode",
            "PL_POST",
        ),
        (
            {
                "placement": PlacementDetails(
                    place="A5", provider="PR1", urn="SC400001", postcode="NN1 1AA"
                )
            },
            "place",
            "E1 or D1",
        ),
        (
            {
                "placement": PlacementDetails(
                    place="U6", provider="PR1", urn="SC400001", postcode="NN1 1AA", regime="reg19"
                )
            },
            "regime",
            "P1",
        ),
        (
            {
                "placement": PlacementDetails(
                    place="U6",
                    provider="PR1",
                    urn="SC400001",
                    postcode="NN1 1AA",
                    child_agreed_fewer_visits=True,
                )
            },
            "child_agreed_fewer_visits",
            "until 18",
        ),
        (
            {
                "placement": PlacementDetails(
                    place="U6",
                    provider="PR1",
                    urn="SC400001",
                    postcode="NN1 1AA",
                    weekly_cost=Decimal("-1"),
                )
            },
            "weekly_cost",
            "negative",
        ),
    ],
)
def test_the_903_rules_are_kept_at_entry(
    council: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    errors = refused(care_start, **start_kw(council, register, **change))
    assert words in errors[field]


def test_a_child_is_looked_after_once_at_a_time(council: Any, register: Register) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    assert "already looked after" in refused(care_start, **start_kw(council, register))["child"]
    care_end(
        actor=None,
        child=child,
        ended_on=dt.date(2025, 10, 1),
        reason="E4A",
        reason_place_change="CARPL",
    )
    errors = refused(care_start, **start_kw(council, register, started_on=dt.date(2025, 10, 1)))
    assert "after the last one ended" in errors["started_on"]
    look_after(None, child, register, on=dt.date(2025, 10, 2))
    assert CarePeriod.objects.filter(child=child).count() == 2


def test_changes_keep_the_episode_rules(council: Any, register: Register) -> None:
    child = council.children["in_care"]
    look_after(None, child, register)
    move = {
        "actor": None,
        "child": child,
        "changed_on": STARTED,
        "placement": PlacementDetails(place=PlacementType.K2, setting=register.home),
        "reason_place_change": ReasonPlaceChange.CHILD,
    }
    assert "may not overlap" in refused(placement_change, **move)["changed_on"]
    move["changed_on"] = dt.date(2025, 10, 1)
    assert (
        "Choose the reason"
        in refused(placement_change, **move | {"reason_place_change": ""})["reason_place_change"]
    )
    assert (
        "already has this legal status"
        in refused(
            legal_status_change,
            actor=None,
            child=child,
            changed_on=dt.date(2025, 10, 1),
            legal_status=LegalStatus.C1,
        )["legal_status"]
    )
    assert (
        "903 REC"
        in refused(care_end, actor=None, child=child, ended_on=dt.date(2025, 10, 1), reason="X1")[
            "reason"
        ]
    )
    # A temporary placement's end records no reason (903 rule 226).
    placement_change(**move | {"placement": PlacementDetails(place="T1", postcode="NN1 3BD")})
    back = move | {"changed_on": dt.date(2025, 10, 4), "placement": foster(register)}
    assert "temporary (T)" in refused(placement_change, **back)["reason_place_change"]
    placement_change(**back | {"reason_place_change": ""})
    assert [e[5] for e in episodes(child)] == ["CHILD", "", ""]


def test_the_database_refuses_overlapping_periods_and_episodes(
    council: Any, register: Register
) -> None:
    child = council.children["in_care"]
    period = look_after(None, child, register)
    care_end(actor=None, child=child, ended_on=dt.date(2025, 10, 31), reason="E13")
    placement = Placement.objects.get(child=child)
    overlapping: list[dict[str, dt.date | None]] = [
        # A period inside the last one, and one that opens before it ended.
        {"started_on": dt.date(2025, 10, 1), "ended_on": dt.date(2025, 10, 2)},
        {"started_on": dt.date(2025, 10, 31), "ended_on": None},
    ]
    for dates in overlapping:
        with pytest.raises(IntegrityError), transaction.atomic():
            CarePeriod.objects.create(child=child, **dates)
    CarePeriod.objects.create(child=child, started_on=dt.date(2025, 11, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CarePeriod.objects.create(child=child, started_on=dt.date(2025, 11, 20))

    def episode(start: dt.date, end: dt.date | None) -> None:
        CareEpisode.objects.create(
            child=child,
            period=period,
            placement=placement,
            started_on=start,
            ended_on=end,
            reason_ceased="X1" if end else "",
            reason_new="P",
            legal_status="C2",
            category_of_need="N1",
        )

    with pytest.raises(IntegrityError), transaction.atomic():
        episode(dt.date(2025, 10, 30), dt.date(2025, 11, 2))
    # Episodes are half-open: the next may start the day the last ended (X1).
    episode(dt.date(2025, 10, 31), dt.date(2025, 11, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        episode(dt.date(2025, 11, 2), None)


def test_a_placement_on_the_register_takes_its_figures_but_the_worker_may_override(
    council: Any, register: Register
) -> None:
    child = council.children["in_care"]
    look_after(
        None,
        child,
        register,
        placement=foster(register, weekly_cost=Decimal("612.50"), provider=PlacementProvider.PR1),
    )
    placement = Placement.objects.get(child=child)
    assert placement.weekly_cost == Decimal("612.50")
    assert placement.setting == register.foster


def test_a_child_under_ten_cannot_move_for_a_custody_arrangement(
    council: Any, register: Register
) -> None:
    child = council.children["team"]  # born June 2017
    look_after(None, child, register)
    errors = refused(
        placement_change,
        actor=None,
        child=child,
        changed_on=dt.date(2025, 10, 1),
        placement=PlacementDetails(place=PlacementType.K2, setting=register.home),
        reason_place_change=ReasonPlaceChange.CUSTOD,
    )
    assert "under 10 (903 rule 234)" in errors["reason_place_change"]
