"""Reads at the front door: the screening queue, a child's contacts, sign-offs and figures.

The queue reads the stored decision deadlines; it never recomputes the statutory rule.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, overload
from uuid import UUID

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet

from haven.allocation.enums import TeamKind
from haven.allocation.models import Team
from haven.casework.enums import AssessmentOutcome
from haven.casework.models import Assessment, CINEpisode
from haven.core.clock import LONDON
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import UNDECIDED, ContactOutcome, Rag, Urgency
from haven.frontdoor.models import Contact, ContactChild, ContactDecision
from haven.people.models import Person

#: The rule id of the clock every contact starts (``timescales`` referral-decision).
DECISION_RULE = "referral-decision"
_CONTACT_LABEL = "frontdoor.contact"

# Red first; a contact not yet rated next (its risk is not known, so it is not left
# behind amber and green); then amber, then green.
_RAG_ORDER: dict[str, int] = {Rag.RED: 0, "": 1, Rag.AMBER: 2, Rag.GREEN: 3}
_URGENCY_ORDER: dict[str, int] = {Urgency.IMMEDIATE: 0, Urgency.SAME_DAY: 1, Urgency.ROUTINE: 2}


def front_door_team() -> Team | None:
    """The team that owns contacts' decision clocks: the first front-door team, if any."""
    return Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("path").first()


def decision_deadlines(*, contact: Contact) -> QuerySet[Deadline]:
    """Each child's decision clock for this contact."""
    return Deadline.objects.filter(
        rule_id=DECISION_RULE, subject_type=_CONTACT_LABEL, subject_id=str(contact.pk)
    ).order_by("due_on")


def day_ends() -> dt.time:
    """When the front door's working day ends (``HAVEN_FRONT_DOOR_DAY_ENDS``, "HH:MM")."""
    value = getattr(settings, "HAVEN_FRONT_DOOR_DAY_ENDS", "17:00")
    return dt.time.fromisoformat(value)


def due_at(due_on: dt.date) -> dt.datetime:
    """The moment a decision due on ``due_on`` becomes late: the end of that working day."""
    return dt.datetime.combine(due_on, day_ends(), tzinfo=LONDON)


@dataclass(frozen=True)
class QueueItem:
    contact: Contact
    children: list[Person]
    due_on: dt.date | None  # the earliest open decision deadline among the children
    due_at: dt.datetime | None
    hours_left: float | None  # to the end of the due working day; negative when late
    # Amber or green while a red contact waits: not shown as due until the reds are decided.
    held_behind_red: bool

    @property
    def overdue(self) -> bool:
        return self.hours_left is not None and self.hours_left < 0


@dataclass(frozen=True)
class _QueueEntry:
    """What the queue is ordered by: plain values, so ordering 500 contacts builds no models."""

    contact_id: UUID
    rag: str
    urgency: str
    received_at: dt.datetime
    due_on: dt.date | None


class ScreeningQueue(Sequence[QueueItem]):
    """The contacts awaiting a decision, in order. Its length and order come from one
    ``values`` query; contacts and their children are read only for the items asked for,
    so a page of 50 from a queue of 500 reads 50 contacts."""

    def __init__(self, entries: list[_QueueEntry], *, now: dt.datetime) -> None:
        self._entries = entries
        self._now = now
        self._reds_waiting = any(e.rag == Rag.RED for e in entries)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> QueueItem: ...
    @overload
    def __getitem__(self, index: slice) -> list[QueueItem]: ...
    def __getitem__(self, index: int | slice) -> QueueItem | list[QueueItem]:
        if isinstance(index, slice):
            return self._items(self._entries[index])
        return self._items([self._entries[index]])[0]

    def __iter__(self) -> Iterator[QueueItem]:
        return iter(self._items(self._entries))

    def _items(self, entries: list[_QueueEntry]) -> list[QueueItem]:
        contacts = Contact.objects.select_related("screener").prefetch_related(_children_shown())
        by_id = contacts.in_bulk([e.contact_id for e in entries])
        items = []
        for e in entries:
            contact = by_id[e.contact_id]
            moment = due_at(e.due_on) if e.due_on is not None else None
            hours = (
                round((moment - self._now).total_seconds() / 3600, 1)
                if moment is not None
                else None
            )
            items.append(
                QueueItem(
                    contact=contact,
                    children=[link.child for link in contact.child_links.all()],
                    due_on=e.due_on,
                    due_at=moment,
                    hours_left=hours,
                    held_behind_red=self._reds_waiting and e.rag in (Rag.AMBER, Rag.GREEN),
                )
            )
        return items


