"""Scenario events for harm outside the home: missing and away episodes, return home
interviews, exploitation screening, places and peer groups, links, shared-risk alerts and
multi-agency meetings. Each runs at the event's moment (``on`` and ``at``) through the same
service a person uses (docs/scenarios.md)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

from haven.core import clock
from haven.core.actions import ActionDraft
from haven.exploitation.enums import Area, Indicator, PartnerSource, PlaceKind, Risk
from haven.exploitation.models import Link, PeerGroup, Place, SharedRiskAlert
from haven.exploitation.services import PartnerDraft, screening_record
from haven.exploitation.services.meetings import meeting_record
from haven.exploitation.services.places import (
    alert_consider,
    group_save,
    link_add,
    link_end,
    place_save,
)
from haven.missing.enums import Factor, FoundWhere, InterviewOutcome, MissingKind
from haven.missing.models import MissingEpisode
from haven.missing.services import (
    interview_answer,
    interview_offer,
    interview_record,
    missing_end,
    missing_start,
    repeat_review_decide,
)
from haven.people.models import Person
from haven.scenarios.fields import (
    Context,
    ScenarioError,
    as_code,
    as_flag,
    as_list,
    opt_date,
)

Handler = Callable[[Context, dict[str, Any], Any, dt.date], Any]


def _child(ctx: Context, e: dict[str, Any]) -> Person:
    return ctx.get_a(e["child"], "person", Person)


def _episode(ctx: Context, e: dict[str, Any]) -> MissingEpisode:
    """The episode named by ``episode``, or else the child's latest."""
    if e.get("episode"):
        return ctx.get_a(e["episode"], "episode", MissingEpisode)
    episode = MissingEpisode.objects.filter(child=_child(ctx, e)).order_by("-started_at").first()
    if episode is None:
        raise ScenarioError("child: no missing or away episode is recorded for the child")
    return episode


def _actions(e: dict[str, Any]) -> list[ActionDraft]:
    rows = as_list(e.get("actions", []), "actions")
    out = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ScenarioError(f"actions: row {n} must be a mapping of action, owner, due_on")
        out.append(
            ActionDraft(
                action=str(row.get("action", "")),
                owner=str(row.get("owner", "")),
                due_on=opt_date(row.get("due_on"), "due_on"),
            )
        )
    return out


def _missing_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return missing_start(
        actor=actor,
        child=_child(ctx, e),
        kind=as_code(MissingKind, e.get("kind", "M"), "kind"),
        started_at=clock.now(),
        reported_to_police=as_flag(e["reported_to_police"], "reported_to_police"),
        police_reference=str(e.get("police_reference", "")),
        with_whom=str(e.get("with_whom", "")),
    )


def _missing_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return missing_end(
        actor=actor,
        episode=_episode(ctx, e),
        ended_at=clock.now(),
        found_where=as_code(FoundWhere, e["found_where"], "found_where"),
        found_details=str(e.get("found_details", "")),
        with_whom=str(e["with_whom"]) if "with_whom" in e else None,
    )


