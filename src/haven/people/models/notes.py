from django.conf import settings
from django.db import models

from haven.core import clock
from haven.core.models import HavenModel
from haven.people.enums import CaseNoteKind


class CaseNote(HavenModel):
    """What a practitioner did or learned, in their words. Never edited: add another."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=CaseNoteKind.choices)
    occurred_on = models.DateField(help_text="When it happened")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    significant = models.BooleanField(default=False)

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        indexes = [models.Index(fields=["person", "-occurred_on"])]


class ChronologyEntry(HavenModel):
    """One significant event in a person's life, from whichever part of Haven recorded it."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="chronology")
    occurred_on = models.DateField()
    recorded_at = models.DateTimeField(default=clock.now)
    category = models.CharField(max_length=40)
    summary = models.CharField(max_length=300)
    # The record the entry came from, so the chronology can link to it.
    source_type = models.CharField(max_length=64, blank=True)
    source_id = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        indexes = [models.Index(fields=["person", "-occurred_on"])]