def screening_queue(*, now: dt.datetime) -> ScreeningQueue:
    """Contacts awaiting a decision, red first, then not yet rated, amber and green; each
    group by due date, urgency and time received.

    While any red contact awaits a decision, every amber and green item is listed after all
    the reds and marked ``held_behind_red`` (docs/frontdoor.md).
    """
    rows = list(
        Contact.objects.filter(status__in=UNDECIDED).values_list(
            "pk", "rag", "urgency", "received_at"
        )
    )
    due: dict[str, dt.date] = {}
    for subject_id, earliest in (
        Deadline.objects.filter(
            rule_id=DECISION_RULE,
            subject_type=_CONTACT_LABEL,
            subject_id__in=[str(pk) for pk, *_ in rows],
            status=DeadlineStatus.OPEN,
        )
        .order_by("due_on")
        .values_list("subject_id", "due_on")
    ):
        due.setdefault(subject_id, earliest)
    entries = [
        _QueueEntry(pk, rag, urgency, received_at, due.get(str(pk)))
        for pk, rag, urgency, received_at in rows
    ]
    entries.sort(
        key=lambda e: (
            _RAG_ORDER[e.rag],
            e.due_on or dt.date.max,
            _URGENCY_ORDER[e.urgency],
            e.received_at,
        )
    )
    return ScreeningQueue(entries, now=now)


def contacts_for_child(*, child: Person) -> QuerySet[Contact]:
    """Every contact about a child, newest first, with its decision."""
    return (
        Contact.objects.filter(child_links__child=child)
        .select_related("decision", "decision__decided_by", "decision__signed_off_by")
        .order_by("-received_at")
    )


def contact_children(*, contact: Contact) -> list[Person]:
    return [link.child for link in contact.child_links.select_related("child")]


def decisions_awaiting_sign_off() -> QuerySet[ContactDecision]:
    """Decisions no manager has signed off yet, oldest first."""
    return (
        ContactDecision.objects.filter(signed_off_at__isnull=True)
        .select_related("contact", "decided_by")
        .order_by("decided_at")
    )


def _children_shown() -> "Prefetch[Any]":
    """A contact's children with only what a list shows of them."""
    return Prefetch(
        "child_links",
        queryset=ContactChild.objects.select_related("child").only(
            "contact_id",
            "child__id",
            "child__given_name",
            "child__family_name",
            "child__kind",
            "child__restricted",
            "child__date_of_birth",
            "child__expected_date_of_birth",
        ),
    )


def decisions_awaiting_sign_off_listed() -> QuerySet[ContactDecision]:
    """``decisions_awaiting_sign_off`` with the children each list row names."""
    return decisions_awaiting_sign_off().prefetch_related(
        Prefetch("contact__child_links", queryset=_children_shown().queryset)
    )


def late_decisions(*, since: dt.date) -> QuerySet[Deadline]:
    """Children's decision clocks met after their due date, met on or after ``since``."""
    return (
        Deadline.objects.filter(
            rule_id=DECISION_RULE,
            subject_type=_CONTACT_LABEL,
            status=DeadlineStatus.MET,
            met_on__gte=since,
            met_on__gt=F("due_on"),
        )
        .select_related("child")
        .order_by("met_on")
    )


def overdue_decisions(*, today: dt.date) -> QuerySet[Deadline]:
    """Children's decision clocks still open after their due date."""
    return (
        Deadline.objects.filter(
            rule_id=DECISION_RULE,
            subject_type=_CONTACT_LABEL,
            status=DeadlineStatus.OPEN,
            due_on__lt=today,
        )
        .select_related("child")
        .order_by("due_on")
    )


