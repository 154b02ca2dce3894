"""Staff absence over the last year, and today's: annual leave, sickness, parental leave and
training, written in bulk as ``allocation.Absence`` rows.

The rows skip ``absence_record``, so this module keeps its rules: a worker's absences never
overlap, at most one is open-ended (and only for a worker in post), every absence ends on or
after it starts and lies within the worker's employment (from their first day to the day
before they leave). Absences start and end on working days (Monday to Friday); lengths are
counted in those days. Rates are in ``calibration`` and docs/synthetic.md.
"""

import datetime as dt
import random
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from uuid import UUID

from haven.allocation.enums import AbsenceKind, Employment
from haven.allocation.models import Absence, Worker
from haven.synthetic import calibration as cal

#: Days after a long absence begins that a manager hands the worker's cases on (ABSENC) (U).
HANDOVER_DAYS = (5, 15)
#: A long absence: its cases are handed on rather than left waiting for the worker.
LONG = frozenset({AbsenceKind.PARENTAL_LEAVE, AbsenceKind.SICKNESS})
LONG_FROM_DAYS = 28


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _add_working_days(start: dt.date, n: int) -> dt.date:
    """The last day of a spell of ``n`` working days starting on (weekday) ``start``."""
    day = start
    left = n - 1
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def working_days(start: dt.date, end: dt.date) -> int:
    """Weekdays from ``start`` to ``end``, both included."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, extra = divmod(total, 7)
    count = weeks * 5
    for i in range(extra):
        if (start.weekday() + i) % 7 < 5:
            count += 1
    return count


@dataclass
class AbsencePlan:
    rows: list[Absence] = field(default_factory=list)
    #: Workers on a long absence today: the day their cases were handed on (ABSENC).
    handover: dict[UUID, dt.date] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


class _Diary:
    """One worker's absences, kept apart from each other and within their employment."""

    def __init__(self, first: dt.date, last: dt.date | None) -> None:
        self.first = first
        self.last = last  # the last day they may be away (the day before leaving), or None
        self.spells: list[tuple[dt.date, dt.date | None, str]] = []

    def fits(self, start: dt.date, end: dt.date | None) -> bool:
        if start < self.first or (end is not None and end < start):
            return False
        if self.last is not None and (end is None or end > self.last or start > self.last):
            return False
        for s, e, _ in self.spells:
            # A day's gap between spells, so two never touch (they would read as one).
            if (e is None or start <= e + dt.timedelta(days=1)) and (
                end is None or s <= end + dt.timedelta(days=1)
            ):
                return False
        return True

    def add(self, start: dt.date, end: dt.date | None, kind: str) -> bool:
        if not self.fits(start, end):
            return False
        self.spells.append((start, end, kind))
        return True


