"""Allocation recommendations: which workers should take one case, or the whole queue.

Pure Python with no Django and nothing else from Haven: the caller reads teams, workers,
caseloads and the queue from the database into ``CaseNeed`` and ``WorkerSupply`` values,
and this module answers from those alone, so it is fast, deterministic and testable
without a database.

**Who may take a case.** A worker is *eligible* for a case when they have capacity
(``capacity > 0``: an absent worker's capacity is 0), are in the case's service (the parent
of its team), and are a registered social worker when the case is statutory, or whenever
the council does not let others lead section 17 work (``section_17_led_by_others``, off by
default, so every case goes to a registered worker). Among the eligible, a case's *home*
workers are its own team plus its previous worker and any worker holding a brother or
sister, when they are in the service: continuity outweighs team boundaries. A case goes to
another team in the service only when its home workers cannot hold it.

**Never beyond capacity.** No recommendation takes a worker's weighted caseload above
``max_utilisation`` times capacity (100% by default). A case nobody eligible can hold within
that is left unplaced with the reason, for a manager to decide (a temporary overload, a
worker from another service, an agency worker), rather than overloading someone silently.

**The queue as one optimisation.** ``recommend_for_queue`` decides, in this order:

1. *Which cases are placed*: in queue order (the caller orders it, e.g. longest waiting
   or highest risk first), each case that still fits once the cases before it are placed,
   moving earlier ones between workers to make room; a heavy case early in the queue is
   not passed over to fit two lighter ones behind it. Cases are first placed with their
   home workers, and only those that do not fit are offered to other teams (unless
   ``home_first`` is off: then the team is only a preference).
2. *The highest utilisation* (weighted caseload ÷ capacity) *among the workers who receive
   cases* is as low as it can be. Workers who receive nothing are left out of that
   maximum: their caseload does not change, and a worker who is already over capacity
   would otherwise make every plan look the same. This is a bottleneck assignment: a
   bisection on the utilisation cap, each cap checked by assigning every case with
   augmenting paths (cases move along chains of workers to make room), then moves and
   swaps that relieve the most utilised workers. It is exact when cases weigh the same;
   with weights 1.0, 1.25 and 1.5 it stayed within 0.35 of a case of an exact solver on
   council-sized queues (bench/recommend.py).
3. *Then preferences*, never raising that maximum: continuity (previous worker, a
   sibling's worker), brothers and sisters in the same queue with the same worker, the
   case's own team, skills and area; and last, among equal preferences, the load spread
   more evenly. Local improvement (moves, swaps, moving a sibling group together) from the
   assignment found in step 2.

Ties break by worker id, so the same inputs always give the same plan.
"""

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from uuid import UUID

type Id = int | str | UUID

#: Preference points for a case with a worker. Continuity first: a child keeps the
#: relationship they have; then team; then skills and area.
PREVIOUS_WORKER = 8
SIBLING_WORKER = 6
IN_TEAM = 4
SKILL = 2
SAME_AREA = 1
#: Points for each pair of brothers and sisters in one queue given the same worker.
SIBLINGS_TOGETHER = 5
#: For one case, a worker's score is their preference points less this times their
#: utilisation after taking the case: a full caseload costs as much as being in the team.
UTILISATION_WEIGHT = 4.0

_EPS = 1e-9
_SEARCH_TOLERANCE = 1e-4
_MAX_IMPROVEMENT_ROUNDS = 25


@dataclass(frozen=True)
class CaseNeed:
    """A case waiting for a worker, as the recommender needs it."""

    id: Id
    #: The case's weighted load (e.g. 1.0 child in need, 1.5 child protection).
    weight: float
    team_id: Hashable
    #: The team's parent: the case may go to another team of the same service.
    service_id: Hashable
    area: str = ""
    #: Work only a registered social worker may lead (child protection, looked after).
    statutory: bool = False
    skills: frozenset[str] = frozenset()
    previous_worker_ids: frozenset[Id] = frozenset()
    #: Workers already holding a brother or sister of the child.
    sibling_worker_ids: frozenset[Id] = frozenset()
    #: Cases of one sibling group in the same queue should preferably share a worker.
    sibling_group: Hashable | None = None


