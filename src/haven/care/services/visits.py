"""Statutory visits to a looked-after child (CPPCR reg 28), and the visiting pattern of their
placement.

Each placement keeps one visit clock at a time, one of the ``lac-visit-*`` rules. Which one, and
from which date, is ``haven.timescales.care_visits.next_visit_rule``'s answer from the facts held
here: the placement (type, regulations, intended to last until 18, the child's agreement to fewer
visits), the legal status of the current episode, whether the first review has been held, and
the last visit at which the child was seen. A visit that saw the child meets the open clock and
opens the next; one that did not is recorded and the clock runs on.

When a fact changes (the first review, a legal status, the placement's visiting facts) the open
clock is picked again. A clock already overdue on the day of the change is left open: the visit
was missed while that interval applied, and only a visit meets it (the next clock is picked from
that visit).
"""

import datetime as dt
from typing import Any

from django.db import transaction

from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.care.enums import ADOPTION_PLACEMENTS, LegalStatus
from haven.care.models import CareEpisode, CarePeriod, CareVisit, LookedAfterReview, Placement
from haven.core import clock
from haven.core.errors import ValidationError
from haven.core.models import check_fields
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.deadlines.services.subjects import (
    cancel_clocks,
    check_not_future,
    meet_clocks,
    open_clock,
    subject_deadlines,
    user_or_none,
)
from haven.people.enums import PersonKind
from haven.people.models import Person
from haven.people.services import chronology_record
from haven.timescales.calendar import default_calendar
from haven.timescales.care_visits import VisitFacts, next_visit_rule
from haven.timescales.rules import RULEBOOK

#: The reg 28 visiting clocks; a placement keeps one of them open at a time.
VISIT_RULES = (
    "lac-visit-first-week",
    "lac-visit-first-year",
    "lac-visit-long-term",
    "lac-visit-weekly",
    "lac-visit-four-weekly",
    "lac-visit-long-term-foster",
)


def lock_child(child: Any) -> Person:
    """The child's row, locked, so two records for one child are written one after the other."""
    if getattr(child, "kind", None) != PersonKind.CHILD:
        raise ValidationError({"child": "Only a child can be looked after"})
    return Person.objects.select_for_update().get(pk=child.pk)


def looked_after(child: Any) -> tuple[CarePeriod, CareEpisode, Placement]:
    """The child's open period, current 903 episode and current placement."""
    period = CarePeriod.objects.filter(child=child, ended_on__isnull=True).first()
    if period is None:
        raise ValidationError({"child": "This child is not looked after"})
    episode = CareEpisode.objects.select_related("placement").get(
        child=child, ended_on__isnull=True
    )
    return period, episode, episode.placement


def last_seen_visit(placement: Placement) -> dt.date | None:
    """The last visit in this placement at which the child was seen."""
    return (
        CareVisit.objects.filter(placement=placement, child_seen=True)
        .order_by("-visited_on")
        .values_list("visited_on", flat=True)
        .first()
    )


def _care_order_at_home_on(placement: Placement, episode: CareEpisode) -> dt.date | None:
    """The day a full care order was made while the child already lived in this placement (reg
    28(5)): the current episode is C2 and began after the placement did, so by a change of legal
    status alone. The chooser uses it only for a placement with a parent."""
    if episode.legal_status == LegalStatus.C2 and episode.started_on > placement.started_on:
        return episode.started_on
    return None


def visit_facts(
    placement: Placement, *, last_visit: dt.date | None, episode: CareEpisode | None = None
) -> VisitFacts | None:
    """What the visiting interval turns on, for the placement as it is now; None when it has
    ended."""
    if episode is None:
        episode = CareEpisode.objects.filter(placement=placement, ended_on__isnull=True).first()
    if episode is None:
        return None
    return VisitFacts(
        placed_on=placement.started_on,
        place=placement.place,
        legal_status=episode.legal_status,
        regime=placement.regime,
        long_term=placement.long_term,
        child_agreed_fewer_visits=placement.child_agreed_fewer_visits,
        first_review_held=LookedAfterReview.objects.filter(period=placement.period_id).exists(),
        last_visit=last_visit,
        care_order_at_home_on=_care_order_at_home_on(placement, episode),
    )


