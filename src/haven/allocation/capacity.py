"""Weighted caseloads and capacity: the arithmetic, with no database access.

A worker's *weighted load* sums the weights of the children allocated to them:

* a child counts once, at the weight of their heaviest open case (``HAVEN_CASE_WEIGHTS``,
  by ``CaseKind``): a child on a child protection plan who is also a child in need is one
  child protection case, not two cases;
* while the council is in care proceedings for a child, ``care_proceedings`` is added to
  that child's weight (nothing records proceedings yet: callers mark a child with
  ``CARE_PROCEEDINGS`` in its kinds once something does);
* a child allocated with no open case recorded counts as a child in need case (the
  baseline), so allocated work is never weightless;
* brothers and sisters held by the same worker are one family's work: the heaviest child of
  a sibling group counts in full and each other child ``HAVEN_SIBLING_EXTRA_CHILD_FACTOR``
  of their own weight.

A worker's *capacity* is the caseload maximum for their job (``HAVEN_CASELOAD_MAX``) times
their FTE. A job with no maximum (managers, reviewing officers, screeners) holds no cases.
An absence covering the day leaves a worker no capacity for new cases; the cases they hold
still count, so a manager sees both that they are away and what is waiting for them.
Short leave is treated the same as long: a case allocated to someone who is away waits
unseen, whatever the length of the absence.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from decimal import Decimal

from django.conf import settings

from haven.allocation.enums import CaseKind

#: Marks a child in care proceedings among the kinds passed to ``case_weight``.
CARE_PROCEEDINGS = "care_proceedings"
#: Utilisation from which a worker is shown as near capacity.
NEAR_CAPACITY = 0.9


def case_weight(kinds: Iterable[str]) -> float:
    """What one child weighs: the heaviest of their open cases, plus the proceedings uplift."""
    weights: Mapping[str, float] = settings.HAVEN_CASE_WEIGHTS
    kinds = frozenset(kinds)
    case_kinds = kinds - {CARE_PROCEEDINGS}
    heaviest = max((weights[k] for k in case_kinds), default=weights[CaseKind.CHILD_IN_NEED.value])
    if CARE_PROCEEDINGS in kinds:
        heaviest += weights.get(CARE_PROCEEDINGS, 0.0)
    return heaviest


def weighted_load[C: Hashable](
    children: Iterable[tuple[C, frozenset[str]]],
    sibling_group_of: Mapping[C, Hashable],
) -> float:
    """One worker's weighted caseload.

    ``children``: each child the worker holds, with the kinds of their open cases.
    ``sibling_group_of``: a child's sibling group (any value shared by brothers and sisters);
    a child not in it is a group of one.
    """
    factor: float = settings.HAVEN_SIBLING_EXTRA_CHILD_FACTOR
    groups: dict[Hashable, list[float]] = defaultdict(list)
    for child_id, kinds in children:
        groups[sibling_group_of.get(child_id, ("child", child_id))].append(case_weight(kinds))
    total = 0.0
    for weights in groups.values():
        heaviest, *others = sorted(weights, reverse=True)
        total += heaviest + factor * sum(others)
    return total


def caseload_max(job_role: str) -> float:
    """The weighted caseload a full-time worker in this job holds; 0 for jobs that hold none."""
    maxima: Mapping[str, float] = settings.HAVEN_CASELOAD_MAX
    return float(maxima.get(str(job_role), 0.0))


def holds_cases(job_role: str) -> bool:
    return caseload_max(job_role) > 0


def capacity(job_role: str, fte: Decimal | float, absent: bool) -> float:
    """The weighted caseload this worker can hold: the job's maximum times FTE, and none for
    new cases while an absence covers the day."""
    if absent:
        return 0.0
    return caseload_max(job_role) * float(fte)


def utilisation(load: float, capacity: float) -> float | None:
    """Load as a share of capacity; None when there is no capacity to share."""
    return load / capacity if capacity > 0 else None
