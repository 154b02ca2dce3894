"""The allocation recommender on small cases whose best answers are worked out by hand, and
against a brute-force optimum on tiny random queues. No database: the recommender is pure."""

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from haven.allocation.recommend import (
    CaseNeed,
    QueuePlan,
    WorkerSupply,
    recommend_for_case,
    recommend_for_queue,
    unplaceable_reason,
)


def worker(
    id: int,
    *,
    team: str = "A",
    service: str = "S",
    capacity: float = 10.0,
    load: float = 0.0,
    registered: bool = True,
    area: str = "",
    skills: Sequence[str] = (),
) -> WorkerSupply:
    return WorkerSupply(
        id=id,
        team_id=team,
        service_id=service,
        capacity=capacity,
        load=load,
        registered=registered,
        area=area,
        skills=frozenset(skills),
    )


def case(
    id: int,
    weight: float = 1.0,
    *,
    team: str = "A",
    service: str = "S",
    statutory: bool = False,
    previous: Sequence[int] = (),
    siblings_with: Sequence[int] = (),
    group: str | None = None,
    area: str = "",
    skills: Sequence[str] = (),
) -> CaseNeed:
    return CaseNeed(
        id=id,
        weight=weight,
        team_id=team,
        service_id=service,
        statutory=statutory,
        previous_worker_ids=frozenset(previous),
        sibling_worker_ids=frozenset(siblings_with),
        sibling_group=group,
        area=area,
        skills=frozenset(skills),
    )


def reasons_for(plan: QueuePlan, case_id: int) -> tuple[str, ...]:
    return next(p.reasons for p in plan.placements if p.case_id == case_id)


def greedy_highest_utilisation(cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply]) -> float:
    """Each case in queue order to the worker left least utilised by it."""
    total = {w.id: w.load for w in workers}
    capacity = {w.id: w.capacity for w in workers}
    receiving = set()
    for c in cases:
        chosen = min(total, key=lambda j: ((total[j] + c.weight) / capacity[j], j))
        total[chosen] += c.weight
        receiving.add(chosen)
    return max(total[j] / capacity[j] for j in receiving)


def test_the_queue_is_solved_as_a_whole_not_greedily() -> None:
    # Three workers of 6 holding 2, 3 and 3; cases of 1, 1, 1.25, 1 and 1.5 in that order.
    # Greedy: 1→w1 (3), 1→w1 (4), 1.25→w2 (4.25), 1→w3 (4), 1.5→w1 (5.5): highest 5.5/6.
    # Best: highest 5/6 (no worker can take the 1.5 and stay under 5 but w1, which then
    # takes nothing else but a 1 or a 1.25: 4.5 or 4.75). Spread most evenly: w1 takes
    # 1.5 + 1 (4.5), and of w2 and w3 (alike) one takes 1.25 (4.25), the other 1 + 1 (5).
    workers = [
        worker(1, capacity=6, load=2),
        worker(2, capacity=6, load=3),
        worker(3, capacity=6, load=3),
    ]
    cases = [case(10), case(11), case(12, 1.25), case(13), case(14, 1.5)]
    assert greedy_highest_utilisation(cases, workers) == pytest.approx(5.5 / 6)

    plan = recommend_for_queue(cases, workers)

    assert plan.unplaced == ()
    assert plan.max_utilisation == pytest.approx(5 / 6)
    assert plan.utilisation == pytest.approx({1: 4.5 / 6, 2: 4.25 / 6, 3: 5 / 6})
    assert plan.worker_for(14) == 1


def test_a_statutory_case_goes_only_to_a_registered_social_worker() -> None:
    workers = [worker(1, registered=False), worker(2, load=8)]

    plan = recommend_for_queue([case(10, statutory=True)], workers)
    assert plan.assignment == {10: 2}
    assert [r.worker_id for r in recommend_for_case(case(10, statutory=True), workers)] == [2]


def test_section_17_work_goes_to_others_only_where_the_council_allows_it() -> None:
    workers = [worker(1, registered=False), worker(2, load=8)]
    cin = case(10)

    assert recommend_for_queue([cin], workers).assignment == {10: 2}
    assert recommend_for_queue([cin], workers, section_17_led_by_others=True).assignment == {10: 1}
    relaxed = recommend_for_queue(
        [case(11, statutory=True)], workers, section_17_led_by_others=True
    )
    assert relaxed.assignment == {11: 2}


def test_no_registered_worker_leaves_a_statutory_case_unplaced_with_the_reason() -> None:
    plan = recommend_for_queue([case(10, statutory=True)], [worker(1, registered=False)])

    assert plan.placements == ()
    assert plan.unplaced[0].case_id == 10
    assert "No registered social worker" in plan.unplaced[0].reason


def test_an_absent_worker_is_never_chosen_even_as_the_previous_worker() -> None:
    workers = [worker(1, capacity=0, load=3), worker(2, load=9)]
    returning = case(10, previous=[1])

    assert recommend_for_queue([returning], workers).assignment == {10: 2}
    assert [r.worker_id for r in recommend_for_case(returning, workers)] == [2]