@dataclass(frozen=True)
class Figure:
    """A count and the records behind it, so a dashboard can drill down to the child."""

    ids: tuple[UUID, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


def _figure(ids: Iterable[Any]) -> Figure:
    return Figure(tuple(dict.fromkeys(ids)))


def _rate(part: Figure, whole: Figure) -> float | None:
    return None if not whole.count else part.count / whole.count


@dataclass(frozen=True)
class FrontDoorFigures:
    """The front door's performance for contacts received from ``since`` to ``until``.

    Counted per child per contact (as Ofsted's Annex A list 1 counts contacts); contact
    figures are ``ContactChild`` ids, referral figures ``CINEpisode`` ids and assessment
    figures ``Assessment`` ids.
    """

    since: dt.date
    until: dt.date
    contacts: Figure
    decided: Figure
    referrals: Figure
    early_help: Figure
    information_and_advice: Figure
    no_further_action: Figure
    referral_episodes: Figure  # CIN episodes opened from these contacts
    assessed: Figure  # assessments started on those episodes
    services: Figure  # those assessments completed with services: a CIN plan or section 47
    referrals_in_period: Figure  # every CIN episode with a referral date in the period
    re_referrals: Figure  # those that were re-referrals (within 12 months of the last)
    # The front door as it stands at the end of the period (``ContactChild`` ids and
    # decision-clock ``Deadline`` ids), and the decisions made late within the period.
    awaiting: Figure  # each child on each contact still awaiting a decision
    overdue: Figure  # decision clocks still open after their due date
    late: Figure  # decision clocks met after their due date, met within the period

    @property
    def services_rate(self) -> float | None:
        """Assessments from the front door that concluded the child needs services."""
        return _rate(self.services, self.assessed)

    @property
    def conversion_rate(self) -> float | None:
        """Decided contacts that became referrals to children's social care."""
        return _rate(self.referrals, self.decided)

    @property
    def nfa_rate(self) -> float | None:
        return _rate(self.no_further_action, self.decided)

    @property
    def assessment_rate(self) -> float | None:
        """Referrals from the front door that went on to an assessment."""
        return _rate(self.assessed, self.referral_episodes)

    @property
    def re_referral_rate(self) -> float | None:
        """The DfE measure: referrals in the period that were re-referrals."""
        return _rate(self.re_referrals, self.referrals_in_period)


def front_door_figures(*, since: dt.date, until: dt.date) -> FrontDoorFigures:
    start = dt.datetime.combine(since, dt.time.min, tzinfo=LONDON)
    end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time.min, tzinfo=LONDON)
    rows = list(
        ContactChild.objects.filter(
            contact__received_at__gte=start, contact__received_at__lt=end
        ).values_list("pk", "contact_id", "child_id", "contact__decision__outcome")
    )
    by_outcome: dict[str | None, list[UUID]] = defaultdict(list)
    for pk, _contact_id, _child_id, outcome in rows:
        by_outcome[outcome].append(pk)
    pairs = {(contact_id, child_id) for _, contact_id, child_id, _ in rows}
    # Casework keeps the contact's id without a foreign key (it sits below the front door),
    # so episodes are found through a subquery on the contacts received in the period.
    received = Contact.objects.filter(received_at__gte=start, received_at__lt=end).values("pk")
    episodes = {
        pk
        for pk, contact_id, child_id in CINEpisode.objects.filter(
            contact_id__in=received
        ).values_list("pk", "contact_id", "child_id")
        if (contact_id, child_id) in pairs
    }
    assessments = [
        (pk, outcome)
        for pk, episode_id, outcome in Assessment.objects.filter(
            episode__contact_id__in=received
        ).values_list("pk", "episode_id", "outcome")
        if episode_id in episodes
    ]
    awaiting = ContactChild.objects.filter(contact__status__in=UNDECIDED).values_list(
        "pk", flat=True
    )
    period = CINEpisode.objects.filter(referral_date__gte=since, referral_date__lte=until)
    return FrontDoorFigures(
        since=since,
        until=until,
        contacts=_figure(pk for pk, *_ in rows),
        decided=_figure(pk for pk, *_, outcome in rows if outcome is not None),
        referrals=_figure(by_outcome[ContactOutcome.REFERRAL]),
        early_help=_figure(by_outcome[ContactOutcome.EARLY_HELP]),
        information_and_advice=_figure(by_outcome[ContactOutcome.INFORMATION_AND_ADVICE]),
        no_further_action=_figure(by_outcome[ContactOutcome.NFA]),
        referral_episodes=_figure(episodes),
        assessed=_figure(pk for pk, _ in assessments),
        services=_figure(pk for pk, outcome in assessments if outcome in SERVICES_OUTCOMES),
        referrals_in_period=_figure(period.values_list("pk", flat=True)),
        re_referrals=_figure(period.filter(is_re_referral=True).values_list("pk", flat=True)),
        awaiting=_figure(awaiting),
        overdue=_figure(overdue_decisions(today=until).values_list("pk", flat=True)),
        late=_figure(
            late_decisions(since=since).filter(met_on__lte=until).values_list("pk", flat=True)
        ),
    )