def _due(rule_id: str, start: dt.date) -> dt.date:
    return RULEBOOK.get(rule_id, start).due(start, default_calendar())


def visit_clock_repick(
    *, actor: Any, placement: Placement, on: dt.date, reason: str
) -> Deadline | None:
    """Keep the placement's open visit clock, or replace it with the one its facts now call
    for, counted from the last visit that saw the child. Call it inside the service that
    changed a fact, with the day of the change."""
    facts = visit_facts(placement, last_visit=last_seen_visit(placement))
    if facts is None:
        return None
    open_ = list(
        subject_deadlines(placement).filter(rule_id__in=VISIT_RULES, status=DeadlineStatus.OPEN)
    )
    overdue = [d for d in open_ if d.due_on < on]
    if overdue:
        return overdue[0]
    picked = next_visit_rule(facts)
    if picked is None:
        cancel_clocks(actor=actor, subject=placement, reason=reason, rule_ids=VISIT_RULES)
        return None
    rule_id, start = picked
    if len(open_) == 1 and open_[0].rule_id == rule_id and open_[0].due_on == _due(rule_id, start):
        return open_[0]
    cancel_clocks(actor=actor, subject=placement, reason=reason, rule_ids=VISIT_RULES)
    return open_clock(
        actor=actor, child=placement.child, rule_id=rule_id, start=start, subject=placement
    )


def _visit_errors(
    *,
    visited_on: dt.date,
    placement: Placement,
    child_seen: bool,
    seen_alone: bool | None,
    bedroom_seen: bool | None,
    child_said: str,
    observations: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    check_not_future(errors, "visited_on", visited_on, "The date of the visit")
    if visited_on < placement.started_on:
        errors.setdefault(
            "visited_on",
            f"The visit must be on or after the current placement began "
            f"({placement.started_on:%d %B %Y})",
        )
    if child_seen and seen_alone is None:
        errors["seen_alone"] = "Say whether the child was seen alone"
    if not child_seen and seen_alone:
        errors["seen_alone"] = "The child was not seen, so was not seen alone"
    if bedroom_seen is None:
        errors["bedroom_seen"] = "Say whether you saw the child's bedroom"
    if child_seen and not child_said.strip():
        errors["child_said"] = "Enter what the child said, in their words where you can"
    if not child_seen and not observations.strip():
        errors["observations"] = "Enter why the child was not seen and what you will do"
    return errors


@transaction.atomic
def care_visit_record(
    *,
    actor: Any,
    child: Any,
    visited_on: dt.date,
    child_seen: bool,
    seen_alone: bool | None,
    bedroom_seen: bool | None,
    child_said: str = "",
    observations: str = "",
) -> CareVisit:
    """A statutory visit to the child in their current placement. Seeing the child meets the
    placement's open visit clock and opens the next from this visit; a visit recorded late, on
    or before one already recorded, meets nothing (the clock already runs from the later one)."""
    child = lock_child(child)
    period, episode, placement = looked_after(child)
    errors = _visit_errors(
        visited_on=visited_on,
        placement=placement,
        child_seen=child_seen,
        seen_alone=seen_alone,
        bedroom_seen=bedroom_seen,
        child_said=child_said,
        observations=observations,
    )
    if errors:
        raise ValidationError(errors)
    latest_before = last_seen_visit(placement)
    visit = CareVisit(
        child=child,
        period=period,
        placement=placement,
        visited_on=visited_on,
        child_seen=child_seen,
        seen_alone=seen_alone if child_seen else None,
        bedroom_seen=bedroom_seen,
        child_said=child_said.strip(),
        observations=observations.strip(),
        visitor=user_or_none(actor),
    )
    check_fields(visit)
    visit.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.CARE_VISIT_RECORDED,
        subject=visit,
        person_id=child.pk,
        payload={
            "placement": placement.pk,
            "visited_on": visited_on,
            "child_seen": child_seen,
            "seen_alone": visit.seen_alone,
            "bedroom_seen": bedroom_seen,
        },
    )
    if child_seen:
        summary = "Statutory visit: child seen" + (" alone" if seen_alone else ", not alone")
    else:
        summary = "Statutory visit: child not seen"
    chronology_record(
        actor=actor,
        person=child,
        occurred_on=visited_on,
        category="care",
        summary=summary,
        source=visit,
    )
    if child_seen and (latest_before is None or visited_on > latest_before):
        _next_visit(actor=actor, placement=placement, episode=episode, visited_on=visited_on)
    return visit


