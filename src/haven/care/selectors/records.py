"""Reads for a looked-after child's care record, a request for sign-off, and the providers
register.

The record page reads a handful of rows per child in a fixed number of queries (periods,
episodes, placements, the pending request, the care clocks), whatever the length of the
child's care history, so it stays quick on a large council.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Prefetch

from haven.care.enums import (
    IrregularRequestStatus,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonPlaceChange,
    VisitRegime,
)
from haven.care.models import (
    CareEpisode,
    CarePeriod,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    Placement,
    Provider,
    Setting,
)
from haven.casework.enums import PrimaryNeed
from haven.core.errors import NotFound
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline

#: The statutory clocks of children in care and care leavers (``haven.timescales.clocks``).
CARE_RULES = (
    "care-plan",
    "placement-plan",
    "lac-review-first",
    "lac-review-second",
    "lac-review-subsequent",
    "lac-visit-first-week",
    "lac-visit-first-year",
    "lac-visit-long-term",
    "lac-visit-weekly",
    "lac-visit-four-weekly",
    "lac-visit-long-term-foster",
    "initial-health-assessment",
    "review-health-assessment-under-5",
    "review-health-assessment-5-and-over",
    "sdq",
    "pep",
    "pep-review",
    "leaving-care-needs-assessment",
    "pathway-plan-review",
    "personal-adviser-contact",
    "irregular-placement-review",
)
IRREGULAR_REVIEW_RULE = "irregular-placement-review"
PLACEMENT_SUBJECT = Placement._meta.label_lower


def postcode_district(postcode: str) -> str:
    """The outward part of a postcode ("NN3" of "NN3 8QT"): the 903 asks for the home
    postcode, and the page shows no more of where the child's family lives than the district."""
    postcode = postcode.strip().upper()
    if not postcode:
        return ""
    outward, _, inward = postcode.partition(" ")
    return outward if inward else postcode[:-3].strip()


def _label(choices: Any, code: str) -> str:
    """``code: label`` for a code in a 903 code set, or the code alone if it is not one."""
    if not code:
        return ""
    try:
        return f"{code}: {choices(code).label}"
    except ValueError:
        return code


def weekly_cost_of(placement: Placement) -> tuple[Decimal | None, str]:
    """The placement's weekly cost and where it comes from: the placement's own override, or
    its setting's cost on the register."""
    if placement.weekly_cost is not None:
        return placement.weekly_cost, "override"
    setting = placement.setting
    if setting is not None and setting.weekly_cost is not None:
        return setting.weekly_cost, "setting"
    return None, ""


@dataclass(frozen=True)
class Clock:
    """An open statutory clock on the child's care record."""

    deadline: Deadline
    days_remaining: int

    @property
    def overdue(self) -> bool:
        return self.days_remaining < 0


def _clock(deadline: Deadline, today: dt.date) -> Clock:
    return Clock(deadline=deadline, days_remaining=(deadline.due_on - today).days)


@dataclass(frozen=True)
class EpisodeRow:
    """One 903 episode as the return has it, each code with its label."""

    episode: CareEpisode

    @property
    def rne(self) -> str:
        return f"{self.episode.reason_new}: {self.episode.get_reason_new_display()}"

    @property
    def legal_status(self) -> str:
        return _label(LegalStatus, self.episode.legal_status)

    @property
    def category_of_need(self) -> str:
        return _label(PrimaryNeed, self.episode.category_of_need)

    @property
    def place(self) -> str:
        return _label(PlacementType, self.episode.placement.place)

    @property
    def provider(self) -> str:
        return _label(PlacementProvider, self.episode.placement.provider)

    @property
    def reason_ceased(self) -> str:
        if not self.episode.reason_ceased:
            return ""
        return f"{self.episode.reason_ceased}: {self.episode.get_reason_ceased_display()}"

    @property
    def reason_place_change(self) -> str:
        return _label(ReasonPlaceChange, self.episode.reason_place_change)


@dataclass(frozen=True)
class PlacementRow:
    placement: Placement
    weekly_cost: Decimal | None
    cost_from: str  # "override", "setting" or "" (none known)
    review_due: Clock | None  # the next senior review of a placement in an unregistered setting

    @property
    def place(self) -> str:
        return _label(PlacementType, self.placement.place)

    @property
    def provider(self) -> str:
        return _label(PlacementProvider, self.placement.provider)


@dataclass(frozen=True)
class PeriodRecord:
    period: CarePeriod
    episodes: list[EpisodeRow]
    placements: list[PlacementRow]

    @property
    def home_district(self) -> str:
        return postcode_district(self.period.home_postcode)

    @property
    def reason_ended(self) -> str:
        """The 903 ``REC`` of the episode that ended the period."""
        if self.period.is_open or not self.episodes:
            return ""
        return self.episodes[0].reason_ceased


