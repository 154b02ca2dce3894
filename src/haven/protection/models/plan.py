from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.protection.enums import (
    SCORE_MAX,
    SCORE_MIN,
    AbuseCategory,
    Agency,
    PlanEndReason,
    PlanKind,
)


class Plan(HavenModel):
    """A child protection plan (CIN census ``ChildProtectionPlans``) or a child in need plan
    (``CINPlanDates``), made of outcomes.

    One table for both, so "one open plan per child" is a single constraint: a child is never on
    a CIN plan and a CP plan at once (DfE rules 4001, 4004, 8935), and moving between them ends
    one and starts the other on the same day (docs/protection.md).
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(max_length=3, choices=PlanKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=PlanEndReason.choices, blank=True)
    initial_category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    latest_category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    # CIN census NumberOfPreviousCPP, counted when the plan starts.
    previous_plans = models.PositiveSmallIntegerField(default=0)
    initial_conference = models.OneToOneField(
        "protection.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="started_plan",
    )
    finalised_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="plan_ended_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="plan_ends_after_start",
            ),
            models.CheckConstraint(
                # DfE rule 8840: a child protection plan does not start and end on the same day.
                condition=~Q(kind=PlanKind.CHILD_PROTECTION)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gt=F("started_on")),
                name="cp_plan_not_same_day",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind=PlanKind.CHILD_PROTECTION,
                    initial_category__in=AbuseCategory.values,
                    latest_category__in=AbuseCategory.values,
                )
                | Q(
                    kind=PlanKind.CHILD_IN_NEED,
                    initial_category="",
                    latest_category="",
                    initial_conference__isnull=True,
                ),
                name="plan_categories_on_cp_only",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="plan_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def is_cp(self) -> bool:
        return self.kind == PlanKind.CHILD_PROTECTION

    @property
    def is_final(self) -> bool:
        return self.finalised_on is not None


class PlanOutcome(HavenModel):
    """What will be different for the child: one outcome of a plan, with a baseline rating.

    The baseline is the scaled judgement when the outcome was set (0: the worst it could be,
    10: the child is safe and well in this respect); each review rates it again.
    """

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="outcomes")
    position = models.PositiveSmallIntegerField()
    statement = models.TextField()
    baseline_score = models.PositiveSmallIntegerField()
    achieved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_score__gte=SCORE_MIN, baseline_score__lte=SCORE_MAX),
                name="outcome_baseline_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome {self.position}"


class PlanAction(HavenModel):
    """What someone will do towards an outcome, and by when.

    A draft plan may hold actions without an owner or date so nobody's work is lost; a plan is
    finalised only once every action has both.
    """

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_agency = models.CharField(max_length=16, choices=Agency.choices, blank=True)
    owner_name = models.CharField(max_length=200, blank=True)
    target_date = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["target_date", "created_at"]

    def __str__(self) -> str:
        return "Action"

    @property
    def has_owner(self) -> bool:
        return self.owner_user_id is not None or bool(self.owner_agency)


class PlanReview(HavenModel):
    """A child in need plan review meeting (child protection plans are reviewed at conference)."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    summary = models.TextField()
    child_views = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"Child in need plan review {self.held_on:%d %B %Y}"


class OutcomeRating(HavenModel):
    """An outcome's rating at one review: a review conference or a CIN plan review."""

    outcome = models.ForeignKey(PlanOutcome, on_delete=models.PROTECT, related_name="ratings")
    rated_on = models.DateField()
    score = models.PositiveSmallIntegerField()
    narrative = models.TextField()
    conference = models.ForeignKey(
        "protection.Conference",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ratings",
    )
    review = models.ForeignKey(
        PlanReview, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )

    class Meta:
        ordering = ["rated_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="rating_score_in_range",
            ),
            models.CheckConstraint(
                condition=Q(conference__isnull=False, review__isnull=True)
                | Q(conference__isnull=True, review__isnull=False),
                name="rating_at_one_review",
            ),
        ]

    def __str__(self) -> str:
        return f"Rated {self.score} on {self.rated_on:%d %B %Y}"


class CoreGroupMeeting(HavenModel):
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="core_groups")
    held_on = models.DateField()
    attendees = models.TextField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]

    def __str__(self) -> str:
        return f"Core group {self.held_on:%d %B %Y}"


class Visit(HavenModel):
    """A statutory visit to a child on a plan: was the child seen, alone, their bedroom, and
    what the child said. Only a visit at which the child was seen meets the visit clock."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="visits")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField(null=True, blank=True)
    bedroom_seen = models.BooleanField(null=True, blank=True)
    child_said = models.TextField(blank=True)
    observations = models.TextField(blank=True)
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-visited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen=True) | Q(seen_alone__isnull=True) | Q(seen_alone=False),
                name="visit_seen_alone_needs_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Visit {self.visited_on:%d %B %Y}"
