from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.casework.enums import EarlyHelpClosureReason
from haven.core.models import HavenModel


class EarlyHelpEpisode(HavenModel):
    """Early help for a child, led by a lead practitioner who may be outside social care.

    A step up to social care closes the episode and links the CIN episode it opened, so the
    early help history stays on the record.
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="early_help_episodes"
    )
    started_on = models.DateField()
    assessment_started_on = models.DateField(null=True, blank=True)
    assessment_completed_on = models.DateField(null=True, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    lead_practitioner = models.CharField(max_length=200, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(
        max_length=16, choices=EarlyHelpClosureReason.choices, blank=True
    )
    stepped_up_episode = models.ForeignKey(
        "casework.CINEpisode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stepped_up_from",
    )
    contact_id = models.UUIDField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-started_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True, closure_reason="")
                | (Q(closed_on__isnull=False) & ~Q(closure_reason="")),
                name="early_help_closed_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("started_on")),
                name="early_help_closes_after_start",
            ),
            models.CheckConstraint(
                condition=Q(assessment_completed_on__isnull=True)
                | Q(
                    assessment_started_on__isnull=False,
                    assessment_completed_on__gte=F("assessment_started_on"),
                ),
                name="early_help_assessment_completed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(
                    closure_reason=EarlyHelpClosureReason.STEPPED_UP,
                    stepped_up_episode__isnull=False,
                )
                | (
                    ~Q(closure_reason=EarlyHelpClosureReason.STEPPED_UP)
                    & Q(stepped_up_episode__isnull=True)
                ),
                name="early_help_step_up_links_episode",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(closed_on__isnull=True),
                name="early_help_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help from {self.started_on:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None
