from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.missing.enums import FoundWhere, MissingKind


class MissingEpisode(HavenModel):
    """A child missing, or away from placement without authorisation, from the moment they went
    to the moment they came back or were found (SSDA903 ``Missing``: MISSING, MIS_START,
    MIS_END). Recorded for any child, at home or in care; ``period`` is the period of care the
    child was in when it began."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="missing_episodes"
    )
    period = models.ForeignKey(
        "care.CarePeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missing_episodes",
    )
    kind = models.CharField(max_length=1, choices=MissingKind.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    reported_to_police = models.BooleanField()
    police_reference = models.CharField(max_length=40, blank=True)
    with_whom = models.TextField("who the child was with", blank=True)
    found_where = models.CharField(max_length=24, choices=FoundWhere.choices, blank=True)
    found_details = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["child", "started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_at__isnull=True),
                name="missing_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gt=F("started_at")),
                name="missing_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(reported_to_police=True) | Q(police_reference=""),
                name="missing_reference_only_when_reported",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=False) | Q(found_where=""),
                name="missing_found_only_when_back",
            ),
        ]

    def __str__(self) -> str:
        return f"{MissingKind(self.kind).label} from {self.started_at:%d %B %Y %H:%M}"
