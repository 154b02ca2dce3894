"""The work on each period of care, written in bulk: reviews, visits, plans, health and
education, adoption, and the director's sign-off and reviews of a placement in a setting not
registered with Ofsted; and for a period open today, the clocks the services would have left
running (docs/care.md).

Each record follows the statutory timescales it is measured against (``timescales.rules``):
the first review within 20 working days, the second within 3 months, then every 6; visits by
the CPPCR reg 28 variant ``timescales.care_visits.next_visit_rule`` picks for the placement,
from the last visit at which the child was seen; the care plan within 10 working days and the
placement plan within the local setting; the health assessment before the first review and
then every 6 or 12 months; the SDQ every year from 4 to 16; the PEP within 10 working days and
each term. Most are on time, some late (``calibration``), and a share of today's children have a
visit, care plan or placement plan outstanding, so the overdue ones show on the worklists.
At the large scale, only the last ``Scale.plan_detail_months`` of visits, reviews, health and
education records are written, as for the protection pathway.
"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from haven.care.enums import (
    AdopterLegalStatus,
    AdopterSex,
    AdoptionCeasedReason,
    CarePlanKind,
    ContactMethod,
    HealthCheckKind,
    IrregularRequestStatus,
    IrregularReviewDecision,
    LegalStatus,
    PermanenceOption,
    ReviewParticipation,
    SdqReason,
)
from haven.care.models import (
    AdoptionPlan,
    CarePlan,
    CareVisit,
    Conviction,
    HealthCheck,
    IROContact,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    LookedAfterReview,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
    UascStatus,
)
from haven.care.rules import PlacementDetails
from haven.synthetic import calibration as cal
from haven.synthetic import care_text as text
from haven.synthetic import pools
from haven.synthetic.referrals import SCHOOLS
from haven.timescales.calendar import add_months
from haven.timescales.care_visits import VisitFacts, next_visit_rule

if TYPE_CHECKING:
    from haven.synthetic.care import CareRecords, Period, Stay

#: A PEP is made for children from 3 to 17 (``care.services.period.PEP_AGES``).
PEP_AGES = range(3, 18)
SDQ_AGES = range(4, 17)
#: Why a child of those ages has no SDQ score (903 SDQ_REASON; SDQ1 is for other ages).
NO_SDQ = (SdqReason.SDQ2, SdqReason.SDQ3, SdqReason.SDQ4, SdqReason.SDQ5)
IRREGULAR_RULE = "irregular-placement-review"


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def birthday(born: dt.date, years: int) -> dt.date:
    """The day a child born on ``born`` turns ``years`` (29 February: 1 March)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def deficit_pick(
    rng: random.Random,
    targets: Mapping[str, float],
    counts: Counter[str],
    eligible: Sequence[str],
    bias: Mapping[str, float] | None = None,
) -> str:
    """A category among ``eligible``, drawn by how far each is below its share of the
    ``targets`` so far: the mix of what has been drawn stays near the targets."""
    total = sum(targets.values())
    n = sum(counts.values()) + 10
    weights = [
        max(targets.get(k, 0.0) / total * n - counts[k], 0.05 * targets.get(k, 0.0) / total + 0.01)
        * (bias or {}).get(k, 1.0)
        for k in eligible
    ]
    return rng.choices(list(eligible), weights=weights)[0]