@dataclass(frozen=True)
class WorkerSupply:
    """A worker's room for cases: capacity and current load in weighted cases."""

    id: Id
    team_id: Hashable
    service_id: Hashable
    #: Weighted cases the worker can hold (from hours and experience); 0 when absent.
    capacity: float
    #: Current weighted caseload.
    load: float = 0.0
    area: str = ""
    #: A registered social worker (Social Work England).
    registered: bool = True
    skills: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Recommendation:
    worker_id: Id
    score: float
    #: Worker's utilisation after taking the case (1.0 is a full caseload).
    utilisation_after: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Placement:
    case_id: Id
    worker_id: Id
    #: Preference points of this pairing (including siblings placed together).
    points: int
    #: The worker's utilisation once every case of the plan is allocated.
    utilisation_after: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Unplaced:
    case_id: Id
    reason: str


@dataclass(frozen=True)
class QueuePlan:
    #: In queue order.
    placements: tuple[Placement, ...]
    #: In queue order.
    unplaced: tuple[Unplaced, ...]
    #: Highest utilisation among workers receiving cases (0.0 when none do).
    max_utilisation: float
    #: A floor no plan can beat: the worst case's best single worker.
    lower_bound: float
    #: Utilisation after the plan of every worker receiving cases.
    utilisation: Mapping[Id, float] = field(default_factory=dict)
    #: Sum of the placements' preference points.
    points: int = 0
    #: Placed cases whose home workers had no room, so other teams of the service were
    #: offered them (they may still have ended with a home worker as cases moved).
    overflow: frozenset[Id] = frozenset()

    def worker_for(self, case_id: Id) -> Id | None:
        for placement in self.placements:
            if placement.case_id == case_id:
                return placement.worker_id
        return None

    @property
    def assignment(self) -> dict[Id, Id]:
        return {p.case_id: p.worker_id for p in self.placements}


def _id_key(value: Id) -> tuple[int, int, str]:
    if isinstance(value, int):
        return (0, value, "")
    return (1, 0, str(value))


def _needs_registered(case: CaseNeed, section_17_led_by_others: bool) -> bool:
    return case.statutory or not section_17_led_by_others


def _eligible(case: CaseNeed, worker: WorkerSupply, section_17_led_by_others: bool) -> bool:
    return (
        worker.capacity > 0
        and worker.service_id == case.service_id
        and (worker.registered or not _needs_registered(case, section_17_led_by_others))
    )


def _is_home(case: CaseNeed, worker: WorkerSupply) -> bool:
    return (
        worker.team_id == case.team_id
        or worker.id in case.previous_worker_ids
        or worker.id in case.sibling_worker_ids
    )


def _points(case: CaseNeed, worker: WorkerSupply) -> int:
    points = 0
    if worker.id in case.previous_worker_ids:
        points += PREVIOUS_WORKER
    if worker.id in case.sibling_worker_ids:
        points += SIBLING_WORKER
    if worker.team_id == case.team_id:
        points += IN_TEAM
    if case.skills:
        points += SKILL * len(case.skills & worker.skills)
    if case.area and worker.area == case.area:
        points += SAME_AREA
    return points


def _reasons(
    case: CaseNeed, worker: WorkerSupply, utilisation_after: float, siblings_with: int = 0
) -> tuple[str, ...]:
    reasons: list[str] = []
    if worker.id in case.previous_worker_ids:
        reasons.append("previous worker")
    if worker.id in case.sibling_worker_ids:
        reasons.append("holds a sibling")
    if siblings_with:
        reasons.append(
            "with a sibling in this queue"
            if siblings_with == 1
            else f"with {siblings_with} siblings in this queue"
        )
    if worker.team_id == case.team_id:
        reasons.append("in the team")
    elif not _is_home(case, worker):
        reasons.append("another team in the service: the case’s team has no room")
    matched = sorted(case.skills & worker.skills)
    if matched:
        reasons.append("skills: " + ", ".join(matched))
    if case.area and worker.area == case.area:
        reasons.append("same area")
    reasons.append(f"has headroom {_number(worker.capacity - worker.load)}")
    reasons.append(f"utilisation after {utilisation_after:.0%}")
    return tuple(reasons)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _unplaced_reason(
    case: CaseNeed,
    eligible: Iterable[WorkerSupply],
    *,
    section_17_led_by_others: bool,
    max_utilisation: float,
) -> str:
    headrooms = [max_utilisation * w.capacity - w.load for w in eligible]
    if not headrooms:
        who = (
            "registered social worker"
            if _needs_registered(case, section_17_led_by_others)
            else "worker"
        )
        return f"No {who} in the team or its service is available (absent, or none)"
    most = max(headrooms)
    if most + _EPS < case.weight:
        return (
            "Every eligible worker in the team and its service is at capacity "
            f"(most headroom {_number(max(most, 0.0))}; this case weighs {_number(case.weight)})"
        )
    return "The headroom in the team and its service is taken by cases earlier in the queue"


