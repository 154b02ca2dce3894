"""Statutory visits to looked-after children in real placements: which clock each visit meets,
which one it opens and when that is due, for each CPPCR reg 28 variant; what changes the pattern
(the first review, a care order at home, the placement's visiting facts); and what is refused."""

import datetime as dt
from typing import Any

import pytest
from tests.support import row_counts

from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.enums import LegalStatus, PlacementProvider, PlacementType, VisitRegime
from haven.care.models import CareVisit, Placement
from haven.care.rules import PlacementDetails
from haven.care.services import care_end, legal_status_change
from haven.care.services.review import care_review_record
from haven.care.services.visits import care_visit_record, placement_visits_update
from haven.care.tests.conftest import STARTED, Register, foster, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry

pytestmark = pytest.mark.django_db

VISIT_RULE_PREFIX = "lac-visit-"


def visit_clocks(child: Any, status: str = DeadlineStatus.OPEN) -> list[tuple[str, dt.date]]:
    return list(
        Deadline.objects.filter(child=child, rule_id__startswith=VISIT_RULE_PREFIX, status=status)
        .order_by("due_on")
        .values_list("rule_id", "due_on")
    )


def met(child: Any) -> list[tuple[str, dt.date | None]]:
    return list(
        Deadline.objects.filter(
            child=child, rule_id__startswith=VISIT_RULE_PREFIX, status=DeadlineStatus.MET
        )
        .order_by("met_on")
        .values_list("rule_id", "met_on")
    )


def visit(actor: Any, child: Any, on: dt.date, *, seen: bool = True, **kw: Any) -> CareVisit:
    return care_visit_record(
        actor=actor,
        child=child,
        visited_on=on,
        child_seen=seen,
        seen_alone=kw.pop("seen_alone", True if seen else None),
        bedroom_seen=kw.pop("bedroom_seen", True),
        child_said=kw.pop("child_said", "I like it here" if seen else ""),
        observations=kw.pop("observations", "" if seen else "Child at a friend's; visit again"),
        **kw,
    )


def review(iro: Any, child: Any, on: dt.date) -> Any:
    return care_review_record(
        actor=iro,
        child=child,
        held_on=on,
        chair=iro,
        participation="PN1",
        decisions="The plan continues",
    )


def at_home(regime: str = VisitRegime.STANDARD) -> PlacementDetails:
    return PlacementDetails(
        place=PlacementType.P1,
        provider=PlacementProvider.PR0,
        postcode="NN3 8QT",
        carer="Mother",
        regime=regime,
    )


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["in_care"]


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def iro(council: Any) -> Any:
    return council.users["iro"]


# The default pattern (reg 28(2)): a week, then 6-weekly, then 3-monthly in a long-term placement


def test_the_first_visit_meets_the_first_week_and_the_next_is_due_in_6_weeks(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    assert visit_clocks(child) == [("lac-visit-first-week", dt.date(2025, 9, 8))]
    done = visit(worker, child, dt.date(2025, 9, 5))
    assert met(child) == [("lac-visit-first-week", dt.date(2025, 9, 5))]
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 10, 17))]
    assert (done.child_seen, done.seen_alone, done.bedroom_seen) == (True, True, True)
    assert done.placement == Placement.objects.get(child=child)
    assert done.visitor == worker
    event = AuditEvent.objects.get(verb=AuditVerb.CARE_VISIT_RECORDED)
    assert event.payload["child_seen"] is True
    assert ChronologyEntry.objects.filter(
        person=child, summary="Statutory visit: child seen alone"
    ).exists()


def test_each_visit_counts_the_next_from_itself(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    visit(worker, child, dt.date(2025, 9, 5))
    visit(worker, child, dt.date(2025, 10, 20))  # 3 days late
    assert met(child)[-1] == ("lac-visit-first-year", dt.date(2025, 10, 20))
    late = Deadline.objects.get(child=child, rule_id="lac-visit-first-year", met_on__isnull=False)
    assert late.due_on == dt.date(2025, 10, 17)
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 12, 1))]


def test_a_visit_without_seeing_the_child_meets_nothing(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    unseen = visit(worker, child, dt.date(2025, 9, 5), seen=False)
    assert unseen.seen_alone is None
    assert met(child) == []
    assert visit_clocks(child) == [("lac-visit-first-week", dt.date(2025, 9, 8))]
    assert ChronologyEntry.objects.filter(
        person=child, summary="Statutory visit: child not seen"
    ).exists()


def test_a_visit_recorded_late_does_not_pull_the_clock_back(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    visit(worker, child, dt.date(2025, 9, 5))
    visit(worker, child, dt.date(2025, 10, 10))
    visit(worker, child, dt.date(2025, 9, 20))  # entered after the one of 10 October
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 11, 21))]
    assert len(met(child)) == 2


