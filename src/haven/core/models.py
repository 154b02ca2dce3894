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


def check_fields(instance: models.Model) -> None:
    """A new row's own field checks (required values, choices, lengths), asking the database
    nothing, for services on a busy path that have already checked their rules.

    ``full_clean`` also looks up every foreign key, every unique field and every check
    constraint, each a query of its own (fifteen for a contact); the database enforces all
    three anyway, inside the service's transaction, so a row that slipped past the service's
    checks is still refused, and nothing is half-written.
    """
    keys = [f.name for f in instance._meta.concrete_fields if f.is_relation]
    instance.full_clean(exclude=keys, validate_unique=False, validate_constraints=False)
