from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.casework.enums import ClosureReason, PrimaryNeed, ReferralSource
from haven.core.models import HavenModel


class CINEpisode(HavenModel):
    """A referral and what followed it, to closure: the CIN census ``CINdetails``.

    The DfE rules the table itself keeps are named on each constraint; the rest are checked by
    the services (docs/casework.md).
    """

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="cin_episodes"
    )
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=2, choices=ReferralSource.choices)
    referral_nfa = models.BooleanField(default=False)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    # Stored when the referral is opened (timescales.rereferral), so later edits to earlier
    # episodes do not rewrite what was reported.
    is_re_referral = models.BooleanField(default=False)
    closure_date = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    # The front-door contact that led here. A plain id: frontdoor sits above casework.
    contact_id = models.UUIDField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-referral_date", "-created_at"]
        indexes = [models.Index(fields=["child", "-referral_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral_nfa=True) | ~Q(primary_need=""),
                name="cin_episode_primary_need_unless_nfa",  # CINVAL 8610
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True, closure_reason="")
                | (Q(closure_date__isnull=False) & ~Q(closure_reason="")),
                name="cin_episode_closure_date_and_reason",  # CINVAL 8805/8810
            ),
            models.CheckConstraint(
                condition=Q(closure_date__isnull=True) | Q(closure_date__gte=F("referral_date")),
                name="cin_episode_closes_after_referral",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(closure_date__isnull=True),
                name="cin_episode_one_open_per_child",  # CINVAL 8815
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.referral_date:%d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.closure_date is None
