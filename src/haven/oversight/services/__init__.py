"""Writes for management oversight. Each service is one transaction with its audit events."""

from haven.oversight.services.queue import (
    QueueSync,
    may_hold,
    queue_allocate,
    queue_allocate_plan,
    queue_sync,
    risk_review_record,
)
from haven.oversight.services.workers import worker_change

__all__ = [
    "QueueSync",
    "may_hold",
    "queue_allocate",
    "queue_allocate_plan",
    "queue_sync",
    "risk_review_record",
    "worker_change",
]
