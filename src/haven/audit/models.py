"""Append-only audit events and the access log.

The ORM refuses updates and deletes here; on PostgreSQL a trigger refuses them too
(migration 0002), so not even a raw SQL statement from the application can rewrite history.
"""

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from haven.audit.enums import AccessSurface, AuditVerb
from haven.core import clock


class AppendOnlyError(Exception):
    """Audit and access records are never changed or removed."""


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted")

    def bulk_update(self, objs: object, fields: object, batch_size: int | None = None) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be updated")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be updated")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """One write by a service: who did what to which record, with what."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(max_length=64, choices=AuditVerb.choices)
    subject_type = models.CharField(max_length=64)
    subject_id = models.CharField(max_length=64)
    # The child (or adult) whose record this change belongs to, for the record's audit page.
    person_id = models.UUIDField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["person_id", "-occurred_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.verb} {self.subject_type}:{self.subject_id}"


class AccessEvent(AppendOnlyModel):
    """One read of a person's record (a page, an API call or an export)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(default=clock.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    person_id = models.UUIDField()
    surface = models.CharField(max_length=16, choices=AccessSurface.choices)
    # A name for what was read ("record", "chronology", "api.child"): never a URL with data in it.
    view = models.CharField(max_length=64)
    break_glass = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [
            models.Index(fields=["person_id", "-occurred_at"]),
            models.Index(fields=["actor", "-occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.view} of {self.person_id}"
