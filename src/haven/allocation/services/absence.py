"""Workers' absences: leave, sickness, parental leave, training.

An absence covering today stops new allocations to the worker; it does not move the cases
they hold (a manager reallocates those with reason ABSENC if the absence is long). Dates are
inclusive: ``ends_on`` is the last day away.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q

from haven.allocation.enums import AbsenceKind
from haven.allocation.models import Absence, Worker
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core.errors import ValidationError


def _overlapping(*, worker: Worker, starts_on: dt.date, ends_on: dt.date | None) -> Absence | None:
    clash = Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    if ends_on is not None:
        clash &= Q(starts_on__lte=ends_on)
    return Absence.objects.filter(clash, worker=worker).order_by("starts_on").first()


def _day(day: dt.date) -> str:
    """A date as GOV.UK writes it in messages: 3 March 2026."""
    return f"{day.day} {day:%B %Y}"


def _period(absence: Absence) -> str:
    if absence.ends_on is None:
        return f"from {_day(absence.starts_on)} with no end date"
    return f"from {_day(absence.starts_on)} to {_day(absence.ends_on)}"


@transaction.atomic
def absence_record(
    *,
    actor: Any,
    worker: Worker,
    kind: AbsenceKind,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
) -> Absence:
    """Record an absence; leave ``ends_on`` blank while the return date is not known."""
    # Lock the worker so two absences recorded at once cannot both pass the overlap check.
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    errors: dict[str, str] = {}
    if kind not in AbsenceKind.values:
        errors["kind"] = "Choose the kind of absence"
    if starts_on < worker.started_on:
        errors["starts_on"] = "An absence cannot start before the worker started"
    elif worker.ended_on is not None and starts_on >= worker.ended_on:
        errors["starts_on"] = "This worker has left: an absence must start before they left"
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = "The last day of absence must be on or after the first day"
    if not errors:
        clash = _overlapping(worker=worker, starts_on=starts_on, ends_on=ends_on)
        if clash is not None:
            errors["starts_on"] = f"This overlaps an absence already recorded {_period(clash)}"
    if errors:
        raise ValidationError(errors)
    absence = Absence(worker=worker, kind=kind, starts_on=starts_on, ends_on=ends_on)
    absence.full_clean()
    absence.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ABSENCE_RECORDED,
        subject=absence,
        payload={"worker": worker, "kind": kind, "starts_on": starts_on, "ends_on": ends_on},
    )
    return absence


@transaction.atomic
def absence_end(*, actor: Any, absence: Absence, ended_on: dt.date) -> Absence:
    """Set the last day of an open-ended absence, or bring a planned one forward (a return
    from leave early). An absence is not extended here: record a new one for the extra days,
    so the history shows what was planned and what happened."""
    absence = Absence.objects.select_for_update().get(pk=absence.pk)
    if ended_on < absence.starts_on:
        raise ValidationError(
            {"ended_on": "The last day of absence must be on or after the first day"}
        )
    if absence.ends_on is not None and ended_on >= absence.ends_on:
        raise ValidationError(
            {
                "ended_on": f"This absence already ends on {_day(absence.ends_on)}: "
                "record a new absence for any further days"
            }
        )
    absence.ends_on = ended_on
    absence.full_clean()
    absence.save(update_fields=["ends_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ABSENCE_ENDED,
        subject=absence,
        payload={"worker": absence.worker_id, "kind": absence.kind, "ended_on": ended_on},
    )
    return absence
