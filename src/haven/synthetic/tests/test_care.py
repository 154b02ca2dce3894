"""The generated council's children in care and care leavers: rates and mixes near the national
figures (NATIONAL_STATS §3), the 903 episode rules and the care services' own rules kept, the
register's postcodes real, and today's clocks on the worklists (docs/synthetic.md)."""

import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from django.db import transaction
from django.test import override_settings

from haven.accounts.models import User
from haven.allocation.enums import CaseKind
from haven.allocation.models import Allocation, OpenCase
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care import geography
from haven.care.enums import (
    ADOPTION_PLACEMENTS,
    LEAVING_REASONS,
    TEMPORARY_PLACEMENTS,
    PlacementProvider,
    ReasonNewEpisode,
    RegistrationStatus,
)
from haven.care.models import (
    AdoptionPlan,
    AdviserContact,
    CareEpisode,
    CarePeriod,
    CarePlan,
    CareVisit,
    IROContact,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    LookedAfterReview,
    PersonalAdviser,
    Placement,
    Setting,
)
from haven.care.policies import can_sign_off_irregular
from haven.care.rules import (
    PlacementDetails,
    irregular_reasons,
    place_change_errors,
    placement_errors,
    years_old,
)
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.selectors import my_work, team_work
from haven.oversight.selectors.queue import queued_child_ids
from haven.people.identifiers import validate_postcode
from haven.people.models import Person
from haven.synthetic import calibration as cal
from haven.synthetic import pools
from haven.synthetic.care import move_days
from haven.synthetic.care_figures import care_figures
from haven.synthetic.generator import generate
from haven.synthetic.population import uasc_under_18
from haven.synthetic.tests.checks import assert_allocations_keep_their_rules
from haven.synthetic.tests.conftest import FAST_HASHER
from haven.timescales.calendar import default_calendar
from haven.timescales.care_visits import VisitFacts, next_visit_rule
from haven.timescales.rules import RULEBOOK

pytestmark = pytest.mark.django_db

#: The demo's size: the council its staffing is sized for, so its children in care are about
#: the national rate of the population its referrals imply.
CHILDREN = 3_000
VISIT_RULES = (
    "lac-visit-first-week",
    "lac-visit-first-year",
    "lac-visit-long-term",
    "lac-visit-weekly",
    "lac-visit-four-weekly",
    "lac-visit-long-term-foster",
)
REVIEW_RULES = ("lac-review-first", "lac-review-second", "lac-review-subsequent")


@pytest.fixture(scope="module")
def council(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        summary = generate(scale="demo", seed=7, children=CHILDREN)
        yield summary
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def figures(council: dict[str, Any]) -> dict[str, Any]:
    return care_figures(today=clock.today())


def due(rule_id: str, start: dt.date) -> dt.date:
    """As ``deadline_open`` computes a due date."""
    return RULEBOOK.get(rule_id, start).due(start, default_calendar())


def open_deadlines(subject: Any, rules: tuple[str, ...]) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            rule_id__in=rules,
            status=DeadlineStatus.OPEN,
        )
    )


# Calibration: NATIONAL_STATS §3. One council of about a hundred children in care, so the
# tolerances are wide; the demo's and the large council's figures are in docs/synthetic.md.


def test_about_67_children_in_10000_are_looked_after(figures: dict[str, Any]) -> None:
    assert figures["looked_after"] >= 60
    assert figures["per_10k"] == pytest.approx(cal.CLA_PER_10K, rel=0.25)


def test_legal_status_today_follows_the_national_mix(figures: dict[str, Any]) -> None:
    legal = figures["legal_status"]
    assert legal["care_order"] == pytest.approx(0.77, abs=0.1)
    assert legal["s20"] == pytest.approx(0.165, abs=0.08)
    assert legal["placement_order"] == pytest.approx(0.055, abs=0.05)
    assert legal["other"] <= 0.03