#: Assessment outcomes that mean the child needs children's social care services.
SERVICES_OUTCOMES = frozenset(
    {AssessmentOutcome.CHILD_IN_NEED, AssessmentOutcome.STRATEGY_DISCUSSION}
)


class FigureKind(StrEnum):
    """What a figure's ids are, so a drill-down knows where to find the children."""

    CONTACT_CHILD = "contact_child"
    EPISODE = "episode"
    ASSESSMENT = "assessment"
    DECISION_CLOCK = "decision_clock"


#: Every figure a drill-down may open, and what its ids are.
FIGURE_KINDS: dict[str, FigureKind] = {
    "contacts": FigureKind.CONTACT_CHILD,
    "decided": FigureKind.CONTACT_CHILD,
    "referrals": FigureKind.CONTACT_CHILD,
    "early_help": FigureKind.CONTACT_CHILD,
    "information_and_advice": FigureKind.CONTACT_CHILD,
    "no_further_action": FigureKind.CONTACT_CHILD,
    "awaiting": FigureKind.CONTACT_CHILD,
    "referral_episodes": FigureKind.EPISODE,
    "referrals_in_period": FigureKind.EPISODE,
    "re_referrals": FigureKind.EPISODE,
    "assessed": FigureKind.ASSESSMENT,
    "services": FigureKind.ASSESSMENT,
    "overdue": FigureKind.DECISION_CLOCK,
    "late": FigureKind.DECISION_CLOCK,
}


@dataclass(frozen=True)
class FigureRow:
    """One record behind a figure: the child, the date that put it in the figure, and the
    contact it came from (when there was one)."""

    child_id: UUID
    on: dt.date
    contact_id: UUID | None


def figure_rows(*, kind: FigureKind, ids: Sequence[UUID]) -> list[FigureRow]:
    """The records behind a figure, oldest first, as plain values (a drill-down reads the
    children of the page it shows with ``children_listed``)."""
    rows: list[FigureRow]
    if kind is FigureKind.CONTACT_CHILD:
        rows = [
            FigureRow(child_id, received_at.astimezone(LONDON).date(), contact_id)
            for child_id, received_at, contact_id in ContactChild.objects.filter(
                pk__in=ids
            ).values_list("child_id", "contact__received_at", "contact_id")
        ]
    elif kind is FigureKind.EPISODE:
        rows = [
            FigureRow(*values)
            for values in CINEpisode.objects.filter(pk__in=ids).values_list(
                "child_id", "referral_date", "contact_id"
            )
        ]
    elif kind is FigureKind.ASSESSMENT:
        rows = [
            FigureRow(*values)
            for values in Assessment.objects.filter(pk__in=ids).values_list(
                "child_id", "start_date", "episode__contact_id"
            )
        ]
    else:
        rows = [
            FigureRow(child_id, due_on, UUID(subject_id))
            for child_id, due_on, subject_id in Deadline.objects.filter(pk__in=ids).values_list(
                "child_id", "due_on", "subject_id"
            )
        ]
    rows.sort(key=lambda r: (r.on, str(r.contact_id), str(r.child_id)))
    return rows
