from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.protection.enums import PreProceedingsOutcome, ProtectiveOrderKind


class ProtectiveOrder(HavenModel):
    """An emergency protection order or police protection, as recorded by the worker."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="protective_orders"
    )
    kind = models.CharField(max_length=8, choices=ProtectiveOrderKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=F("started_at")),
                name="protective_order_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_at:%d %B %Y}"


class PreProceedings(HavenModel):
    """The pre-proceedings stage of the Public Law Outline (CIN census 2026-27 module 5,
    ``PreProceedingsandFGDM``). ``ReviewMeetingsCount`` is the meetings after the initial one."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pre_proceedings"
    )
    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="pre_proceedings"
    )
    started_on = models.DateField()  # PPStartDate: the decision to begin pre-proceedings
    letter_sent_on = models.DateField(null=True, blank=True)  # LBPSentDate
    fgdm_offered = models.BooleanField(null=True, blank=True)  # FGDMMeetingOffer
    fgdm_held = models.BooleanField(null=True, blank=True)  # FGDMMeetingFac
    decision_on = models.DateField(null=True, blank=True)  # StepDecisionDate
    outcome = models.CharField(max_length=1, choices=PreProceedingsOutcome.choices, blank=True)
    court_application_on = models.DateField(null=True, blank=True)  # CourtAppDate
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(letter_sent_on__isnull=True) | Q(letter_sent_on__gte=F("started_on")),
                name="pp_letter_after_start",  # DfE rule 9005-9015Q sequence
            ),
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True, outcome="")
                | Q(decision_on__gte=F("started_on")) & ~Q(outcome=""),
                name="pp_decision_with_outcome",
            ),
            models.CheckConstraint(
                condition=Q(court_application_on__isnull=True)
                | Q(
                    outcome=PreProceedingsOutcome.ISSUE_PROCEEDINGS,
                    court_application_on__gte=F("decision_on"),
                ),
                name="pp_court_after_decision_to_issue",
            ),
            models.CheckConstraint(
                condition=Q(fgdm_held__isnull=True) | Q(fgdm_held=False) | Q(fgdm_offered=True),
                name="pp_fgdm_held_was_offered",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=Q(outcome=""), name="pp_one_open_per_child"
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-proceedings from {self.started_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


class PreProceedingsMeeting(HavenModel):
    pre_proceedings = models.ForeignKey(
        PreProceedings, on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["held_on", "created_at"]

    def __str__(self) -> str:
        return f"Pre-proceedings meeting {self.held_on:%d %B %Y}"