def recommend_for_case(
    case: CaseNeed,
    workers: Iterable[WorkerSupply],
    *,
    limit: int = 5,
    section_17_led_by_others: bool = False,
    max_utilisation: float = 1.0,
) -> list[Recommendation]:
    """The best ``limit`` workers for one case, best first: home workers (the team, a
    previous worker, a sibling's worker) before other teams of the service, then by score
    (preference points less ``UTILISATION_WEIGHT`` * utilisation after), then lower
    utilisation, then id. Only workers who can take the case within ``max_utilisation``
    are listed; an empty list means nobody can (``unplaceable_reason`` says why)."""
    ranked: list[tuple[tuple[bool, float, float, tuple[int, int, str]], Recommendation]] = []
    for worker in workers:
        if not _eligible(case, worker, section_17_led_by_others):
            continue
        after = (worker.load + case.weight) / worker.capacity
        if after > max_utilisation + _EPS:
            continue
        score = round(_points(case, worker) - UTILISATION_WEIGHT * after, 4)
        rec = Recommendation(
            worker_id=worker.id,
            score=score,
            utilisation_after=after,
            reasons=_reasons(case, worker, after),
        )
        ranked.append(((not _is_home(case, worker), -score, after, _id_key(worker.id)), rec))
    ranked.sort(key=lambda pair: pair[0])
    return [rec for _, rec in ranked[: max(limit, 0)]]


def unplaceable_reason(
    case: CaseNeed,
    workers: Iterable[WorkerSupply],
    *,
    section_17_led_by_others: bool = False,
    max_utilisation: float = 1.0,
) -> str | None:
    """Why no worker can take ``case`` on their own, or None when someone can."""
    eligible = [w for w in workers if _eligible(case, w, section_17_led_by_others)]
    if any(w.load + case.weight <= max_utilisation * w.capacity + _EPS for w in eligible):
        return None
    return _unplaced_reason(
        case,
        eligible,
        section_17_led_by_others=section_17_led_by_others,
        max_utilisation=max_utilisation,
    )


