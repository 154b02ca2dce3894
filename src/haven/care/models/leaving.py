from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.care.enums import ContactMethod, LeaverAccommodation, LeaverActivity, LeaverInTouch
from haven.core.models import HavenModel


class PersonalAdviser(HavenModel):
    """A personal adviser appointed for a care leaver (CPPCR reg 44; to 25 on request)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="personal_advisers"
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="care_adviser_one_current",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="care_adviser_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Personal adviser from {self.started_on:%d %B %Y}"


class PathwayPlan(HavenModel):
    """The needs assessment and pathway plan, and each review of it (CPPCR regs 42-44)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="pathway_plans"
    )
    completed_on = models.DateField()
    is_review = models.BooleanField(default=False)
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-created_at"]

    def __str__(self) -> str:
        return f"Pathway plan {self.completed_on:%d %B %Y}"


class AdviserContact(HavenModel):
    """A contact between a care leaver and their personal adviser, with where they stand on
    it: in touch, activity, accommodation and whether it suits them (903 OC3, Annex A List 9)."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="adviser_contacts"
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    contact_on = models.DateField()
    method = models.CharField(max_length=10, choices=ContactMethod.choices)
    in_touch = models.CharField(max_length=4, choices=LeaverInTouch.choices)
    activity = models.CharField(max_length=2, choices=LeaverActivity.choices, blank=True)
    accommodation = models.CharField(max_length=1, choices=LeaverAccommodation.choices, blank=True)
    accommodation_suitable = models.BooleanField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-contact_on", "-created_at"]
        indexes = [models.Index(fields=["child", "-contact_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(accommodation="", accommodation_suitable__isnull=True)
                | ~Q(accommodation="") & Q(accommodation_suitable__isnull=False),
                name="care_contact_accommodation_suitability",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact {self.contact_on:%d %B %Y}"


class StayingPut(HavenModel):
    """A care leaver staying with their former foster carers after 18, up to 21."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="staying_put")
    carer = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="care_staying_put_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Staying put from {self.started_on:%d %B %Y}"
