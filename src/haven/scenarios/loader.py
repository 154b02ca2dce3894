"""Replaying a child's journey, written as dated events, through Haven's own services.

The file format is described in ``docs/scenarios.md``. Each event runs with the clock set
to its date (09:00 London time unless ``at`` gives a time), so services judge it as they
would have on the day. The whole file is one transaction: a bad event leaves nothing behind
and the error names the event and the field.
"""

import datetime as dt
from collections.abc import Callable
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
from haven.care.enums import (
    IrregularReviewDecision,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
    RegistrationStatus,
    SettingRegistration,
    VisitRegime,
)
from haven.care.models import IrregularPlacementRequest, Placement, Provider, Setting
from haven.care.rules import PlacementDetails
from haven.care.services.irregular import irregular_request, irregular_review, irregular_sign_off
from haven.care.services.period import (
    SignOff,
    care_end,
    care_start,
    legal_status_change,
    placement_change,
)
from haven.care.services.providers import provider_save, setting_save
from haven.casework.enums import (
    DEPRECATED_FACTORS,
    AssessmentFactor,
    AssessmentOutcome,
    ClosureReason,
    EarlyHelpClosureReason,
    PrimaryNeed,
    ReferralSource,
)
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.casework.selectors import current_assessment, open_early_help, open_episode
from haven.casework.services import (
    assessment_authorise,
    assessment_complete,
    assessment_record_seen,
    assessment_record_wishes,
    assessment_start,
    assessment_start_for_siblings,
    early_help_close,
    early_help_record_assessment,
    early_help_start,
    early_help_step_up,
    episode_close,
    referral_open,
)
from haven.core import clock
from haven.core.errors import PermissionDenied, ValidationError
from haven.deadlines.services import deadline_cancel, deadline_meet, deadline_move, deadline_open
from haven.frontdoor.enums import CheckAgency, Consent, ContactOutcome, Rag, ReferralRoute, Urgency
from haven.frontdoor.models import AgencyCheck, Contact
from haven.frontdoor.services import (
    check_request,
    check_return,
    contact_decide,
    contact_rag_set,
    contact_record,
    decision_sign_off,
)
from haven.people.enums import CaseNoteKind, PersonKind, RelationshipType, RestrictionReason
from haven.people.models import Person
from haven.people.services import (
    address_add,
    case_note_add,
    chronology_record,
    person_create,
    person_restrict,
    person_update,
    relationship_add,
)
from haven.protection.enums import (
    AbuseCategory,
    Agency,
    ConferenceDecision,
    ConferenceKind,
    PlanEndReason,
    PreProceedingsOutcome,
    ProtectiveOrderKind,
    Section47Outcome,
    StrategyDecision,
)
from haven.protection.models import (
    Plan,
    PlanAction,
    PlanOutcome,
    PreProceedings,
    ProtectiveOrder,
    Section47Enquiry,
)
from haven.protection.selectors import child_protection, open_plan_for
from haven.protection.services import (
    action_add,
    action_update,
    cin_plan_start,
    conference_record,
    core_group_record,
    outcome_achieve,
    outcome_add,
    plan_end,
    plan_finalise,
    plan_review_record,
    pre_proceedings_decide,
    pre_proceedings_meeting_record,
    pre_proceedings_start,
    pre_proceedings_update,
    protective_order_end,
    protective_order_record,
    section47_complete,
    section47_update,
    strategy_discussion_record,
    visit_record,
)
from haven.scenarios.fields import (
    Context,
    ScenarioError,
    as_code,
    as_date,
    as_flag,
    as_list,
    as_moment,
    opt_code,
    opt_date,
)
from haven.scenarios.outside_home import EVENTS as OUTSIDE_HOME_EVENTS


def _assignee(ctx: Context, e: dict[str, Any]) -> tuple[Any, Any]:
    """The user a clock is assigned to (optional), and their team."""
    assignee = ctx.get(e["assignee"], "user") if e.get("assignee") else None
    team = assignee.worker.team if assignee is not None and hasattr(assignee, "worker") else None
    return assignee, team


PERSON_DATES = ("date_of_birth", "expected_date_of_birth", "date_of_death")


def _person_fields(e: dict[str, Any]) -> dict[str, Any]:
    out = {
        k: v
        for k, v in e.items()
        if k not in ("do", "on", "at", "by", "ref", "kind", "disabilities", "person")
    }
    for name in PERSON_DATES:
        if name in out:
            out[name] = opt_date(out[name], name)
    for name in ("upn", "former_upn", "nhs_number"):
        if name in out:
            out[name] = str(out[name])
    return out


