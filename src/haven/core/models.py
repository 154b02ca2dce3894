"""The base every Haven record builds on: an opaque UUID id and timestamps."""

import uuid

from django.db import models

from haven.core import clock


class HavenModel(models.Model):
    """A record with an opaque id (the only thing about a child that appears in a URL)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        abstract = True
