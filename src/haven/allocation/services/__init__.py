"""Writes for teams, workers and allocations. Each call is one transaction with its audit."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from haven.allocation.enums import CaseKind, Employment, JobRole, SWReason, TeamKind
from haven.allocation.models import Allocation, OpenCase, Team, Worker
from haven.allocation.services.absence import absence_end as absence_end
from haven.allocation.services.absence import absence_record as absence_record
from haven.allocation.services.establishment import post_create as post_create
from haven.allocation.services.establishment import post_end as post_end
from haven.allocation.services.establishment import qualified_on_error
from haven.allocation.services.establishment import (
    worker_qualification_record as worker_qualification_record,
)
from haven.allocation.services.establishment import (
    worker_skills_set as worker_skills_set,
)
from haven.allocation.validators import normalise_swe_number
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError


@transaction.atomic
def team_create(
    *, actor: Any, name: str, kind: TeamKind, parent: Team | None = None, area: str = ""
) -> Team:
    team = Team(name=name, kind=kind, parent=parent, area=area)
    team.path = f"{parent.path if parent else '/'}{team.id}/"
    team.full_clean()
    team.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.TEAM_CREATED,
        subject=team,
        payload={"name": name, "kind": kind, "parent": parent},
    )
    return team


@transaction.atomic
def worker_create(
    *,
    actor: Any,
    user: Any,
    team: Team,
    job_role: JobRole,
    fte: Decimal,
    employment: Employment,
    started_on: dt.date,
    swe_number: str = "",
    qualified_on: dt.date | None = None,
) -> Worker:
    """``qualified_on``: the date the worker qualified as a social worker, if known."""
    if (error := qualified_on_error(qualified_on)) is not None:
        raise ValidationError({"qualified_on": error})
    if swe_number:
        try:
            swe_number = normalise_swe_number(swe_number)
        except ValidationError as e:
            raise ValidationError({"swe_number": e.messages}) from e
        if Worker.objects.filter(swe_number=swe_number).exists():
            raise ValidationError(
                {"swe_number": "This Social Work England number is recorded for another worker"}
            )
    worker = Worker(
        user=user,
        team=team,
        job_role=job_role,
        fte=fte,
        employment=employment,
        started_on=started_on,
        swe_number=swe_number,
        qualified_on=qualified_on,
    )
    worker.full_clean()
    worker.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.WORKER_CREATED,
        subject=worker,
        payload={
            "team": team,
            "job_role": job_role,
            "fte": fte,
            "employment": employment,
            "started_on": started_on,
            "qualified_on": qualified_on,
        },
    )
    return worker


@transaction.atomic
def worker_leave(*, actor: Any, worker: Worker, ended_on: dt.date) -> Worker:
    """A worker leaves: their open allocations end with reason LEFTRL."""
    if ended_on < worker.started_on:
        raise ValidationError({"ended_on": "Leaving date must be on or after the start date"})
    for allocation in worker.allocations.filter(ended_on__isnull=True).select_for_update():
        allocation_end(
            actor=actor,
            allocation=allocation,
            ended_on=max(ended_on, allocation.started_on),
            reason=SWReason.LEFTRL,
        )
    worker.ended_on = ended_on
    worker.full_clean()
    worker.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor, verb=AuditVerb.WORKER_LEFT, subject=worker, payload={"ended_on": ended_on}
    )
    return worker


@transaction.atomic
def allocation_start(
    *,
    actor: Any,
    child: Any,
    worker: Worker,
    started_on: dt.date,
    change_reason: SWReason = SWReason.TSPROC,
) -> Allocation:
    """Allocate ``worker`` to ``child``, ending the current allocation with ``change_reason``."""
    if not child.is_child:
        raise ValidationError({"child": "Only a child can have an allocated worker"})
    if worker.ended_on is not None and worker.ended_on < started_on:
        raise ValidationError({"worker": "This worker has left and cannot take new cases"})
    if started_on < worker.started_on:
        raise ValidationError({"started_on": "Allocation cannot start before the worker started"})
    current = (
        Allocation.objects.select_for_update().filter(child=child, ended_on__isnull=True).first()
    )
    if current is not None:
        if current.worker_id == worker.id:
            raise ValidationError({"worker": "This worker is already allocated to the child"})
        if started_on < current.started_on:
            raise ValidationError(
                {"started_on": "Allocation cannot start before the current allocation started"}
            )
        allocation_end(actor=actor, allocation=current, ended_on=started_on, reason=change_reason)
    allocation = Allocation(child=child, worker=worker, team=worker.team, started_on=started_on)
    allocation.full_clean()
    allocation.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_STARTED,
        subject=allocation,
        person_id=child.id,
        payload={"worker": worker, "team": worker.team_id, "started_on": started_on},
    )
    return allocation


@transaction.atomic
def allocation_end(
    *, actor: Any, allocation: Allocation, ended_on: dt.date, reason: SWReason
) -> Allocation:
    if allocation.ended_on is not None:
        raise ValidationError({"ended_on": "This allocation has already ended"})
    if ended_on < allocation.started_on:
        raise ValidationError({"ended_on": "End date must be on or after the allocation started"})
    allocation.ended_on = ended_on
    allocation.end_reason = reason
    allocation.full_clean()
    allocation.save(update_fields=["ended_on", "end_reason", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.ALLOCATION_ENDED,
        subject=allocation,
        person_id=allocation.child_id,
        payload={"ended_on": ended_on, "reason": reason},
    )
    return allocation


def _subject(subject: Any) -> tuple[str, str]:
    return subject._meta.label_lower, str(subject.pk)


@transaction.atomic
def case_open(
    *, actor: Any, child: Any, kind: CaseKind, opened_on: dt.date, subject: Any
) -> OpenCase:
    """Record that ``subject`` (a CIN episode, later a plan or a period of care) keeps the
    child's case open from ``opened_on``: from then the child must have an allocated worker
    or wait, visibly, in the allocation queue."""
    errors: dict[str, str] = {}
    if not child.is_child:
        errors["child"] = "Only a child's case is allocated"
    if kind not in CaseKind.values:
        errors["kind"] = "Choose the kind of case"
    subject_type, subject_id = _subject(subject)
    if OpenCase.objects.filter(subject_type=subject_type, subject_id=subject_id).exists():
        errors["subject"] = "This record has already opened a case"
    if errors:
        raise ValidationError(errors)
    case = OpenCase(
        child=child,
        kind=kind,
        opened_on=opened_on,
        subject_type=subject_type,
        subject_id=subject_id,
    )
    case.full_clean()
    case.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CASE_OPENED,
        subject=case,
        person_id=child.pk,
        payload={"kind": kind, "opened_on": opened_on, "record": subject_type},
    )
    return case


@transaction.atomic
def case_close(*, actor: Any, subject: Any, closed_on: dt.date) -> OpenCase | None:
    """Close the case ``subject`` opened, if it opened one (an NFA referral did not)."""
    subject_type, subject_id = _subject(subject)
    case = (
        OpenCase.objects.select_for_update()
        .filter(subject_type=subject_type, subject_id=subject_id, closed_on__isnull=True)
        .first()
    )
    if case is None:
        return None
    if closed_on < case.opened_on:
        raise ValidationError({"closed_on": "A case cannot close before it opened"})
    case.closed_on = closed_on
    case.updated_at = clock.now()
    case.full_clean()
    case.save(update_fields=["closed_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.CASE_CLOSED,
        subject=case,
        person_id=case.child_id,
        payload={"kind": case.kind, "closed_on": closed_on},
    )
    return case
