"""Placements in unregistered settings, through the services: refused without a named senior
officer's sign-off, kept whole as a request, signed off (or declined, or withdrawn), and
reviewed on a clock while they last."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from conftest import make_child
from django.test import override_settings
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import (
    IrregularRequestStatus,
    IrregularReviewDecision,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonPlaceChange,
    RegistrationStatus,
    SettingRegistration,
)
from haven.care.models import CareEpisode, IrregularPlacementRequest, Placement
from haven.care.rules import PlacementDetails
from haven.care.services import (
    SignOff,
    irregular_decline,
    irregular_request,
    irregular_review,
    irregular_sign_off,
    irregular_withdraw,
    placement_change,
    setting_save,
)
from haven.care.services.irregular import SIGN_OFF_NEEDED, details_from_json, placement_reasons
from haven.care.tests.conftest import TODAY, Register, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.services.subjects import subject_deadlines

pytestmark = pytest.mark.django_db

#: The day of the move into the unregistered home, a Friday. It is signed off today (Monday 1
#: December), so the latest first review is 7 days from the sign-off: Monday 8 December.
PLACED = dt.date(2025, 11, 28)
DEFAULT_REVIEW = TODAY + dt.timedelta(days=7)
REVIEW_RULE = "irregular-placement-review"


def unregistered(register: Register, **kw: Any) -> PlacementDetails:
    kw.setdefault("place", PlacementType.K2)
    kw.setdefault("carer", "Beech Lodge staff")
    return PlacementDetails(setting=register.unregistered, **kw)


def move(actor: Any, child: Any, details: PlacementDetails, **kw: Any) -> Placement:
    return placement_change(
        actor=actor,
        child=child,
        changed_on=PLACED,
        placement=details,
        reason_place_change=kw.pop("reason_place_change", ReasonPlaceChange.CARPL),
        **kw,
    )


def ask(actor: Any, child: Any, register: Register, **kw: Any) -> IrregularPlacementRequest:
    return irregular_request(
        actor=actor,
        child=child,
        kind="move",
        on=PLACED,
        placement=kw.pop("placement", None) or unregistered(register),
        reason_place_change=kw.pop("reason_place_change", ReasonPlaceChange.CARPL),
        **kw,
    )


def review_clocks(placement: Placement) -> list[tuple[dt.date, str]]:
    return list(
        subject_deadlines(placement)
        .filter(rule_id=REVIEW_RULE)
        .order_by("due_on")
        .values_list("due_on", "status")
    )


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def dcs(council: Any) -> Any:
    return council.users["dcs"]


@pytest.fixture
def child(council: Any, register: Register, worker: Any) -> Any:
    """Looked after since 1 September in the council's own foster care."""
    child = council.children["in_care"]
    look_after(worker, child, register)
    return child


# Refused without a sign-off


