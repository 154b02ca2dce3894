"""The allocation recommender: speed on a council-sized queue, and quality against an exact
solution.

Builds a seeded, realistic instance (700 workers in 70 teams under 8 services, 300 queued
cases), times ``recommend_for_queue`` and ``recommend_for_case``, then solves the same
bottleneck problem exactly as a mixed-integer programme with SciPy's HiGHS and compares the
highest utilisation. No database: the recommender is pure Python.

"Within one case": the heuristic's highest utilisation less the exact one, times the
capacity of the heuristic's most utilised worker (the largest, if several tie), is the
weighted load that worker carries beyond the optimum. Target: at most 1.0, one child in
need case.

    .venv/bin/python bench/recommend.py --runs 30 --seed 1
"""

import argparse
import contextlib
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]
from scipy.sparse import coo_array  # type: ignore[import-untyped]

from haven.allocation.recommend import (
    CaseNeed,
    QueuePlan,
    WorkerSupply,
    recommend_for_case,
    recommend_for_queue,
)

AREAS = ["North", "South", "East", "West", "Central", "Coast"]
SKILLS = ["disability", "exploitation", "court", "unaccompanied", "Polish", "BSL"]
#: Case kinds: (share, weight, statutory). Child in need, child protection, looked after.
KINDS = [(0.5, 1.0, False), (0.3, 1.5, True), (0.2, 1.25, True)]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


#: Teams' average utilisation is drawn from these ranges; workers spread around it.
PRESSURES = {"typical": (0.55, 0.85), "stretched": (0.6, 0.97)}


def build(
    seed: int,
    *,
    pressure_range: tuple[float, float],
    workers: int = 700,
    teams: int = 70,
    services: int = 8,
    cases: int = 300,
) -> tuple[list[CaseNeed], list[WorkerSupply]]:
    """Teams under pressure to different degrees; capacity from hours (18 weighted cases a
    full-time social worker, 12 newly qualified); some workers full or over, 5% absent."""
    rng = random.Random(seed)
    team_service = {f"T{t:02d}": f"S{t % services}" for t in range(teams)}
    team_area = {t: rng.choice(AREAS) for t in team_service}
    pressure = {t: rng.uniform(*pressure_range) for t in team_service}
    team_names = sorted(team_service)
    supply: list[WorkerSupply] = []
    for k in range(workers):
        team = team_names[k % teams]
        draw = rng.random()
        registered = draw >= 0.12
        newly_qualified = 0.12 <= draw < 0.27
        fte = rng.choice([1.0] * 6 + [0.8, 0.6, 0.5])
        capacity = fte * (12 if newly_qualified else 18)
        utilisation = min(max(rng.gauss(pressure[team], 0.12), 0.1), 1.2)
        load = round(utilisation * capacity * 4) / 4
        absent = rng.random() < 0.05
        supply.append(
            WorkerSupply(
                id=k + 1,
                team_id=team,
                service_id=team_service[team],
                capacity=0.0 if absent else capacity,
                load=load,
                area=team_area[team] if rng.random() < 0.9 else rng.choice(AREAS),
                registered=registered,
                skills=frozenset({rng.choice(SKILLS)}) if rng.random() < 0.2 else frozenset(),
            )
        )
    by_team: dict[str, list[WorkerSupply]] = {}
    for w in supply:
        by_team.setdefault(str(w.team_id), []).append(w)
    by_service: dict[str, list[WorkerSupply]] = {}
    for w in supply:
        by_service.setdefault(str(w.service_id), []).append(w)

    needs: list[CaseNeed] = []
    group_number = 0
    while len(needs) < cases:
        team = rng.choice(team_names)
        service = team_service[team]
        size = rng.choice([2, 2, 3]) if rng.random() < 0.1 else 1
        group = None
        if size > 1:
            group_number += 1
            group = f"family-{group_number}"
        share = rng.random()
        weight, statutory = KINDS[-1][1:]
        for kind_share, kind_weight, kind_statutory in KINDS:
            if share < kind_share:
                weight, statutory = kind_weight, kind_statutory
                break
            share -= kind_share
        sibling_worker = (
            frozenset({rng.choice(by_team[team]).id}) if rng.random() < 0.08 else frozenset()
        )
        previous: frozenset[int] = frozenset()
        if rng.random() < 0.15:
            pool = by_team[team] if rng.random() < 0.7 else by_service[service]
            previous = frozenset({int(rng.choice(pool).id)})
        for _ in range(min(size, cases - len(needs))):
            needs.append(
                CaseNeed(
                    id=10_000 + len(needs),
                    weight=weight,
                    team_id=team,
                    service_id=service,
                    area=team_area[team] if rng.random() < 0.8 else rng.choice(AREAS),
                    statutory=statutory,
                    skills=frozenset({rng.choice(SKILLS)}) if rng.random() < 0.1 else frozenset(),
                    previous_worker_ids=previous,
                    sibling_worker_ids=sibling_worker,
                    sibling_group=group,
                )
            )
    return needs, supply


