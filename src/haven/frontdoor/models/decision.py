from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.casework.enums import PrimaryNeed
from haven.core.models import HavenModel
from haven.frontdoor.enums import ContactOutcome, ReferralRoute


class ContactDecision(HavenModel):
    """The front door's decision on a contact, and the manager's sign-off of it."""

    contact = models.OneToOneField(
        "frontdoor.Contact", on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices)
    route = models.CharField(max_length=20, choices=ReferralRoute.choices, blank=True)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    reasons = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(outcome=ContactOutcome.REFERRAL) & ~Q(route=""))
                | (~Q(outcome=ContactOutcome.REFERRAL) & Q(route="")),
                name="decision_route_iff_referral",
            ),
            models.CheckConstraint(
                condition=(Q(outcome=ContactOutcome.REFERRAL) & ~Q(primary_need=""))
                | (~Q(outcome=ContactOutcome.REFERRAL) & Q(primary_need="")),
                name="decision_primary_need_iff_referral",  # CINVAL 8610 on the episode
            ),
            models.CheckConstraint(condition=~Q(reasons=""), name="decision_has_reasons"),
            models.CheckConstraint(
                condition=(Q(signed_off_by__isnull=True) & Q(signed_off_at__isnull=True))
                | (Q(signed_off_by__isnull=False) & Q(signed_off_at__isnull=False)),
                name="decision_sign_off_has_date",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True) | ~Q(signed_off_by=F("decided_by")),
                name="decision_signed_off_by_another",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | Q(signed_off_at__gte=F("decided_at")),
                name="decision_signed_off_after_decided",
            ),
        ]
        indexes = [models.Index(fields=["signed_off_at", "decided_at"])]
