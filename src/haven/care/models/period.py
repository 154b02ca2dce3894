from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.care.enums import (
    IrregularRequestStatus,
    IrregularReviewDecision,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
    VisitRegime,
)
from haven.casework.enums import PrimaryNeed
from haven.core.models import HavenModel


class CarePeriod(HavenModel):
    """A period of being looked after: from the first episode's start to the last one's end.

    One open period per child; periods of one child never overlap (a database exclusion on
    PostgreSQL, a trigger on SQLite: migration 0002).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_periods"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)  # 903 HOME_POST

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="care_period_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="care_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Looked after from {self.started_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Placement(HavenModel):
    """Where the child lives and with whom, from one change of placement to the next. A change
    of legal status alone starts a new 903 episode but not a new placement."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="placements")
    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="placements")
    setting = models.ForeignKey(
        "care.Setting", null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    place = models.CharField(max_length=3, choices=PlacementType.choices)
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices, blank=True)
    postcode = models.CharField(max_length=8)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    carer = models.CharField(max_length=200, blank=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_changed = models.CharField(max_length=6, choices=ReasonPlaceChange.choices, blank=True)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    # The visiting pattern (CPPCR reg 28): what the placement is for and under which regulation.
    long_term = models.BooleanField(default=False)  # intended to last until the child is 18
    long_term_confirmed_on = models.DateField(null=True, blank=True)
    regime = models.CharField(max_length=8, choices=VisitRegime.choices, default="standard")
    child_agreed_fewer_visits = models.BooleanField(default=False)
    # Irregular placements: a setting that must be registered but is not (docs/care.md).
    irregular = models.BooleanField(default=False)
    irregular_reasons = models.JSONField(default=list, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_reason = models.TextField(blank=True)
    sign_off_review_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [
            models.Index(fields=["child", "-started_on"]),
            models.Index(
                fields=["started_on"],
                condition=Q(ended_on__isnull=True, irregular=True),
                name="care_placement_irregular_open",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="care_placement_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="care_placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(irregular=False)
                | (
                    Q(signed_off_by__isnull=False, sign_off_review_on__isnull=False)
                    & ~Q(sign_off_reason="")
                ),
                name="care_placement_irregular_signed_off",
            ),
            models.CheckConstraint(
                condition=Q(weekly_cost__isnull=True) | Q(weekly_cost__gte=0),
                name="care_placement_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"Placement from {self.started_on:%d %B %Y}"


class CareEpisode(HavenModel):
    """A 903 episode: a stretch of one legal status in one placement. A new one starts whenever
    either changes (``RNE``); the one before ends the same day with ``X1``."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="care_episodes"
    )
    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="episodes")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="episodes")
    started_on = models.DateField()  # DECOM
    reason_new = models.CharField(max_length=1, choices=ReasonNewEpisode.choices)  # RNE
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)  # LS
    category_of_need = models.CharField(max_length=2, choices=PrimaryNeed.choices)  # CIN
    ended_on = models.DateField(null=True, blank=True)  # DEC
    reason_ceased = models.CharField(  # REC
        max_length=3, choices=ReasonEpisodeCeased.choices, blank=True
    )
    reason_place_change = models.CharField(  # REASON_PLACE_CHANGE
        max_length=6, choices=ReasonPlaceChange.choices, blank=True
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-started_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="care_episode_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, reason_ceased="")
                | (Q(ended_on__gte=F("started_on")) & ~Q(reason_ceased="")),
                name="care_episode_end_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(reason_place_change="") | Q(ended_on__isnull=False),
                name="care_episode_place_change_when_ended",  # 903 rules 226/233
            ),
            models.CheckConstraint(
                condition=~Q(category_of_need__in=["N0", "N9"]),
                name="care_episode_category_of_need",
            ),
        ]

    def __str__(self) -> str:
        return f"Episode from {self.started_on:%d %B %Y}"


class IrregularPlacementRequest(HavenModel):
    """A placement in an unregistered setting, waiting for a named senior officer to sign it
    off: the worker's entry is kept whole until then, and the placement exists only after."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="irregular_requests"
    )
    proposed = models.JSONField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=12, choices=IrregularRequestStatus.choices, default="pending"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    placement = models.OneToOneField(
        Placement, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status="pending"),
                name="care_irregular_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Request for sign-off of {self.created_at:%d %B %Y}"


class IrregularPlacementReview(HavenModel):
    """A senior officer's review of a placement in an unregistered setting."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(max_length=8, choices=IrregularReviewDecision.choices)
    notes = models.TextField()
    next_review_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Review {self.reviewed_on:%d %B %Y}"