def allowed_pairs(
    cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply], plan: QueuePlan, home_first: bool
) -> list[tuple[int, int]]:
    """(case index, worker index) for every placed case and the workers it may go to: its
    home workers (team, previous worker, a sibling's worker), or the whole service for the
    cases whose home had no room, or for every case when ``home_first`` is off. The same
    eligibility as the recommender, written again."""
    placed = plan.assignment
    pairs = []
    for i, c in enumerate(cases):
        if c.id not in placed:
            continue
        for j, w in enumerate(workers):
            if w.capacity <= 0 or w.service_id != c.service_id or not w.registered:
                continue
            home = (
                w.team_id == c.team_id
                or w.id in c.previous_worker_ids
                or w.id in c.sibling_worker_ids
            )
            if home or c.id in plan.overflow or not home_first:
                pairs.append((i, j))
    return pairs


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """HiGHS writes progress notes straight to file descriptor 1."""
    sys.stdout.flush()
    saved = os.dup(1)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        try:
            yield
        finally:
            os.dup2(saved, 1)
            os.close(saved)


def exact(
    cases: Sequence[CaseNeed],
    workers: Sequence[WorkerSupply],
    plan: QueuePlan,
    time_limit: float,
    home_first: bool,
) -> tuple[float, float, str, int]:
    """The least U such that every placed case goes to one allowed worker and every worker
    who receives a case ends at load + new cases <= U * capacity (U <= 1).

    Cases go only to workers of their own service, so each service is solved on its own
    and U is the largest of theirs. For a fixed U the problem is a mixed-integer
    feasibility programme without big-M terms (a worker already above U simply takes
    nothing), so U is found by bisection over the values a worker's utilisation can take:
    (load + k/4) / capacity, loads and case weights being in quarters. Returns (U, seconds,
    summary of the programmes solved, largest number of variables in one)."""
    by_service: dict[object, list[tuple[int, int]]] = {}
    for i, j in allowed_pairs(cases, workers, plan, home_first):
        by_service.setdefault(cases[i].service_id, []).append((i, j))
    optimum, seconds, solved, largest, timed_out = 0.0, 0.0, 0, 0, 0
    for part in by_service.values():
        u, t, n, size, unknown = exact_part(part, cases, workers, plan.max_utilisation, time_limit)
        optimum = max(optimum, u)
        seconds += t
        solved += n
        largest = max(largest, size)
        timed_out += unknown
    summary = f"{solved} programmes" + (f", {timed_out} hit the time limit" if timed_out else "")
    return optimum, seconds, summary, largest


def exact_part(
    pairs: Sequence[tuple[int, int]],
    cases: Sequence[CaseNeed],
    workers: Sequence[WorkerSupply],
    ceiling: float,
    time_limit: float,
) -> tuple[float, float, int, int, int]:
    """One service: (least feasible U, seconds, programmes solved, largest size, timed out).
    The heuristic's answer, ``ceiling``, is feasible and bounds the search from above."""
    case_rows = sorted({i for i, _ in pairs})
    floor = max(
        min((workers[j].load + cases[i].weight) / workers[j].capacity for k, j in pairs if k == i)
        for i in case_rows
    )
    candidates: set[float] = set()
    for j in {j for _, j in pairs}:
        w = workers[j]
        k = 1
        while (value := (w.load + k / 4) / w.capacity) <= ceiling + 1e-9:
            if value >= floor - 1e-9:
                candidates.add(value)
            k += 1
    values = sorted(candidates)
    seconds, solved, largest, timed_out = 0.0, 0, 0, 0
    low, high = -1, len(values) - 1
    # values[high] is feasible (the heuristic reached it); values[low] is not (or none).
    while high - low > 1:
        middle = (low + high) // 2
        feasible, t, size = feasible_at(values[middle], pairs, cases, workers, time_limit)
        seconds += t
        solved += 1
        largest = max(largest, size)
        if feasible is None:
            timed_out += 1
            feasible = False
        if feasible:
            high = middle
        else:
            low = middle
    return (values[high] if values else floor), seconds, solved, largest, timed_out


def feasible_at(
    cap: float,
    pairs: Sequence[tuple[int, int]],
    cases: Sequence[CaseNeed],
    workers: Sequence[WorkerSupply],
    time_limit: float,
) -> tuple[bool | None, float, int]:
    """Whether every case of ``pairs`` fits with no receiving worker above ``cap``
    (None if the solver ran out of time), the seconds it took and the variables."""
    kept = [
        (i, j)
        for i, j in pairs
        if (workers[j].load + cases[i].weight) / workers[j].capacity <= cap + 1e-9
    ]
    case_rows = sorted({i for i, _ in pairs})
    if {i for i, _ in kept} != set(case_rows):
        return False, 0.0, 0
    used = sorted({j for _, j in kept})
    case_row = {i: r for r, i in enumerate(case_rows)}
    worker_row = {j: len(case_rows) + r for r, j in enumerate(used)}
    rows, cols, vals = [], [], []
    for v, (i, j) in enumerate(kept):
        rows.extend([case_row[i], worker_row[j]])
        cols.extend([v, v])
        vals.extend([1.0, cases[i].weight])
    lower = [1.0] * len(case_rows) + [-np.inf] * len(used)
    upper = [1.0] * len(case_rows) + [
        cap * workers[j].capacity - workers[j].load + 1e-9 for j in used
    ]
    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), len(kept))).tocsr()
    start = time.perf_counter()
    with quiet():
        result = milp(
            np.zeros(len(kept)),
            constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
            integrality=np.ones(len(kept)),
            bounds=Bounds(np.zeros(len(kept)), np.ones(len(kept))),
            options={"time_limit": time_limit},
        )
    seconds = time.perf_counter() - start
    if result.status == 0:
        return True, seconds, len(kept)
    if result.status == 2:
        return False, seconds, len(kept)
    return None, seconds, len(kept)