def test_after_a_year_a_long_term_placement_is_visited_3_monthly(
    child: Any, worker: Any, register: Register
) -> None:
    placed = dt.date(2024, 6, 3)
    look_after(
        worker,
        child,
        register,
        on=placed,
        placement=foster(register, place=PlacementType.U4, long_term=True),
    )
    visit(worker, child, dt.date(2024, 6, 7))
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2024, 7, 19))]
    visit(worker, child, dt.date(2025, 6, 2))  # the day before the first anniversary
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 7, 14))]
    visit(worker, child, dt.date(2025, 7, 10))
    assert visit_clocks(child) == [("lac-visit-long-term", dt.date(2025, 10, 10))]


def test_after_a_year_a_placement_not_meant_to_last_stays_6_weekly(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register, on=dt.date(2024, 6, 3))
    visit(worker, child, dt.date(2025, 7, 10))
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 8, 21))]


def test_a_child_who_agrees_in_a_long_term_foster_placement_is_visited_6_monthly(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(
        worker,
        child,
        register,
        on=dt.date(2024, 6, 3),
        placement=foster(
            register, place=PlacementType.U4, long_term=True, child_agreed_fewer_visits=True
        ),
    )
    visit(worker, child, dt.date(2025, 7, 10))
    assert visit_clocks(child) == [("lac-visit-long-term-foster", dt.date(2026, 1, 10))]


# Weekly until the first review (reg 28(3) and (4)), then the interval after it


@pytest.mark.parametrize(
    ("placement", "legal_status", "after_review", "due_after"),
    [
        pytest.param(
            "reg24", LegalStatus.C1, "lac-visit-four-weekly", dt.date(2025, 10, 1), id="reg 24"
        ),
        pytest.param(
            "ico_home",
            LegalStatus.C1,
            "lac-visit-four-weekly",
            dt.date(2025, 10, 1),
            id="at home under an interim care order",
        ),
        pytest.param(
            "reg19", LegalStatus.C2, "lac-visit-first-year", dt.date(2025, 10, 15), id="reg 19"
        ),
    ],
)
def test_weekly_visits_until_the_first_review_then_its_interval(
    child: Any,
    worker: Any,
    iro: Any,
    register: Register,
    placement: str,
    legal_status: str,
    after_review: str,
    due_after: dt.date,
) -> None:
    details = {
        "reg24": foster(register, place=PlacementType.U3, regime=VisitRegime.CONNECTED_TEMPORARY),
        "ico_home": at_home(),
        "reg19": at_home(VisitRegime.PARENT_BEFORE_ASSESSMENT),
    }[placement]
    look_after(worker, child, register, placement=details, legal_status=legal_status)
    visit(worker, child, dt.date(2025, 9, 3))
    assert visit_clocks(child) == [("lac-visit-weekly", dt.date(2025, 9, 10))]
    review(iro, child, dt.date(2025, 9, 8))
    # The weekly clock, not yet due, gives way to the interval after the first review.
    assert visit_clocks(child) == [(after_review, due_after)]
    assert visit_clocks(child, DeadlineStatus.CANCELLED) == [
        ("lac-visit-weekly", dt.date(2025, 9, 10))
    ]
    visit(worker, child, dt.date(2025, 9, 24))
    assert visit_clocks(child)[0][0] == after_review


def test_a_weekly_visit_missed_before_the_first_review_stays_overdue(
    child: Any, worker: Any, iro: Any, register: Register
) -> None:
    look_after(worker, child, register, placement=at_home())
    visit(worker, child, dt.date(2025, 9, 3))
    review(iro, child, dt.date(2025, 9, 26))
    assert visit_clocks(child) == [("lac-visit-weekly", dt.date(2025, 9, 10))]
    visit(worker, child, dt.date(2025, 9, 29))
    assert met(child)[-1] == ("lac-visit-weekly", dt.date(2025, 9, 29))
    assert visit_clocks(child) == [("lac-visit-four-weekly", dt.date(2025, 10, 27))]


# A full care order made while the child lives at home (reg 28(5))


def test_a_full_care_order_at_home_starts_a_visit_within_the_week(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register, placement=at_home())
    visit(worker, child, dt.date(2025, 9, 3))
    assert visit_clocks(child) == [("lac-visit-weekly", dt.date(2025, 9, 10))]
    legal_status_change(
        actor=worker, child=child, changed_on=dt.date(2025, 9, 5), legal_status=LegalStatus.C2
    )
    assert visit_clocks(child) == [("lac-visit-first-week", dt.date(2025, 9, 12))]
    visit(worker, child, dt.date(2025, 9, 9))
    assert met(child)[-1] == ("lac-visit-first-week", dt.date(2025, 9, 9))
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2025, 10, 21))]