class AbsenceBuilder:
    def __init__(
        self,
        *,
        rng: random.Random,
        today: dt.date,
        scenario: cal.Scenario,
        steady: Collection[int] = (),
    ) -> None:
        self.rng = rng
        self.today = today
        self.scenario = scenario
        #: Users (the personas) who are at work today and away only in the past.
        self.steady = steady
        self.year_start = today - dt.timedelta(days=365)
        self.horizon = today + dt.timedelta(days=cal.LEAVE_BOOKED_AHEAD_DAYS)

    def _day(self, low: dt.date, high: dt.date) -> dt.date:
        span = max((high - low).days, 0)
        day = _weekday_on_or_after(low + dt.timedelta(days=self.rng.randint(0, span)))
        if day > high:  # the weekend at the end of the window: the Friday before
            day = high
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
        return day

    def _place(
        self,
        diary: _Diary,
        kind: str,
        length: int,
        low: dt.date,
        high: dt.date,
        *,
        tries: int = 6,
    ) -> tuple[dt.date, dt.date] | None:
        for _ in range(tries):
            start = self._day(low, high)
            end = _add_working_days(start, length)
            if diary.add(start, end, kind):
                return start, end
        return None

    def worker(self, worker: Worker, plan: AbsencePlan) -> None:
        rng = self.rng
        last = None if worker.ended_on is None else worker.ended_on - dt.timedelta(days=1)
        steady = worker.user_id in self.steady
        if steady:  # at work today, with nothing booked
            last = min(last or self.today, self.today) - dt.timedelta(days=1)
        diary = _Diary(worker.started_on, last)
        # The year to today (or to the day before they left), within their employment.
        low = max(worker.started_on, self.year_start)
        high = min(self.today, last) if last is not None else self.today
        if high < low:
            return
        ahead = self.horizon if last is None else high
        if not steady:
            self._long_spells(diary, low, high, last)
        # Annual leave: one or two longer breaks, then odd days and long weekends.
        employment = "agency" if worker.employment != Employment.PERMANENT else "permanent"
        share = working_days(low, high) / working_days(self.year_start, self.today)
        entitlement = round(cal.ANNUAL_LEAVE_DAYS[employment] * share)
        taken = 0
        blocks = [10, 5] if entitlement >= 20 else [5] if entitlement >= 8 else []
        while taken < entitlement:
            length = blocks.pop(0) if blocks else rng.choice((1, 1, 2, 3, 4))
            length = min(length, entitlement - taken)
            if self._place(diary, AbsenceKind.ANNUAL_LEAVE, length, low, high) is not None:
                taken += length
            elif not blocks:
                break
        # Leave booked in the next few weeks.
        if ahead > self.today and rng.random() < 0.4:
            self._place(
                diary, AbsenceKind.ANNUAL_LEAVE, rng.randint(1, 5), self.today, ahead, tries=3
            )
        # Training courses.
        for _ in range(rng.randint(*cal.TRAINING_SPELLS)):
            self._place(diary, AbsenceKind.TRAINING, rng.choice((1, 1, 2)), low, high, tries=3)
        # Short sickness: a Poisson number of spells over the year.
        mean = cal.SHORT_SICKNESS_SPELLS * self.scenario.sickness * share
        spells, weight = 0, rng.expovariate(1.0)
        while weight < mean:
            spells += 1
            weight += rng.expovariate(1.0)
        lengths, weights = zip(*cal.SHORT_SICKNESS_DAYS, strict=True)
        for _ in range(spells):
            length = rng.choices(lengths, weights=weights)[0]
            self._place(diary, AbsenceKind.SICKNESS, length, low, high, tries=3)
        for start, end, kind in sorted(diary.spells, key=lambda s: s[0]):
            plan.rows.append(Absence(worker_id=worker.id, kind=kind, starts_on=start, ends_on=end))
            plan.counts[kind] = plan.counts.get(kind, 0) + 1
            plan.counts["open_ended"] = plan.counts.get("open_ended", 0) + (end is None)
            covers = start <= self.today and (end is None or end >= self.today)
            lasting = (
                kind == AbsenceKind.PARENTAL_LEAVE
                or end is None
                or (self.today - start).days >= LONG_FROM_DAYS
            )
            if covers and kind in LONG and lasting:
                handover = start + dt.timedelta(days=rng.randint(*HANDOVER_DAYS))
                if handover <= self.today:
                    plan.handover[worker.id] = handover

    def _long_spells(
        self, diary: _Diary, low: dt.date, high: dt.date, last: dt.date | None
    ) -> None:
        """Parental leave (a known return date) and long-term sickness, placed first."""
        rng = self.rng
        if rng.random() < cal.PARENTAL_LEAVE_SHARE * 1.5:  # started in the last 18 months
            begin = max(diary.first, self.today - dt.timedelta(days=548))
            if begin <= high:
                start = self._day(begin, high)
                end = start + dt.timedelta(days=rng.randint(*cal.PARENTAL_LEAVE_DAYS))
                if last is not None:
                    end = min(end, last)
                if end >= max(start, self.year_start):
                    diary.add(start, end, AbsenceKind.PARENTAL_LEAVE)
        if rng.random() < cal.LONG_SICKNESS_SHARE * self.scenario.sickness:
            start = self._day(low, high)
            stop: dt.date | None = _add_working_days(start, rng.randint(*cal.LONG_SICKNESS_DAYS))
            if last is not None and stop is not None:
                stop = min(stop, last)
            elif stop is not None and stop >= self.today and rng.random() < cal.OPEN_ENDED_SHARE:
                stop = None
            diary.add(start, stop, AbsenceKind.SICKNESS)

    def build(self, workers: Iterable[Worker]) -> AbsencePlan:
        plan = AbsencePlan()
        for worker in workers:
            self.worker(worker, plan)
        return plan


def absences_write(plan: AbsencePlan, *, now: dt.datetime, new_id: Callable[[], UUID]) -> int:
    """Write the plan's rows in bulk, with ids from the generator's seeded source."""
    for row in plan.rows:
        row.id = new_id()
        row.created_at = now
        row.updated_at = now
    Absence.objects.bulk_create(plan.rows, batch_size=2_000)
    return len(plan.rows)
