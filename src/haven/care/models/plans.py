from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.care.enums import CarePlanKind, ContactMethod, PermanenceOption, ReviewParticipation
from haven.core.models import HavenModel


class CarePlan(HavenModel):
    """A care plan, placement plan or permanence plan as completed on a date. Each new version
    is a new row; the latest of a kind is the one in force."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_plans")
    period = models.ForeignKey("care.CarePeriod", on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=10, choices=CarePlanKind.choices)
    placement = models.ForeignKey(
        "care.Placement", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    completed_on = models.DateField()
    permanence_option = models.CharField(
        max_length=24, choices=PermanenceOption.choices, blank=True
    )
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-created_at"]
        indexes = [models.Index(fields=["child", "kind", "-completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CarePlanKind.PLACEMENT, placement__isnull=False)
                | ~Q(kind=CarePlanKind.PLACEMENT),
                name="care_plan_placement_plan_has_placement",
            ),
            models.CheckConstraint(
                condition=Q(kind=CarePlanKind.PERMANENCE) & ~Q(permanence_option="")
                | ~Q(kind=CarePlanKind.PERMANENCE) & Q(permanence_option=""),
                name="care_plan_permanence_option",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.completed_on:%d %B %Y}"


class LookedAfterReview(HavenModel):
    """A statutory review of the child's case, chaired by an IRO (CPPCR reg 33, 903 Reviews)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="looked_after_reviews"
    )
    period = models.ForeignKey("care.CarePeriod", on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)
    child_views = models.TextField(blank=True)
    decisions = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-held_on"])]
        constraints = [
            models.UniqueConstraint(fields=["child", "held_on"], name="care_review_one_a_day"),
        ]

    def __str__(self) -> str:
        return f"Review {self.held_on:%d %B %Y}"


class IROContact(HavenModel):
    """The IRO's contact with the child between reviews (Annex A List 8)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="iro_contacts"
    )
    period = models.ForeignKey(
        "care.CarePeriod", on_delete=models.PROTECT, related_name="iro_contacts"
    )
    contact_on = models.DateField()
    iro = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-contact_on", "-created_at"]

    def __str__(self) -> str:
        return f"IRO contact {self.contact_on:%d %B %Y}"


class CareVisit(HavenModel):
    """A statutory visit to a looked-after child (CPPCR reg 28). Only a visit that saw the
    child meets the visit clock; the next is due from it by the placement's variant."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_visits")
    period = models.ForeignKey("care.CarePeriod", on_delete=models.PROTECT, related_name="visits")
    placement = models.ForeignKey("care.Placement", on_delete=models.PROTECT, related_name="visits")
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
                name="care_visit_seen_alone_needs_seen",
            ),
        ]

    def __str__(self) -> str:
        return f"Visit {self.visited_on:%d %B %Y}"