def test_where_children_live_today_follows_the_national_mix(figures: dict[str, Any]) -> None:
    placed = figures["placement"]
    foster = placed["foster_kin"] + placed["foster_inhouse"] + placed["foster_agency"]
    assert foster == pytest.approx(0.68, abs=0.1)
    assert placed["foster_kin"] == pytest.approx(0.15, abs=0.07)
    assert placed["foster_inhouse"] == pytest.approx(0.28, abs=0.1)
    assert placed["foster_agency"] == pytest.approx(0.25, abs=0.1)
    assert placed["home"] + placed["secure"] == pytest.approx(0.12, abs=0.06)
    assert placed["supported"] == pytest.approx(0.08, abs=0.06)
    assert placed["parents"] == pytest.approx(0.07, abs=0.05)
    assert placed["adoption"] <= 0.07


def test_unaccompanied_children_are_mostly_boys_of_16_and_17(figures: dict[str, Any]) -> None:
    assert figures["uasc_share"] == pytest.approx(cal.UASC_SHARE_OF_CLA, abs=0.05)
    assert figures["uasc_16_17"] >= 0.5
    assert figures["uasc_male"] >= 0.7


def test_the_share_of_unaccompanied_arrivals_still_children_is_what_the_draws_give() -> None:
    """The arrival rate is scaled by this share, so that those still under 18 are
    UASC_SHARE_OF_CLA of the children looked after; here the arrival draws are run."""
    rng = random.Random(3)
    youngest, oldest = cal.UASC_ARRIVAL_AGE
    n = 50_000
    under = sum(
        rng.uniform(youngest, oldest) + rng.uniform(0, cal.UASC_ARRIVAL_YEARS) < 18
        for _ in range(n)
    )
    assert uasc_under_18() == pytest.approx(under / n, abs=0.01)


def test_about_two_children_in_five_left_care_in_the_year_for_each_in_care(
    figures: dict[str, Any],
) -> None:
    ceased = figures["ceased_in_year"] / figures["looked_after"]
    assert ceased == pytest.approx(cal.CEASED_PER_CLA, abs=0.2)


def test_about_one_child_in_ten_had_three_placements_in_the_year(
    figures: dict[str, Any],
) -> None:
    assert figures["three_or_more_in_year"] == pytest.approx(0.10, abs=0.07)


def test_the_placement_moves_give_the_national_stability_measures() -> None:
    """The model of moves the council is drawn from, run over many periods of the lengths an
    open case has (too few children in one council have been in care 2.5 years to measure):
    ~10% with 3+ placements in the year, ~68% in the same placement for 2 years after 2.5."""
    rng = random.Random(1)
    three = stable = long = 0
    n = 20_000
    for _ in range(n):
        low, high, _share = rng.choices(
            cal.OPEN_EPISODE_DAYS, weights=[b[2] for b in cal.OPEN_EPISODE_DAYS]
        )[0]
        span = max(70, rng.randint(low, high))
        moves = move_days(rng, span)
        ends = [*moves[1:], span]
        three += sum(1 for end in ends if end > span - 365) >= 3
        if span >= 913:
            long += 1
            stable += span - moves[-1] >= 730
    assert three / n == pytest.approx(0.10, abs=0.025)
    assert stable / long == pytest.approx(0.68, abs=0.05)


def test_new_placements_follow_the_national_mix_of_locations(figures: dict[str, Any]) -> None:
    """Inside the council and near home most often; the council is small, so over 20 miles
    inside it is rare (only between Brackley and north Northampton) and those fall nearer."""
    where = figures["location"]
    assert where["in_near"] + where["in_far"] == pytest.approx(0.51, abs=0.1)
    assert where["out_near"] == pytest.approx(0.20, abs=0.08)
    assert where["out_far"] == pytest.approx(0.16, abs=0.08)
    assert where["unknown"] == pytest.approx(0.13, abs=0.08)


