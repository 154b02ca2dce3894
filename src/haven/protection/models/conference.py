from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.core.models import HavenModel
from haven.protection.enums import AbuseCategory, Agency, ConferenceDecision, ConferenceKind


class Conference(HavenModel):
    """An initial or review child protection conference, as held.

    An initial conference follows a section 47 enquiry and, deciding on a plan, starts it
    (``Plan.initial_conference``). A review conference belongs to the plan it reviews; its date
    is a CIN census ``CPPreviewDate``. ``quorate`` is worked out from attendance when recorded:
    at least three agencies, one of them children's social care (docs/protection.md).
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="conferences")
    episode = models.ForeignKey(
        "casework.CINEpisode", on_delete=models.PROTECT, related_name="conferences"
    )
    kind = models.CharField(max_length=8, choices=ConferenceKind.choices)
    section47 = models.ForeignKey(
        "protection.Section47Enquiry",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    plan = models.ForeignKey(
        "protection.Plan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_conferences",
    )
    held_on = models.DateField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quorate = models.BooleanField()
    child_views = models.TextField()
    family_views = models.TextField()
    decision = models.CharField(max_length=8, choices=ConferenceDecision.choices)
    category = models.CharField(max_length=3, choices=AbuseCategory.choices, blank=True)
    reasons = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision=ConferenceDecision.PLAN, category__in=AbuseCategory.values)
                | (~Q(decision=ConferenceDecision.PLAN) & Q(category="")),
                name="conference_plan_has_category",
            ),
            models.CheckConstraint(
                condition=Q(kind=ConferenceKind.INITIAL, plan__isnull=True)
                | Q(kind=ConferenceKind.REVIEW, plan__isnull=False, section47__isnull=True),
                name="conference_kind_links",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d %B %Y}"


class ConferenceAttendance(HavenModel):
    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="attendance")
    agency = models.CharField(max_length=16, choices=Agency.choices)
    name = models.CharField(max_length=200)
    attended = models.BooleanField(default=True)
    report_submitted = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_agency_display()})"