def test_a_change_of_legal_status_away_from_home_keeps_the_visit_clock(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    visit(worker, child, dt.date(2025, 9, 5))
    before = Deadline.objects.get(
        child=child, status=DeadlineStatus.OPEN, rule_id__startswith="lac-visit-"
    )
    legal_status_change(
        actor=worker, child=child, changed_on=dt.date(2025, 9, 12), legal_status=LegalStatus.C2
    )
    after = Deadline.objects.get(
        child=child, status=DeadlineStatus.OPEN, rule_id__startswith="lac-visit-"
    )
    assert after.pk == before.pk


# Short breaks (reg 48): no clock after the visit


def test_short_breaks_have_no_visit_clock_after_a_visit(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register, legal_status=LegalStatus.V3)
    visit(worker, child, dt.date(2025, 9, 5))
    assert met(child) == [("lac-visit-first-week", dt.date(2025, 9, 5))]
    assert visit_clocks(child) == []


# The placement's visiting facts


def test_confirming_a_long_term_placement_with_the_childs_agreement_moves_to_6_months(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(
        worker, child, register, on=dt.date(2024, 6, 3), placement=foster(register, place="U4")
    )
    visit(worker, child, dt.date(2025, 11, 20))
    assert visit_clocks(child) == [("lac-visit-first-year", dt.date(2026, 1, 1))]
    placement = Placement.objects.get(child=child)
    changed = placement_visits_update(
        actor=worker, placement=placement, long_term=True, child_agreed_fewer_visits=True
    )
    assert (changed.long_term, changed.child_agreed_fewer_visits) == (True, True)
    assert changed.long_term_confirmed_on == dt.date(2025, 12, 1)
    assert visit_clocks(child) == [("lac-visit-long-term-foster", dt.date(2026, 5, 20))]
    event = AuditEvent.objects.get(verb=AuditVerb.PLACEMENT_VISITS_CHANGED)
    assert event.payload["from"] == {"long_term": False, "child_agreed_fewer_visits": False}
    assert event.payload["to"] == {"long_term": True, "child_agreed_fewer_visits": True}
    # Withdrawing the agreement brings back 3-monthly visits, from the same visit.
    placement_visits_update(
        actor=worker, placement=placement, long_term=True, child_agreed_fewer_visits=False
    )
    assert visit_clocks(child) == [("lac-visit-long-term", dt.date(2026, 2, 20))]


def test_a_new_pattern_with_no_visit_yet_keeps_the_first_week(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register, on=dt.date(2025, 11, 28))
    placement = Placement.objects.get(child=child)
    placement_visits_update(
        actor=worker, placement=placement, long_term=True, child_agreed_fewer_visits=False
    )
    assert visit_clocks(child) == [("lac-visit-first-week", dt.date(2025, 12, 5))]
    assert visit_clocks(child, DeadlineStatus.CANCELLED) == []


def refused(fn: Any, **kw: Any) -> dict[str, str]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        fn(**kw)
    assert row_counts() == before
    return {k: v[0] for k, v in e.value.message_dict.items()}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"long_term": False, "child_agreed_fewer_visits": False}, "long_term", "Nothing has"),
        (
            {"long_term": False, "child_agreed_fewer_visits": True},
            "child_agreed_fewer_visits",
            "intended to last until 18",
        ),
    ],
)
def test_bad_visiting_facts_are_refused(
    child: Any, worker: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    look_after(worker, child, register)
    placement = Placement.objects.get(child=child)
    errors = refused(placement_visits_update, actor=worker, placement=placement, **change)
    assert words in errors[field]


def test_an_ended_placement_keeps_its_visiting_facts(
    child: Any, worker: Any, register: Register
) -> None:
    look_after(worker, child, register)
    care_end(actor=worker, child=child, ended_on=dt.date(2025, 11, 3), reason="E4A")
    placement = Placement.objects.get(child=child)
    errors = refused(
        placement_visits_update,
        actor=worker,
        placement=placement,
        long_term=True,
        child_agreed_fewer_visits=False,
    )
    assert errors["placement"] == "This placement has ended"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"visited_on": dt.date(2025, 12, 2)}, "visited_on", "today or in the past"),
        ({"visited_on": dt.date(2025, 8, 29)}, "visited_on", "current placement began"),
        ({"seen_alone": None}, "seen_alone", "Say whether the child was seen alone"),
        ({"bedroom_seen": None}, "bedroom_seen", "bedroom"),
        ({"child_said": "  "}, "child_said", "in their words"),
        (
            {"child_seen": False, "seen_alone": True, "child_said": ""},
            "seen_alone",
            "was not seen",
        ),
        (
            {"child_seen": False, "seen_alone": None, "observations": ""},
            "observations",
            "why the child was not seen",
        ),
    ],
)
def test_a_bad_visit_is_refused_on_its_field(
    child: Any, worker: Any, register: Register, change: dict[str, Any], field: str, words: str
) -> None:
    look_after(worker, child, register)
    kw: dict[str, Any] = {
        "actor": worker,
        "child": child,
        "visited_on": dt.date(2025, 9, 5),
        "child_seen": True,
        "seen_alone": True,
        "bedroom_seen": True,
        "child_said": "Fine",
        "observations": "",
    }
    errors = refused(care_visit_record, **(kw | change))
    assert words in errors[field], errors


def test_a_child_not_looked_after_has_no_statutory_visit(council: Any, worker: Any) -> None:
    errors = refused(
        care_visit_record,
        actor=worker,
        child=council.children["allocated"],
        visited_on=STARTED,
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        child_said="Hello",
    )
    assert errors["child"] == "This child is not looked after"
