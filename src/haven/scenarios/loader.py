"""Replaying a child's journey, written as dated events, through Haven's own services.

The file format is described in ``docs/scenarios.md``. Each event runs with the clock set
to its date (09:00 London time unless ``at`` gives a time), so services judge it as they
would have on the day. The whole file is one transaction: a bad event leaves nothing behind
and the error names the event and the field.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from haven.accounts.models import User
from haven.accounts.roles import Role
from haven.accounts.services import user_create
from haven.allocation.enums import Employment, JobRole, SWReason, TeamKind
from haven.allocation.models import Team
from haven.allocation.services import allocation_end, allocation_start, team_create, worker_create
from haven.core import clock
from haven.core.errors import ValidationError
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_move, deadline_open
from haven.people.enums import CaseNoteKind, PersonKind, RelationshipType, RestrictionReason
from haven.people.services import (
    address_add,
    case_note_add,
    chronology_record,
    person_create,
    person_restrict,
    person_update,
    relationship_add,
)


class ScenarioError(Exception):
    """A scenario file that cannot be loaded, with where and why."""


@dataclass
class Context:
    refs: dict[str, Any] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)

    def get(self, ref: Any, what: str) -> Any:
        if ref not in self.refs:
            raise ScenarioError(f"unknown {what} '{ref}': define it before it is used")
        return self.refs[ref]


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as e:
        raise ScenarioError(f"'{name}' must be a date like 2026-01-31, not '{value}'") from e


def _opt_date(value: Any, name: str) -> dt.date | None:
    return None if value in (None, "") else _date(value, name)


PERSON_DATES = ("date_of_birth", "expected_date_of_birth", "date_of_death")


def _person_fields(e: dict[str, Any]) -> dict[str, Any]:
    out = {
        k: v
        for k, v in e.items()
        if k not in ("do", "on", "at", "by", "ref", "kind", "disabilities", "person")
    }
    for name in PERSON_DATES:
        if name in out:
            out[name] = _opt_date(out[name], name)
    for name in ("upn", "former_upn", "nhs_number"):
        if name in out:
            out[name] = str(out[name])
    return out


def _person_create(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return person_create(
        actor=actor,
        kind=PersonKind(e.get("kind", "child")),
        disabilities=e.get("disabilities"),
        **_person_fields(e),
    )


def _person_update(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return person_update(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        disabilities=e.get("disabilities"),
        **_person_fields(e),
    )


def _person_restrict(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return person_restrict(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        reason=RestrictionReason(e["reason"]),
        named_users=[ctx.get(u, "user") for u in e.get("named_users", [])],
    )


def _relationship_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return relationship_add(
        actor=actor,
        from_person=ctx.get(e["from"], "person"),
        to_person=ctx.get(e["to"], "person"),
        type=RelationshipType(e["type"]),
        parental_responsibility=e.get("parental_responsibility"),
        started_on=_opt_date(e.get("started_on"), "started_on"),
    )


def _address_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return address_add(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        line_1=e["line_1"],
        line_2=e.get("line_2", ""),
        town=e["town"],
        postcode=e["postcode"],
        started_on=on,
    )


def _allocation_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    worker = ctx.get(e["worker"], "user").worker
    return allocation_start(
        actor=actor,
        child=ctx.get(e["child"], "person"),
        worker=worker,
        started_on=on,
        change_reason=SWReason(e.get("reason", "TSPROC")),
    )


def _allocation_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    child = ctx.get(e["child"], "person")
    current = child.allocations.filter(ended_on__isnull=True).first()
    if current is None:
        raise ScenarioError("allocation.end: the child has no open allocation")
    return allocation_end(
        actor=actor, allocation=current, ended_on=on, reason=SWReason(e["reason"])
    )


def _case_note_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return case_note_add(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        kind=CaseNoteKind(e.get("kind", "other")),
        occurred_on=on,
        subject=e["subject"],
        body=e["body"],
        significant=bool(e.get("significant", False)),
    )


def _chronology_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return chronology_record(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        occurred_on=on,
        category=e.get("category", "Event"),
        summary=e["summary"],
    )


def _deadline_open(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    assignee = ctx.get(e["assignee"], "user") if e.get("assignee") else None
    team = assignee.worker.team if assignee is not None and hasattr(assignee, "worker") else None
    return deadline_open(
        actor=actor,
        child=ctx.get(e["child"], "person"),
        rule_id=e["rule"],
        start=_date(e.get("start", on), "start"),
        assignee=assignee,
        team=team,
    )


def _deadline_meet(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_meet(actor=actor, deadline=ctx.get(e["deadline"], "deadline"), met_on=on)


def _deadline_move(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_move(
        actor=actor,
        deadline=ctx.get(e["deadline"], "deadline"),
        due_on=_date(e["due_on"], "due_on"),
        reason=e.get("reason", ""),
    )


def _deadline_cancel(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_cancel(
        actor=actor, deadline=ctx.get(e["deadline"], "deadline"), reason=e.get("reason", "")
    )


Handler = Callable[[Context, dict[str, Any], Any, dt.date], Any]

#: The event vocabulary. Later areas add their verbs here.
EVENTS: dict[str, Handler] = {
    "person.create": _person_create,
    "person.update": _person_update,
    "person.restrict": _person_restrict,
    "relationship.add": _relationship_add,
    "address.add": _address_add,
    "allocation.start": _allocation_start,
    "allocation.end": _allocation_end,
    "case_note.add": _case_note_add,
    "chronology.add": _chronology_add,
    "deadline.open": _deadline_open,
    "deadline.meet": _deadline_meet,
    "deadline.move": _deadline_move,
    "deadline.cancel": _deadline_cancel,
}


def _at(on: dt.date, e: dict[str, Any]) -> dt.datetime:
    hh, mm = (int(x) for x in str(e.get("at", "09:00")).split(":"))
    return dt.datetime(on.year, on.month, on.day, hh, mm, tzinfo=clock.LONDON)


def _set_up_organisation(ctx: Context, doc: dict[str, Any], start: dt.date) -> None:
    for t in doc.get("teams", []):
        existing = Team.objects.filter(name=t["name"]).first()
        parent = ctx.teams.get(t.get("parent", "")) if t.get("parent") else None
        ctx.teams[t["name"]] = existing or team_create(
            actor=None, name=t["name"], kind=TeamKind(t["kind"]), parent=parent
        )
    for u in doc.get("users", []):
        user = User.objects.filter(username=u["username"]).first()
        if user is None:
            user = user_create(
                actor=None,
                username=u["username"],
                first_name=u.get("first_name", u["username"].title()),
                last_name=u.get("last_name", "Worker"),
                role=Role(u["role"]),
                password=u.get("password"),
                validate_password=False,
            )
            if u.get("team"):
                if u["team"] not in ctx.teams:
                    raise ScenarioError(f"user {u['username']}: unknown team '{u['team']}'")
                worker_create(
                    actor=None,
                    user=user,
                    team=ctx.teams[u["team"]],
                    job_role=JobRole(u.get("job_role", "social_worker")),
                    fte=Decimal(str(u.get("fte", "1.0"))),
                    employment=Employment(u.get("employment", "permanent")),
                    started_on=_date(u.get("started_on", start), "started_on"),
                    swe_number=u.get("swe_number", ""),
                )
        ctx.refs[u.get("ref", u["username"])] = user


def load(path: Path) -> dict[str, Any]:
    """Load a scenario file; returns {ref: id} for everything it named."""
    try:
        doc = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as e:
        raise ScenarioError(f"cannot read {path.name}: {e}") from e
    return load_document(doc)


@transaction.atomic
def load_document(doc: Any) -> dict[str, Any]:
    if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
        raise ScenarioError("a scenario is a mapping with a list of 'events'")
    # YAML 1.1 reads a bare ``on:`` key as the boolean true; in a scenario it is the date.
    events = [
        {("on" if k is True else k): v for k, v in e.items()} if isinstance(e, dict) else e
        for e in doc["events"]
    ]
    start = _date(doc.get("start", events[0]["on"] if events else clock.today()), "start")
    ctx = Context()
    with clock.frozen_at(_at(start, {})):
        _set_up_organisation(ctx, doc, start)
    last: dt.date | None = None
    for n, e in enumerate(events, start=1):
        where = f"event {n} ({e.get('do', '?')})"
        try:
            on = _date(e.get("on"), "on")
            if last is not None and on < last:
                raise ScenarioError(
                    f"'on' must not be before the previous event's date ({last.isoformat()}): "
                    "events must be in date order"
                )
            last = on
            handler = EVENTS.get(e.get("do", ""))
            if handler is None:
                raise ScenarioError(f"unknown event; known: {', '.join(sorted(EVENTS))}")
            actor = ctx.get(e["by"], "user") if e.get("by") else None
            with clock.frozen_at(_at(on, e)):
                obj = handler(ctx, e, actor, on)
            if e.get("ref"):
                ctx.refs[e["ref"]] = obj
        except ValidationError as err:
            detail = (
                "; ".join(f"{k}: {' '.join(v)}" for k, v in err.message_dict.items())
                if hasattr(err, "error_dict")
                else " ".join(err.messages)
            )
            raise ScenarioError(f"{where}: {detail}") from err
        except KeyError as err:
            raise ScenarioError(f"{where}: missing field {err}") from err
        except (ScenarioError, ValueError) as err:
            raise ScenarioError(f"{where}: {err}") from err
    return {ref: str(obj.pk) for ref, obj in ctx.refs.items()}