def test_the_previous_worker_is_preferred_when_utilisation_ties() -> None:
    workers = [worker(1, load=4), worker(2, load=4)]
    returning = case(10, previous=[2])

    plan = recommend_for_queue([returning], workers)
    assert plan.assignment == {10: 2}
    assert "previous worker" in reasons_for(plan, 10)
    best = recommend_for_case(returning, workers)[0]
    assert best.worker_id == 2
    assert best.reasons[0] == "previous worker"


def test_a_previous_worker_in_another_team_of_the_service_counts_as_home() -> None:
    # Team A is full; the previous worker in team B is home to the case, so it goes to
    # them rather than to the emptier worker of team B.
    workers = [worker(1, team="A", load=10), worker(2, team="B", load=6), worker(3, team="B")]

    plan = recommend_for_queue([case(10, team="A", previous=[2])], workers)
    assert plan.assignment == {10: 2}
    assert reasons_for(plan, 10) == ("previous worker", "has headroom 4", "utilisation after 70%")


def test_the_worker_holding_a_sibling_is_preferred() -> None:
    workers = [worker(1, load=4), worker(2, load=4)]

    plan = recommend_for_queue([case(10, siblings_with=[2])], workers)
    assert plan.assignment == {10: 2}
    assert "holds a sibling" in reasons_for(plan, 10)


def test_siblings_in_one_queue_share_a_worker_below_the_highest_utilisation() -> None:
    # Worker 3, the only one in service T, ends at 8/10; the siblings together take worker 1
    # to 4/10, under that, so they stay together rather than spreading 3/10 and 3/10.
    workers = [worker(1, load=2), worker(2, load=2), worker(3, team="B", service="T", load=7)]
    cases = [case(10, group="g"), case(20, team="B", service="T"), case(11, group="g")]

    plan = recommend_for_queue(cases, workers)

    assert plan.max_utilisation == pytest.approx(0.8)
    assert plan.worker_for(10) == plan.worker_for(11)
    assert "with a sibling in this queue" in reasons_for(plan, 11)


def test_siblings_part_when_together_they_would_raise_the_highest_utilisation() -> None:
    """Preferences never raise the highest utilisation: it is the first objective."""
    workers = [worker(1, load=2), worker(2, load=2)]
    plan = recommend_for_queue([case(10, group="g"), case(11, group="g")], workers)

    assert plan.max_utilisation == pytest.approx(0.3)
    assert plan.worker_for(10) != plan.worker_for(11)


def test_a_case_stays_in_its_team_while_the_team_has_room() -> None:
    workers = [worker(1, team="A", load=5), worker(2, team="B", load=0)]

    plan = recommend_for_queue([case(10, team="A")], workers)
    assert plan.assignment == {10: 1}
    assert [r.worker_id for r in recommend_for_case(case(10, team="A"), workers)] == [1, 2]


def test_a_case_goes_to_another_team_of_the_service_only_when_its_team_is_full() -> None:
    workers = [worker(1, team="A", load=8.5), worker(2, team="B"), worker(3, service="T")]

    plan = recommend_for_queue([case(10, team="A"), case(11, team="A")], workers)

    assert plan.assignment == {10: 1, 11: 2}
    assert any(r.startswith("another team in the service") for r in reasons_for(plan, 11))
    assert plan.utilisation == {1: pytest.approx(0.95), 2: pytest.approx(0.1)}


def test_without_home_first_the_team_is_only_a_preference() -> None:
    workers = [worker(1, team="A", load=5), worker(2, team="B", load=0)]

    plan = recommend_for_queue([case(10, team="A")], workers, home_first=False)
    assert plan.assignment == {10: 2}
    assert plan.max_utilisation == pytest.approx(0.1)


def test_a_case_nobody_can_hold_within_capacity_is_reported_not_overloaded() -> None:
    workers = [worker(1, load=9.5), worker(2, team="B", load=9), worker(3, service="T")]
    heavy = case(10, 1.5)

    plan = recommend_for_queue([heavy], workers)

    assert plan.placements == ()
    assert plan.unplaced[0].reason == (
        "Every eligible worker in the team and its service is at capacity "
        "(most headroom 1; this case weighs 1.5)"
    )
    assert recommend_for_case(heavy, workers) == []
    assert unplaceable_reason(heavy, workers) == plan.unplaced[0].reason
    assert unplaceable_reason(case(11, 1.0), workers) is None


def test_earlier_cases_in_the_queue_are_placed_first() -> None:
    plan = recommend_for_queue([case(10, 1.5), case(11), case(12)], [worker(1, load=8)])

    assert plan.assignment == {10: 1}
    assert [u.case_id for u in plan.unplaced] == [11, 12]
    assert plan.unplaced[0].reason == (
        "The headroom in the team and its service is taken by cases earlier in the queue"
    )


def test_a_council_may_allow_a_set_overload() -> None:
    plan = recommend_for_queue([case(10, 1.5)], [worker(1, load=9.5)], max_utilisation=1.1)

    assert plan.assignment == {10: 1}
    assert plan.max_utilisation == pytest.approx(1.1)


