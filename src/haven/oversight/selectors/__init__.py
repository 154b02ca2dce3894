"""Reads for management oversight."""

from haven.oversight.selectors.queue import (
    ESCALATION_RULE,
    QUEUE_RULES,
    REVIEW_RULE,
    QueueRow,
    WorkerChoice,
    allocation_choices,
    allocation_queue,
    is_queued,
    joined_on,
    queue_row,
    queued_child_ids,
    risk_reviews,
    worker_get,
)

__all__ = [
    "ESCALATION_RULE",
    "QUEUE_RULES",
    "REVIEW_RULE",
    "QueueRow",
    "WorkerChoice",
    "allocation_choices",
    "allocation_queue",
    "is_queued",
    "joined_on",
    "queue_row",
    "queued_child_ids",
    "risk_reviews",
    "worker_get",
]
