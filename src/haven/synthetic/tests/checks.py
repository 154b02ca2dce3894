"""Invariants of generated allocations and absences, checked on more than one council."""

import datetime as dt
import itertools
from collections import defaultdict
from uuid import UUID

from django.db.models import Count

from haven.allocation.models import Absence, Allocation, OpenCase, Worker
from haven.casework.models import CINEpisode
from haven.core import clock
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.oversight.selectors.queue import REVIEW_RULE, queued_child_ids


def assert_allocations_keep_their_rules() -> None:
    today = clock.today()
    doubled = (
        Allocation.objects.filter(ended_on__isnull=True)
        .values("child")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not doubled.exists()
    for a in Allocation.objects.select_related("worker"):
        assert a.started_on <= today, a.pk
        assert a.started_on >= a.worker.started_on
        if a.worker.ended_on is not None:
            assert a.ended_on is not None
            assert a.ended_on <= a.worker.ended_on
        assert a.ended_on is None or a.ended_on >= a.started_on
    # A child's allocations follow one another: none overlaps the next.
    by_child: dict[object, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for child, start, end in Allocation.objects.values_list("child", "started_on", "ended_on"):
        by_child[child].append((start, end))
    for spells in by_child.values():
        spells.sort(key=lambda s: (s[0], s[1] or dt.date.max))
        for (_, end), (start, _) in itertools.pairwise(spells):
            assert end is not None
            assert end <= start
    # An allocated child whose CIN episode is open has its open case; every child with an
    # open case has a worker or waits in the queue with its clocks.
    open_episodes = set(
        CINEpisode.objects.filter(closure_date__isnull=True, referral_nfa=False).values_list(
            "child_id", flat=True
        )
    )
    open_cases = set(
        OpenCase.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    assert open_episodes <= open_cases
    allocated = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    waiting = queued_child_ids()
    assert waiting == open_cases - allocated
    clocked = set(
        Deadline.objects.filter(rule_id=REVIEW_RULE, status=DeadlineStatus.OPEN).values_list(
            "child_id", flat=True
        )
    )
    assert clocked == waiting


def assert_absences_keep_their_rules() -> None:
    workers = {w.pk: w for w in Worker.objects.all()}
    spells: dict[UUID, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.all():
        spells[absence.worker_id].append(absence)
    assert spells
    for worker_id, rows in spells.items():
        worker = workers[worker_id]
        rows.sort(key=lambda a: a.starts_on)
        assert sum(1 for a in rows if a.ends_on is None) <= 1
        for a in rows:
            assert a.starts_on >= worker.started_on
            assert a.ends_on is None or a.ends_on >= a.starts_on
            if worker.ended_on is not None:
                assert a.ends_on is not None
                assert a.ends_on < worker.ended_on
        for a, b in itertools.pairwise(rows):
            assert a.ends_on is not None
            assert a.ends_on < b.starts_on
