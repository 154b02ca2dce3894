"""The front-door and casework records behind each family's case history, written in bulk.

``Population`` plans each family's episodes of involvement (referral, assessment, a long-term
team, closure) and allocates workers to them. This module writes what the front door and
casework services would have written along the way, keeping their rules itself because the
rows skip the services (docs/casework.md, docs/frontdoor.md):

* a ``Contact`` for every referral, with a ``ContactChild`` per brother or sister, multi-agency
  checks for a share, and a ``ContactDecision`` (reasons, decided by a MASH screener, signed
  off by a MASH manager for most); and contacts that did not become referrals (no further
  action, information and advice, early help), placed when the family had no open case;
* a ``CINEpisode`` per child per referral: dated the day the contact was received, re-referral
  computed with ``timescales.rereferral``, closed with a reason (RC8/RC9 only after an
  assessment; NFA referrals closed the same day with RC7, with no assessment and no primary
  need required);
* an ``Assessment`` per child per assessed referral, with factors (21 alone or 1-3 codes) and
  an authorisation date drawn from the DfE's working-day bands (``Population`` makes the
  assessment segment of the history end on that day);
* ``EarlyHelpEpisode``s for early help decisions and step-downs (RC9), stepped up when a later
  referral came while they were open;
* open ``Deadline``s for today's clocks: each open assessment's 45 working days, and the
  1-working-day decision on the contacts waiting in the front-door queue.

After each referral, ``protection.ProtectionRecords`` writes what followed on the protection
pathway (strategy discussions, enquiries, conferences, plans).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from haven.allocation.enums import CaseKind
from haven.allocation.models import Allocation, OpenCase
from haven.casework.enums import (
    AssessmentOutcome,
    ClosureReason,
    EarlyHelpClosureReason,
    ReferralSource,
)
from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode, IdentifiedFactor
from haven.core.clock import LONDON
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.frontdoor.enums import (
    CheckAgency,
    Consent,
    ContactOutcome,
    ContactStatus,
    Rag,
    ReferralRoute,
    Urgency,
)
from haven.frontdoor.models import AgencyCheck, Contact, ContactChild, ContactDecision
from haven.people.models import ChronologyEntry, Person
from haven.synthetic import calibration as cal
from haven.synthetic import pools
from haven.timescales.calendar import CalendarRangeError, default_calendar
from haven.timescales.rereferral import is_re_referral
from haven.timescales.rules import RULEBOOK

if TYPE_CHECKING:
    from haven.synthetic.population import Child, Episode, FamilyPlan, Population

DECISION_RULE = "referral-decision"  # frontdoor.services.contact.DECISION_RULE
ASSESSMENT_RULE = "child-and-family-assessment"  # casework.selectors.ASSESSMENT_RULE
CONTACT_LABEL = "frontdoor.contact"
EPISODE_LABEL = "casework.cinepisode"
#: NFA referrals close the day they are made with RC7 (casework.services.referral).
NFA_CLOSURE_REASON = ClosureReason.SERVICES_CEASED
YEAR = 365.25

REFERRERS: dict[str, tuple[str, str]] = {
    # source: (how the referrer is named, organisation)
    "6": ("PC {family}", "Northamptonshire Police"),
    "2A": ("{given} {family}, designated safeguarding lead", "{stem} {school}"),
    "2B": ("{given} {family}", "Education inclusion service"),
    "3A": ("Dr {family}", "{stem} Surgery"),
    "3B": ("{given} {family}, health visitor", "Health visiting service"),
    "3C": ("{given} {family}, school nurse", "School nursing service"),
    "3D": ("{given} {family}, midwife", "Community midwifery"),
    "3E": ("Dr {family}", "Northampton General Hospital emergency department"),
    "3F": ("{given} {family}", "Child and adolescent mental health service"),
    "1A": ("{given} {family}", ""),
    "1B": ("{given} {family}", ""),
    "1C": ("{given} {family}", ""),
    "1D": ("{given} {family}", ""),
    "4": ("{given} {family}", "Housing solutions"),
    "5A": ("{given} {family}", "Adult social care"),
    "5B": ("{given} {family}", "Youth service"),
    "5C": ("{given} {family}", "Leicestershire County Council children's services"),
    "5D": ("{given} {family}, family support worker", "Early help"),
    "7": ("{given} {family}", "Probation service"),
    "8": ("{given} {family}", "{stem} Family Hub"),
    "9": ("", ""),
    "10": ("", ""),
}

CONCERNS: dict[str, tuple[str, ...]] = {
    "6": (
        "Police attended the home after a 999 call reporting a domestic incident between "
        "{parent} and her partner. {child} was in the house. DASH risk assessment: {level}.",
        "{child} was found by officers walking alone near the ring road late at night and "
        "was taken home. {parent} had not reported {child} missing.",
        "Officers executed a warrant at the address and found drug paraphernalia within reach "
        "of the children. The home was cold and there was little food.",
    ),
    "2A": (
        "{child} came to school hungry and in the same clothes for the third day running and "
        "told a teaching assistant that mum 'sleeps all day'.",
        "{child} has a bruise on the upper arm and said 'dad grabbed me'. Attendance has "
        "dropped to 78% this term.",
        "{child} disclosed to the class teacher that there is a lot of shouting at home and "
        "that they are scared to go home tonight.",
    ),
    "3": (
        "{parent} has missed the last three appointments and was low in mood at the last "
        "visit. The home was cluttered and the baby's weight has dropped a centile.",
        "{child} attended with an injury whose explanation does not fit what was seen. "
        "Referred in line with the hospital's safeguarding policy.",
        "{parent} disclosed heavy drinking and says she is not coping with the children.",
    ),
    "1": (
        "Worried about the children: there is shouting most nights and the children are often "
        "left on their own.",
        "{parent}'s new partner has a history of violence and the children seem frightened of him.",
    ),
    "9": (
        "Caller says the children at the address are left alone for long periods and the "
        "house is dirty. Would not give a name.",
    ),
    "other": (
        "Worker concerned that {parent} is struggling to manage {child}'s behaviour and that "
        "the family's needs are escalating despite support.",
        "Family in overcrowded temporary accommodation with damp; rent arrears and notice "
        "served. {parent} is very anxious.",
        "{parent}'s former partner, assessed as a high risk of domestic abuse, is due for "
        "release and has given the family's address.",
    ),
}
LOW_LEVEL_CONCERNS = (
    "Asking for advice about {child}'s attendance and whether a referral is needed.",
    "{parent} asked for help with {child}'s behaviour at home and with bedtimes.",
    "Neighbour dispute; {child} was upset but not hurt. Passing on for information.",
    "{parent} has moved into the area and asked about support with {child}'s needs.",
    "School reports {child} is withdrawn and has fallen out with friends; no disclosure.",
)
LEVELS = ("standard", "medium", "high")
CHECK_SUMMARIES: dict[str, tuple[str, ...]] = {
    CheckAgency.POLICE: (
        "Two domestic incidents at the address in the last year; no charges.",
        "No trace of the family on police systems.",
        "Partner has a caution for assault (2021). One call-out this year.",
    ),
    CheckAgency.HEALTH: (
        "Registered with a GP; immunisations up to date. Mother seen for low mood.",
        "Missed health visitor contacts; child's weight on the 9th centile.",
        "Nothing of concern recorded.",
    ),
    CheckAgency.EDUCATION: (
        "Attendance 84% this term; school has concerns about presentation.",
        "Attendance good; school has no concerns.",
        "Two fixed-term suspensions this year for behaviour.",
    ),
    CheckAgency.PROBATION: ("Not known to probation.", "Partner on licence until next year."),
    CheckAgency.HOUSING: ("Rent arrears; on the housing register.", "No housing concerns."),
    CheckAgency.OTHER_LA: (
        "Known to Leicestershire as a child in need in 2019; closed.",
        "Not known.",
    ),
}
CHECK_AGENCIES = (
    (CheckAgency.POLICE, 35),
    (CheckAgency.HEALTH, 30),
    (CheckAgency.EDUCATION, 25),
    (CheckAgency.HOUSING, 5),
    (CheckAgency.PROBATION, 3),
    (CheckAgency.OTHER_LA, 2),
)
REASONS = {
    "referral": (
        "Threshold for a statutory assessment is met: {why}. Checks completed; referred to "
        "the assessment team for a child and family assessment."
    ),
    "nfa_referral": (
        "Accepted as a referral. On review of the checks, no further action is needed from "
        "children's social care: the concern is being met by the school and health visitor."
    ),
    "nfa": (
        "No further action: the concern does not meet the threshold for early help or "
        "children's social care and universal services are aware."
    ),
    "information_advice": (
        "Information and advice given to the referrer on the support available and on when "
        "to contact the front door again. No further action by the front door."
    ),
    "early_help": (
        "Needs are best met by early help, with the family's consent. Passed to the early "
        "help hub for a lead practitioner."
    ),
}
WHY = (
    "domestic abuse with the child present",
    "neglect over a period of time",
    "a non-accidental injury is possible",
    "parental mental health is affecting care of the children",
    "the child is at risk outside the home",
    "substance misuse is affecting the care of the children",
)
WISHES = {
    "baby": (
        "Too young to give views. Observed with mum: settled, responsive and comforted when "
        "picked up.",
        "Too young to give views. Observed to be quiet and watchful; little interaction.",
    ),
    "young": (
        "{name} drew a picture of home with everyone in it and said the best thing is 'my "
        "toys'. Said shouting makes them hide upstairs.",
        "{name} said they like nursery and want mummy to be happy.",
    ),
    "child": (
        "{name} said: 'I want it to stop being noisy at home. I like school because it's "
        "calm.' Would like to see dad more.",
        "{name} said they worry about mum and sometimes make their own tea. Wants to stay at home.",
    ),
    "teen": (
        "{name} said: 'I just want people to stop asking questions. Home is fine when he's not "
        "there.' Agreed to meet again at school.",
        "{name} said they feel nobody listens and they would rather be at their friend's. "
        "Wants help with college.",
    ),
}
EARLY_HELP_ORGS = (
    "Early help hub (Northampton)",
    "Family support service",
    "{stem} Family Hub",
    "{stem} {school}",
    "Health visiting service",
)
SCHOOLS = ("Primary School", "Academy", "Church of England Primary School", "Secondary School")


@dataclass
class _ChildState:
    """What the family's earlier events left for this child."""

    referrals: list[dt.date] = field(default_factory=list)
    early_help: EarlyHelpEpisode | None = None  # open, or open until stepped up


