from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.protection.enums import Agency, Section47Outcome, StrategyDecision


class StrategyDiscussion(HavenModel):
    """A strategy discussion about one child, and what it decided (Working Together 2023, ch. 3).

    A repeat discussion points to the one before it on the same episode, so the record reads as a
    chain. The section 47 enquiry it starts is dated from it (CIN census ``S47ActualStartDate``).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_at = models.DateTimeField()
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="repeats"
    )
    information_shared = models.TextField()
    decision = models.CharField(max_length=16, choices=StrategyDecision.choices)
    reasons = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["child", "-held_at"])]

    def __str__(self) -> str:
        return f"Strategy discussion {self.held_at:%d %B %Y}"

    @property
    def is_repeat(self) -> bool:
        return self.previous_id is not None


class StrategyParticipant(HavenModel):
    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="participants"
    )
    agency = models.CharField(max_length=16, choices=Agency.choices)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"


class Section47Enquiry(HavenModel):
    """A section 47 enquiry (CIN census ``Section47``).

    ``icpc_target`` is the date the 15-working-day clock gave when the enquiry began
    (``InitialCPCtarget``); the conference it led to, if any, points back here.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="section47_enquiries"
    )
    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="section47_enquiries"
    )
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="enquiry"
    )
    start_date = models.DateField()
    icpc_target = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Section47Outcome.choices, blank=True)
    findings = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-created_at"]
        indexes = [models.Index(fields=["child", "-start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(child_seen_on__isnull=False) | Q(seen_alone__isnull=True),
                name="s47_seen_alone_needs_seen",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True, outcome="")
                | (Q(completed_on__isnull=False) & ~Q(outcome="")),
                name="s47_completed_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("start_date")),
                name="s47_completed_after_start",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(completed_on__isnull=True),
                name="s47_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Section 47 enquiry started {self.start_date:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None

    @property
    def icpc_not_required(self) -> bool:
        """CIN census ``ICPCnotRequired``: the enquiry ended without needing a conference."""
        return self.completed_on is not None and self.outcome != Section47Outcome.ICPC
