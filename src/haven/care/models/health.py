from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.care.enums import HealthCheckKind, SdqReason
from haven.core.models import HavenModel


class HealthCheck(HavenModel):
    """A health assessment, dental check or immunisation check (903 OC2, Annex A List 8)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="health_checks"
    )
    kind = models.CharField(max_length=14, choices=HealthCheckKind.choices)
    completed_on = models.DateField()
    outcome = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-created_at"]
        indexes = [models.Index(fields=["child", "kind", "-completed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.completed_on:%d %B %Y}"


class StrengthsAndDifficulties(HavenModel):
    """A Strengths and Difficulties Questionnaire: the score 0-40, or why there is none."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="sdqs")
    completed_on = models.DateField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=4, choices=SdqReason.choices, blank=True)

    class Meta:
        ordering = ["-completed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=False, score__lte=40, reason="")
                | Q(score__isnull=True) & ~Q(reason=""),
                name="care_sdq_score_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"SDQ {self.completed_on:%d %B %Y}"


class PersonalEducationPlan(HavenModel):
    """A personal education plan, first or reviewed (EDU18)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="peps")
    completed_on = models.DateField()
    is_review = models.BooleanField(default=False)
    school = models.CharField(max_length=200, blank=True)
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-created_at"]

    def __str__(self) -> str:
        return f"PEP {self.completed_on:%d %B %Y}"


class SubstanceMisuse(HavenModel):
    """A substance misuse problem identified, and whether an intervention was offered and
    received (903 OC2)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="substance_misuse"
    )
    identified_on = models.DateField()
    intervention_offered = models.BooleanField(default=False)
    intervention_received = models.BooleanField(default=False)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-identified_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(intervention_received=False) | Q(intervention_offered=True),
                name="care_substance_received_was_offered",
            ),
        ]

    def __str__(self) -> str:
        return f"Substance misuse {self.identified_on:%d %B %Y}"


class Conviction(HavenModel):
    """A conviction or final warning or reprimand while looked after (903 OC2 ``CONVICTED``)."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="convictions")
    convicted_on = models.DateField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-convicted_on"]

    def __str__(self) -> str:
        return f"Conviction {self.convicted_on:%d %B %Y}"