@dataclass
class _Event:
    on: dt.date
    kind: str  # "referral", "nfa_referral", or a contact outcome that is not a referral
    episode: "Episode | None" = None


class CaseRecords:
    """Writes the front-door and casework rows for one family at a time into ``pop``'s buffers."""

    def __init__(self, pop: "Population") -> None:
        self.pop = pop
        self.rng = pop.rng
        self.today = pop.today
        self.now = pop.now
        self.calendar = default_calendar()
        fd = pop.wf.front_door
        self.screeners = [s for s in fd if not s.manager] or list(fd)
        self.fd_managers = [s for s in fd if s.manager]
        front_door = pop.wf.teams.get("front_door", [])
        self.fd_team_id: UUID | None = front_door[0].id if front_door else None
        self.assessment_managers = [
            pop.wf.managers[t.id]
            for t in pop.wf.teams.get("assessment", ())
            if t.id in pop.wf.managers
        ]
        assessment_teams = pop.wf.teams.get("assessment", [])
        self.default_assessment_team_id = assessment_teams[0].id if assessment_teams else None
        # Families whose children could be the subject of a new contact today.
        self.queue_closed: list[list[Person]] = []
        self.queue_any: list[list[Person]] = []
        self.counts: dict[str, int] = {}

    # Helpers ---------------------------------------------------------------------------

    def _weighted(self, table: Mapping[str, float]) -> str:
        return self.rng.choices(list(table), weights=list(table.values()))[0]

    def _pick(self, table: Sequence[tuple[Any, float]]) -> Any:
        return self.rng.choices([t[0] for t in table], weights=[t[1] for t in table])[0]

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        try:
            return self.calendar.add_working_days(day, n)
        except CalendarRangeError:  # outside the bank-holiday data: weekdays only
            return day + dt.timedelta(days=round(n * 7 / 5))

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        try:
            return self.calendar.working_days_between(a, b)
        except CalendarRangeError:
            return round((b - a).days * 5 / 7)

    def _at(self, day: dt.date, minutes: int) -> dt.datetime:
        """``minutes`` after midnight on ``day``, London time, never later than now."""
        midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=LONDON).astimezone(dt.UTC)
        moment = midnight + dt.timedelta(minutes=minutes)
        # Just before now, but still on ``day`` when that is today and it is just past midnight.
        latest = min(max(self.now - dt.timedelta(minutes=1), midnight), self.now)
        return min(moment, latest)

    def _office_minutes(self) -> int:
        if self.rng.random() < 0.85:
            return self.rng.randint(8 * 60 + 30, 17 * 60 + 30)
        return self.rng.randint(0, 24 * 60 - 1)  # out of hours: police and the emergency team

    def _stamp(self, obj: Any) -> Any:
        obj.id = self.pop._uuid()
        obj.created_at = self.now
        obj.updated_at = self.now
        self.pop._add(obj)
        return obj

    def _screener(self, on: dt.date) -> Any:
        active = [s for s in self.screeners if s.active_on(on)] or self.screeners
        return self.rng.choice(active) if active else None

    def _signer(self, decider: Any) -> Any:
        others = [m for m in self.fd_managers if m.user_id != decider.user_id]
        return self.rng.choice(others) if others else None

    def _age(self, child: "Child", on: dt.date) -> float | None:
        if child.person.date_of_birth is None:
            return None
        return (on - child.person.date_of_birth).days / YEAR

    def _allocation_on(self, child: "Child", on: dt.date) -> Allocation | None:
        for allocation in child.allocations:
            if allocation.started_on <= on and (
                allocation.ended_on is None or allocation.ended_on >= on
            ):
                return allocation
        return None

    def _user_of(self, allocation: Allocation | None) -> int | None:
        if allocation is None:
            return None
        staff = self.pop.staff_by_worker.get(allocation.worker_id)
        return staff.user_id if staff is not None else None

    # A family's history ---------------------------------------------------------------

    def family(self, plan: "FamilyPlan") -> None:
        rng = self.rng
        episodes = sorted(plan.episodes, key=lambda e: e.start)
        events = [_Event(e.start, "referral", e) for e in episodes]
        born = [c.born for c in plan.children if c.person.date_of_birth is not None]
        if not plan.lone and born:
            floor = max(self.pop.window_start, min(born) + dt.timedelta(days=30))
            gaps = self._gaps(floor, episodes)
            extra = [
                self._weighted(cal.OTHER_CONTACT_OUTCOMES)
                for _ in range(self._pick(cal.OTHER_CONTACTS))
            ]
            if rng.random() < cal.NFA_REFERRALS_PER_FAMILY:
                extra.append("nfa_referral")
            for kind in extra:
                on = self._gap_day(gaps)
                if on is not None:
                    events.append(_Event(on, kind))
        events.sort(key=lambda e: (e.on, e.kind != "referral"))
        state = {c.person.id: _ChildState() for c in plan.children}
        for i, event in enumerate(events):
            later = [e.on for e in events[i + 1 :] if e.kind == "referral"]
            next_referral = later[0] if later else None
            self._event(plan, event, state, next_referral)
        if not plan.lone and born:
            living = [
                c.person
                for c in plan.children
                if c.person.date_of_birth is not None and (self._age(c, self.today) or 0) < 17
            ]
            if living:
                if all(e.end is not None for e in plan.episodes):
                    if len(self.queue_closed) < 60:
                        self.queue_closed.append(living)
                elif len(self.queue_any) < 60 and plan.reserved is None:
                    self.queue_any.append(living)

    def _gaps(self, floor: dt.date, episodes: Sequence["Episode"]) -> list[tuple[dt.date, dt.date]]:
        """Periods (inclusive) after ``floor`` and before today when no episode was open."""
        gaps = []
        lo = floor
        last = self.today - dt.timedelta(days=2)
        for e in episodes:
            hi = e.start - dt.timedelta(days=1)
            if hi >= lo:
                gaps.append((lo, min(hi, last)))
            lo = max(lo, (e.end or self.today) + dt.timedelta(days=1))
        if last >= lo:
            gaps.append((lo, last))
        return [(a, b) for a, b in gaps if b >= a]

    def _gap_day(self, gaps: Sequence[tuple[dt.date, dt.date]]) -> dt.date | None:
        if not gaps:
            return None
        a, b = self.rng.choices(gaps, weights=[(b - a).days + 1 for a, b in gaps])[0]
        return a + dt.timedelta(days=self.rng.randint(0, (b - a).days))

    def _on_contact(self, plan: "FamilyPlan", event: _Event) -> list["Child"]:
        """Children born by then; an unborn child only on the open episode's referral."""
        chosen = []
        for child in plan.children:
            if child.person.date_of_birth is None:
                if event.episode is not None and event.episode.end is None:
                    chosen.append(child)
            elif child.person.date_of_birth <= event.on:
                chosen.append(child)
        return chosen

    def _event(
        self,
        plan: "FamilyPlan",
        event: _Event,
        state: dict[UUID, _ChildState],
        next_referral: dt.date | None,
    ) -> None:
        children = self._on_contact(plan, event)
        if not children:
            return
        referral = event.kind in ("referral", "nfa_referral")
        uasc = plan.lone and bool(children[0].person.uasc)
        need = "N8" if uasc else self._weighted(cal.PRIMARY_NEED)
        contact, decision = self._contact(children, event, referral=referral, uasc=uasc, need=need)
        decided_on = decision.decided_at.astimezone(LONDON).date()
        if referral:
            self.pop.protection.referred(event.on, len(children))
        if event.kind == "referral" and event.episode is not None:
            group = self.pop._uuid() if len(children) > 1 else None
            family_factors = self._family_factors()
            written = [
                self._cin_episode(
                    plan,
                    child,
                    event.episode,
                    contact,
                    decision,
                    state[child.person.id],
                    group=group,
                    factors=family_factors,
                    need=need,
                    next_referral=next_referral,
                )
                for child in children
            ]
            self.pop.protection.episode(
                plan,
                event.episode,
                [(child, cin) for child, (cin, _) in zip(children, written, strict=True)],
                decision,
                written[0][1],
            )
            return
        for child in children:
            s = state[child.person.id]
            if event.kind == "nfa_referral":
                # Early help that is open carries on: nothing was opened to step up to.
                self._stamp(
                    CINEpisode(
                        child_id=child.person.id,
                        referral_date=event.on,
                        referral_source=contact.source,
                        referral_nfa=True,
                        primary_need="",
                        is_re_referral=is_re_referral(event.on, s.referrals),
                        closure_date=event.on,
                        closure_reason=NFA_CLOSURE_REASON,
                        contact_id=contact.id,
                        opened_by_id=decision.decided_by_id,
                    )
                )
                s.referrals.append(event.on)
                self._count("nfa_referrals")
                summary = f"Referral from {ReferralSource(contact.source).label}: no further action"
                self._chronology(child, event.on, "Referral", summary)
            else:
                label = ContactOutcome(event.kind).label.lower()
                summary = f"Contact from {ReferralSource(contact.source).label}: {label}"
                self._chronology(child, event.on, "Contact", summary)
                if event.kind == "early_help":
                    self._early_help(child, s, decided_on, contact.id, next_referral)

    def _chronology(self, child: "Child", on: dt.date, category: str, summary: str) -> None:
        self._stamp(
            ChronologyEntry(
                person_id=child.person.id,
                occurred_on=on,
                recorded_at=dt.datetime.combine(on, dt.time(11, 0), tzinfo=dt.UTC),
                category=category,
                summary=summary,
            )
        )

    def _count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    # The front door --------------------------------------------------------------------

    def _referrer(self, source: str) -> tuple[str, str, str]:
        rng = self.rng
        name, org = REFERRERS.get(source, ("", ""))
        words = {
            "given": rng.choice(self.pop.adult_english.girls + self.pop.adult_english.boys),
            "family": rng.choice(self.pop.adult_english.family),
            "stem": rng.choice(pools.STREET_STEMS),
            "school": rng.choice(SCHOOLS),
        }
        if not name:
            return "", "", ""
        if rng.random() < 0.5:
            reach = f"01604 {rng.randint(100_000, 999_999)}"
        else:
            reach = f"{words['given'].lower()}.{words['family'].lower()}@example.org.uk"
        return name.format(**words), org.format(**words), reach

    def _concern(self, source: str, children: Sequence["Child"], *, referral: bool) -> str:
        if referral:
            group = (
                source if source in CONCERNS else source[:1] if source[:1] in CONCERNS else "other"
            )
            templates = CONCERNS[group]
        else:
            templates = LOW_LEVEL_CONCERNS
        name = children[0].person.given_name or "the unborn baby"
        return self.rng.choice(templates).format(
            child=name, parent="mum", level=self.rng.choice(LEVELS)
        )

    def _contact(
        self,
        children: Sequence["Child"],
        event: _Event,
        *,
        referral: bool,
        uasc: bool,
        need: str,
    ) -> tuple[Contact, ContactDecision]:
        rng = self.rng
        uasc_sources = ("6", "5C", "7", "8")
        source = rng.choice(uasc_sources) if uasc else self._weighted(cal.REFERRAL_SOURCES)
        received_at = self._at(event.on, self._office_minutes())
        decider = self._screener(event.on)
        if decider is None:
            raise RuntimeError("The council has no MASH screener to decide on contacts")
        referrer, organisation, reach = self._referrer(source)
        consent = self._weighted(cal.CONSENT)
        rag = self._weighted(cal.RAG["referral" if referral else "other"])
        urgency = self._weighted(cal.URGENCY)
        contact = self._stamp(
            Contact(
                received_at=received_at,
                source=source,
                referrer_name=referrer,
                referrer_organisation=organisation,
                referrer_contact=reach,
                concern=self._concern(source, children, referral=referral),
                consent=consent,
                consent_reason=(
                    "Seeking consent could alert the adult and put the child at risk"
                    if consent == Consent.NOT_NEEDED
                    else ""
                ),
                urgency=Urgency.IMMEDIATE if rag == Rag.RED and urgency == "routine" else urgency,
                rag=rag,
                status=ContactStatus.DECIDED,
                recorded_by_id=decider.user_id,
                screener_id=decider.user_id,
            )
        )
        for child in children:
            self._stamp(ContactChild(contact_id=contact.id, child_id=child.person.id))
        lag = self._pick(cal.DECISION_LAG_WORKING_DAYS)
        if rag == Rag.RED:
            lag = 0
        if lag == 0:
            decided_at = received_at + dt.timedelta(minutes=rng.randint(20, 300))
            local = received_at.astimezone(LONDON)
            end_of_day = dt.datetime.combine(local.date(), dt.time(23, 50), tzinfo=LONDON)
            decided_at = min(decided_at, end_of_day.astimezone(dt.UTC))
        else:
            day = self.add_working_days(received_at.astimezone(LONDON).date(), lag)
            decided_at = self._at(day, rng.randint(9 * 60, 17 * 60 + 30))
        decided_at = max(min(decided_at, self.now - dt.timedelta(seconds=30)), received_at)
        if rng.random() < cal.AGENCY_CHECKS_SHARE["referral" if referral else "other"]:
            self._checks(contact, decider, received_at, decided_at)
        outcome = ContactOutcome.REFERRAL if referral else ContactOutcome(event.kind)
        route: str
        if event.kind == "referral":
            reasons = REASONS["referral"].format(why=rng.choice(WHY))
            route = (
                ReferralRoute.STRATEGY_DISCUSSION if rag == Rag.RED else ReferralRoute.ASSESSMENT
            )
        else:
            reasons = REASONS[event.kind]
            route = ReferralRoute.OTHER if referral else ""
            need = "N0" if referral else ""
        signer = self._signer(decider)
        signed_at = None
        # Only the last fortnight's decisions may still await sign-off: a manager's backlog
        # does not reach back years.
        recent = decided_at > self.now - dt.timedelta(days=cal.SIGN_OFF_BACKLOG_DAYS)
        if signer is not None and (rng.random() < cal.SIGNED_OFF_SHARE or not recent):
            signed_at = decided_at + dt.timedelta(minutes=rng.randint(10, 26 * 60))
            if signed_at > self.now:
                signed_at, signer = None, None
        else:
            signer = None
        decision = self._stamp(
            ContactDecision(
                contact_id=contact.id,
                outcome=outcome,
                route=route,
                primary_need=need,
                reasons=reasons,
                decided_by_id=decider.user_id,
                decided_at=decided_at,
                signed_off_by_id=signer.user_id if signer else None,
                signed_off_at=signed_at,
            )
        )
        if signer is not None:
            contact.status = ContactStatus.SIGNED_OFF
        self._count("contacts_" + str(outcome))
        return contact, decision

    def _checks(self, contact: Contact, decider: Any, start: dt.datetime, end: dt.datetime) -> None:
        rng = self.rng
        n = rng.choice((1, 1, 2, 2, 3))
        agencies: list[str] = []
        while len(agencies) < n:
            agency = self._pick(CHECK_AGENCIES)
            if agency not in agencies:
                agencies.append(agency)
        span = max((end - start).total_seconds(), 0.0)
        for agency in agencies:
            asked = start + dt.timedelta(seconds=span * rng.uniform(0.0, 0.4))
            back = asked + dt.timedelta(seconds=(end - asked).total_seconds() * rng.uniform(0.3, 1))
            self._stamp(
                AgencyCheck(
                    contact_id=contact.id,
                    agency=agency,
                    requested_at=asked,
                    requested_by_id=decider.user_id,
                    returned_at=back,
                    summary=rng.choice(CHECK_SUMMARIES.get(agency, ("No information held.",))),
                )
            )

    # Casework --------------------------------------------------------------------------

    def _family_factors(self) -> list[str]:
        n = self._pick(cal.FACTOR_COUNT)
        codes: list[str] = []
        while len(codes) < n:
            code = self._weighted(cal.FAMILY_FACTORS)
            if code not in codes:
                codes.append(code)
        return codes

    def _factors(
        self, child: "Child", family: list[str], on: dt.date, *, in_need: bool
    ) -> list[str]:
        rng = self.rng
        if rng.random() < cal.NO_FACTORS["in_need" if in_need else "not_in_need"]:
            return ["21"]
        codes = list(family)
        age = self._age(child, on)
        if age is not None and age >= 10 and rng.random() < 0.25:
            code = self._weighted(cal.CHILD_FACTORS)
            if code not in codes:
                codes = [*codes[:2], code]
        if child.person.uasc:
            codes = ["9A", *[c for c in codes if c != "9A"][:2]]
        return sorted(codes)

    def _primary_need(
        self, plan: "FamilyPlan", child: "Child", kind: str, need: str, *, closed_after: bool
    ) -> str:
        if child.person.uasc:
            return "N8"
        if kind == "disabled_children" and child is plan.children[0]:
            return "N2"
        if closed_after and self.rng.random() < cal.NOT_IN_NEED_N9:
            return "N9"
        return need

    def _closure_reason(self, child: "Child", kind: str, on: dt.date) -> str:
        age = self._age(child, on)
        if age is not None and age >= 17.5:
            return "RC6" if kind == "disabled_children" and self.rng.random() < 0.5 else "RC7"
        reason = self._weighted(cal.CLOSURE_REASONS.get(kind, cal.CLOSURE_REASONS["cin_cp"]))
        if reason == "RC1" and (age is None or age >= 10):
            return "RC7"
        return reason

    def _step_up(self, s: _ChildState, episode: CINEpisode | None, on: dt.date) -> None:
        """A referral while early help is open closes it (stepped up when it opened a CIN
        episode that goes on; closed as other for an NFA referral)."""
        eh = s.early_help
        if eh is None or eh.closed_on is not None:
            return
        eh.closed_on = max(on, eh.started_on)
        if eh.assessment_completed_on is not None and eh.assessment_completed_on > eh.closed_on:
            eh.assessment_completed_on = None
        if eh.assessment_started_on is not None and eh.assessment_started_on > eh.closed_on:
            eh.assessment_started_on = None
            eh.assessment_completed_on = None
        if episode is not None:
            eh.closure_reason = EarlyHelpClosureReason.STEPPED_UP
            eh.stepped_up_episode_id = episode.id
            self._count("early_help_stepped_up")
        else:
            eh.closure_reason = EarlyHelpClosureReason.OTHER

    def _early_help(
        self,
        child: "Child",
        s: _ChildState,
        start: dt.date,
        contact_id: UUID | None,
        next_referral: dt.date | None,
    ) -> None:
        rng = self.rng
        if start > self.today or (next_referral is not None and start >= next_referral):
            return
        if s.early_help is not None and (
            s.early_help.closed_on is None or s.early_help.closed_on >= start
        ):
            return  # already open: the new information goes to the lead practitioner
        planned = start + dt.timedelta(days=rng.randint(*cal.EARLY_HELP_DAYS))
        closed: dt.date | None = planned
        reason = self._weighted(cal.EARLY_HELP_CLOSURE)
        if next_referral is not None and planned >= next_referral:
            closed, reason = None, ""  # still open when the referral comes: stepped up then
        elif planned >= self.today:
            closed, reason = None, ""
        limit = closed or next_referral or self.today
        a_start = start + dt.timedelta(days=rng.randint(0, 14))
        a_done = a_start + dt.timedelta(days=rng.randint(10, 40))
        words = {"stem": rng.choice(pools.STREET_STEMS), "school": rng.choice(SCHOOLS)}
        eh = self._stamp(
            EarlyHelpEpisode(
                child_id=child.person.id,
                started_on=start,
                assessment_started_on=a_start if a_start <= limit else None,
                assessment_completed_on=a_done if a_done <= limit and a_start <= limit else None,
                organisation=rng.choice(EARLY_HELP_ORGS).format(**words),
                lead_practitioner=(
                    f"{rng.choice(self.pop.adult_english.girls)} "
                    f"{rng.choice(self.pop.adult_english.family)}"
                ),
                closed_on=closed,
                closure_reason=reason,
                contact_id=contact_id,
            )
        )
        if a_done > self.today and eh.assessment_completed_on is not None:
            eh.assessment_completed_on = None
        if eh.assessment_started_on is not None and eh.assessment_started_on > self.today:
            eh.assessment_started_on = None
            eh.assessment_completed_on = None
        s.early_help = eh
        self._count("early_help")

    def _cin_episode(
        self,
        plan: "FamilyPlan",
        child: "Child",
        episode: "Episode",
        contact: Contact,
        decision: ContactDecision,
        s: _ChildState,
        *,
        group: UUID | None,
        factors: list[str],
        need: str,
        next_referral: dt.date | None,
    ) -> tuple[CINEpisode, dt.date | None]:
        """Write the child's episode and assessment; returns the episode and the date the
        assessment was completed (None while it is under way)."""
        rng = self.rng
        referral = episode.start
        first_kind, _, first_end = episode.segments[0]
        long_kinds = [k for k, _, _ in episode.segments if k != "assessment"]
        kind = long_kinds[0] if long_kinds else "assessment"
        # When the assessment was authorised: the end of the history's assessment segment.
        # Lone children (care leavers, UASC) go straight to care, so theirs is drawn here.
        if first_kind == "assessment":
            authorised = first_end
        else:
            wd = self.pop._assessment_working_days()
            authorised = self.add_working_days(referral, wd)
            if authorised >= self.today:
                authorised = None
        closure: dt.date | None = episode.end
        if plan.lone and any(k == "care_leavers" for k, _, _ in episode.segments):
            closure = next(s for k, s, _ in episode.segments if k == "care_leavers")
        if closure is not None and authorised is not None and authorised > closure:
            authorised = closure
        if closure is not None and authorised is None:
            authorised = closure
        closed_after = closure is not None and not long_kinds
        if closed_after:
            reason: str = (
                ClosureReason.AFTER_ASSESSMENT_EARLY_HELP
                if rng.random() < cal.STEP_DOWN_SHARE
                else ClosureReason.AFTER_ASSESSMENT_NFA
            )
        elif closure is not None:
            closing_kind = "children_in_care" if plan.lone else long_kinds[-1]
            reason = self._closure_reason(child, closing_kind, closure)
        else:
            reason = ""
        primary_need = self._primary_need(plan, child, kind, need, closed_after=closed_after)
        cin = self._stamp(
            CINEpisode(
                child_id=child.person.id,
                referral_date=referral,
                referral_source=contact.source,
                referral_nfa=False,
                primary_need=primary_need,
                is_re_referral=is_re_referral(referral, s.referrals),
                closure_date=closure,
                closure_reason=reason,
                contact_id=contact.id,
                opened_by_id=decision.decided_by_id,
            )
        )
        s.referrals.append(referral)
        self._step_up(s, cin, referral)
        # As ``referral_open`` does: the child needs an allocated worker while it is open.
        self._stamp(
            OpenCase(
                child_id=child.person.id,
                kind=CaseKind.CHILD_IN_NEED,
                opened_on=referral,
                closed_on=closure,
                subject_type=CINEpisode._meta.label_lower,
                subject_id=str(cin.id),
            )
        )
        # The assessment.
        decided_on = decision.decided_at.astimezone(LONDON).date()
        limit = authorised or self.today
        start = self.add_working_days(referral, rng.choice((0, 0, 0, 1, 1, 2)))
        start = min(max(start, decided_on), limit)
        completed = None
        if authorised is not None:
            completed = max(start, authorised - dt.timedelta(days=rng.choice((0, 0, 1, 2, 3))))
        seen: dt.date | None = start + dt.timedelta(days=rng.randint(0, 8))
        if seen is not None and seen > (completed or self.today):
            seen = completed if completed is not None else None
        age = self._age(child, referral)
        if age is None:
            seen, alone, wishes = None, None, ""
        else:
            alone = age >= 5 and rng.random() < 0.8
            band = "baby" if age < 2 else "young" if age < 6 else "child" if age < 12 else "teen"
            wishes = rng.choice(WISHES[band]).format(name=child.person.given_name)
            if seen is None:
                alone, wishes = None, ""
        if closed_after:
            outcome = (
                AssessmentOutcome.EARLY_HELP
                if reason == ClosureReason.AFTER_ASSESSMENT_EARLY_HELP
                else AssessmentOutcome.NO_FURTHER_ACTION
            )
        elif plan.cp or (kind == "children_in_care" and rng.random() < 0.7):
            outcome = AssessmentOutcome.STRATEGY_DISCUSSION
        else:
            outcome = AssessmentOutcome.CHILD_IN_NEED
        allocation = self._allocation_on(child, start)
        team_id = allocation.team_id if allocation is not None else None
        manager = self.pop.wf.managers.get(team_id) if team_id is not None else None
        if manager is None and self.assessment_managers:
            manager = rng.choice(self.assessment_managers)
        assessment = self._stamp(
            Assessment(
                episode_id=cin.id,
                child_id=child.person.id,
                group_id=group,
                start_date=start,
                child_seen_on=seen,
                seen_alone=alone,
                wishes_and_feelings=wishes,
                completed_on=completed,
                outcome=outcome if completed is not None else "",
                authorised_on=authorised if manager is not None else None,
                authorised_by_id=manager.pk if manager is not None and authorised else None,
                started_by_id=self._user_of(allocation),
            )
        )
        if completed is not None:
            for code in self._factors(child, factors, completed, in_need=not closed_after):
                self._stamp(IdentifiedFactor(assessment_id=assessment.id, code=code))
        if authorised is not None and self.working_days_between(referral, authorised) <= 45:
            self._count("assessments_within_45")
        if authorised is None:  # still being assessed: the clock is the current worker's
            current = next((x for x in child.allocations if x.ended_on is None), None)
            self._assessment_clock(child, cin, referral, current)
        if reason == ClosureReason.AFTER_ASSESSMENT_EARLY_HELP and closure is not None:
            step_down = closure + dt.timedelta(days=rng.randint(0, 10))
            self._early_help(child, s, min(step_down, self.today), None, next_referral)
        return cin, completed

    def _assessment_clock(
        self, child: "Child", cin: CINEpisode, referral: dt.date, allocation: Allocation | None
    ) -> None:
        team = allocation.team_id if allocation is not None else None
        if team is None:
            team = self.default_assessment_team_id
        self._deadline(
            child.person.id,
            ASSESSMENT_RULE,
            referral,
            assignee=self._user_of(allocation),
            team=team,
            subject=(EPISODE_LABEL, cin.id),
        )

    def _deadline(
        self,
        child_id: UUID,
        rule_id: str,
        start: dt.date,
        *,
        assignee: int | None,
        team: UUID | None,
        subject: tuple[str, UUID],
    ) -> None:
        try:
            rule = RULEBOOK.get(rule_id, start)
            due_on = rule.due(start, self.calendar)
        except (KeyError, ValueError):
            return
        self._stamp(
            Deadline(
                child_id=child_id,
                rule_id=rule.id,
                rule_version=rule.version,
                title=rule.title,
                due_on=due_on,
                status=DeadlineStatus.OPEN,
                assignee_id=assignee,
                team_id=team,
                subject_type=subject[0],
                subject_id=str(subject[1]),
            )
        )

    # Today's front-door queue ---------------------------------------------------------

    def _working_days_back(self, n: int) -> dt.date:
        day = self.today
        while n > 0:
            day -= dt.timedelta(days=1)
            if day.weekday() < 5 and day not in self.calendar.holidays:
                n -= 1
        return day

    def queue(self) -> None:
        """Contacts received in the last few working days and not yet decided: some not yet
        screened, some rated red, amber or green with checks out; some past their due date."""
        rng = self.rng
        families = self.queue_closed + self.queue_any
        if not families:
            return
        n = max(cal.QUEUE_PER_TEAM * len(self.pop.wf.teams.get("front_door", [])), 1)
        # (working days ago, RAG): two unrated today; the rest rated, two of them overdue.
        plan = [
            (0, ""),
            (0, Rag.RED),
            (0, ""),
            (1, Rag.AMBER),
            (1, Rag.GREEN),
            (2, Rag.RED),
            (3, Rag.AMBER),
            (0, Rag.GREEN),
        ]
        picked = rng.sample(range(len(families)), min(n, len(families)))
        for i, index in enumerate(picked):
            back, rag = plan[i % len(plan)]
            day = self._working_days_back(back)
            if back == 0 and day != self.today:
                day = self.today
            children = families[index]
            received_at = self._at(day, rng.randint(8 * 60, 16 * 60))
            source = self._weighted(cal.REFERRAL_SOURCES)
            referrer, organisation, reach = self._referrer(source)
            consent = self._weighted(cal.CONSENT)
            screener = self._screener(day) if rag else None
            contact = self._stamp(
                Contact(
                    received_at=received_at,
                    source=source,
                    referrer_name=referrer,
                    referrer_organisation=organisation,
                    referrer_contact=reach,
                    concern=rng.choice(CONCERNS.get(source, CONCERNS["other"])).format(
                        child=children[0].given_name, parent="mum", level=rng.choice(LEVELS)
                    ),
                    consent=consent,
                    consent_reason=(
                        "Seeking consent could alert the adult and put the child at risk"
                        if consent == Consent.NOT_NEEDED
                        else ""
                    ),
                    urgency=Urgency.IMMEDIATE if rag == Rag.RED else self._weighted(cal.URGENCY),
                    rag=rag,
                    status=ContactStatus.SCREENING if rag else ContactStatus.AWAITING_SCREENING,
                    recorded_by_id=screener.user_id if screener else None,
                    screener_id=screener.user_id if screener else None,
                )
            )
            if rag:
                asked = received_at + dt.timedelta(minutes=rng.randint(10, 90))
                self._stamp(
                    AgencyCheck(
                        contact_id=contact.id,
                        agency=CheckAgency.POLICE,
                        requested_at=min(asked, self.now - dt.timedelta(seconds=10)),
                        requested_by_id=screener.user_id if screener else None,
                    )
                )
            for person in children:
                self._stamp(ContactChild(contact_id=contact.id, child_id=person.id))
                self._deadline(
                    person.id,
                    DECISION_RULE,
                    day,
                    assignee=None,
                    team=self.fd_team_id,
                    subject=(CONTACT_LABEL, contact.id),
                )
                label = ReferralSource(source).label
                self._stamp(
                    ChronologyEntry(
                        person_id=person.id,
                        occurred_on=day,
                        recorded_at=received_at,
                        category="Contact",
                        summary=f"Contact received from {label}",
                    )
                )
            self._count("queue_contacts")