def test_children_left_care_for_the_reasons_children_do(figures: dict[str, Any]) -> None:
    reasons = figures["ceased_reasons"]
    assert figures["ceased_in_year"] >= 20
    assert max(reasons, key=reasons.__getitem__) == "returned home"
    assert len(reasons) >= 4


def test_care_leavers_are_about_half_as_many_as_children_in_care(
    figures: dict[str, Any],
) -> None:
    assert figures["care_leavers_per_looked_after"] == pytest.approx(
        cal.CARE_LEAVERS_PER_CLA, abs=0.25
    )
    # Where each stood at the last contact: one draw each for about fifty young people, so
    # the tolerances are three standard errors wide.
    leavers = figures["leavers"]
    assert leavers["in_touch"] == pytest.approx(0.91, abs=0.12)
    assert leavers["eet"] == pytest.approx(0.55, abs=0.2)
    # §3: about 88% of all in suitable accommodation, most of the rest with none recorded.
    assert leavers["suitable_where_known"] == pytest.approx(0.88 / 0.91, abs=0.08)


# The 903 rules and the care services' own.


def test_periods_never_overlap_and_one_is_open_at_most(council: dict[str, Any]) -> None:
    today = clock.today()
    by_child: dict[UUID, list[CarePeriod]] = defaultdict(list)
    for period in CarePeriod.objects.select_related("child"):
        by_child[period.child_id].append(period)
        dob = period.child.date_of_birth
        assert dob is not None
        assert dob <= period.started_on <= today
        assert period.ended_on is None or period.ended_on > period.started_on
        assert (years_old(dob, period.started_on) or 0) < 18
        if period.ended_on is not None:
            assert (years_old(dob, period.ended_on) or 0) <= 18
    for periods in by_child.values():
        periods.sort(key=lambda p: p.started_on)
        assert sum(p.ended_on is None for p in periods) <= 1
        for before, after in itertools.pairwise(periods):
            assert before.ended_on is not None
            assert before.ended_on < after.started_on


def _episodes_by_period() -> dict[UUID, list[CareEpisode]]:
    grouped: dict[UUID, list[CareEpisode]] = defaultdict(list)
    for episode in CareEpisode.objects.select_related("placement", "child").order_by(
        "started_on", "created_at"
    ):
        grouped[episode.period_id].append(episode)
    return grouped


def test_every_episode_sequence_keeps_the_903_rules(council: dict[str, Any]) -> None:
    periods = {p.pk: p for p in CarePeriod.objects.all()}
    episodes = _episodes_by_period()
    assert set(episodes) == set(periods)
    for period_id, run in episodes.items():
        period = periods[period_id]
        first, last = run[0], run[-1]
        assert (first.started_on, first.reason_new) == (period.started_on, ReasonNewEpisode.S)
        assert last.ended_on == period.ended_on
        if period.ended_on is None:
            assert last.reason_ceased == ""
        else:
            assert last.reason_ceased in LEAVING_REASONS
            assert last.reason_place_change == ""
        for before, after in itertools.pairwise(run):
            assert before.ended_on == after.started_on  # X1: the next begins the same day
            assert after.started_on > before.started_on  # no episode of no days
            assert before.reason_ceased == "X1"
            assert after.reason_new != ReasonNewEpisode.S
            moved = after.placement_id != before.placement_id
            status = after.legal_status != before.legal_status
            # The same carers: the same people, or (a home, where no one is named) the same home.
            same_carer = (
                after.placement.carer,
                after.placement.carer or after.placement.setting_id,
            ) == (
                before.placement.carer,
                before.placement.carer or before.placement.setting_id,
            )
            expected = {
                (False, True): "L",
                (True, False): "T" if same_carer else "P",
                (True, True): "U" if same_carer else "B",
            }[(moved, status)]
            assert after.reason_new == expected, (before.pk, after.pk)
            age = years_old(after.child.date_of_birth, after.started_on)
            if moved:
                assert not place_change_errors(
                    ending_place=before.placement.place,
                    reason=before.reason_place_change,
                    age=age,
                ), before.pk
            else:
                assert before.reason_place_change == ""
        for episode in run:
            assert episode.category_of_need in {f"N{i}" for i in range(1, 9)}
        if run[0].child.uasc:
            assert {e.category_of_need for e in run} == {"N8"}


