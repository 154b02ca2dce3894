"""The establishment: the posts the council funds in each team, and workers' qualification
dates (for the DfE agency rule on post-qualifying experience). docs/workforce.md.

A post is added on the day it is established and deleted by ending it; it is never removed,
so the establishment on any past day can be read back.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from haven.allocation.enums import JobRole, Skill
from haven.allocation.models import Post, Team, Worker
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError


def _fte_error(fte: Any) -> str | None:
    try:
        value = Decimal(fte)
    except (InvalidOperation, TypeError, ValueError):
        return "Enter the post's full-time equivalent as a number, like 1 or 0.6"
    if not value.is_finite() or value <= 0 or value > 1:
        return "A post's full-time equivalent must be more than 0 and no more than 1"
    if value != value.quantize(Decimal("0.01")):
        return "Give the full-time equivalent to 2 decimal places at most, like 0.55"
    return None


@transaction.atomic
def post_create(
    *,
    actor: Any,
    team: Team,
    job_role: JobRole,
    fte: Decimal,
    established_on: dt.date,
    title: str = "",
) -> Post:
    """Add a post to a team's establishment from ``established_on``."""
    errors: dict[str, str] = {}
    if job_role not in JobRole.values:
        errors["job_role"] = "Choose the job for this post"
    if (fte_error := _fte_error(fte)) is not None:
        errors["fte"] = fte_error
    if len(title) > 120:
        errors["title"] = "A post's title must be 120 characters or fewer"
    if errors:
        raise ValidationError(errors)
    post = Post(
        team=team,
        job_role=job_role,
        fte=Decimal(fte),
        established_on=established_on,
        title=title.strip(),
    )
    post.full_clean()
    post.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.POST_CREATED,
        subject=post,
        payload={
            "team": team,
            "job_role": job_role,
            "fte": post.fte,
            "established_on": established_on,
            "title": post.title,
        },
    )
    return post


@transaction.atomic
def post_end(*, actor: Any, post: Post, ended_on: dt.date) -> Post:
    """Delete a post from the establishment: it counts until the day before ``ended_on``."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.ended_on is not None:
        raise ValidationError({"ended_on": "This post has already been deleted"})
    if ended_on < post.established_on:
        raise ValidationError(
            {"ended_on": "A post cannot be deleted before the date it was established"}
        )
    post.ended_on = ended_on
    post.full_clean()
    post.save(update_fields=["ended_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.POST_ENDED,
        subject=post,
        payload={"team": post.team_id, "job_role": post.job_role, "ended_on": ended_on},
    )
    return post


def qualified_on_error(qualified_on: dt.date | None) -> str | None:
    """Why a social work qualification date cannot be right, if it cannot."""
    if qualified_on is not None and qualified_on > clock.today():
        return "The date qualified must be today or in the past"
    return None


@transaction.atomic
def worker_qualification_record(
    *, actor: Any, worker: Worker, qualified_on: dt.date | None
) -> Worker:
    """Record (or correct, or clear) the date a worker qualified as a social worker."""
    if (error := qualified_on_error(qualified_on)) is not None:
        raise ValidationError({"qualified_on": error})
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if worker.qualified_on == qualified_on:
        return worker
    worker.qualified_on = qualified_on
    worker.full_clean()
    worker.save(update_fields=["qualified_on", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.WORKER_UPDATED,
        subject=worker,
        payload={"qualified_on": qualified_on},
    )
    return worker


@transaction.atomic
def worker_skills_set(*, actor: Any, worker: Worker, skills: Iterable[str]) -> Worker:
    """Record what a worker brings that some children's cases need (``Skill`` values)."""
    chosen = sorted(set(skills))
    unknown = [s for s in chosen if s not in Skill.values]
    if unknown:
        raise ValidationError({"skills": "Choose skills from the list"})
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    if worker.skills == chosen:
        return worker
    before = list(worker.skills)
    worker.skills = chosen
    worker.updated_at = clock.now()
    worker.save(update_fields=["skills", "updated_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.WORKER_UPDATED,
        subject=worker,
        payload={"skills": chosen, "before": before},
    )
    return worker
