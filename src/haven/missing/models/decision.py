from django.conf import settings
from django.db import models

from haven.core.models import HavenModel


class RepeatMissingDecision(HavenModel):
    """The manager's answer to the prompt a child's third episode in 90 days raises: whether a
    strategy discussion is to be held, and why."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="repeat_missing_decisions"
    )
    episode = models.ForeignKey(
        "missing.MissingEpisode", on_delete=models.PROTECT, related_name="repeat_decisions"
    )
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    strategy_discussion = models.BooleanField("a strategy discussion is to be held")
    reasons = models.TextField()

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        held = "to be held" if self.strategy_discussion else "not needed"
        return f"Strategy discussion {held}"