def describe(cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply]) -> str:
    absent = sum(1 for w in workers if w.capacity == 0)
    over = sum(1 for w in workers if w.capacity and w.load >= w.capacity)
    unregistered = sum(1 for w in workers if not w.registered)
    present = [w for w in workers if w.capacity]
    return (
        f"{len(workers)} workers in {len({w.team_id for w in workers})} teams under "
        f"{len({w.service_id for w in workers})} services ({absent} absent, {over} at or over "
        f"capacity, {unregistered} not registered, mean utilisation "
        f"{sum(w.load for w in present) / sum(w.capacity for w in present):.0%}); "
        f"{len(cases)} queued cases (weighted {sum(c.weight for c in cases):.2f}, "
        f"{sum(1 for c in cases if c.sibling_group is not None)} in sibling groups, "
        f"{sum(1 for c in cases if c.previous_worker_ids)} with a previous worker)"
    )


def timing(
    cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply], runs: int, home_first: bool
) -> QueuePlan:
    plan = recommend_for_queue(cases, workers, home_first=home_first)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        again = recommend_for_queue(cases, workers, home_first=home_first)
        times.append((time.perf_counter() - start) * 1000)
        assert again == plan
    p95 = percentile(times, 95)
    print(
        f"  recommend_for_queue  n={len(times):<3} p50={statistics.median(times):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={max(times):7.1f} ms  target <=1000 ms  "
        f"{'MET' if p95 <= 1000 else 'MISSED'}"
    )
    return plan


def time_one_case(cases: Sequence[CaseNeed], workers: Sequence[WorkerSupply]) -> None:
    one = []
    for c in cases:
        start = time.perf_counter()
        recommend_for_case(c, workers)
        one.append((time.perf_counter() - start) * 1000)
    print(
        f"  recommend_for_case   n={len(one):<3} p50={statistics.median(one):7.2f} ms  "
        f"p95={percentile(one, 95):7.2f} ms"
    )


def quality(
    cases: Sequence[CaseNeed],
    workers: Sequence[WorkerSupply],
    plan: QueuePlan,
    limit: float,
    home_first: bool,
) -> float:
    with_previous = sum(1 for p in plan.placements if "previous worker" in p.reasons)
    print(
        f"  plan: {len(plan.placements)} placed ({len(plan.overflow)} overflowing their team), "
        f"{len(plan.unplaced)} unplaced; {with_previous} of "
        f"{sum(1 for c in cases if c.previous_worker_ids)} with their previous worker; "
        f"lower bound {plan.lower_bound:.4f}"
    )
    optimum, seconds, status, variables = exact(cases, workers, plan, limit, home_first)
    top = max(plan.utilisation.values())
    bottleneck = max(
        (w for w in workers if w.id in plan.utilisation and plan.utilisation[w.id] >= top - 1e-9),
        key=lambda w: w.capacity,
    )
    excess = (plan.max_utilisation - optimum) * bottleneck.capacity
    print(
        f"  highest utilisation: heuristic {plan.max_utilisation:.4f}, exact {optimum:.4f} "
        f"(MILP: {status}, at most {variables} variables, {seconds:.2f} s); "
        f"difference {max(excess, 0.0):.2f} weighted cases at the bottleneck "
        f"(capacity {bottleneck.capacity:g})  target <=1  "
        f"{'MET' if excess <= 1 + 1e-9 else 'MISSED'}"
    )
    return excess


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seeds", type=int, default=5, help="instances compared with the MILP")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--milp-time-limit", type=float, default=300.0)
    args = parser.parse_args()

    worst = 0.0
    for home_first in (True, False):
        mode = "home first" if home_first else "service-wide"
        for name, pressure in PRESSURES.items():
            for seed in range(args.seed, args.seed + args.seeds):
                cases, workers = build(seed, pressure_range=pressure)
                print(f"{mode}, {name} council, seed {seed}: {describe(cases, workers)}")
                if seed == args.seed:
                    plan = timing(cases, workers, args.runs, home_first)
                    if home_first:
                        time_one_case(cases, workers)
                else:
                    plan = recommend_for_queue(cases, workers, home_first=home_first)
                excess = quality(cases, workers, plan, args.milp_time_limit, home_first)
                worst = max(worst, excess)
    print(f"largest difference from the exact optimum: {worst:.2f} weighted cases (target <=1)")


if __name__ == "__main__":
    main()