def test_a_move_to_an_unregistered_home_is_refused_without_a_sign_off(
    child: Any, worker: Any, register: Register
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        move(worker, child, unregistered(register))
    assert list(refused.value.message_dict) == ["place"]
    assert refused.value.message_dict["place"][0].startswith(SIGN_OFF_NEEDED)
    assert row_counts() == before


def test_starting_care_in_an_unregistered_home_is_refused_without_a_sign_off(
    council: Any, worker: Any, register: Register
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        look_after(worker, council.children["in_care"], register, placement=unregistered(register))
    assert refused.value.message_dict["place"][0].startswith(SIGN_OFF_NEEDED)
    assert row_counts() == before


def test_a_social_worker_cannot_sign_off_as_the_officer(
    child: Any, worker: Any, register: Register
) -> None:
    before = row_counts()
    sign_off = SignOff(officer=worker, reason="Nowhere else tonight", review_on=DEFAULT_REVIEW)
    with pytest.raises(ValidationError) as refused:
        move(worker, child, unregistered(register), sign_off=sign_off)
    assert "director of children's services" in refused.value.message_dict["officer"][0]
    assert row_counts() == before


def test_the_director_may_sign_off_as_the_placement_is_entered(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    sign_off = SignOff(officer=dcs, reason="Nowhere else tonight", review_on=DEFAULT_REVIEW)
    placement = move(worker, child, unregistered(register), sign_off=sign_off)
    assert (placement.irregular, placement.signed_off_by, placement.recorded_by) == (
        True,
        dcs,
        worker,
    )
    assert review_clocks(placement) == [(DEFAULT_REVIEW, DeadlineStatus.OPEN)]


# What makes a placement irregular


def _z12(council: Any, register: Register) -> tuple[Any, PlacementDetails]:
    return council.children["in_care"], PlacementDetails(
        place=PlacementType.Z12, postcode="CV1 2GT", carer="A flat above a shop"
    )


def _k3_at_15(council: Any, register: Register) -> tuple[Any, PlacementDetails]:
    child = make_child("Kai", "Stone", dob=dt.date(2010, 3, 2))  # 15 on 1 September 2025
    return child, PlacementDetails(setting=register.supported, place=PlacementType.K3)


def _unmatched_urn(council: Any, register: Register) -> tuple[Any, PlacementDetails]:
    return council.children["in_care"], PlacementDetails(
        place=PlacementType.K2,
        provider=PlacementProvider.PR4,
        postcode="LE1 6ZG",
        urn="SC999999",
    )


def _suspended(council: Any, register: Register) -> tuple[Any, PlacementDetails]:
    suspended = setting_save(
        actor=None,
        provider=register.private,
        name="Elm House",
        registration=SettingRegistration.CHILDRENS_HOME,
        status=RegistrationStatus.SUSPENDED,
        urn="SC600006",
        postcode="LE2 1AA",
        weekly_cost=Decimal("6100.00"),
    )
    return council.children["in_care"], PlacementDetails(setting=suspended, place=PlacementType.K2)


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        (_z12, "Placement type Z12: a setting outside the registered types"),
        (_k3_at_15, "A child under 16 in supported accommodation (903 rule 371)"),
        (_unmatched_urn, "The Ofsted URN matches no registered setting on the register"),
        (_suspended, "The setting must be registered with Ofsted and is not (registration "),
    ],
    ids=["z12", "k3-at-15", "unmatched-urn", "suspended-registration"],
)
def test_each_kind_of_irregular_placement_needs_a_sign_off(
    council: Any,
    register: Register,
    worker: Any,
    case: Callable[[Any, Register], tuple[Any, PlacementDetails]],
    reason: str,
) -> None:
    child, details = case(council, register)
    reasons = placement_reasons(child=child, placement=details, on=TODAY)
    assert any(r.startswith(reason) for r in reasons), reasons
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        look_after(worker, child, register, on=TODAY, placement=details)
    assert list(refused.value.message_dict) == ["place"]
    assert refused.value.message_dict["place"][0].startswith(SIGN_OFF_NEEDED)
    assert row_counts() == before


def test_a_registered_home_needs_no_sign_off(child: Any, worker: Any, register: Register) -> None:
    details = PlacementDetails(setting=register.home, place=PlacementType.K2)
    assert placement_reasons(child=child, placement=details, on=PLACED) == []
    placement = move(worker, child, details)
    assert not placement.irregular
    assert review_clocks(placement) == []


def test_a_k3_placement_at_16_needs_no_sign_off(council: Any, register: Register) -> None:
    child = make_child("Kai", "Stone", dob=dt.date(2009, 3, 2))
    details = PlacementDetails(setting=register.supported, place=PlacementType.K3)
    assert placement_reasons(child=child, placement=details, on=TODAY) == []


# The request: kept whole while it waits


def test_the_request_keeps_the_entry_whole_and_saves_no_placement(
    child: Any, worker: Any, register: Register
) -> None:
    details = unregistered(
        register,
        provider=PlacementProvider.PR4,
        postcode="cv1 2gt",
        weekly_cost=Decimal("9500.50"),
        long_term=True,
    )
    request = ask(worker, child, register, placement=details, legal_status=LegalStatus.C2)

    assert request.status == IrregularRequestStatus.PENDING
    assert request.requested_by == worker
    assert request.reasons == [
        "The setting must be registered with Ofsted and is not (not registered)"
    ]
    assert request.proposed == {
        "kind": "move",
        "on": "2025-11-28",
        "legal_status": "C2",
        "category_of_need": "",
        "home_postcode": "",
        "reason_place_change": "CARPL",
        "same_carer": False,
        "placement": {
            "place": "K2",
            "setting": str(register.unregistered.pk),
            "provider": "PR4",
            "postcode": "cv1 2gt",
            "urn": "",
            "carer": "Beech Lodge staff",
            "weekly_cost": "9500.50",
            "long_term": True,
            "regime": "standard",
            "child_agreed_fewer_visits": False,
        },
    }
    assert details_from_json(request.proposed["placement"]) == details
    assert Placement.objects.filter(child=child).count() == 1  # only the foster placement
    assert AuditEvent.objects.filter(
        verb=AuditVerb.IRREGULAR_REQUESTED, subject_id=str(request.pk)
    ).exists()


def test_a_request_the_period_service_would_refuse_for_more_is_refused(
    child: Any, worker: Any, register: Register
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        ask(worker, child, register, reason_place_change="")
    assert list(refused.value.message_dict) == ["reason_place_change"]
    assert row_counts() == before


def test_a_placement_that_needs_no_sign_off_cannot_wait_for_one(
    child: Any, worker: Any, register: Register
) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        ask(worker, child, register, placement=PlacementDetails(setting=register.home, place="K2"))
    assert "does not need sign-off" in refused.value.message_dict["place"][0]
    assert row_counts() == before


def test_one_request_waits_at_a_time(child: Any, worker: Any, register: Register) -> None:
    ask(worker, child, register)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        ask(worker, child, register)
    assert "already waiting" in refused.value.message_dict["child"][0]
    assert row_counts() == before


# Sign-off


def test_the_director_signs_off_the_request_and_the_review_clock_starts(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    request = ask(worker, child, register, legal_status=LegalStatus.C2)
    earlier = dt.date(2025, 12, 3)

    placement = irregular_sign_off(
        actor=dcs, request=request, reason="No registered home tonight", review_on=earlier
    )

    assert placement.irregular
    assert placement.signed_off_by == dcs
    assert placement.sign_off_reason == "No registered home tonight"
    assert placement.sign_off_review_on == earlier
    assert placement.recorded_by == dcs
    assert (placement.place, placement.provider, placement.postcode) == ("K2", "PR4", "CV1 2GT")
    request.refresh_from_db()
    assert (request.status, request.decided_by, request.placement) == (
        IrregularRequestStatus.SIGNED_OFF,
        dcs,
        placement,
    )
    episode = CareEpisode.objects.get(child=child, ended_on__isnull=True)
    assert (episode.placement, episode.reason_new, episode.legal_status) == (placement, "B", "C2")
    assert review_clocks(placement) == [(earlier, DeadlineStatus.OPEN)]


def test_a_first_review_later_than_the_default_is_refused(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    request = ask(worker, child, register)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        irregular_sign_off(
            actor=dcs,
            request=request,
            reason="No registered home tonight",
            review_on=DEFAULT_REVIEW + dt.timedelta(days=3),
        )
    assert "8 December 2025" in refused.value.message_dict["review_on"][0]
    assert row_counts() == before
    request.refresh_from_db()
    assert request.status == IrregularRequestStatus.PENDING


def test_a_sign_off_needs_a_reason(child: Any, worker: Any, dcs: Any, register: Register) -> None:
    request = ask(worker, child, register)
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        irregular_sign_off(actor=dcs, request=request, reason="  ", review_on=DEFAULT_REVIEW)
    assert list(refused.value.message_dict) == ["reason"]
    assert row_counts() == before


def test_a_named_delegate_who_sees_team_work_can_sign_off(
    council: Any, child: Any, worker: Any, register: Register
) -> None:
    delegate, other_manager = council.users["service_manager"], council.users["team_manager"]
    request = ask(worker, child, register)
    with override_settings(HAVEN_IRREGULAR_PLACEMENT_DELEGATES=["sue_service"]):
        before = row_counts()
        with pytest.raises(ValidationError) as refused:
            irregular_sign_off(
                actor=other_manager, request=request, reason="Agreed", review_on=DEFAULT_REVIEW
            )
        assert "named delegate" in refused.value.message_dict["officer"][0]
        assert row_counts() == before

        placement = irregular_sign_off(
            actor=delegate, request=request, reason="Agreed", review_on=DEFAULT_REVIEW
        )
    assert placement.signed_off_by == delegate


def test_a_named_user_who_does_not_see_team_work_cannot_sign_off(
    child: Any, worker: Any, register: Register
) -> None:
    request = ask(worker, child, register)
    with (
        override_settings(HAVEN_IRREGULAR_PLACEMENT_DELEGATES=["cat_cic"]),
        pytest.raises(ValidationError) as refused,
    ):
        irregular_sign_off(actor=worker, request=request, reason="Agreed", review_on=DEFAULT_REVIEW)
    assert "officer" in refused.value.message_dict


# Declined and withdrawn


def test_the_director_declines_with_a_reason(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    request = ask(worker, child, register)
    with pytest.raises(ValidationError) as no_reason:
        irregular_decline(actor=dcs, request=request, reason="")
    assert list(no_reason.value.message_dict) == ["reason"]
    with pytest.raises(ValidationError) as not_officer:
        irregular_decline(actor=worker, request=request, reason="No")
    assert "officer" in not_officer.value.message_dict

    irregular_decline(actor=dcs, request=request, reason="Find a registered home")

    request.refresh_from_db()
    assert (request.status, request.decided_by, request.decision_reason) == (
        IrregularRequestStatus.DECLINED,
        dcs,
        "Find a registered home",
    )
    assert Placement.objects.filter(child=child).count() == 1
    with pytest.raises(ValidationError) as decided:
        irregular_sign_off(actor=dcs, request=request, reason="Agreed", review_on=DEFAULT_REVIEW)
    assert "already declined" in decided.value.message_dict["status"][0]
    ask(worker, child, register)  # the worker may ask again


def test_the_worker_withdraws_the_request(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    request = ask(worker, child, register)
    irregular_withdraw(actor=worker, request=request)
    request.refresh_from_db()
    assert request.status == IrregularRequestStatus.WITHDRAWN
    assert AuditEvent.objects.filter(verb=AuditVerb.IRREGULAR_WITHDRAWN).count() == 1
    with pytest.raises(ValidationError) as decided:
        irregular_sign_off(actor=dcs, request=request, reason="Agreed", review_on=DEFAULT_REVIEW)
    assert "already withdrawn" in decided.value.message_dict["status"][0]
    assert Placement.objects.filter(child=child).count() == 1


# Senior reviews


def test_a_review_meets_the_clock_and_starts_the_next(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    placement = irregular_sign_off(
        actor=dcs, request=ask(worker, child, register), reason="Agreed", review_on=DEFAULT_REVIEW
    )
    before = row_counts()
    refusals: list[tuple[Any, dict[str, Any], str]] = [
        (worker, {}, "reviewer"),
        (dcs, {"reviewed_on": PLACED - dt.timedelta(days=1)}, "reviewed_on"),
        (dcs, {"decision": ""}, "decision"),
        (dcs, {"notes": " "}, "notes"),
    ]
    for actor, kw, field in refusals:
        with pytest.raises(ValidationError) as refused:
            irregular_review(
                actor=actor,
                placement=placement,
                reviewed_on=kw.get("reviewed_on", TODAY),
                decision=kw.get("decision", IrregularReviewDecision.CONTINUE),
                notes=kw.get("notes", "Settled; registration applied for"),
            )
        assert field in refused.value.message_dict
    assert row_counts() == before

    review = irregular_review(
        actor=dcs,
        placement=placement,
        reviewed_on=TODAY,
        decision=IrregularReviewDecision.CONTINUE,
        notes="Settled; registration applied for",
    )

    assert review.next_review_on == TODAY + dt.timedelta(days=7)
    assert review_clocks(placement) == [
        (DEFAULT_REVIEW, DeadlineStatus.MET),
        (TODAY + dt.timedelta(days=7), DeadlineStatus.OPEN),
    ]
    met = subject_deadlines(placement).get(status=DeadlineStatus.MET)
    assert met.met_on == TODAY


def test_a_registered_placement_is_not_reviewed(child: Any, dcs: Any, register: Register) -> None:
    placement = Placement.objects.get(child=child)
    with pytest.raises(ValidationError) as refused:
        irregular_review(
            actor=dcs,
            placement=placement,
            reviewed_on=TODAY,
            decision=IrregularReviewDecision.CONTINUE,
            notes="Not needed",
        )
    assert "registered setting" in refused.value.message_dict["placement"][0]


def test_a_z_placement_in_a_setting_on_the_register_takes_only_its_postcode(
    child: Any, worker: Any, dcs: Any, register: Register
) -> None:
    placement = placement_change(
        actor=worker,
        child=child,
        changed_on=PLACED,
        placement=PlacementDetails(place=PlacementType.Z12, setting=register.unregistered),
        reason_place_change=ReasonPlaceChange.CARPL,
        sign_off=SignOff(officer=dcs, reason="Agreed", review_on=DEFAULT_REVIEW),
    )
    assert (placement.provider, placement.urn, placement.postcode) == ("", "", "CV1 2GT")
    assert placement.irregular
    assert placement.setting == register.unregistered
