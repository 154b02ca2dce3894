from django.apps import AppConfig
from django.conf import settings


class DeadlinesConfig(AppConfig):
    name = "haven.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        """Give the statutory rules the council's local timescales (read once, at start-up)."""
        from haven.timescales.local import LocalTimescales, configure

        configure(
            LocalTimescales(
                unallocated_review_working_days=int(settings.HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS),
                unallocated_escalation_working_days=int(
                    settings.HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS
                ),
            )
        )
