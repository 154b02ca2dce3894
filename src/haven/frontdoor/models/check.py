from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.frontdoor.enums import CheckAgency


class AgencyCheck(HavenModel):
    """A multi-agency check: what the front door asked another agency, and what came back."""

    contact = models.ForeignKey(
        "frontdoor.Contact", on_delete=models.PROTECT, related_name="checks"
    )
    agency = models.CharField(max_length=16, choices=CheckAgency.choices)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="What the agency said")

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(returned_at__isnull=True) & Q(summary=""))
                | (Q(returned_at__isnull=False) & ~Q(summary="")),
                name="check_returned_has_summary",
            ),
            models.CheckConstraint(
                condition=Q(returned_at__isnull=True) | Q(returned_at__gte=F("requested_at")),
                name="check_returned_after_requested",
            ),
        ]
