from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.core.models import HavenModel
from haven.oversight.enums import RiskRating


class RiskReview(HavenModel):
    """A manager's dated review of the risk to a child whose case waits for a worker: what the
    risk is, why, what happens meanwhile, and who will see the child."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField()
    rating = models.CharField("risk rating", max_length=8, choices=RiskRating.choices)
    rationale = models.TextField()
    interim_actions = models.TextField(help_text="What will happen while the case waits")
    who_will_see = models.CharField(
        "who will see the child", max_length=200, help_text="The person, and when"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reviewed_on", "-created_at"]
        indexes = [models.Index(fields=["child", "reviewed_on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(rationale=""), name="risk_review_has_rationale"),
            models.CheckConstraint(
                condition=~Q(interim_actions=""), name="risk_review_has_interim_actions"
            ),
            models.CheckConstraint(condition=~Q(who_will_see=""), name="risk_review_names_visitor"),
        ]


class AllocationDecision(HavenModel):
    """How a child waiting in the queue was allocated: the worker Haven recommended, the
    worker the manager chose, and the manager's reason when they differ."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    allocation = models.OneToOneField(
        "allocation.Allocation", on_delete=models.PROTECT, related_name="decision"
    )
    recommended_worker = models.ForeignKey(
        "allocation.Worker", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField(help_text="The manager chose the recommended worker")
    override_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted=True)
                | Q(recommended_worker__isnull=True)
                | ~Q(override_reason=""),
                name="allocation_override_has_reason",
            ),
        ]