class _Solver:
    """Cases and workers as indexes; each case's allowed workers as a list sorted by
    preference, so every step is a walk over short lists."""

    def __init__(
        self,
        cases: Sequence[CaseNeed],
        workers: Sequence[WorkerSupply],
        section_17_led_by_others: bool,
        max_utilisation: float,
    ) -> None:
        self.cases = cases
        self.workers = workers
        self.max_utilisation = max_utilisation
        n = len(cases)
        self.weight = [c.weight for c in cases]
        self.cap = [w.capacity for w in workers]
        self.load = [w.load for w in workers]
        by_service: dict[Hashable, list[int]] = {}
        for j, w in enumerate(workers):
            if w.capacity > 0:
                by_service.setdefault(w.service_id, []).append(j)
        self.points: list[dict[int, int]] = []
        self.home: list[list[int]] = []
        self.wide: list[list[int]] = []
        for case in cases:
            needs_registered = _needs_registered(case, section_17_led_by_others)
            points: dict[int, int] = {}
            home: list[int] = []
            eligible: list[int] = []
            for j in by_service.get(case.service_id, ()):
                w = workers[j]
                if needs_registered and not w.registered:
                    continue
                eligible.append(j)
                points[j] = _points(case, w)
                if _is_home(case, w):
                    home.append(j)
            home.sort(key=lambda j: -points[j])
            eligible.sort(key=lambda j: -points[j])
            self.points.append(points)
            self.home.append(home)
            self.wide.append(eligible)
        self.allowed: list[list[int]] = [self.home[i] for i in range(n)]
        self.overflow: list[int] = []
        self.allowed_set: list[set[int]] = [set(a) for a in self.allowed]
        self.group: list[list[int]] = [[] for _ in range(n)]
        groups: dict[Hashable, list[int]] = {}
        for i, case in enumerate(cases):
            if case.sibling_group is not None:
                groups.setdefault(case.sibling_group, []).append(i)
        self.groups = [members for members in groups.values() if len(members) > 1]
        for members in self.groups:
            for i in members:
                self.group[i] = members
        self._reset(max_utilisation)

    def _reset(self, cap_utilisation: float) -> None:
        self.where = [-1] * len(self.cases)
        self.total = list(self.load)
        self.on: list[dict[int, None]] = [{} for _ in self.workers]
        self.limit = [cap_utilisation * c + _EPS for c in self.cap]

    def _assign(self, i: int, j: int) -> None:
        self.where[i] = j
        self.total[j] += self.weight[i]
        self.on[j][i] = None

    def _unassign(self, i: int) -> None:
        j = self.where[i]
        self.where[i] = -1
        self.total[j] -= self.weight[i]
        del self.on[j][i]

    def _move(self, i: int, j: int) -> None:
        self._unassign(i)
        self._assign(i, j)

    def _direct(self, i: int) -> int:
        """The most preferred allowed worker with room, lowest utilisation after on a tie."""
        w = self.weight[i]
        points = self.points[i]
        best, best_points, best_after = -1, 0, 0.0
        for j in self.allowed[i]:
            p = points[j]
            if best >= 0 and p < best_points:
                break
            t = self.total[j] + w
            if t <= self.limit[j]:
                after = t / self.cap[j]
                if best < 0 or after < best_after - _EPS:
                    best, best_points, best_after = j, p, after
        return best

    def _augment(self, i: int) -> bool:
        """Place case ``i`` by moving other cases along a shortest chain of workers (each
        one giving up a case to the next) to a worker with room. Breadth first; a worker
        is explored again only when a lighter case could enter it."""
        weight, total, limit, allowed = self.weight, self.total, self.limit, self.allowed
        parent: dict[int, tuple[int, int]] = {}
        entering: dict[int, float] = {}
        frontier: deque[int] = deque()
        for j in allowed[i]:
            parent[j] = (-1, i)
            entering[j] = weight[i]
            frontier.append(j)
        while frontier:
            j = frontier.popleft()
            spare = limit[j] - total[j]
            need = entering[j]
            for k in self.on[j]:
                wk = weight[k]
                if spare + wk < need:
                    continue
                for j2 in allowed[k]:
                    if j2 == j or wk >= entering.get(j2, float("inf")):
                        continue
                    if self._leads_to(j, j2, parent):
                        continue
                    parent[j2] = (j, k)
                    entering[j2] = wk
                    if total[j2] + wk <= limit[j2]:
                        self._apply(j2, parent)
                        return True
                    frontier.append(j2)
        return False

    @staticmethod
    def _leads_to(j: int, target: int, parent: dict[int, tuple[int, int]]) -> bool:
        """Whether ``target`` is on the chain from ``j`` back to the case being placed."""
        while j >= 0:
            if j == target:
                return True
            j = parent[j][0]
        return False

    def _apply(self, end: int, parent: dict[int, tuple[int, int]]) -> None:
        j = end
        while True:
            previous, case = parent[j]
            if previous < 0:
                self._assign(case, j)
                return
            self._move(case, j)
            j = previous

    def _place(self, i: int) -> bool:
        j = self._direct(i)
        if j >= 0:
            self._assign(i, j)
            return True
        return self._augment(i)

    def _set_allowed(self, i: int, allowed: list[int]) -> None:
        self.allowed[i] = allowed
        self.allowed_set[i] = set(allowed)

    def choose_cases(self, home_first: bool) -> list[int]:
        """Step 1: cases placed at home in queue order, then the rest service-wide."""
        placed: list[int] = []
        rest: list[int] = []
        if not home_first:
            for i in range(len(self.cases)):
                self._set_allowed(i, self.wide[i])
        for i in range(len(self.cases)):
            (placed if self._place(i) else rest).append(i)
        if home_first:
            for i in rest:
                self._set_allowed(i, self.wide[i])
                if self._place(i):
                    placed.append(i)
                    self.overflow.append(i)
        return sorted(placed)

    def max_utilisation_now(self) -> float:
        receiving = {j for j in self.where if j >= 0}
        return max((self.total[j] / self.cap[j] for j in receiving), default=0.0)

    def lower_bound(self, required: Sequence[int]) -> float:
        bound = 0.0
        for i in required:
            w = self.weight[i]
            bound = max(bound, min((self.load[j] + w) / self.cap[j] for j in self.allowed[i]))
        return bound

    def _feasible(self, cap_utilisation: float, order: Sequence[int]) -> list[int] | None:
        self._reset(cap_utilisation)
        for i in order:
            if not self._place(i):
                return None
        return list(self.where)

    def _restore(self, where: Sequence[int], cap_utilisation: float) -> None:
        self._reset(cap_utilisation)
        for i, j in enumerate(where):
            if j >= 0:
                self._assign(i, j)

    def minimise_bottleneck(self, required: list[int], lower: float) -> float:
        """Step 2: the lowest utilisation cap at which every required case still fits."""
        best = list(self.where)
        high = self.max_utilisation_now()
        order = sorted(required, key=lambda i: (-self.weight[i], len(self.allowed[i]), i))
        low = lower - _EPS
        trial = lower
        while high - low > _SEARCH_TOLERANCE:
            found = self._feasible(trial, order)
            if found is None:
                low = trial
            else:
                best = found
                high = self.max_utilisation_now()
            trial = (low + high) / 2
        self._restore(best, high)
        return high

    def _utilisation(self, j: int) -> float:
        return self.total[j] / self.cap[j]

    def _relieve(self, b: int, top: float) -> bool:
        """Move one case off worker ``b``, or swap it for a lighter one, leaving both
        workers below ``top``."""
        below = top - _EPS
        for i in sorted(self.on[b], key=lambda i: (-self.weight[i], i)):
            wi = self.weight[i]
            for k in self.allowed[i]:
                if k != b and (self.total[k] + wi) / self.cap[k] < below:
                    self._move(i, k)
                    return True
            for k in self.allowed[i]:
                if k == b:
                    continue
                for m in self.on[k]:
                    wm = self.weight[m]
                    if (
                        wm < wi
                        and b in self.allowed_set[m]
                        and (self.total[k] - wm + wi) / self.cap[k] < below
                        and (self.total[b] - wi + wm) / self.cap[b] < below
                    ):
                        self._move(i, k)
                        self._move(m, b)
                        return True
        return False

    def reduce_bottleneck(self) -> float:
        """Local improvement of step 2: relieve the most utilised workers one by one
        (moves, then swaps) until none can be; then hold every worker to that level."""
        for _ in range(len(self.cases) * 4):
            receiving = sorted({j for j in self.where if j >= 0})
            if not receiving:
                break
            top = max(self._utilisation(j) for j in receiving)
            if not any(
                self._relieve(b, top) for b in receiving if self._utilisation(b) >= top - _EPS
            ):
                break
        top = self.max_utilisation_now()
        self.limit = [top * c + _EPS for c in self.cap]
        return top

    def _value(self, i: int, j: int) -> int:
        """Case ``i``'s points with worker ``j``, counting siblings of the queue on ``j``."""
        value = self.points[i][j]
        for m in self.group[i]:
            if m != i and self.where[m] == j:
                value += SIBLINGS_TOGETHER
        return value

    def _improve_moves(self, order: Sequence[int]) -> bool:
        changed = False
        for i in order:
            j = self.where[i]
            w = self.weight[i]
            current = self._value(i, j)
            floor = current - SIBLINGS_TOGETHER * max(len(self.group[i]) - 1, 0)
            best, best_value, best_after = -1, current, self.total[j] / self.cap[j]
            points = self.points[i]
            for k in self.allowed[i]:
                if points[k] < floor:
                    break
                if k == j or self.total[k] + w > self.limit[k]:
                    continue
                value = self._value(i, k) if self.group[i] else points[k]
                after = (self.total[k] + w) / self.cap[k]
                if value > best_value or (value == best_value and after < best_after - _EPS):
                    best, best_value, best_after = k, value, after
            if best >= 0:
                self._move(i, best)
                changed = True
        return changed

    def _improve_swaps(self, order: Sequence[int]) -> bool:
        changed = False
        for i in order:
            j = self.where[i]
            wi = self.weight[i]
            current = self._value(i, j)
            best: tuple[int, int] | None = None
            best_gain = 0
            for k in self.allowed[i]:
                if self.points[i][k] + SIBLINGS_TOGETHER * len(self.group[i]) <= current:
                    break
                if k == j:
                    continue
                gain_i = self._value(i, k) - current
                if gain_i <= 0:
                    continue
                for m in self.on[k]:
                    if m in self.group[i] or j not in self.allowed_set[m]:
                        continue
                    wm = self.weight[m]
                    if self.total[k] - wm + wi > self.limit[k]:
                        continue
                    if self.total[j] - wi + wm > self.limit[j]:
                        continue
                    gain = gain_i + self._value(m, j) - self._value(m, k)
                    if gain > best_gain:
                        best, best_gain = (k, m), gain
            if best is not None:
                k, m = best
                self._move(i, k)
                self._move(m, j)
                changed = True
        return changed

    def _improve_groups(self) -> bool:
        changed = False
        for members in self.groups:
            placed = [i for i in members if self.where[i] >= 0]
            if len(placed) < 2 or len({self.where[i] for i in placed}) == 1:
                continue
            current = sum(self.points[i][self.where[i]] for i in placed) + SIBLINGS_TOGETHER * sum(
                1
                for a, i in enumerate(placed)
                for m in placed[a + 1 :]
                if self.where[i] == self.where[m]
            )
            together = SIBLINGS_TOGETHER * len(placed) * (len(placed) - 1) // 2
            common = set.intersection(*(self.allowed_set[i] for i in placed))
            best, best_value = -1, current
            for k in sorted(common):
                arriving = sum(self.weight[i] for i in placed if self.where[i] != k)
                if self.total[k] + arriving > self.limit[k]:
                    continue
                value = sum(self.points[i][k] for i in placed) + together
                if value > best_value:
                    best, best_value = k, value
            if best >= 0:
                for i in placed:
                    if self.where[i] != best:
                        self._move(i, best)
                changed = True
        return changed

    def improve(self, placed: Sequence[int]) -> None:
        """Step 3: better preferences, then a more even spread, within the cap."""
        for _ in range(_MAX_IMPROVEMENT_ROUNDS):
            changed = self._improve_moves(placed)
            changed = self._improve_swaps(placed) or changed
            changed = self._improve_groups() or changed
            if not changed:
                return


