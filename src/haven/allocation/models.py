import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.allocation.enums import (
    REGISTERED_ROLES,
    AbsenceKind,
    CaseKind,
    Employment,
    JobRole,
    SWReason,
    TeamKind,
)
from haven.core.models import HavenModel


class Team(HavenModel):
    """A node in the service hierarchy: directorate → service → team."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=32, choices=TeamKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Materialised path of ids ("/<root>/<service>/<team>/"), so "everything under this
    # node" is one indexed prefix match.
    path = models.CharField(max_length=400, db_index=True, editable=False)
    area = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name


class Worker(HavenModel):
    """A member of staff's working record: job, team, registration, hours and contract."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="worker"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="workers")
    job_role = models.CharField(max_length=32, choices=JobRole.choices)
    swe_number = models.CharField("Social Work England number", max_length=12, blank=True)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2)
    employment = models.CharField(max_length=16, choices=Employment.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    #: The date the worker qualified as a social worker: their post-qualifying experience,
    #: which the DfE agency rules ask of agency social workers (docs/workforce.md). Blank
    #: when not known or not qualified.
    qualified_on = models.DateField("date qualified as a social worker", null=True, blank=True)
    #: ``Skill`` values: what the worker brings that some cases need (the recommender prefers
    #: a match).
    skills = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="worker_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="worker_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["swe_number"], condition=~Q(swe_number=""), name="worker_swe_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_registered_social_worker(self) -> bool:
        return bool(self.swe_number) and self.job_role in REGISTERED_ROLES


class Post(HavenModel):
    """A post in the establishment: the council funds a job of this FTE in this team from
    ``established_on``; ``ended_on`` is the day the post was deleted.

    Posts are not filled one by one: a team's vacant FTE is its establishment for a job less
    the FTE of the permanent staff in that job (docs/workforce.md).
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="posts")
    job_role = models.CharField(max_length=32, choices=JobRole.choices)
    fte = models.DecimalField("full-time equivalent", max_digits=3, decimal_places=2)
    title = models.CharField(max_length=120, blank=True)
    established_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["team__path", "job_role", "established_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gt=0) & Q(fte__lte=1), name="post_fte_between_0_and_1"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="post_ends_after_established",
            ),
        ]
        indexes = [models.Index(fields=["team", "ended_on"])]

    def __str__(self) -> str:
        return self.title or f"{self.get_job_role_display()} ({self.fte} FTE)"


class Allocation(HavenModel):
    """A worker allocated to a child, from ``started_on`` until ``ended_on``."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="allocations")
    # The worker's team when allocated: a later team move does not rewrite history.
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=8, choices=SWReason.choices, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="allocation_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | ~Q(end_reason=""),
                name="allocation_end_has_reason",
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="allocation_one_open_per_child",
            ),
        ]
        indexes = [
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
        ]


class OpenCase(HavenModel):
    """A piece of open statutory involvement with a child (a child in need episode; later a
    child protection plan, a period of care, a care leaver's entitlement) that needs an
    allocated worker.

    The area that owns the record opens and closes it through ``case_open`` and
    ``case_close``; allocation reads these rows to know which children must have a worker
    (the allocation queue) and to weight caseloads, without importing the areas above it.
    """

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="open_cases")
    kind = models.CharField(max_length=16, choices=CaseKind.choices)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    # The record that opened the case, by type and id (as a deadline names its subject).
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)

    class Meta:
        ordering = ["opened_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="open_case_closes_after_opening",
            ),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="open_case_once_per_subject"
            ),
        ]
        indexes = [models.Index(fields=["child", "closed_on"])]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class Absence(HavenModel):
    """A worker away from work from ``starts_on`` to ``ends_on``, both days included.

    ``ends_on`` is blank while the return date is not known (open-ended sickness). While an
    absence covers a day the worker takes no new cases; the cases they hold still count
    against them (docs/caseloads.md). A worker's absences never overlap (checked by
    ``absence_record``); at most one is open-ended (the database checks that too).
    """

    worker = models.ForeignKey(Worker, on_delete=models.PROTECT, related_name="absences")
    kind = models.CharField(max_length=16, choices=AbsenceKind.choices)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="absence_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["worker"],
                condition=Q(ends_on__isnull=True),
                name="absence_one_open_ended_per_worker",
            ),
        ]
        indexes = [models.Index(fields=["worker", "starts_on"])]

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