@dataclass(frozen=True)
class CareRecord:
    """A child's care record: every period (latest first) with its episodes and placements
    (latest first), the request for sign-off waiting, and the open care clocks."""

    periods: list[PeriodRecord]
    pending_request: IrregularPlacementRequest | None
    clocks: list[Clock]

    @property
    def current(self) -> PeriodRecord | None:
        first = self.periods[0] if self.periods else None
        return first if first is not None and first.period.is_open else None

    @property
    def looked_after(self) -> bool:
        return self.current is not None

    @property
    def earlier(self) -> list[PeriodRecord]:
        return [p for p in self.periods if not p.period.is_open]

    @property
    def current_episode(self) -> CareEpisode | None:
        current = self.current
        if current is None:
            return None
        return next((e.episode for e in current.episodes if e.episode.ended_on is None), None)

    @property
    def current_placement(self) -> PlacementRow | None:
        current = self.current
        if current is None:
            return None
        return next((p for p in current.placements if p.placement.ended_on is None), None)

    @property
    def legal_status(self) -> str:
        episode = self.current_episode
        return _label(LegalStatus, episode.legal_status) if episode is not None else ""

    @property
    def legal_status_since(self) -> dt.date | None:
        """When the current legal status began: the first of the unbroken run of episodes with
        it (a move of placement starts an episode but not a new legal status)."""
        current, episode = self.current, self.current_episode
        if current is None or episode is None:
            return None
        since = episode.started_on
        for row in current.episodes:  # latest first
            if row.episode.legal_status != episode.legal_status:
                break
            since = row.episode.started_on
        return since


def care_record(*, child_id: Any, today: dt.date) -> CareRecord:
    periods = list(CarePeriod.objects.filter(child_id=child_id).order_by("-started_on"))
    episodes = list(
        CareEpisode.objects.filter(child_id=child_id)
        .select_related("placement")
        .order_by("-started_on", "-created_at")
    )
    placements = list(
        Placement.objects.filter(child_id=child_id)
        .select_related("setting__provider", "signed_off_by")
        .order_by("-started_on", "-created_at")
    )
    clocks = list(
        Deadline.objects.filter(
            child_id=child_id, status=DeadlineStatus.OPEN, rule_id__in=CARE_RULES
        ).order_by("due_on", "rule_id")
    )
    reviews = {
        d.subject_id: _clock(d, today)
        for d in clocks
        if d.rule_id == IRREGULAR_REVIEW_RULE and d.subject_type == PLACEMENT_SUBJECT
    }
    pending = (
        IrregularPlacementRequest.objects.filter(
            child_id=child_id, status=IrregularRequestStatus.PENDING
        )
        .select_related("requested_by")
        .first()
    )
    records = []
    for period in periods:
        rows = []
        for p in placements:
            if p.period_id != period.pk:
                continue
            cost, cost_from = weekly_cost_of(p)
            rows.append(PlacementRow(p, cost, cost_from, reviews.get(str(p.pk))))
        records.append(
            PeriodRecord(
                period=period,
                episodes=[EpisodeRow(e) for e in episodes if e.period_id == period.pk],
                placements=rows,
            )
        )
    return CareRecord(
        periods=records, pending_request=pending, clocks=[_clock(d, today) for d in clocks]
    )


# Requests for sign-off and placements in unregistered settings


def request_get(*, request_id: UUID | str) -> IrregularPlacementRequest:
    try:
        return IrregularPlacementRequest.objects.select_related(
            "child", "requested_by", "decided_by", "placement"
        ).get(pk=request_id)
    except (IrregularPlacementRequest.DoesNotExist, ValueError) as e:
        raise NotFound("No such request") from e


def placement_get(*, placement_id: UUID | str) -> Placement:
    try:
        return Placement.objects.select_related("child", "setting__provider", "signed_off_by").get(
            pk=placement_id
        )
    except (Placement.DoesNotExist, ValueError) as e:
        raise NotFound("No such placement") from e


def placement_reviews(*, placement: Placement) -> list[IrregularPlacementReview]:
    return list(
        IrregularPlacementReview.objects.filter(placement=placement).select_related("reviewer")
    )


def review_due(*, placement: Placement, today: dt.date) -> Clock | None:
    """The open senior-review clock of a placement in an unregistered setting."""
    deadline = (
        Deadline.objects.filter(
            child_id=placement.child_id,  # deadlines are indexed by child and status
            subject_type=PLACEMENT_SUBJECT,
            subject_id=str(placement.pk),
            rule_id=IRREGULAR_REVIEW_RULE,
            status=DeadlineStatus.OPEN,
        )
        .order_by("due_on")
        .first()
    )
    return None if deadline is None else _clock(deadline, today)


