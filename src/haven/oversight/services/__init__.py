"""Writes for management oversight. Each service is one transaction with its audit events."""

from haven.oversight.services.queue import (
    QueueSync,
    may_hold,
    queue_allocate,
    queue_sync,
    risk_review_record,
)

__all__ = ["QueueSync", "may_hold", "queue_allocate", "queue_sync", "risk_review_record"]
