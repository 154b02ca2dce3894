from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.core.models import HavenModel
from haven.missing.enums import Factor, FactorKind, InterviewOutcome, factor_kind


class ReturnInterview(HavenModel):
    """The return home interview offered to a child after an episode: whether they took it up,
    and, once held, by whom (independent of the child's carers), why they went, what they said
    and what is to be done (MISS14; Annex A List 8 "RHI offered", "RHI accepted")."""

    episode = models.OneToOneField(
        "missing.MissingEpisode", on_delete=models.PROTECT, related_name="interview"
    )
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="return_interviews"
    )
    outcome = models.CharField(max_length=10, choices=InterviewOutcome.choices)
    offered_at = models.DateTimeField()
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    declined_reason = models.TextField(blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    interviewer_name = models.CharField(max_length=120, blank=True)
    interviewer_organisation = models.CharField(max_length=120, blank=True)
    independent = models.BooleanField(null=True, blank=True)
    child_words = models.TextField("in the child's words", blank=True)
    disclosures = models.TextField(blank=True)
    risks = models.TextField("risks identified", blank=True)

    class Meta:
        ordering = ["-offered_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome=InterviewOutcome.DONE) & Q(done_at__isnull=False))
                | (~Q(outcome=InterviewOutcome.DONE) & Q(done_at__isnull=True)),
                name="rhi_done_has_time",
            ),
            models.CheckConstraint(
                condition=Q(outcome=InterviewOutcome.DECLINED) | Q(declined_reason=""),
                name="rhi_reason_only_when_declined",
            ),
        ]

    def __str__(self) -> str:
        return f"Return home interview ({InterviewOutcome(self.outcome).label.lower()})"


class InterviewFactor(HavenModel):
    """A push or pull factor the interview found (``enums.Factor``)."""

    interview = models.ForeignKey(ReturnInterview, on_delete=models.PROTECT, related_name="factors")
    factor = models.CharField(max_length=32, choices=Factor.choices)

    class Meta:
        ordering = ["factor"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "factor"], name="rhi_factor_once")
        ]

    def __str__(self) -> str:
        return Factor(self.factor).label

    @property
    def kind(self) -> FactorKind:
        return factor_kind(self.factor)


class InterviewAction(HavenModel):
    """Something to be done after the interview, by whom and by when."""

    interview = models.ForeignKey(ReturnInterview, on_delete=models.PROTECT, related_name="actions")
    action = models.TextField()
    owner = models.CharField(max_length=120)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return self.action[:60]