def test_one_case_ranks_workers_with_reasons() -> None:
    workers = [
        worker(1, load=6.5, skills=["disability"], area="North"),
        worker(2, load=2),
        worker(3, load=2, area="North"),
        worker(4, team="B", load=0),
        worker(5, load=10),
    ]
    need = case(10, skills=["disability"], area="North")

    ranked = recommend_for_case(need, workers, limit=3)

    assert [r.worker_id for r in ranked] == [1, 3, 2]
    assert ranked[0].reasons == (
        "in the team",
        "skills: disability",
        "same area",
        "has headroom 3.5",
        "utilisation after 75%",
    )
    assert ranked[0].utilisation_after == pytest.approx(0.75)
    assert ranked[0].score == pytest.approx(4 + 2 + 1 - 4 * 0.75)
    assert [r.worker_id for r in recommend_for_case(need, workers, limit=10)] == [1, 3, 2, 4]


def test_the_plan_does_not_depend_on_the_order_workers_are_given_in() -> None:
    rng = random.Random(3)
    workers = [worker(j, team=f"T{j % 3}", load=float(j % 7)) for j in range(12)]
    cases = [case(100 + i, rng.choice([1.0, 1.25, 1.5]), team=f"T{i % 3}") for i in range(15)]
    plan = recommend_for_queue(cases, workers)

    for _ in range(5):
        rng.shuffle(workers)
        assert recommend_for_queue(cases, workers) == plan


def test_a_case_appears_once_in_the_queue() -> None:
    with pytest.raises(ValueError, match="once"):
        recommend_for_queue([case(10), case(10)], [worker(1)])


# Brute force on tiny queues: one team, registered and unregistered workers, absent ones.


def _fits(
    cases: Sequence[CaseNeed],
    workers: Sequence[WorkerSupply],
    section_17_led_by_others: bool,
) -> list[dict[int, float]]:
    """Every assignment of all ``cases`` within capacity, as each worker's final load
    (workers receiving nothing left out)."""
    allowed = [
        [
            w
            for w in workers
            if w.capacity > 0 and (w.registered or (section_17_led_by_others and not c.statutory))
        ]
        for c in cases
    ]
    found: list[dict[int, float]] = []

    def extend(k: int, totals: dict[int, float]) -> None:
        if k == len(cases):
            found.append(dict(totals))
            return
        for w in allowed[k]:
            after = totals.get(int(w.id), w.load) + cases[k].weight
            if after <= w.capacity + 1e-9:
                previous = totals.get(int(w.id))
                totals[int(w.id)] = after
                extend(k + 1, totals)
                if previous is None:
                    del totals[int(w.id)]
                else:
                    totals[int(w.id)] = previous

    extend(0, {})
    return found


def _optimum(cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply], s17: bool) -> float | None:
    capacity = {int(w.id): w.capacity for w in workers}
    outcomes = _fits(cases, workers, s17)
    if not outcomes:
        return None
    return min(max((t / capacity[j] for j, t in o.items()), default=0.0) for o in outcomes)


queues = st.tuples(
    st.lists(
        st.tuples(
            st.sampled_from([0.0, 4.0, 6.0, 9.0, 12.0, 18.0]),
            st.integers(min_value=0, max_value=40).map(lambda q: q / 4),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.tuples(st.sampled_from([1.0, 1.25, 1.5]), st.booleans()), min_size=1, max_size=6),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(queues)
def test_the_highest_utilisation_is_within_one_case_of_the_brute_force_optimum(
    queue: tuple[list[tuple[float, float, bool]], list[tuple[float, bool]], bool, bool],
) -> None:
    worker_specs, case_specs, s17, unit = queue
    workers = [
        worker(j, capacity=c, load=load, registered=r)
        for j, (c, load, r) in enumerate(worker_specs)
    ]
    cases = [case(100 + i, 1.0 if unit else w, statutory=s) for i, (w, s) in enumerate(case_specs)]

    plan = recommend_for_queue(cases, workers, section_17_led_by_others=s17)

    capacity = {int(w.id): w.capacity for w in workers}
    assert all(u <= 1 + 1e-9 for u in plan.utilisation.values())
    placed = [c for c in cases if plan.worker_for(c.id) is not None]
    optimum = _optimum(placed, workers, s17)
    assert optimum is not None
    assert plan.max_utilisation >= optimum - 1e-9
    assert plan.lower_bound <= optimum + 1e-9
    if plan.placements:
        bottleneck = max(plan.utilisation, key=lambda j: (plan.utilisation[j], capacity[int(j)]))
        excess = (plan.max_utilisation - optimum) * capacity[int(bottleneck)]
        assert excess <= max(c.weight for c in placed) + 1e-9
    if unit:
        # Cases of one weight: exactly optimal, and every case placed that fits after the
        # cases before it in the queue.
        assert plan.max_utilisation == pytest.approx(optimum, abs=1e-6)
        chosen: list[CaseNeed] = []
        for c in cases:
            if _fits([*chosen, c], workers, s17):
                chosen.append(c)
        assert placed == chosen