@dataclass(frozen=True)
class Proposal:
    """A request's proposed placement, as the officer reads it before signing it off."""

    kind: str
    on: dt.date
    rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def heading(self) -> str:
        if self.kind == "start":
            return "Starts to be looked after"
        return "Moves placement"


def _money(setting: Setting) -> str:
    return "" if setting.weekly_cost is None else f"£{setting.weekly_cost:,.2f}"


def _yes_no(value: Any) -> str:
    return "Yes" if value else "No"


def _change_rows(p: dict[str, Any]) -> list[tuple[str, str]]:
    """What the request changes besides the placement: the period, or the move."""
    if p.get("kind") == "start":
        return [
            ("Legal status", _label(LegalStatus, p.get("legal_status", ""))),
            ("Category of need", _label(PrimaryNeed, p.get("category_of_need", ""))),
            ("Home postcode district", postcode_district(p.get("home_postcode", ""))),
        ]
    return [
        ("Legal status", _label(LegalStatus, p.get("legal_status", "")) or "No change"),
        (
            "Reason for the change of placement",
            _label(ReasonPlaceChange, p.get("reason_place_change", "")) or "None",
        ),
        ("Same carer", _yes_no(p.get("same_carer"))),
    ]


def _placement_rows(placement: dict[str, Any], setting: Setting | None) -> list[tuple[str, str]]:
    """The proposed placement: what the worker gave, else what the setting gives."""

    def given_or_setting(key: str, from_setting: str, shown: str = "") -> str:
        if placement.get(key):
            return shown or str(placement[key])
        return f"{from_setting} (the setting’s)" if from_setting else ""

    regime = placement.get("regime", VisitRegime.STANDARD)
    provider = setting.provider.ownership if setting is not None else ""
    return [
        ("Placement type", _label(PlacementType, placement.get("place", ""))),
        (
            "Setting",
            f"{setting.name} ({setting.provider.name}): {setting.get_status_display()}"
            if setting is not None
            else "None on the register",
        ),
        (
            "Placement provider",
            given_or_setting(
                "provider",
                _label(PlacementProvider, provider),
                _label(PlacementProvider, placement.get("provider", "")),
            ),
        ),
        ("Postcode", given_or_setting("postcode", setting.postcode if setting else "")),
        ("Ofsted URN", given_or_setting("urn", setting.urn if setting else "")),
        ("Carer", placement.get("carer", "")),
        (
            "Weekly cost",
            given_or_setting(
                "weekly_cost",
                _money(setting) if setting else "",
                f"£{placement.get('weekly_cost')}",
            ),
        ),
        ("Intended to last until 18", _yes_no(placement.get("long_term"))),
        ("Regulations", VisitRegime(regime).label if regime in VisitRegime.values else regime),
        ("The child agreed to fewer visits", _yes_no(placement.get("child_agreed_fewer_visits"))),
    ]


def proposal_of(request: IrregularPlacementRequest) -> Proposal:
    """The request's proposed details, each code with its label, for a summary list."""
    p = request.proposed
    placement = p.get("placement", {})
    setting = None
    if placement.get("setting"):
        setting = Setting.objects.select_related("provider").filter(pk=placement["setting"]).first()
    return Proposal(
        kind=p.get("kind", ""),
        on=dt.date.fromisoformat(p["on"]),
        rows=_change_rows(p) + _placement_rows(placement, setting),
    )


# The providers register


def providers_register() -> list[Provider]:
    """Every provider, by name, with its settings."""
    return list(
        Provider.objects.prefetch_related(
            Prefetch("settings", queryset=Setting.objects.order_by("name"))
        ).order_by("name")
    )


def provider_get(*, provider_id: UUID | str) -> Provider:
    try:
        return Provider.objects.get(pk=provider_id)
    except (Provider.DoesNotExist, ValueError) as e:
        raise NotFound("No such provider") from e


def setting_get(*, setting_id: UUID | str) -> Setting:
    try:
        return Setting.objects.select_related("provider").get(pk=setting_id)
    except (Setting.DoesNotExist, ValueError) as e:
        raise NotFound("No such setting") from e


def settings_to_choose() -> list[Setting]:
    """The settings a placement can be made in: every one on the register not closed, by
    provider."""
    return list(
        Setting.objects.filter(closed_on__isnull=True)
        .select_related("provider")
        .order_by("provider__name", "name")
    )


def settings_by_id(ids: Iterable[Any]) -> dict[Any, Setting]:
    return Setting.objects.select_related("provider").in_bulk(list(ids))