def _rhi_offer(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return interview_offer(
        actor=actor,
        episode=_episode(ctx, e),
        offered_at=clock.now(),
        answer=as_code(InterviewOutcome, e.get("answer", "offered"), "answer"),
        declined_reason=str(e.get("declined_reason", "")),
    )


def _rhi_answer(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return interview_answer(
        actor=actor,
        episode=_episode(ctx, e),
        answer=as_code(InterviewOutcome, e["answer"], "answer"),
        reason=str(e.get("reason", "")),
    )


def _rhi_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    independent = e.get("independent")
    return interview_record(
        actor=actor,
        episode=_episode(ctx, e),
        done_at=clock.now(),
        interviewer=ctx.get(e["interviewer"], "user") if e.get("interviewer") else None,
        interviewer_name=str(e.get("interviewer_name", "")),
        interviewer_organisation=str(e.get("interviewer_organisation", "")),
        independent=None if independent is None else as_flag(independent, "independent"),
        factors=[as_code(Factor, f, "factors") for f in as_list(e.get("factors", []), "factors")],
        child_words=str(e.get("child_words", "")),
        disclosures=str(e.get("disclosures", "")),
        risks=str(e.get("risks", "")),
        actions=_actions(e),
    )


def _missing_decide(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return repeat_review_decide(
        actor=actor,
        child=_child(ctx, e),
        strategy_discussion=as_flag(e["strategy_discussion"], "strategy_discussion"),
        reasons=str(e.get("reasons", "")),
    )


def _partners(e: dict[str, Any]) -> list[PartnerDraft]:
    out = []
    for n, row in enumerate(as_list(e.get("partners", []), "partners"), start=1):
        if not isinstance(row, dict):
            raise ScenarioError(f"partners: row {n} must be a mapping of source, given_on, summary")
        out.append(
            PartnerDraft(
                source=as_code(PartnerSource, row.get("source"), "partners.source"),
                given_on=opt_date(row.get("given_on"), "partners.given_on"),
                summary=str(row.get("summary", "")),
                attendance_percent=row.get("attendance_percent"),
                exclusions=row.get("exclusions"),
            )
        )
    return out


def _screen(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    areas = e.get("areas", {}) or {}
    if not isinstance(areas, dict):
        raise ScenarioError("areas: give a mapping of area to risk, like {criminal: high}")
    return screening_record(
        actor=actor,
        child=_child(ctx, e),
        screened_on=on,
        areas={as_code(Area, a, "areas"): as_code(Risk, r, f"areas.{a}") for a, r in areas.items()},
        indicators=[
            as_code(Indicator, i, "indicators")
            for i in as_list(e.get("indicators", []), "indicators")
        ],
        analysis=str(e.get("analysis", "")),
        child_views=str(e.get("child_views", "")),
        partners=_partners(e),
    )


def _place_save(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return place_save(
        actor=actor,
        place=ctx.get_a(e["place"], "place", Place) if e.get("place") else None,
        name=str(e.get("name", "")),
        kind=as_code(PlaceKind, e.get("kind"), "kind"),
        area=str(e.get("area", "")),
        postcode=str(e.get("postcode", "")),
        notes=str(e.get("notes", "")),
    )


def _group_save(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return group_save(
        actor=actor,
        group=ctx.get_a(e["group"], "group", PeerGroup) if e.get("group") else None,
        name=str(e.get("name", "")),
        description=str(e.get("description", "")),
    )


def _link_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return link_add(
        actor=actor,
        child=_child(ctx, e),
        place=ctx.get_a(e["place"], "place", Place) if e.get("place") else None,
        group=ctx.get_a(e["group"], "group", PeerGroup) if e.get("group") else None,
        started_on=on,
        source=str(e.get("source", "")),
        nature=str(e.get("nature", "")),
    )


def _link_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return link_end(actor=actor, link=ctx.get_a(e["link"], "link", Link), ended_on=on)


def _alert_consider(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    """The child's oldest alert not yet considered."""
    alert = (
        SharedRiskAlert.objects.filter(child=_child(ctx, e), considered_at__isnull=True)
        .order_by("raised_at")
        .first()
    )
    if alert is None:
        raise ScenarioError("child: no alert about the child is waiting to be considered")
    return alert_consider(actor=actor, alert=alert, response=str(e.get("response", "")))


def _meeting_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return meeting_record(
        actor=actor,
        held_on=on,
        agencies=[str(a) for a in as_list(e.get("agencies", []), "agencies")],
        chair=str(e.get("chair", "")),
        children=[
            ctx.get_a(r, "person", Person) for r in as_list(e.get("children", []), "children")
        ],
        places=[ctx.get_a(r, "place", Place) for r in as_list(e.get("places", []), "places")],
        groups=[ctx.get_a(r, "group", PeerGroup) for r in as_list(e.get("groups", []), "groups")],
        decisions=str(e.get("decisions", "")),
        actions=_actions(e),
    )


EVENTS: dict[str, Handler] = {
    "missing.start": _missing_start,
    "missing.end": _missing_end,
    "missing.decide": _missing_decide,
    "rhi.offer": _rhi_offer,
    "rhi.answer": _rhi_answer,
    "rhi.record": _rhi_record,
    "exploitation.screen": _screen,
    "place.save": _place_save,
    "group.save": _group_save,
    "link.add": _link_add,
    "link.end": _link_end,
    "alert.consider": _alert_consider,
    "meeting.record": _meeting_record,
}