class CareWork:
    """Writes the work on a period of care, and its open clocks."""

    def __init__(self, care: "CareRecords") -> None:
        self.care = care
        self.rng = care.rng
        self.today = care.today
        #: Today's children, looked after for two weeks or more, with and without a care plan.
        self.care_plans: Counter[str] = Counter()

    def _text(self, options: tuple[str, ...], p: "Period") -> str:
        return self.rng.choice(options).format(name=p.child.person.given_name or "the child")

    def period(self, p: "Period") -> None:
        self._adoption(p)
        if p.uasc and p.at18 and p.end is not None:
            self.care._row(UascStatus(child_id=p.child.person.id, ceased_on=p.end))
        if p.end is not None and not self.care.detailed(p.end):
            return  # ended before the records of the work kept at this scale
        reviews = self._reviews(p)
        first_review = reviews[0] if reviews else None
        for stay in p.stays:
            if not stay.temporary and (stay.end is None or self.care.detailed(stay.end)):
                self._visits(p, stay, first_review)
        self._plans(p, reviews)
        self._health(p)
        self._education(p)
        self._oc2(p)
        if p.end is None:
            self.care.leavers.in_care(p)

    # Reviews ---------------------------------------------------------------------------

    def _reviews(self, p: "Period") -> list[dt.date]:
        """Looked-after reviews held (first within 20 working days, the second within 3
        months, then every 6), and for an open period the clock for the next one."""
        care, rng = self.care, self.rng
        limit = min(p.end - days(1) if p.end is not None else self.today, self.today)
        held: list[dt.date] = []
        rule, since = "lac-review-first", p.start
        while True:
            due = care.due(rule, since)
            if rng.random() < cal.CARE_REVIEW_LATE:
                on = due + days(rng.randint(1, 21))
            else:
                on = due - days(rng.randint(0, min(15, max((due - since).days - 1, 0))))
            on = care.on_or_before(on)
            if on <= since:
                on = since + days(1)
            if on > limit:
                break
            held.append(on)
            rule = "lac-review-second" if len(held) == 1 else "lac-review-subsequent"
            since = on
        for n, on in enumerate(held, start=1):
            # The first review and the latest are kept whatever their age: the visiting
            # pattern and the next review are worked out from them.
            if care.detailed(on) or n in (1, len(held)):
                self._review(p, on, first=n == 1)
        self._iro_contacts(p, [p.start, *held], limit)
        if p.end is None and p.row is not None:
            care.clock(p.child, rule, since, p.row)
        return held

    def _iro_contacts(self, p: "Period", marks: Sequence[dt.date], limit: dt.date) -> None:
        """The reviewing officer's contacts with the child between reviews (Annex A List 8):
        most often one before each review, sometimes another, by a mix of means."""
        care, rng = self.care, self.rng
        if p.row is None:
            return
        for since, until in zip(marks, [*marks[1:], limit], strict=True):
            if (until - since).days < 14:
                continue
            n = sum(rng.random() < share for share in cal.IRO_CONTACTS_BETWEEN_REVIEWS)
            gap = (until - since).days
            for on in sorted(since + days(rng.randint(7, gap - 1)) for _ in range(n)):
                iro = care.iro_on(on)
                if iro is None or not care.detailed(on):
                    continue
                method = rng.choices(list(ContactMethod), weights=cal.IRO_CONTACT_METHODS)[0]
                care._row(
                    IROContact(
                        child_id=p.child.person.id,
                        period_id=p.row.id,
                        contact_on=on,
                        iro_id=iro,
                        method=method,
                        notes=self._text(text.IRO_CONTACT_NOTES, p),
                    )
                )
                care.count("iro_contacts")

    def _review(self, p: "Period", on: dt.date, *, first: bool) -> None:
        care = self.care
        chair = care.iro_on(on)
        if chair is None or p.row is None:
            return
        participation: str = ReviewParticipation.PN0
        if p.age(on) >= 4:
            participation = self.rng.choices(
                ("PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"), weights=(55, 5, 4, 5, 10, 13, 8)
            )[0]
        review = care._row(
            LookedAfterReview(
                child_id=p.child.person.id,
                period_id=p.row.id,
                held_on=on,
                chair_id=chair,
                participation=participation,
                child_views=self._text(text.CHILD_VIEWS, p) if participation != "PN0" else "",
                decisions=self.rng.choice(text.REVIEW_DECISIONS),
                recorded_by_id=chair,
            )
        )
        summary = "First looked-after review" if first else "Looked-after review"
        care.chronology(p.child, on, summary, review)
        care.count("reviews")

    # Visits ----------------------------------------------------------------------------

    def _facts(
        self, p: "Period", stay: "Stay", on: dt.date, last: dt.date | None, first: dt.date | None
    ) -> VisitFacts:
        order_at_home = next(
            (
                day
                for day, code in p.statuses
                if code == LegalStatus.C2
                and stay.start < day
                and (stay.end is None or day < stay.end)
            ),
            None,
        )
        return VisitFacts(
            placed_on=stay.start,
            place=stay.place,
            legal_status=p.status_on(on),
            regime=stay.regime,
            long_term=stay.long_term,
            child_agreed_fewer_visits=stay.agreed_fewer,
            first_review_held=first is not None and first <= on,
            last_visit=last,
            care_order_at_home_on=order_at_home if order_at_home and order_at_home <= on else None,
        )

    def _visits(self, p: "Period", stay: "Stay", first_review: dt.date | None) -> None:
        """Statutory visits by the variant the placement calls for, each from the last at
        which the child was seen: mostly in time, some late, a few where the child was not
        seen; none while the child waits for a worker. On some of today's placements they
        have lapsed, so the visit clock is overdue."""
        care, rng = self.care, self.rng
        limit = min(stay.end - days(1) if stay.end is not None else self.today, self.today)
        last_seen: dt.date | None = None
        cursor = stay.start
        if stay.start < care.detail_from:
            # Visits before the records kept were made on time; only the last is known.
            cursor = care.detail_from - days(rng.randint(1, 28))
            last_seen = cursor if cursor >= stay.start else None
        visits: list[tuple[dt.date, bool, int | None]] = []
        tried = last_seen is not None
        while True:
            picked = next_visit_rule(self._facts(p, stay, cursor, last_seen, first_review))
            if picked is None:
                return
            rule_id, since = picked
            due = care.due(rule_id, since)
            gap = max((due - since).days, 1)
            if rng.random() < cal.CARE_VISIT_LATE:
                on = due + days(rng.randint(1, 14))
            else:
                on = since + days(rng.randint(max(1, int(gap * 0.6)), gap))
            on = max(on, stay.start, cursor + days(1) if tried else stay.start)
            tried = True
            if on > limit:
                break
            worker = care.user_on(p.child, on)
            seen = worker is not None and rng.random() >= cal.CARE_CHILD_NOT_SEEN
            if worker is not None:
                visits.append((on, seen, worker))
            cursor = on
            if seen:
                last_seen = on
        if p.end is None and stay.end is None and rng.random() < cal.CARE_VISITS_LAPSED:
            visits, last_seen = self._lapse(p, stay, visits, first_review, last_seen)
        for on, seen, worker in visits:
            if care.detailed(on) or (seen and on == last_seen):  # the next is due from it
                self._visit(p, stay, on, seen, worker)
        if p.end is None and stay.end is None and stay.row is not None:
            picked = next_visit_rule(self._facts(p, stay, self.today, last_seen, first_review))
            if picked is not None:
                care.clock(p.child, picked[0], picked[1], stay.row)

    def _lapse(
        self,
        p: "Period",
        stay: "Stay",
        visits: list[tuple[dt.date, bool, int | None]],
        first_review: dt.date | None,
        last_seen: dt.date | None,
    ) -> tuple[list[tuple[dt.date, bool, int | None]], dt.date | None]:
        """Drop the latest visits until the next one is overdue today."""
        while visits:
            seen_days = [on for on, seen, _ in visits if seen]
            last_seen = seen_days[-1] if seen_days else None
            facts = self._facts(p, stay, self.today, last_seen, first_review)
            picked = next_visit_rule(facts)
            if picked is None or self.care.due(*picked) < self.today - days(2):
                break
            visits = visits[:-1]
        seen_days = [on for on, seen, _ in visits if seen]
        return visits, (seen_days[-1] if seen_days else None)

    def _visit(
        self, p: "Period", stay: "Stay", on: dt.date, seen: bool, worker: int | None
    ) -> None:
        care = self.care
        if stay.row is None or p.row is None:
            return
        alone = seen and p.age(on) >= 5 and self.rng.random() < 0.7
        visit = care._row(
            CareVisit(
                child_id=p.child.person.id,
                period_id=p.row.id,
                placement_id=stay.row.id,
                visited_on=on,
                child_seen=seen,
                seen_alone=alone if seen else None,
                bedroom_seen=seen and self.rng.random() < 0.8,
                child_said=self._text(text.VISIT_SAID, p) if seen else "",
                observations="" if seen else self._text(text.VISIT_NOT_SEEN, p),
                visitor_id=worker,
            )
        )
        if seen:
            summary = "Statutory visit: child seen" + (" alone" if alone else ", not alone")
        else:
            summary = "Statutory visit: child not seen"
        care.chronology(p.child, on, summary, visit)
        care.count("visits")

    # Plans -----------------------------------------------------------------------------

    def _plans(self, p: "Period", reviews: list[dt.date]) -> None:
        """The care plan (missing for ``CARE_PLAN_MISSING`` of today's children), revised at
        some reviews; a placement plan for each placement; the permanence plan by the second
        review."""
        care, rng = self.care, self.rng
        assert p.row is not None
        child = p.child
        limit = min(p.end - days(1) if p.end is not None else self.today, self.today)
        missing = False
        if p.end is None and (self.today - p.start).days > 14:
            # Held at the share, as the mixes today are: few children, and a visible figure.
            shares = {"missing": cal.CARE_PLAN_MISSING, "made": 1 - cal.CARE_PLAN_MISSING}
            drawn = deficit_pick(rng, shares, self.care_plans, list(shares))
            self.care_plans[drawn] += 1
            missing = drawn == "missing"
        wd = rng.randint(0, 10) if rng.random() > 0.1 else rng.randint(11, 25)
        made = care.add_wd(p.start, wd)
        if missing or made > limit:
            if p.end is None:
                care.clock(child, "care-plan", p.start, p.row)
            care.count("no_care_plan" if p.end is None else "closed_no_care_plan")
        else:
            self._plan(p, CarePlanKind.CARE, made, self._text(text.CARE_PLAN, p))
            for on in reviews[1:]:
                if care.detailed(on) and rng.random() < 0.5:
                    self._plan(p, CarePlanKind.CARE, on, self._text(text.CARE_PLAN, p))
        if len(reviews) >= 2:
            on = max(reviews[1] - days(rng.randint(0, 20)), p.start)
            option = self._permanence(p)
            summary = text.PERMANENCE[option].format(name=child.person.given_name)
            self._plan(p, CarePlanKind.PERMANENCE, on, summary, option=option)
        for stay in p.stays:
            if stay.temporary or (stay.end is not None and stay.end < care.detail_from):
                continue
            current = p.end is None and stay.end is None
            wd = rng.randint(0, 5) if rng.random() > 0.1 else rng.randint(6, 15)
            on = care.add_wd(stay.start, wd)
            stay_limit = min(stay.end - days(1) if stay.end is not None else limit, limit)
            if (current and rng.random() < cal.PLACEMENT_PLAN_MISSING) or on > stay_limit:
                if current and stay.row is not None:
                    care.clock(child, "placement-plan", stay.start, stay.row)
                    care.count("no_placement_plan")
                continue
            self._plan(p, CarePlanKind.PLACEMENT, on, rng.choice(text.PLACEMENT_PLAN), stay=stay)

    def _plan(
        self,
        p: "Period",
        kind: str,
        on: dt.date,
        summary: str,
        *,
        option: str = "",
        stay: "Stay | None" = None,
    ) -> None:
        assert p.row is not None
        self.care._row(
            CarePlan(
                child_id=p.child.person.id,
                period_id=p.row.id,
                kind=kind,
                placement_id=stay.row.id if stay is not None and stay.row is not None else None,
                completed_on=on,
                permanence_option=option,
                summary=summary,
                recorded_by_id=self.care.user_on(p.child, on),
            )
        )
        self.care.count(f"plans_{kind}")

    def _permanence(self, p: "Period") -> str:
        """The permanence option (Annex A) that fits where the period was heading."""
        if p.adoption is not None:
            return PermanenceOption.ADOPTION
        if p.final == "parents" or p.rec in ("E4A", "E4B"):
            return PermanenceOption.RETURN_HOME
        if p.rec in ("E41", "E45", "E46", "E47", "E48"):
            return PermanenceOption.SGO_CAO
        if p.final in ("supported",) or p.age(p.end or self.today) >= 16:
            return PermanenceOption.SUPPORTED_LIVING
        if p.final in ("foster_kin", "foster_inhouse", "foster_agency"):
            return PermanenceOption.LONG_TERM_FOSTERING
        if p.final in ("home", "unregistered", "secure"):
            return PermanenceOption.LONG_TERM_RESIDENTIAL
        return PermanenceOption.OTHER

    # Health and education --------------------------------------------------------------

    def _health(self, p: "Period") -> None:
        """The initial health assessment before the first review; reviews every 6 months under
        5 and every 12 from 5; a dental check a year; the SDQ every year from 4 to 16."""
        care, rng = self.care, self.rng
        assert p.row is not None
        limit = min(p.end - days(1) if p.end is not None else self.today, self.today)
        late = rng.random() < cal.HEALTH_LATE
        last = p.start + days(rng.randint(28, 60) if late else rng.randint(3, 27))
        if last > limit:
            if p.end is None:
                care.clock(p.child, "initial-health-assessment", p.start, p.row)
            return
        assessments = [(HealthCheckKind.INITIAL, last)]
        while True:
            months = 6 if p.age(last) < 5 else 12
            due = add_months(last, months)
            if rng.random() < cal.HEALTH_LATE:
                nxt = due + days(rng.randint(1, 45))
            else:
                nxt = due - days(rng.randint(0, 30))
            if nxt > limit:
                break
            assessments.append((HealthCheckKind.REVIEW, nxt))
            self._check(p, HealthCheckKind.IMMUNISATIONS, nxt)
            last = nxt
        for kind, on in assessments:
            self._check(p, kind, on, keep=on == last)  # the next is due from the latest
        if p.end is None:
            rule = (
                "review-health-assessment-under-5"
                if p.age(last) < 5
                else "review-health-assessment-5-and-over"
            )
            care.clock(p.child, rule, last, p.row)
        dental = p.start + days(rng.randint(30, 200))
        while dental <= limit:
            if p.age(dental) >= 1:
                self._check(p, HealthCheckKind.DENTAL, dental)
            dental = add_months(dental, 12) - days(rng.randint(0, 40))
        self._sdq(p, limit)

    def _check(self, p: "Period", kind: str, on: dt.date, *, keep: bool = False) -> None:
        if not (keep or self.care.detailed(on)):
            return
        self.care._row(
            HealthCheck(
                child_id=p.child.person.id,
                kind=kind,
                completed_on=on,
                outcome=self.rng.choice(text.HEALTH) if kind != HealthCheckKind.DENTAL else "",
                recorded_by_id=self.care.user_on(p.child, on),
            )
        )
        self.care.count("health_checks")

    def _sdq(self, p: "Period", limit: dt.date) -> None:
        care, rng = self.care, self.rng
        on = p.start + days(rng.randint(60, 300))
        made: list[dt.date] = []
        while on <= limit:
            if p.age(on) in SDQ_AGES:
                made.append(on)
            on = add_months(on, 12) - days(rng.randint(0, 30))
        last = made[-1] if made else None
        for on in made:
            if not (care.detailed(on) or on == last):
                continue
            reason = ""
            score: int | None = max(0, min(40, round(rng.gauss(14, 6))))
            if rng.random() < 0.08:
                score = None
                reason = rng.choice(NO_SDQ)
            care._row(
                StrengthsAndDifficulties(
                    child_id=p.child.person.id, completed_on=on, score=score, reason=reason
                )
            )
            care.count("sdqs")
        if p.end is None and last is not None and p.age(self.today) in SDQ_AGES and p.row:
            care.clock(p.child, "sdq", last, p.row)

    def _education(self, p: "Period") -> None:
        """The PEP within 10 working days for a child of 3 to 17, reviewed each term."""
        care, rng = self.care, self.rng
        assert p.row is not None
        limit = min(p.end - days(1) if p.end is not None else self.today, self.today)
        from_ = p.start
        if p.age(from_) not in PEP_AGES:
            from_ = max(p.start, birthday(p.child.born, 3))
        if p.age(from_) not in PEP_AGES or from_ > limit:
            return
        school = f"{rng.choice(pools.STREET_STEMS)} {rng.choice(SCHOOLS)}"
        late = rng.random() < cal.HEALTH_LATE
        on = care.add_wd(from_, rng.randint(11, 25) if late else rng.randint(2, 10))
        made: list[dt.date] = []
        while on <= limit and p.age(on) in PEP_AGES:
            made.append(on)
            on = on + days(7 * 13 - rng.randint(0, 14))
        last = made[-1] if made else None
        for n, on in enumerate(made):
            if care.detailed(on) or on == last:
                care._row(
                    PersonalEducationPlan(
                        child_id=p.child.person.id,
                        completed_on=on,
                        is_review=n > 0,
                        school=school,
                        summary=rng.choice(text.PEP),
                        recorded_by_id=care.user_on(p.child, on),
                    )
                )
                care.count("peps")
        if p.end is None and p.age(self.today) in PEP_AGES:
            if last is None:
                if from_ == p.start:
                    care.clock(p.child, "pep", p.start, p.row)
            else:
                care.clock(p.child, "pep-review", last, p.row)

    def _oc2(self, p: "Period") -> None:
        """Substance misuse and convictions for a few older children (903 OC2)."""
        care, rng = self.care, self.rng
        stop = min(p.end or self.today, self.today)
        if (stop - p.start).days < 365:
            return
        on = p.start + days(rng.randint(60, (stop - p.start).days))
        if p.age(on) >= 12 and rng.random() < 0.05 and care.detailed(on):
            offered = rng.random() < 0.9
            care._row(
                SubstanceMisuse(
                    child_id=p.child.person.id,
                    identified_on=on,
                    intervention_offered=offered,
                    intervention_received=offered and rng.random() < 0.65,
                    notes=text.SUBSTANCE,
                )
            )
        if p.age(on) >= 10 and rng.random() < 0.03 and care.detailed(on):
            care._row(
                Conviction(child_id=p.child.person.id, convicted_on=on, notes=text.CONVICTION)
            )

    # Adoption --------------------------------------------------------------------------

    def _adoption(self, p: "Period") -> None:
        """The road to adoption (903 AD1 and PlacedAdoption) for a child under a placement
        order; for a few others a decision to place for adoption that was later reversed."""
        care, rng = self.care, self.rng
        a = p.adoption
        if a is None:
            if (
                p.end is None
                and p.legal == "care_order"
                and 2 <= p.age(self.today) <= 8
                and (self.today - p.start).days > 300
                and rng.random() < 0.04
            ):
                decided = p.start + days(rng.randint(60, 150))
                care._row(
                    AdoptionPlan(
                        child_id=p.child.person.id,
                        decided_on=decided,
                        ceased_on=decided + days(rng.randint(60, 120)),
                        ceased_reason=rng.choice(
                            (
                                AdoptionCeasedReason.RD1,
                                AdoptionCeasedReason.RD3,
                                AdoptionCeasedReason.RD4,
                            )
                        ),
                    )
                )
                care.count("adoption_plans_ceased")
            return
        adopted = p.rec in ("E11", "E12")
        placed = a.placed
        couple = rng.random() < 0.85
        sex = rng.choices(("MF", "MM", "FF"), weights=(85, 8, 7))[0] if couple else "F1"
        if couple:
            status = (
                AdopterLegalStatus.L12
                if sex == "MF" and rng.random() < 0.8
                else AdopterLegalStatus.L2
                if sex != "MF" and rng.random() < 0.5
                else AdopterLegalStatus.L3
            )
        else:
            status = AdopterLegalStatus.L4
        last = p.stays[-1]
        care._row(
            AdoptionPlan(
                child_id=p.child.person.id,
                decided_on=a.decided,
                placement_order_on=a.order,
                matched_on=a.matched,
                placed_on=placed,
                with_foster_carer=(last.place == "A5") if placed is not None else None,
                adopters=(2 if couple else 1) if a.matched is not None else None,
                adopter_sex=AdopterSex(sex) if a.matched is not None else "",
                adopter_legal_status=status if a.matched is not None else "",
                adoption_order_on=p.end if adopted else None,
            )
        )
        care.count("adoption_plans")
        if placed is not None:
            care.chronology(p.child, placed, "Placed for adoption", last.row)
        if adopted and p.end is not None and p.row is not None:
            care.chronology(p.child, p.end, "Adoption order made", p.row)

    # Placements in settings not registered with Ofsted -----------------------------------

    def signed_off(self, p: "Period", stay: "Stay", details: PlacementDetails) -> None:
        """The director's sign-off of a placement in a setting that must be registered and is
        not: a reason and a first review date on the placement, the request it answered, the
        weekly reviews since, and the review clock running from the last."""
        care, rng = self.care, self.rng
        placement = stay.row
        dcs = care.dcs
        assert placement is not None
        assert dcs is not None
        review_on = care.due(IRREGULAR_RULE, stay.start)
        reason = self._text(text.IRREGULAR_REASON, p)
        signed_at = care.moment(stay.start, rng.randint(10 * 60, 18 * 60))
        placement.signed_off_by_id = dcs.pk
        placement.signed_off_at = signed_at
        placement.sign_off_reason = reason
        placement.sign_off_review_on = review_on
        care._row(
            IrregularPlacementRequest(
                child_id=p.child.person.id,
                proposed={
                    "kind": "start" if stay is p.stays[0] else "move",
                    "on": stay.start.isoformat(),
                    "legal_status": p.status_on(stay.start),
                    "category_of_need": p.need,
                    "home_postcode": p.home,
                    "reason_place_change": "",
                    "same_carer": False,
                    "placement": details.as_json(),
                },
                reasons=stay.reasons,
                status=IrregularRequestStatus.SIGNED_OFF,
                requested_by_id=care.user_on(p.child, stay.start),
                decided_by_id=dcs.pk,
                decided_at=signed_at,
                decision_reason=reason,
                placement_id=placement.id,
            )
        )
        limit = min(stay.end - days(1) if stay.end is not None else self.today, self.today)
        last = stay.start
        on = review_on - days(rng.randint(0, 2))
        while on <= limit:
            nxt = care.due(IRREGULAR_RULE, on)
            care._row(
                IrregularPlacementReview(
                    placement_id=placement.id,
                    reviewed_on=on,
                    reviewer_id=dcs.pk,
                    decision=IrregularReviewDecision.CONTINUE,
                    notes=self._text(text.IRREGULAR_REVIEW, p),
                    next_review_on=nxt,
                )
            )
            last = on
            on = nxt - days(rng.randint(0, 2))
        care.count("irregular_placements")
        if stay.end is None:
            care.count("irregular_open")
            care.clock(p.child, IRREGULAR_RULE, last, placement)
