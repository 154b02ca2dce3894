from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.casework.enums import AssessmentFactor, AssessmentOutcome
from haven.core.models import HavenModel


class Assessment(HavenModel):
    """A child and family assessment on one CIN episode (CIN census ``Assessments``).

    Brothers and sisters assessed together each have their own assessment; ``group_id`` is
    shared by the assessments started together so the record can show them side by side.
    """

    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="assessments"
    )
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    group_id = models.UUIDField(null=True, blank=True, db_index=True)
    start_date = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    # The child's wishes and feelings, in the child's own words where possible.
    wishes_and_feelings = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=AssessmentOutcome.choices, blank=True)
    authorised_on = models.DateField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-start_date", "-created_at"]
        indexes = [models.Index(fields=["child", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen_on__isnull=False) | Q(seen_alone__isnull=True),
                name="assessment_seen_alone_needs_seen",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True, outcome="")
                | (Q(completed_on__isnull=False) & ~Q(outcome="")),
                name="assessment_completed_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("start_date")),
                name="assessment_completed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(authorised_on__isnull=True, authorised_by__isnull=True)
                | Q(
                    authorised_on__isnull=False,
                    authorised_by__isnull=False,
                    completed_on__isnull=False,
                    authorised_on__gte=F("completed_on"),
                ),
                name="assessment_authorised_after_completion",
            ),
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(authorised_on__isnull=True),
                name="assessment_one_in_progress_per_episode",
            ),
        ]

    def __str__(self) -> str:
        return f"Child and family assessment started {self.start_date:%d %B %Y}"

    @property
    def is_authorised(self) -> bool:
        return self.authorised_on is not None


class IdentifiedFactor(HavenModel):
    """A factor identified at assessment (CIN census ``AssessmentFactors``)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="factors")
    code = models.CharField(max_length=3, choices=AssessmentFactor.choices)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "code"], name="factor_once_per_assessment"
            )
        ]

    def __str__(self) -> str:
        return self.get_code_display()
