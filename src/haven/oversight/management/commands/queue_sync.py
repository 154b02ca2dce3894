from typing import Any

from django.core.management.base import BaseCommand

from haven.oversight.services import queue_sync


class Command(BaseCommand):
    help = (
        "Start the risk-review and escalation clocks of children waiting for allocation, and "
        "end those of children who no longer wait. Safe to run at any time; run it nightly."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = queue_sync(actor=None)
        self.stdout.write(f"queue clocks: {result.opened} opened, {result.closed} ended")
