"""Care leavers, and looked-after young people of 16 and 17 getting ready to leave care,
written in bulk (docs/care.md).

For a young person of 16 or 17 in care today who is an eligible child (13 weeks looked after
since 14, some of it after 16: CPPCR reg 40, read simply), the needs assessment within three
months of the day they became eligible and the pathway plan reviewed every six months, or the
clock for the assessment still to do. For a care leaver (``Population``'s ``care_leavers``
segment, from the 18th birthday): a personal adviser for each allocation to a leaving care
team; the pathway plan and its reviews carried on from 16; contacts with the adviser at about
the local cadence (``LocalTimescales.pa_contact_weeks``), each recording whether the young
person is in touch, their activity and accommodation and whether it suits them, drawn from
NATIONAL_STATS §3 "Care leavers aged 19-21"; staying put with former foster carers for some
who remained with them at 18 (903 REC E17); and today's clocks for the next pathway plan review
and the next contact, some overdue.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any

from haven.care.enums import ContactMethod
from haven.care.models import AdviserContact, PathwayPlan, PersonalAdviser, StayingPut
from haven.synthetic import calibration as cal
from haven.synthetic import care_text as text
from haven.synthetic.care_work import birthday, days
from haven.timescales import local
from haven.timescales.calendar import add_months

if TYPE_CHECKING:
    from haven.synthetic.care import CareRecords, Period
    from haven.synthetic.population import Child

FOSTER = ("foster_kin", "foster_inhouse", "foster_agency")
IN_TOUCH = ("YES", "RHOM")


class LeavingCare:
    """Writes the records of leaving care for one young person at a time."""

    def __init__(self, care: "CareRecords") -> None:
        self.care = care
        self.rng = care.rng
        self.today = care.today
        self.teams = {t.id for t in care.pop.wf.teams.get("care_leavers", [])}
        #: Each child's last period of care, as ``CareRecords`` wrote it.
        self.periods: dict[Any, Period] = {}
        #: Each care leaver's latest contact: in touch, activity, accommodation, suitable.
        self.latest: dict[Any, tuple[str, str, str, bool | None]] = {}

    @staticmethod
    def eligible_on(child: "Child", came_into_care: dt.date) -> dt.date:
        """The day the child became an eligible child: 16, after 13 weeks looked after since 14
        (the weeks counted in one period, from when it began or the 14th birthday)."""
        fourteen = birthday(child.born, 14)
        sixteen = birthday(child.born, 16)
        return max(sixteen, max(came_into_care, fourteen) + days(91))

    def _pathway(self, child: "Child", eligible: dt.date, stop: dt.date) -> list[dt.date]:
        """The needs assessment within 3 months of becoming eligible (a few late), then the
        pathway plan reviewed at most 6 months apart, until ``stop``."""
        care, rng = self.care, self.rng
        late = rng.random() < 0.1
        on = eligible + days(rng.randint(95, 150) if late else rng.randint(10, 85))
        made: list[dt.date] = []
        while on <= stop:
            made.append(on)
            on = add_months(on, 6) - days(rng.randint(0, 25))
        for n, on in enumerate(made):
            # The assessment and the latest review are kept whatever their age.
            if care.detailed(on) or n in (0, len(made) - 1):
                care._row(
                    PathwayPlan(
                        child_id=child.person.id,
                        completed_on=on,
                        is_review=n > 0,
                        summary=self.rng.choice(text.PATHWAY),
                        recorded_by_id=care.user_on(child, on),
                    )
                )
                care.count("pathway_plans")
        return made

    def in_care(self, p: "Period") -> None:
        """A young person of 16 or 17 in care today: the assessment and pathway plan, and the
        clock for whichever comes next."""
        if p.age(self.today) < 16 or p.row is None:
            return
        eligible = self.eligible_on(p.child, p.start)
        if eligible > self.today:
            return
        made = self._pathway(p.child, eligible, self.today)
        if made:
            self.care.clock(p.child, "pathway-plan-review", made[-1], p.row)
        else:
            self.care.clock(p.child, "leaving-care-needs-assessment", eligible, p.row)

    def leaver(self, child: "Child", start: dt.date, end: dt.date | None) -> None:
        """A care leaver from ``start`` (their 18th birthday) to ``end`` (None: still open)."""
        care = self.care
        period = self.periods.get(child.person.id)
        stop = min(end or self.today, self.today)
        advisers = self._advisers(child, start)
        came = period.start if period is not None else start
        eligible = min(self.eligible_on(child, came), start)
        made = self._pathway(child, eligible, stop)
        staying = self._staying_put(child, period, start, end)
        contacts = self._contacts(child, start, stop, staying, open_=end is None)
        care.count("care_leavers_all")
        if end is not None:
            return
        care.count("care_leavers")
        subject = next((a for a in advisers if a.ended_on is None), None)
        if subject is None:
            care.count("care_leavers_without_adviser")
            subject = advisers[-1] if advisers else None
        if subject is None:
            return
        care.clock(child, "personal-adviser-contact", contacts or subject.started_on, subject)
        if made:
            care.clock(child, "pathway-plan-review", made[-1], subject)

    def _advisers(self, child: "Child", start: dt.date) -> list[PersonalAdviser]:
        """A personal adviser for each allocation to a leaving care team."""
        care = self.care
        rows = []
        for a in child.allocations:
            if a.team_id not in self.teams or a.started_on < start:
                continue
            user = care.records._user_of(a)
            if user is None:
                continue
            rows.append(
                care._row(
                    PersonalAdviser(
                        child_id=child.person.id,
                        adviser_id=user,
                        started_on=a.started_on,
                        ended_on=a.ended_on,
                    )
                )
            )
        return rows

    def _staying_put(
        self, child: "Child", period: "Period | None", start: dt.date, end: dt.date | None
    ) -> tuple[dt.date, dt.date | None] | None:
        """Staying put with former foster carers, for some who remained with them at 18."""
        rng = self.rng
        if period is None or period.rec != "E17" or not period.stays:
            return None
        last = period.stays[-1]
        if last.kind not in FOSTER or rng.random() >= cal.STAYING_PUT_SHARE:
            return None
        until: dt.date | None = birthday(child.born, 21)
        if until is not None and until > self.today:
            until = None
        if until is None and rng.random() < 0.3 and (self.today - start).days > 60:
            until = start + days(rng.randint(30, (self.today - start).days - 1))
        if end is not None and (until is None or until > end):
            until = end
        self.care._row(
            StayingPut(
                child_id=child.person.id,
                carer=last.carer or "Former foster carers",
                started_on=start,
                ended_on=until,
            )
        )
        self.care.count("staying_put")
        return start, until

    def _profile(self) -> tuple[str, str, str, bool | None]:
        """Where a care leaver stands: in touch, activity, accommodation, suitable."""
        care, rng = self.care, self.rng
        touch = care.weighted(cal.LEAVER_IN_TOUCH)
        if touch not in IN_TOUCH:
            return touch, "", "", None
        activity = care.weighted(cal.LEAVER_ACTIVITY)
        accommodation = "B" if touch == "RHOM" else care.weighted(cal.LEAVER_ACCOMMODATION)
        suitable = accommodation not in cal.UNSUITABLE_ACCOMMODATION and rng.random() > 0.01
        return touch, activity, accommodation, suitable

    def _contacts(
        self,
        child: "Child",
        start: dt.date,
        stop: dt.date,
        staying: tuple[dt.date, dt.date | None] | None,
        *,
        open_: bool,
    ) -> dt.date | None:
        """Contacts with the adviser at about the local cadence; on some of today's care
        leavers they have lapsed, so the contact clock is overdue. Returns the last."""
        care, rng = self.care, self.rng
        weeks = local.current().pa_contact_weeks
        on = start + days(rng.randint(3, 30))
        if on < care.detail_from:
            on = care.detail_from + days(rng.randint(0, 7 * weeks - 1))
        lapsed = open_ and rng.random() < cal.ADVISER_CONTACT_LAPSED
        if lapsed:
            stop = min(stop, self.today - days(7 * weeks + rng.randint(3, 40)))
        profile = self._profile()
        last = None
        while on <= stop:
            adviser = self._adviser_on(child, on)
            if adviser is not None:
                if rng.random() < 0.2:
                    profile = self._profile()
                touch, activity, accommodation, suitable = profile
                if staying is not None and staying[0] <= on and (staying[1] or on) >= on:
                    touch, accommodation, suitable = "YES", "Z", True
                    activity = activity or care.weighted(cal.LEAVER_ACTIVITY)
                care._row(
                    AdviserContact(
                        child_id=child.person.id,
                        adviser_id=adviser,
                        contact_on=on,
                        method=ContactMethod.MESSAGE
                        if touch not in IN_TOUCH
                        else rng.choices(
                            (ContactMethod.IN_PERSON, ContactMethod.PHONE, ContactMethod.VIDEO),
                            weights=(65, 27, 8),
                        )[0],
                        in_touch=touch,
                        activity=activity,
                        accommodation=accommodation,
                        accommodation_suitable=suitable if accommodation else None,
                        notes=rng.choice(text.ADVISER_NOTES),
                    )
                )
                care.count("adviser_contacts")
                last = on
                if open_:
                    self.latest[child.person.id] = (touch, activity, accommodation, suitable)
            on = on + days(7 * weeks - rng.randint(0, 21))
        return last

    def _adviser_on(self, child: "Child", on: dt.date) -> int | None:
        allocation = self.care.records._allocation_on(child, on)
        if allocation is None or allocation.team_id not in self.teams:
            return None
        return self.care.records._user_of(allocation)