def test_one_open_episode_and_placement_per_child(council: dict[str, Any]) -> None:
    open_periods = set(
        CarePeriod.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    open_episodes = list(
        CareEpisode.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    open_placements = list(
        Placement.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    assert sorted(open_episodes) == sorted(open_periods)
    assert sorted(open_placements) == sorted(open_periods)


def test_every_placement_keeps_the_903_entry_rules(council: dict[str, Any]) -> None:
    registered = set(
        Setting.objects.filter(status=RegistrationStatus.REGISTERED).values_list("urn", flat=True)
    )
    episodes = _episodes_by_period()
    for placement in Placement.objects.select_related("child", "setting", "period"):
        opening = [e for e in episodes[placement.period_id] if e.placement_id == placement.pk]
        assert opening, placement.pk  # every placement has its episodes
        assert opening[0].started_on == placement.started_on
        assert placement.ended_on == opening[-1].ended_on
        age = years_old(placement.child.date_of_birth, placement.started_on)
        details = PlacementDetails(
            place=placement.place,
            setting=placement.setting,
            provider=placement.provider,
            postcode=placement.postcode,
            urn=placement.urn,
            carer=placement.carer,
            weekly_cost=placement.weekly_cost,
            long_term=placement.long_term,
            regime=placement.regime,
            child_agreed_fewer_visits=placement.child_agreed_fewer_visits,
        )
        reasons = irregular_reasons(
            details, age=age, urn_registered=bool(placement.urn) and placement.urn in registered
        )
        assert reasons == placement.irregular_reasons
        assert placement.irregular == bool(reasons)
        errors = placement_errors(
            details,
            legal_status=opening[0].legal_status,
            age=age,
            irregular=placement.irregular,
        )
        assert errors == {}, (placement.pk, errors)
        if placement.setting is not None:
            filled = details.filled()
            assert (filled.provider, filled.urn) == (placement.provider, placement.urn)
        if placement.ended_on is not None and placement.place not in TEMPORARY_PLACEMENTS:
            later = placement.ended_on != placement.period.ended_on
            assert bool(placement.reason_changed) == later


def test_placements_in_unregistered_settings_are_all_signed_off_and_reviewed(
    council: dict[str, Any],
) -> None:
    today = clock.today()
    irregular = list(Placement.objects.filter(irregular=True).select_related("signed_off_by"))
    assert sum(p.ended_on is None for p in irregular) >= cal.IRREGULAR_AT_LEAST
    for placement in irregular:
        assert placement.signed_off_by is not None
        assert placement.signed_off_by.username == "dcs"
        assert can_sign_off_irregular(placement.signed_off_by)
        assert placement.sign_off_reason.strip()
        assert placement.sign_off_review_on is not None
        assert placement.sign_off_review_on <= due(
            "irregular-placement-review", placement.started_on
        )
        assert placement.setting is not None
        assert placement.setting.status == RegistrationStatus.NOT_REGISTERED
        request = IrregularPlacementRequest.objects.get(placement=placement)
        assert request.status == "signed_off"
        assert request.decided_by_id == placement.signed_off_by_id
        assert request.reasons == placement.irregular_reasons
        reviews = list(
            IrregularPlacementReview.objects.filter(placement=placement).order_by("reviewed_on")
        )
        for review in reviews:
            assert placement.started_on <= review.reviewed_on <= today
            assert review.next_review_on == due("irregular-placement-review", review.reviewed_on)
        if placement.ended_on is None:
            clocks = open_deadlines(placement, ("irregular-placement-review",))
            assert len(clocks) == 1
            since = reviews[-1].reviewed_on if reviews else placement.started_on
            assert clocks[0].due_on == due("irregular-placement-review", since)


def test_every_postcode_is_real_and_out_of_area_ones_resolve_to_a_council(
    council: dict[str, Any],
) -> None:
    for setting in Setting.objects.select_related("provider"):
        assert validate_postcode(setting.postcode) == setting.postcode
        assert setting.la_code == geography.placement_la(setting.postcode) != ""
        if setting.provider.ownership == PlacementProvider.PR1:
            assert setting.la_code == pools.LA_NUMBER
        if setting.provider.ownership == PlacementProvider.PR2:
            assert setting.la_code != pools.LA_NUMBER
    outside = 0
    for postcode, home in Placement.objects.values_list("postcode", "period__home_postcode"):
        assert validate_postcode(postcode) == postcode
        la = geography.placement_la(postcode)
        assert la.isdigit(), postcode  # in England: a council's three-digit 903 number
        outside += la != pools.LA_NUMBER
        if home:
            assert geography.in_area(home, pools.LA_NUMBER), home
            assert geography.distance_miles(home, postcode) is not None
    assert outside > 0


def test_every_child_in_care_has_a_looked_after_case_held_in_a_children_in_care_team(
    council: dict[str, Any],
) -> None:
    waiting = queued_child_ids()
    cic_teams = set(
        Allocation.objects.filter(team__kind="children_in_care").values_list("team_id", flat=True)
    )
    for period in CarePeriod.objects.all():
        case = OpenCase.objects.get(subject_type="care.careperiod", subject_id=str(period.pk))
        assert (case.kind, case.child_id) == (CaseKind.LOOKED_AFTER, period.child_id)
        assert (case.opened_on, case.closed_on) == (period.started_on, period.ended_on)
        if period.ended_on is not None:
            continue
        current = (
            Allocation.objects.filter(child_id=period.child_id, ended_on__isnull=True)
            .select_related("worker")
            .first()
        )
        if current is None:
            # A typical council gives each child in care a worker from the start: only a
            # child whose worker has left (or is away) waits for the next.
            assert period.child_id in waiting
            assert Allocation.objects.filter(
                child_id=period.child_id, team_id__in=cic_teams
            ).exists()
            continue
        assert current.team_id in cic_teams
        assert current.worker.is_registered_social_worker
    assert_allocations_keep_their_rules()


def _visit_facts(
    placement: Placement, episode: CareEpisode, last: dt.date | None, on: dt.date
) -> VisitFacts:
    order = (
        episode.started_on
        if episode.legal_status == "C2" and episode.started_on > placement.started_on
        else None
    )
    return VisitFacts(
        placed_on=placement.started_on,
        place=placement.place,
        legal_status=episode.legal_status,
        regime=placement.regime,
        long_term=placement.long_term,
        child_agreed_fewer_visits=placement.child_agreed_fewer_visits,
        first_review_held=LookedAfterReview.objects.filter(
            period=placement.period_id, held_on__lte=on
        ).exists(),
        last_visit=last,
        care_order_at_home_on=order,
    )


def test_today_s_visit_clock_is_the_reg_28_variant_and_some_are_overdue(
    council: dict[str, Any],
) -> None:
    """Each current placement has one visit clock: the rule and due date the visiting variant
    gives from the last visit at which the child was seen; lapsed ones are overdue and on the
    worker's and the team's lists."""
    today = clock.today()
    overdue = []
    current = Placement.objects.filter(ended_on__isnull=True)
    for placement in current:
        episode = CareEpisode.objects.get(placement=placement, ended_on__isnull=True)
        last = (
            CareVisit.objects.filter(placement=placement, child_seen=True)
            .order_by("-visited_on")
            .values_list("visited_on", flat=True)
            .first()
        )
        picked = next_visit_rule(_visit_facts(placement, episode, last, today))
        clocks = open_deadlines(placement, VISIT_RULES)
        if picked is None:
            assert clocks == []
            continue
        rule_id, start = picked
        assert [(d.rule_id, d.due_on) for d in clocks] == [(rule_id, due(rule_id, start))]
        if clocks[0].due_on < today:
            overdue.append(clocks[0])
    assert overdue
    assert len(overdue) < current.count() / 3  # mostly in time
    deadline = next(d for d in overdue if d.assignee_id is not None)
    assert deadline.assignee is not None
    assert any(
        i.deadline.pk == deadline.pk and i.overdue
        for i in my_work(user=deadline.assignee, today=today)
    )
    assert deadline.team_id is not None
    assert deadline.pk in {
        i.deadline.pk for i in team_work(team_ids=[deadline.team_id], today=today)
    }


def test_reviews_follow_the_statutory_intervals_and_the_next_is_on_the_clock(
    council: dict[str, Any],
) -> None:
    today = clock.today()
    on_time = late = 0
    for period in CarePeriod.objects.select_related("child"):
        held = list(
            LookedAfterReview.objects.filter(period=period)
            .order_by("held_on")
            .values_list("held_on", "participation")
        )
        rule, since = "lac-review-first", period.started_on
        for n, (on, participation) in enumerate(held, start=1):
            assert period.started_on < on <= (period.ended_on or today)
            if due(rule, since) >= on:
                on_time += 1
            else:
                late += 1
            age = years_old(period.child.date_of_birth, on) or 0
            assert (participation == "PN0") == (age < 4)
            rule = "lac-review-second" if n == 1 else "lac-review-subsequent"
            since = on
        clocks = open_deadlines(period, REVIEW_RULES)
        if period.ended_on is not None:
            assert clocks == []
        else:
            assert [(d.rule_id, d.due_on) for d in clocks] == [(rule, due(rule, since))]
    assert on_time / (on_time + late) >= 0.8


def test_the_reviewing_officer_sees_most_children_between_reviews(
    council: dict[str, Any],
) -> None:
    today = clock.today()
    iros = set(User.objects.filter(worker__job_role="iro").values_list("pk", flat=True))
    contacts = list(IROContact.objects.select_related("period"))
    assert contacts
    for contact in contacts:
        period = contact.period
        assert contact.child_id == period.child_id
        assert period.started_on < contact.contact_on <= min(period.ended_on or today, today)
        assert contact.iro_id in iros
        assert contact.notes
    # Each gap between reviews held in the last year: most have a contact inside it.
    gaps = met = 0
    year_ago = today - dt.timedelta(days=365)
    seen = defaultdict(list)
    for contact in contacts:
        seen[contact.period_id].append(contact.contact_on)
    for period in CarePeriod.objects.all():
        held = sorted(
            LookedAfterReview.objects.filter(period=period).values_list("held_on", flat=True)
        )
        for before, after in itertools.pairwise([period.started_on, *held]):
            if before >= year_ago and (after - before).days >= 14:
                gaps += 1
                met += any(before < on < after for on in seen[period.pk])
    assert gaps >= 50
    assert met / gaps == pytest.approx(0.85, abs=0.1)


def test_about_one_child_in_ten_has_no_care_plan_and_an_overdue_clock(
    council: dict[str, Any],
) -> None:
    today = clock.today()
    open_periods = list(CarePeriod.objects.filter(ended_on__isnull=True))
    without = [p for p in open_periods if not CarePlan.objects.filter(period=p, kind="care")]
    # Looked after for more than a few weeks: long enough for even a late plan to be made.
    settled = [p for p in open_periods if (today - p.started_on).days > 40]
    missing = [p for p in without if p in settled]
    assert len(missing) / len(settled) == pytest.approx(cal.CARE_PLAN_MISSING, abs=0.07)
    for period in without:
        clocks = open_deadlines(period, ("care-plan",))
        assert [d.due_on for d in clocks] == [due("care-plan", period.started_on)]
    assert any(due("care-plan", p.started_on) < today for p in without)
    for plan in CarePlan.objects.filter(kind="placement").select_related("placement"):
        assert plan.placement is not None
        assert plan.placement.started_on <= plan.completed_on
    for plan in CarePlan.objects.filter(kind="permanence"):
        assert plan.permanence_option


def test_adoptions_follow_a_placement_order_and_a_placement_for_adoption(
    council: dict[str, Any],
) -> None:
    adopted = CareEpisode.objects.filter(reason_ceased__in=("E11", "E12"))
    assert adopted.exists()
    for episode in adopted:
        plan = AdoptionPlan.objects.get(child_id=episode.child_id, adoption_order_on__isnull=False)
        assert plan.adoption_order_on == episode.ended_on
        assert episode.placement.place in ADOPTION_PLACEMENTS
        assert plan.placed_on == episode.placement.started_on
        assert plan.with_foster_carer == (episode.placement.place == "A5")
        assert plan.placement_order_on is not None
        assert plan.placed_on is not None
        assert plan.decided_on <= plan.placement_order_on <= plan.placed_on
        first_order = (
            CareEpisode.objects.filter(period=episode.period_id, legal_status="E1")
            .order_by("started_on")
            .values_list("started_on", flat=True)
            .first()
        )
        assert first_order == plan.placement_order_on
    for plan in AdoptionPlan.objects.filter(placed_on__isnull=False):
        assert plan.placed_on is not None
        placement = Placement.objects.get(child_id=plan.child_id, started_on=plan.placed_on)
        assert placement.place in ADOPTION_PLACEMENTS


def test_care_leavers_have_a_personal_adviser_contacts_and_clocks(
    council: dict[str, Any],
) -> None:
    today = clock.today()
    advisers = PersonalAdviser.objects.filter(ended_on__isnull=True).select_related("child")
    assert advisers.exists()
    for adviser in advisers:
        assert (years_old(adviser.child.date_of_birth, today) or 0) >= 18
        assert User.objects.get(pk=adviser.adviser_id).worker.job_role in (
            "personal_adviser",
            "team_manager",
        )
        last = (
            AdviserContact.objects.filter(child_id=adviser.child_id)
            .order_by("-contact_on")
            .values_list("contact_on", flat=True)
            .first()
        )
        clocks = open_deadlines(adviser, ("personal-adviser-contact",))
        assert len(clocks) == 1
        assert clocks[0].due_on == due("personal-adviser-contact", last or adviser.started_on)
    for contact in AdviserContact.objects.all():
        assert (contact.accommodation == "") == (contact.accommodation_suitable is None)
        if contact.in_touch not in ("YES", "RHOM"):
            assert contact.activity == ""


def test_the_audit_event_counts_the_care_records(council: dict[str, Any]) -> None:
    payload = AuditEvent.objects.get(verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED).payload
    care = payload["care"]
    assert care["periods"] == CarePeriod.objects.count()
    assert care["looked_after"] == CarePeriod.objects.filter(ended_on__isnull=True).count()
    assert care["placements"] == Placement.objects.count()
    assert care["visits"] == CareVisit.objects.count()
    assert (
        care["irregular_open"]
        == Placement.objects.filter(irregular=True, ended_on__isnull=True).count()
    )
    care_rules = {d for d in RULEBOOK.ids() if d.startswith(("lac-", "care-", "pep"))}
    open_care = Deadline.objects.filter(rule_id__in=care_rules, status=DeadlineStatus.OPEN)
    assert 0 < open_care.count() <= care["open_clocks"]
    # Unaccompanied children who turned 18 in care stopped being UASC that day (903 UASC DUC).
    for person in Person.objects.filter(uasc_status__isnull=False).select_related("uasc_status"):
        assert person.uasc
        assert person.date_of_birth is not None
        assert years_old(person.date_of_birth, person.uasc_status.ceased_on) == 18