def _next_visit(
    *, actor: Any, placement: Placement, episode: CareEpisode, visited_on: dt.date
) -> None:
    meet_clocks(actor=actor, subject=placement, rule_ids=VISIT_RULES, met_on=visited_on)
    facts = visit_facts(placement, last_visit=visited_on, episode=episode)
    picked = next_visit_rule(facts) if facts is not None else None
    if picked is not None:
        rule_id, start = picked
        open_clock(
            actor=actor, child=placement.child, rule_id=rule_id, start=start, subject=placement
        )


def _visiting_errors(
    placement: Placement, *, long_term: bool, child_agreed_fewer_visits: bool
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if placement.ended_on is not None:
        errors["placement"] = "This placement has ended"
    if long_term and placement.place in ADOPTION_PLACEMENTS:
        errors["long_term"] = "A placement for adoption is not a long-term placement"
    if child_agreed_fewer_visits and not long_term:
        errors["child_agreed_fewer_visits"] = (
            "Fewer visits can be agreed only in a placement intended to last until 18"
        )
    if (long_term, child_agreed_fewer_visits) == (
        placement.long_term,
        placement.child_agreed_fewer_visits,
    ):
        errors.setdefault("long_term", "Nothing has changed: change at least one answer")
    return errors


@transaction.atomic
def placement_visits_update(
    *, actor: Any, placement: Any, long_term: bool, child_agreed_fewer_visits: bool
) -> Placement:
    """Change what the placement's visiting pattern turns on: whether it is intended to last
    until the child is 18, and whether the child (of sufficient understanding, in a long-term
    foster placement) has agreed to fewer visits. The open visit clock is picked again from the
    last visit that saw the child."""
    lock_child(placement.child)
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    errors = _visiting_errors(
        locked, long_term=long_term, child_agreed_fewer_visits=child_agreed_fewer_visits
    )
    if errors:
        raise ValidationError(errors)
    before = {
        "long_term": locked.long_term,
        "child_agreed_fewer_visits": locked.child_agreed_fewer_visits,
    }
    today = clock.today()
    if long_term != locked.long_term:
        locked.long_term_confirmed_on = today if long_term else None
    locked.long_term = long_term
    locked.child_agreed_fewer_visits = child_agreed_fewer_visits
    locked.save(
        update_fields=[
            "long_term",
            "long_term_confirmed_on",
            "child_agreed_fewer_visits",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb=AuditVerb.PLACEMENT_VISITS_CHANGED,
        subject=locked,
        person_id=locked.child_id,
        payload={
            "from": before,
            "to": {"long_term": long_term, "child_agreed_fewer_visits": child_agreed_fewer_visits},
        },
    )
    if long_term != before["long_term"]:
        chronology_record(
            actor=actor,
            person=locked.child,
            occurred_on=today,
            category="care",
            summary="Placement confirmed as intended to last until 18"
            if long_term
            else "Placement no longer intended to last until 18",
            source=locked,
        )
    visit_clock_repick(
        actor=actor,
        placement=locked,
        on=today,
        reason="The placement's visiting pattern changed",
    )
    return locked