def _person_create(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return person_create(
        actor=actor,
        kind=as_code(PersonKind, e.get("kind", "child"), "kind"),
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
        reason=as_code(RestrictionReason, e["reason"], "reason"),
        named_users=[ctx.get(u, "user") for u in e.get("named_users", [])],
    )


def _relationship_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return relationship_add(
        actor=actor,
        from_person=ctx.get(e["from"], "person"),
        to_person=ctx.get(e["to"], "person"),
        type=as_code(RelationshipType, e["type"], "type"),
        parental_responsibility=e.get("parental_responsibility"),
        started_on=opt_date(e.get("started_on"), "started_on"),
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
        change_reason=as_code(SWReason, e.get("reason", "TSPROC"), "reason"),
    )


def _allocation_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    child = ctx.get(e["child"], "person")
    current = child.allocations.filter(ended_on__isnull=True).first()
    if current is None:
        raise ScenarioError("allocation.end: the child has no open allocation")
    return allocation_end(
        actor=actor,
        allocation=current,
        ended_on=on,
        reason=as_code(SWReason, e["reason"], "reason"),
    )


def _case_note_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return case_note_add(
        actor=actor,
        person=ctx.get(e["person"], "person"),
        kind=as_code(CaseNoteKind, e.get("kind", "other"), "kind"),
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
    assignee, team = _assignee(ctx, e)
    return deadline_open(
        actor=actor,
        child=ctx.get(e["child"], "person"),
        rule_id=e["rule"],
        start=as_date(e.get("start", on), "start"),
        assignee=assignee,
        team=team,
    )


def _deadline_meet(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_meet(actor=actor, deadline=ctx.get(e["deadline"], "deadline"), met_on=on)


def _deadline_move(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_move(
        actor=actor,
        deadline=ctx.get(e["deadline"], "deadline"),
        due_on=as_date(e["due_on"], "due_on"),
        reason=e.get("reason", ""),
    )


def _deadline_cancel(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return deadline_cancel(
        actor=actor, deadline=ctx.get(e["deadline"], "deadline"), reason=e.get("reason", "")
    )


# The front door: contacts, screening, checks, decisions and sign-off.


def _contact(ctx: Context, e: dict[str, Any]) -> Contact:
    return ctx.get_a(e["contact"], "contact", Contact)


def _contact_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return contact_record(
        actor=actor,
        received_at=clock.now(),  # the event's own date and time
        source=as_code(ReferralSource, e["source"], "source"),
        concern=str(e["concern"]),
        children=[ctx.get_a(c, "person", Person) for c in as_list(e["children"], "children")],
        consent=as_code(Consent, e["consent"], "consent"),
        consent_reason=str(e.get("consent_reason", "")),
        urgency=as_code(Urgency, e.get("urgency", "routine"), "urgency"),
        referrer_name=str(e.get("referrer_name", "")),
        referrer_organisation=str(e.get("referrer_organisation", "")),
        referrer_contact=str(e.get("referrer_contact", "")),
    )


def _contact_rate(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return contact_rag_set(actor=actor, contact=_contact(ctx, e), rag=as_code(Rag, e["rag"], "rag"))


def _check_request(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return check_request(
        actor=actor, contact=_contact(ctx, e), agency=as_code(CheckAgency, e["agency"], "agency")
    )


def _check_return(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return check_return(
        actor=actor, check=ctx.get_a(e["check"], "check", AgencyCheck), summary=str(e["summary"])
    )


def _contact_decide(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return contact_decide(
        actor=actor,
        contact=_contact(ctx, e),
        outcome=as_code(ContactOutcome, e["outcome"], "outcome"),
        reasons=str(e["reasons"]),
        route=opt_code(ReferralRoute, e.get("route"), "route"),
        primary_need=opt_code(PrimaryNeed, e.get("primary_need"), "primary_need"),
    )


def _contact_sign_off(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return decision_sign_off(actor=actor, contact=_contact(ctx, e))


# Casework: CIN episodes, child and family assessments, early help.


def _episode(ctx: Context, e: dict[str, Any]) -> CINEpisode:
    """The episode named by ``episode``, or else the open episode of ``child``."""
    if e.get("episode"):
        return ctx.get_a(e["episode"], "child in need episode", CINEpisode)
    if not e.get("child"):
        raise ScenarioError("give 'episode' (a ref) or 'child' (whose open episode is used)")
    return _open_episode_of(ctx, e["child"])


def _open_episode_of(ctx: Context, ref: Any) -> CINEpisode:
    episode = open_episode(ctx.get_a(ref, "person", Person))
    if episode is None:
        raise ScenarioError(f"child: '{ref}' has no open child in need episode")
    return episode


def _assessment(ctx: Context, e: dict[str, Any]) -> Assessment:
    """The assessment named by ``assessment``, or else the one in progress for ``child``."""
    if e.get("assessment"):
        return ctx.get_a(e["assessment"], "assessment", Assessment)
    if not e.get("child"):
        raise ScenarioError("give 'assessment' (a ref) or 'child' (whose assessment is used)")
    assessment = current_assessment(_open_episode_of(ctx, e["child"]))
    if assessment is None:
        raise ScenarioError(f"child: '{e['child']}' has no assessment in progress")
    return assessment


def _early_help(ctx: Context, e: dict[str, Any]) -> EarlyHelpEpisode:
    """The early help episode named by ``episode``, or else the open one of ``child``."""
    if e.get("episode"):
        return ctx.get_a(e["episode"], "early help episode", EarlyHelpEpisode)
    if not e.get("child"):
        raise ScenarioError("give 'episode' (a ref) or 'child' (whose early help is used)")
    episode = open_early_help(ctx.get_a(e["child"], "person", Person))
    if episode is None:
        raise ScenarioError(f"child: '{e['child']}' has no open early help episode")
    return episode


def _referral_open(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    assignee, team = _assignee(ctx, e)
    return referral_open(
        actor=actor,
        child=ctx.get_a(e["child"], "person", Person),
        referral_date=on,
        source=as_code(ReferralSource, e["source"], "source"),
        primary_need=opt_code(PrimaryNeed, e.get("primary_need"), "primary_need"),
        nfa=as_flag(e.get("nfa", False), "nfa"),
        assignee=assignee,
        team=team,
    )


def _episode_close(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return episode_close(
        actor=actor,
        episode=_episode(ctx, e),
        closure_date=on,
        reason=as_code(ClosureReason, e["reason"], "reason"),
    )


def _assessment_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    if "episodes" not in e and "children" not in e:
        return assessment_start(actor=actor, episode=_episode(ctx, e), start_date=on)
    # Brothers and sisters assessed together: one assessment each, named by ``refs``.
    if "episodes" in e:
        episodes = [
            ctx.get_a(r, "child in need episode", CINEpisode)
            for r in as_list(e["episodes"], "episodes")
        ]
    else:
        episodes = [_open_episode_of(ctx, r) for r in as_list(e["children"], "children")]
    if e.get("ref"):
        raise ScenarioError("ref: name each child's assessment with 'refs: [..]'")
    names = as_list(e.get("refs", []), "refs")
    if names and len(names) != len(episodes):
        raise ScenarioError(f"refs: give one name for each of the {len(episodes)} assessments")
    return assessment_start_for_siblings(actor=actor, episodes=episodes, start_date=on)


def _assessment_seen(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return assessment_record_seen(
        actor=actor,
        assessment=_assessment(ctx, e),
        seen_on=on,
        seen_alone=as_flag(e.get("seen_alone", False), "seen_alone"),
    )


def _assessment_wishes(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return assessment_record_wishes(
        actor=actor, assessment=_assessment(ctx, e), text=str(e["text"])
    )


def _assessment_complete(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    # Withdrawn codes go through, so the service can say what replaced them (8945Q/8950Q).
    factors = [
        code if code in DEPRECATED_FACTORS else as_code(AssessmentFactor, code, "factors")
        for code in map(str, as_list(e["factors"], "factors"))
    ]
    return assessment_complete(
        actor=actor,
        assessment=_assessment(ctx, e),
        completed_on=on,
        factors=factors,
        outcome=as_code(AssessmentOutcome, e["outcome"], "outcome"),
    )


def _assessment_authorise(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return assessment_authorise(actor=actor, assessment=_assessment(ctx, e), authorised_on=on)


def _early_help_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return early_help_start(
        actor=actor,
        child=ctx.get_a(e["child"], "person", Person),
        started_on=on,
        organisation=str(e.get("organisation", "")),
        lead_practitioner=str(e.get("lead_practitioner", "")),
    )


def _early_help_assessment(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return early_help_record_assessment(
        actor=actor,
        episode=_early_help(ctx, e),
        started_on=as_date(e.get("started_on", on), "started_on"),
        completed_on=opt_date(e.get("completed_on"), "completed_on"),
    )


def _early_help_close(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    stepped_up_to = e.get("stepped_up_to")
    return early_help_close(
        actor=actor,
        episode=_early_help(ctx, e),
        closed_on=on,
        reason=as_code(EarlyHelpClosureReason, e["reason"], "reason"),
        stepped_up_to=(
            ctx.get_a(stepped_up_to, "child in need episode", CINEpisode) if stepped_up_to else None
        ),
    )


def _early_help_step_up(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    assignee, team = _assignee(ctx, e)
    return early_help_step_up(
        actor=actor,
        episode=_early_help(ctx, e),
        referral_date=on,
        source=as_code(ReferralSource, e["source"], "source"),
        primary_need=as_code(PrimaryNeed, e["primary_need"], "primary_need"),
        assignee=assignee,
        team=team,
    )


# The protection pathway: strategy discussions to plans (docs/protection.md).


def _mapping_rows(value: Any, name: str, keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """A list of mappings (``{agency: police, name: DC Lee}``) or of lists in ``keys`` order."""
    rows = []
    for position, row in enumerate(as_list(value, name), start=1):
        if isinstance(row, list):
            row = dict(zip(keys, row, strict=False))
        if not isinstance(row, dict):
            raise ScenarioError(f"{name}: item {position} must be a mapping like {{{keys[0]}: …}}")
        rows.append(row)
    return rows


def _participants(e: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (
            as_code(Agency, row.get("agency"), "participants: agency"),
            str(row.get("name", "")),
            str(row.get("role", "")),
        )
        for row in _mapping_rows(
            e.get("participants", []), "participants", ("agency", "name", "role")
        )
    ]


def _attendance(e: dict[str, Any]) -> list[tuple[str, str, bool, bool]]:
    keys = ("agency", "name", "attended", "report")
    return [
        (
            as_code(Agency, row.get("agency"), "attendance: agency"),
            str(row.get("name", "")),
            as_flag(row.get("attended", True), "attendance: attended"),
            as_flag(row.get("report", False), "attendance: report"),
        )
        for row in _mapping_rows(e.get("attendance", []), "attendance", keys)
    ]


def _ratings(ctx: Context, e: dict[str, Any]) -> dict[Any, tuple[int | None, str]]:
    """``ratings: {outcome ref: [score, narrative]}`` (or ``{score: …, narrative: …}``)."""
    value = e.get("ratings") or {}
    if not isinstance(value, dict):
        raise ScenarioError("ratings: give a mapping of outcome refs to [score, narrative]")
    ratings: dict[Any, tuple[int | None, str]] = {}
    for ref, rating in value.items():
        outcome = ctx.get_a(ref, "outcome", PlanOutcome)
        if isinstance(rating, dict):
            score, narrative = rating.get("score"), rating.get("narrative", "")
        elif isinstance(rating, list) and len(rating) == 2:
            score, narrative = rating
        else:
            raise ScenarioError(f"ratings: give {ref} as [score, narrative]")
        if score is not None and (isinstance(score, bool) or not isinstance(score, int)):
            raise ScenarioError(f"ratings: {ref}'s score must be a whole number, not '{score}'")
        ratings[outcome.pk] = (score, str(narrative))
    return ratings


def _enquiry(ctx: Context, e: dict[str, Any]) -> Section47Enquiry:
    """The enquiry named by ``enquiry``, or else the child's open (or latest) enquiry."""
    if e.get("enquiry"):
        return ctx.get_a(e["enquiry"], "enquiry", Section47Enquiry)
    if not e.get("child"):
        raise ScenarioError("give 'enquiry' (a ref) or 'child' (whose enquiry is used)")
    child = ctx.get_a(e["child"], "person", Person)
    enquiry = child_protection(child_id=child.pk).open_enquiry
    if enquiry is None:
        raise ScenarioError(f"child: '{e['child']}' has no section 47 enquiry under way")
    return enquiry


def _plan(ctx: Context, e: dict[str, Any]) -> Plan:
    """The plan named by ``plan``, or else the child's open plan."""
    if e.get("plan"):
        return ctx.get_a(e["plan"], "plan", Plan)
    if not e.get("child"):
        raise ScenarioError("give 'plan' (a ref) or 'child' (whose open plan is used)")
    plan = open_plan_for(child_id=ctx.get_a(e["child"], "person", Person).pk)
    if plan is None:
        raise ScenarioError(f"child: '{e['child']}' has no open plan")
    return plan


def _pre_proceedings(ctx: Context, e: dict[str, Any]) -> PreProceedings:
    if e.get("pre_proceedings"):
        return ctx.get_a(e["pre_proceedings"], "pre-proceedings record", PreProceedings)
    if not e.get("child"):
        raise ScenarioError("give 'pre_proceedings' (a ref) or 'child'")
    record = child_protection(
        child_id=ctx.get_a(e["child"], "person", Person).pk
    ).open_pre_proceedings
    if record is None:
        raise ScenarioError(f"child: '{e['child']}' is not in pre-proceedings")
    return record


def _opt_user(ctx: Context, e: dict[str, Any], name: str) -> Any:
    return ctx.get_a(e[name], "user", User) if e.get(name) else None


def _opt_flag(value: Any, name: str) -> bool | None:
    return None if value is None else as_flag(value, name)


def _strategy_discussion_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    discussion = strategy_discussion_record(
        actor=actor,
        child=ctx.get_a(e["child"], "person", Person),
        held_at=clock.now(),  # the event's own date and time
        participants=_participants(e),
        information_shared=str(e.get("information_shared", "")),
        decision=as_code(StrategyDecision, e["decision"], "decision"),
        reasons=str(e.get("reasons", "")),
    )
    if e.get("enquiry_ref"):
        enquiry = Section47Enquiry.objects.filter(strategy_discussion=discussion).first()
        if enquiry is None:
            raise ScenarioError("enquiry_ref: this discussion did not start an enquiry")
        ctx.refs[e["enquiry_ref"]] = enquiry
    return discussion


def _s47_update(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    seen = e.get("child_seen", True)
    if not isinstance(seen, bool):
        raise ScenarioError(f"child_seen: must be true or false, not '{seen}'")
    return section47_update(
        actor=actor,
        enquiry=_enquiry(ctx, e),
        child_seen_on=as_date(e.get("seen_on", on), "seen_on") if seen else None,
        seen_alone=_opt_flag(e.get("seen_alone"), "seen_alone") if seen else None,
        findings=str(e.get("findings", "")),
    )


def _s47_complete(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return section47_complete(
        actor=actor,
        enquiry=_enquiry(ctx, e),
        completed_on=on,
        outcome=as_code(Section47Outcome, e["outcome"], "outcome"),
        findings=str(e.get("findings", "")),
    )


def _conference_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    child = ctx.get_a(e["child"], "person", Person)
    conference = conference_record(
        actor=actor,
        child=child,
        kind=as_code(ConferenceKind, e["kind"], "kind"),
        held_on=on,
        attendance=_attendance(e),
        child_views=str(e.get("child_views", "")),
        family_views=str(e.get("family_views", "")),
        decision=as_code(ConferenceDecision, e["decision"], "decision"),
        category=opt_code(AbuseCategory, e.get("category"), "category"),
        reasons=str(e.get("reasons", "")),
        chair=_opt_user(ctx, e, "chair"),
        ratings=_ratings(ctx, e),
        step_down_to_cin=as_flag(e.get("step_down", False), "step_down"),
        carry_outcomes=as_flag(e.get("carry_outcomes", False), "carry_outcomes"),
    )
    if e.get("plan_ref"):
        plan = open_plan_for(child_id=child.pk)
        if plan is None:
            raise ScenarioError("plan_ref: the conference did not start a plan")
        ctx.refs[e["plan_ref"]] = plan
    return conference


def _cin_plan_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return cin_plan_start(actor=actor, child=ctx.get_a(e["child"], "person", Person), started_on=on)


def _plan_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return plan_end(
        actor=actor,
        plan=_plan(ctx, e),
        ended_on=on,
        reason=as_code(PlanEndReason, e["reason"], "reason"),
    )


def _outcome_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    baseline = e.get("baseline")
    if baseline is not None and (isinstance(baseline, bool) or not isinstance(baseline, int)):
        raise ScenarioError(f"baseline: must be a whole number from 0 to 10, not '{baseline}'")
    return outcome_add(
        actor=actor, plan=_plan(ctx, e), statement=str(e["statement"]), baseline_score=baseline
    )


def _outcome_achieve(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return outcome_achieve(
        actor=actor, outcome=ctx.get_a(e["outcome"], "outcome", PlanOutcome), achieved_on=on
    )


def _action_add(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return action_add(
        actor=actor,
        outcome=ctx.get_a(e["outcome"], "outcome", PlanOutcome),
        description=str(e.get("description", "")),
        owner_user=_opt_user(ctx, e, "owner"),
        owner_agency=opt_code(Agency, e.get("owner_agency"), "owner_agency"),
        owner_name=str(e.get("owner_name", "")),
        target_date=opt_date(e.get("target_date"), "target_date"),
    )


def _action_update(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    """Change the fields given; the rest stay as they are. ``completed: true`` completes the
    action on the event's date."""
    action = ctx.get_a(e["action"], "action", PlanAction)
    completed_on = action.completed_on
    if "completed" in e:
        completed_on = on if as_flag(e["completed"], "completed") else None
    if "completed_on" in e:
        completed_on = opt_date(e["completed_on"], "completed_on")
    return action_update(
        actor=actor,
        action=action,
        description=str(e.get("description", action.description)),
        owner_user=_opt_user(ctx, e, "owner") if "owner" in e else action.owner_user,
        owner_agency=(
            opt_code(Agency, e["owner_agency"], "owner_agency")
            if "owner_agency" in e
            else action.owner_agency
        ),
        owner_name=str(e.get("owner_name", action.owner_name)),
        target_date=(
            opt_date(e["target_date"], "target_date") if "target_date" in e else action.target_date
        ),
        completed_on=completed_on,
    )


def _plan_finalise(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return plan_finalise(actor=actor, plan=_plan(ctx, e), finalised_on=on)


def _cin_plan_review(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return plan_review_record(
        actor=actor,
        plan=_plan(ctx, e),
        held_on=on,
        summary=str(e.get("summary", "")),
        child_views=str(e.get("child_views", "")),
        ratings=_ratings(ctx, e),
    )


def _core_group_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return core_group_record(
        actor=actor,
        plan=_plan(ctx, e),
        held_on=on,
        attendees=str(e.get("attendees", "")),
        summary=str(e.get("summary", "")),
    )


def _visit_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return visit_record(
        actor=actor,
        plan=_plan(ctx, e),
        visited_on=on,
        child_seen=as_flag(e.get("child_seen", True), "child_seen"),
        seen_alone=_opt_flag(e.get("seen_alone"), "seen_alone"),
        bedroom_seen=_opt_flag(e.get("bedroom_seen"), "bedroom_seen"),
        child_said=str(e.get("child_said", "")),
        observations=str(e.get("observations", "")),
    )


def _protective_order_record(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return protective_order_record(
        actor=actor,
        child=ctx.get_a(e["child"], "person", Person),
        kind=as_code(ProtectiveOrderKind, e["kind"], "kind"),
        started_at=clock.now(),  # the event's own date and time
        ended_at=as_moment(e["ended_at"], "ended_at") if e.get("ended_at") else None,
        details=str(e.get("details", "")),
    )


def _protective_order_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return protective_order_end(
        actor=actor, order=ctx.get_a(e["order"], "order", ProtectiveOrder), ended_at=clock.now()
    )


def _pre_proceedings_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return pre_proceedings_start(
        actor=actor, child=ctx.get_a(e["child"], "person", Person), started_on=on
    )


def _pre_proceedings_update(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    record = _pre_proceedings(ctx, e)
    return pre_proceedings_update(
        actor=actor,
        pre_proceedings=record,
        letter_sent_on=(
            opt_date(e["letter_sent_on"], "letter_sent_on")
            if "letter_sent_on" in e
            else record.letter_sent_on
        ),
        fgdm_offered=(
            _opt_flag(e["fgdm_offered"], "fgdm_offered")
            if "fgdm_offered" in e
            else record.fgdm_offered
        ),
        fgdm_held=(
            _opt_flag(e["fgdm_held"], "fgdm_held") if "fgdm_held" in e else record.fgdm_held
        ),
    )


def _pre_proceedings_meeting(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return pre_proceedings_meeting_record(
        actor=actor,
        pre_proceedings=_pre_proceedings(ctx, e),
        held_on=on,
        summary=str(e.get("summary", "")),
    )


def _pre_proceedings_decide(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return pre_proceedings_decide(
        actor=actor,
        pre_proceedings=_pre_proceedings(ctx, e),
        decision_on=on,
        outcome=as_code(PreProceedingsOutcome, e["outcome"], "outcome"),
        court_application_on=opt_date(e.get("court_application_on"), "court_application_on"),
    )


# Children in care: the providers register, periods, placements and their 903 episodes, and
# placements in unregistered settings (docs/care.md).


def _provider_save(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return provider_save(
        actor=actor,
        name=str(e["name"]),
        ownership=as_code(PlacementProvider, e["ownership"], "ownership"),
    )


def _money(value: Any, name: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError as err:
        raise ScenarioError(f"{name}: '{value}' is not an amount like 450.00") from err


def _setting_save(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return setting_save(
        actor=actor,
        provider=ctx.get_a(e["provider"], "provider", Provider),
        name=str(e["name"]),
        registration=as_code(SettingRegistration, e["registration"], "registration"),
        status=as_code(RegistrationStatus, e.get("status", "registered"), "status"),
        postcode=str(e["postcode"]),
        urn=str(e.get("urn", "")),
        la_code=str(e.get("la_code", "")),
        weekly_cost=_money(e.get("weekly_cost"), "weekly_cost"),
    )


def _placement_details(ctx: Context, e: dict[str, Any]) -> PlacementDetails:
    """The ``placement`` mapping: ``place`` (903 PLACE), and ``setting`` (a ref) or the
    ``provider``, ``postcode`` and ``urn`` a setting would give; ``carer``, ``weekly_cost``,
    ``long_term``, ``regime``, ``child_agreed_fewer_visits``."""
    p = e.get("placement")
    if not isinstance(p, dict):
        raise ScenarioError("placement: give a mapping, like {place: U6, setting: fostering}")
    return PlacementDetails(
        place=as_code(PlacementType, p["place"], "place"),
        setting=ctx.get_a(p["setting"], "setting", Setting) if p.get("setting") else None,
        provider=opt_code(PlacementProvider, p.get("provider"), "provider"),
        postcode=str(p.get("postcode", "")),
        urn=str(p.get("urn", "")),
        carer=str(p.get("carer", "")),
        weekly_cost=_money(p.get("weekly_cost"), "weekly_cost"),
        long_term=as_flag(p.get("long_term", False), "long_term"),
        regime=as_code(VisitRegime, p.get("regime", "standard"), "regime"),
        child_agreed_fewer_visits=as_flag(
            p.get("child_agreed_fewer_visits", False), "child_agreed_fewer_visits"
        ),
    )


def _sign_off(ctx: Context, e: dict[str, Any]) -> SignOff | None:
    """``sign_off: {officer: dcs, reason: …, review_on: 2026-01-12}`` given with the
    placement itself (the same as a request signed off at once)."""
    given = e.get("sign_off")
    if not given:
        return None
    if not isinstance(given, dict):
        raise ScenarioError("sign_off: give a mapping with officer, reason and review_on")
    return SignOff(
        officer=ctx.get(given["officer"], "user"),
        reason=str(given.get("reason", "")),
        review_on=as_date(given["review_on"], "review_on"),
    )


def _child(ctx: Context, e: dict[str, Any]) -> Person:
    return ctx.get_a(e["child"], "person", Person)


def _care_start(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return care_start(
        actor=actor,
        child=_child(ctx, e),
        started_on=on,
        legal_status=as_code(LegalStatus, e["legal_status"], "legal_status"),
        category_of_need=as_code(PrimaryNeed, e["category_of_need"], "category_of_need"),
        placement=_placement_details(ctx, e),
        home_postcode=str(e.get("home_postcode", "")),
        sign_off=_sign_off(ctx, e),
    )


def _placement_change(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return placement_change(
        actor=actor,
        child=_child(ctx, e),
        changed_on=on,
        placement=_placement_details(ctx, e),
        reason_place_change=opt_code(
            ReasonPlaceChange, e.get("reason_place_change"), "reason_place_change"
        ),
        same_carer=as_flag(e.get("same_carer", False), "same_carer"),
        legal_status=opt_code(LegalStatus, e.get("legal_status"), "legal_status"),
        sign_off=_sign_off(ctx, e),
    )


def _legal_status_change(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return legal_status_change(
        actor=actor,
        child=_child(ctx, e),
        changed_on=on,
        legal_status=as_code(LegalStatus, e["legal_status"], "legal_status"),
    )


def _care_end(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return care_end(
        actor=actor,
        child=_child(ctx, e),
        ended_on=on,
        reason=as_code(ReasonEpisodeCeased, e["reason"], "reason"),
        reason_place_change=opt_code(
            ReasonPlaceChange, e.get("reason_place_change"), "reason_place_change"
        ),
    )


def _irregular_request(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    kind = str(e.get("kind", "start"))
    if kind not in ("start", "move"):
        raise ScenarioError(f"kind: '{kind}' is not one of start, move")
    return irregular_request(
        actor=actor,
        child=_child(ctx, e),
        kind=kind,
        on=on,
        placement=_placement_details(ctx, e),
        legal_status=opt_code(LegalStatus, e.get("legal_status"), "legal_status"),
        category_of_need=opt_code(PrimaryNeed, e.get("category_of_need"), "category_of_need"),
        home_postcode=str(e.get("home_postcode", "")),
        reason_place_change=opt_code(
            ReasonPlaceChange, e.get("reason_place_change"), "reason_place_change"
        ),
        same_carer=as_flag(e.get("same_carer", False), "same_carer"),
    )


def _pending_request(ctx: Context, e: dict[str, Any]) -> IrregularPlacementRequest:
    """The request named by ``request``, or else the child's request waiting for sign-off."""
    if e.get("request"):
        return ctx.get_a(e["request"], "request", IrregularPlacementRequest)
    request = IrregularPlacementRequest.objects.filter(
        child=_child(ctx, e), status="pending"
    ).first()
    if request is None:
        raise ScenarioError(f"'{e['child']}' has no placement waiting for sign-off")
    return request


def _irregular_sign_off(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return irregular_sign_off(
        actor=actor,
        request=_pending_request(ctx, e),
        reason=str(e.get("reason", "")),
        review_on=as_date(e["review_on"], "review_on"),
    )


def _current_placement(ctx: Context, e: dict[str, Any]) -> Placement:
    """The placement named by ``placement``, or else the child's current placement."""
    if e.get("placement"):
        return ctx.get_a(e["placement"], "placement", Placement)
    placement = Placement.objects.filter(child=_child(ctx, e), ended_on__isnull=True).first()
    if placement is None:
        raise ScenarioError(f"'{e['child']}' has no current placement")
    return placement


def _irregular_review(ctx: Context, e: dict[str, Any], actor: Any, on: dt.date) -> Any:
    return irregular_review(
        actor=actor,
        placement=_current_placement(ctx, e),
        reviewed_on=on,
        decision=as_code(IrregularReviewDecision, e.get("decision", "continue"), "decision"),
        notes=str(e.get("notes", "")),
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
    "contact.record": _contact_record,
    "contact.rate": _contact_rate,
    "check.request": _check_request,
    "check.return": _check_return,
    "contact.decide": _contact_decide,
    "contact.sign_off": _contact_sign_off,
    "referral.open": _referral_open,
    "episode.close": _episode_close,
    "assessment.start": _assessment_start,
    "assessment.seen": _assessment_seen,
    "assessment.wishes": _assessment_wishes,
    "assessment.complete": _assessment_complete,
    "assessment.authorise": _assessment_authorise,
    "early_help.start": _early_help_start,
    "early_help.assessment": _early_help_assessment,
    "early_help.close": _early_help_close,
    "early_help.step_up": _early_help_step_up,
    "strategy_discussion.record": _strategy_discussion_record,
    "s47.update": _s47_update,
    "s47.complete": _s47_complete,
    "conference.record": _conference_record,
    "cin_plan.start": _cin_plan_start,
    "plan.end": _plan_end,
    "outcome.add": _outcome_add,
    "outcome.achieve": _outcome_achieve,
    "action.add": _action_add,
    "action.update": _action_update,
    "plan.finalise": _plan_finalise,
    "cin_plan.review": _cin_plan_review,
    "core_group.record": _core_group_record,
    "visit.record": _visit_record,
    "protective_order.record": _protective_order_record,
    "protective_order.end": _protective_order_end,
    "pre_proceedings.start": _pre_proceedings_start,
    "pre_proceedings.update": _pre_proceedings_update,
    "pre_proceedings.meeting": _pre_proceedings_meeting,
    "pre_proceedings.decide": _pre_proceedings_decide,
    "provider.save": _provider_save,
    "setting.save": _setting_save,
    "care.start": _care_start,
    "placement.change": _placement_change,
    "legal_status.change": _legal_status_change,
    "care.end": _care_end,
    "irregular.request": _irregular_request,
    "irregular.sign_off": _irregular_sign_off,
    "irregular.review": _irregular_review,
    **OUTSIDE_HOME_EVENTS,
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
                    started_on=as_date(u.get("started_on", start), "started_on"),
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
    start = as_date(doc.get("start", events[0]["on"] if events else clock.today()), "start")
    ctx = Context()
    with clock.frozen_at(_at(start, {})):
        _set_up_organisation(ctx, doc, start)
    last: dt.date | None = None
    for n, e in enumerate(events, start=1):
        where = f"event {n} ({e.get('do', '?')})"
        try:
            on = as_date(e.get("on"), "on")
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
            if isinstance(obj, list):  # one result per child, named in order by ``refs``
                ctx.refs.update(zip(e.get("refs", []), obj, strict=False))
            elif e.get("ref"):
                ctx.refs[e["ref"]] = obj
        except ValidationError as err:
            detail = (
                "; ".join(f"{k}: {' '.join(v)}" for k, v in err.message_dict.items())
                if hasattr(err, "error_dict")
                else " ".join(err.messages)
            )
            raise ScenarioError(f"{where}: {detail}") from err
        except PermissionDenied as err:
            raise ScenarioError(f"{where}: by: {err}") from err
        except KeyError as err:
            raise ScenarioError(f"{where}: missing field {err}") from err
        except (ScenarioError, ValueError) as err:
            raise ScenarioError(f"{where}: {err}") from err
    return {ref: str(obj.pk) for ref, obj in ctx.refs.items()}
