"""A worker as their manager sees them: job, absences and skills."""

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from haven.allocation.models import Absence, Worker


def worker_detail(*, worker_id: Any) -> Worker | None:
    return Worker.objects.select_related("user", "team").filter(pk=worker_id).first()


def worker_absences(*, worker: Worker, today: dt.date) -> QuerySet[Absence]:
    """Absences running or planned, and those that ended in the last year, newest first."""
    year_ago = today - dt.timedelta(days=365)
    return (
        Absence.objects.filter(worker=worker)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=year_ago))
        .order_by("-starts_on")
    )


def absence_of(*, worker: Worker, absence_id: Any) -> Absence | None:
    return Absence.objects.filter(worker=worker, pk=absence_id).first()
