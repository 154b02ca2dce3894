from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.deadlines.enums import DeadlineStatus


class Deadline(HavenModel):
    """A statutory clock for one child: what is due, by when, and whether it was met.

    Rows are computed when something happens (by ``timescales`` rules, through services)
    and read by every worklist; nothing recomputes them on the fly.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="deadlines")
    rule_id = models.CharField(max_length=64)
    rule_version = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    # A clock counted in hours (the 72-hour return interview): the moment it falls due, whose
    # Europe/London date is ``due_on``, and the moment it was met.
    due_at = models.DateTimeField(null=True, blank=True)
    met_on = models.DateField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    team = models.ForeignKey(
        "allocation.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    # The record the clock belongs to (a referral, a plan…), when there is one.
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    cancel_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["assignee", "status", "due_on"]),
            models.Index(fields=["team", "status", "due_on"]),
            models.Index(fields=["child", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=DeadlineStatus.MET, met_on__isnull=False)
                | (~Q(status=DeadlineStatus.MET) & Q(met_on__isnull=True)),
                name="deadline_met_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeadlineStatus.CANCELLED) | ~Q(cancel_reason=""),
                name="deadline_cancel_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(met_at__isnull=True) | Q(due_at__isnull=False, met_on__isnull=False),
                name="deadline_met_at_for_hours",
            ),
        ]


class DeadlineMove(HavenModel):
    """A due date changed, and why (the original stays for performance reporting)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="moves")
    from_due_on = models.DateField()
    to_due_on = models.DateField()
    reason = models.TextField()
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_due_on=F("to_due_on")), name="move_changes")
        ]