def recommend_for_queue(
    cases: Sequence[CaseNeed],
    workers: Iterable[WorkerSupply],
    *,
    section_17_led_by_others: bool = False,
    max_utilisation: float = 1.0,
    home_first: bool = True,
) -> QueuePlan:
    """A worker for every case of the queue that can have one (see the module's
    docstring for the order of objectives). ``cases`` are in queue order: when capacity
    is short, earlier cases are placed first. With ``home_first`` off, every case is open
    to the whole service from the start (a council that balances caseloads across a
    service's teams), the team counting only as a preference."""
    ids = [c.id for c in cases]
    if len(set(ids)) != len(ids):
        raise ValueError("Each case may appear once in the queue")
    if any(c.weight <= 0 for c in cases):
        raise ValueError("A case's weight must be positive")
    ordered = sorted(workers, key=lambda w: _id_key(w.id))
    if len({w.id for w in ordered}) != len(ordered):
        raise ValueError("Each worker may appear once")
    solver = _Solver(cases, ordered, section_17_led_by_others, max_utilisation)
    placed = solver.choose_cases(home_first)
    lower = solver.lower_bound(placed) if placed else 0.0
    if placed:
        solver.minimise_bottleneck(placed, lower)
        solver.reduce_bottleneck()
        solver.improve(placed)

    utilisation = {
        ordered[j].id: solver.total[j] / solver.cap[j] for j in sorted(set(solver.where)) if j >= 0
    }
    placements: list[Placement] = []
    unplaced: list[Unplaced] = []
    total_points = 0
    for i, case in enumerate(cases):
        j = solver.where[i]
        if j < 0:
            reason = _unplaced_reason(
                case,
                (ordered[k] for k in solver.wide[i]),
                section_17_led_by_others=section_17_led_by_others,
                max_utilisation=max_utilisation,
            )
            unplaced.append(Unplaced(case_id=case.id, reason=reason))
            continue
        worker = ordered[j]
        siblings_with = sum(1 for m in solver.group[i] if m != i and solver.where[m] == j)
        points = solver.points[i][j] + SIBLINGS_TOGETHER * siblings_with
        total_points += points
        after = utilisation[worker.id]
        placements.append(
            Placement(
                case_id=case.id,
                worker_id=worker.id,
                points=points,
                utilisation_after=after,
                reasons=_reasons(case, worker, after, siblings_with),
            )
        )
    return QueuePlan(
        placements=tuple(placements),
        unplaced=tuple(unplaced),
        max_utilisation=max(utilisation.values(), default=0.0),
        lower_bound=lower,
        utilisation=utilisation,
        points=total_points,
        overflow=frozenset(cases[i].id for i in solver.overflow),
    )
