"""Care leavers: the category read from the record, the daily needs assessment clock, personal
advisers, pathway plans, contacts (903 OC3) and staying put: what each service writes, the
clocks it meets and opens (with their due dates), and what it refuses (writing nothing)."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from conftest import make_child, make_user
from django.core.management import call_command
from tests.support import row_counts

from haven.accounts.roles import Role
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.care.eligibility import Category
from haven.care.enums import (
    ContactMethod,
    LeaverAccommodation,
    LeaverActivity,
    LeaverInTouch,
    LegalStatus,
    PlacementType,
    ReasonEpisodeCeased,
)
from haven.care.models import PersonalAdviser, StayingPut
from haven.care.rules import PlacementDetails
from haven.care.selectors.leaving import care_spans, leaver_status, leaving_record
from haven.care.services import care_end, legal_status_change
from haven.care.services.leaving import (
    adviser_appoint,
    adviser_contact_record,
    adviser_end,
    leaving_care_clocks_open,
    pathway_plan_record,
    staying_put_end,
    staying_put_start,
)
from haven.care.tests.conftest import TODAY, Register, foster, look_after
from haven.core.errors import ValidationError
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.people.models import ChronologyEntry
from haven.timescales.calendar import add_months, add_weeks

pytestmark = pytest.mark.django_db

D = dt.date


def refused(call: Any, **kw: Any) -> dict[str, list[str]]:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        call(**kw)
    assert row_counts() == before
    return e.value.message_dict


def open_rules(child: Any) -> dict[str, dt.date]:
    return {
        d.rule_id: d.due_on
        for d in Deadline.objects.filter(child=child, status=DeadlineStatus.OPEN)
    }


def met(child: Any, rule_id: str) -> list[dt.date | None]:
    return list(
        Deadline.objects.filter(child=child, rule_id=rule_id, status=DeadlineStatus.MET)
        .order_by("met_on")
        .values_list("met_on", flat=True)
    )


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def adviser(council: Any) -> Any:
    return make_user("pia_adviser", Role.PERSONAL_ADVISER)


@pytest.fixture
def seventeen(worker: Any, register: Register) -> Any:
    """Looked after since 15 and a half; 16 on 15 June 2024, so eligible from that day."""
    child = make_child("Sam", "Stone", dob=D(2008, 6, 15))
    look_after(worker, child, register, on=D(2024, 1, 2))
    return child


@pytest.fixture
def nineteen(worker: Any, register: Register) -> Any:
    """Looked after from 15, with foster carers, to the 18th birthday (1 May 2024)."""
    child = make_child("Ren", "Reed", dob=D(2006, 5, 1))
    look_after(worker, child, register, on=D(2022, 1, 3))
    care_end(actor=worker, child=child, ended_on=D(2024, 5, 1), reason=ReasonEpisodeCeased.E17)
    return child


# The category, from the record


def test_short_breaks_do_not_count(worker: Any, register: Register) -> None:
    child = make_child("Kit", "Breaks", dob=D(2008, 6, 15))
    look_after(worker, child, register, on=D(2024, 1, 2), legal_status=LegalStatus.V2)
    legal_status_change(
        actor=worker, child=child, changed_on=D(2024, 2, 1), legal_status=LegalStatus.V3
    )
    legal_status_change(
        actor=worker, child=child, changed_on=D(2025, 9, 1), legal_status=LegalStatus.C1
    )
    assert care_spans(child) == [(D(2024, 1, 2), D(2024, 2, 1)), (D(2025, 9, 1), None)]
    status = leaver_status(child, TODAY)
    assert status.days_since_14 == 30 + 91
    assert status.category == Category.ELIGIBLE
    assert status.eligible_since == D(2025, 11, 1)  # 61 more days were needed after the break


def test_a_relevant_child_back_home_for_six_months_is_qualifying(
    worker: Any, adviser: Any, seventeen: Any
) -> None:
    care_end(actor=worker, child=seventeen, ended_on=D(2025, 3, 1), reason=ReasonEpisodeCeased.E4A)
    assert leaver_status(seventeen, TODAY).category == Category.RELEVANT
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 3, 1))
    adviser_contact_record(
        actor=worker,
        child=seventeen,
        contact_on=D(2025, 10, 1),
        method=ContactMethod.PHONE,
        in_touch=LeaverInTouch.RHOM,
    )
    assert leaver_status(seventeen, TODAY).category == Category.QUALIFYING


def test_left_care_to_special_guardianship_is_qualifying_from_16(
    worker: Any, register: Register
) -> None:
    child = make_child("Gus", "Guardian", dob=D(2009, 3, 1))
    look_after(worker, child, register, on=D(2019, 1, 7))
    care_end(actor=worker, child=child, ended_on=D(2020, 6, 1), reason=ReasonEpisodeCeased.E45)
    assert leaver_status(child, TODAY).category == Category.QUALIFYING


def test_former_relevant_to_25_with_an_adviser(worker: Any, register: Register) -> None:
    child = make_child("Tia", "Twenty", dob=D(2003, 1, 10))
    look_after(worker, child, register, on=D(2018, 1, 2))
    care_end(actor=worker, child=child, ended_on=D(2021, 1, 10), reason=ReasonEpisodeCeased.E5)
    assert leaver_status(child, TODAY).category is None  # 22, no support asked for
    adviser_appoint(actor=worker, child=child, adviser=worker, started_on=D(2025, 11, 1))
    assert leaver_status(child, TODAY).category == Category.FORMER_RELEVANT


# The needs assessment clock


def test_the_daily_run_opens_the_needs_assessment_once(
    worker: Any, register: Register, seventeen: Any
) -> None:
    young = make_child("Ivy", "Young", dob=D(2011, 1, 1))
    look_after(worker, young, register)
    late = make_child("Leo", "Late", dob=D(2009, 7, 1))  # 16 before coming into care
    look_after(worker, late, register, on=D(2025, 10, 1))
    opened = leaving_care_clocks_open(on=TODAY)
    assert [d.child_id for d in opened] == [seventeen.pk]
    assert open_rules(seventeen)["leaving-care-needs-assessment"] == add_months(D(2024, 6, 15), 3)
    assert leaving_care_clocks_open(on=TODAY) == []
    # Leo is eligible once he has been looked after 13 weeks: on 31 December.
    assert leaving_care_clocks_open(on=D(2025, 12, 30)) == []
    [clock] = leaving_care_clocks_open(on=D(2025, 12, 31))
    assert (clock.child_id, clock.due_on) == (late.pk, D(2026, 3, 31))
    assert "leaving-care-needs-assessment" not in open_rules(young)


def test_the_care_daily_command_calls_the_services(seventeen: Any) -> None:
    out = StringIO()
    call_command("care_daily", "--on", "2025-12-01", stdout=out)
    assert "opened 1 needs assessment clock(s)" in out.getvalue()
    assert "leaving-care-needs-assessment" in open_rules(seventeen)


# Personal advisers


def test_appointing_an_adviser_starts_the_contact_clock(
    worker: Any, adviser: Any, seventeen: Any
) -> None:
    appointed = adviser_appoint(
        actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 11, 3)
    )
    assert appointed.adviser == adviser
    assert open_rules(seventeen)["personal-adviser-contact"] == add_weeks(D(2025, 11, 3), 8)
    assert AuditEvent.objects.filter(
        verb=AuditVerb.ADVISER_APPOINTED, person_id=seventeen.pk
    ).exists()
    assert ChronologyEntry.objects.filter(person=seventeen, category="Leaving care").exists()


def test_a_new_adviser_takes_over(worker: Any, adviser: Any, seventeen: Any) -> None:
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 11, 3))
    errors = refused(
        adviser_appoint, actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 11, 20)
    )
    assert errors == {"adviser": ["This is already the young person's personal adviser"]}
    errors = refused(
        adviser_appoint, actor=worker, child=seventeen, adviser=worker, started_on=D(2025, 11, 1)
    )
    assert "on or after the current adviser's appointment" in errors["started_on"][0]
    adviser_appoint(actor=worker, child=seventeen, adviser=worker, started_on=D(2025, 11, 20))
    first, second = PersonalAdviser.objects.filter(child=seventeen).order_by("started_on")
    assert (first.ended_on, second.ended_on) == (D(2025, 11, 20), None)
    ended = AuditEvent.objects.get(verb=AuditVerb.ADVISER_ENDED, person_id=seventeen.pk)
    assert ended.payload["handed_over"] is True
    assert Deadline.objects.filter(child=seventeen, rule_id="personal-adviser-contact").count() == 1


@pytest.mark.parametrize("persona", ["iro", "team_manager", "business_support"])
def test_an_adviser_must_be_a_personal_adviser_or_social_worker(
    council: Any, worker: Any, seventeen: Any, persona: str
) -> None:
    errors = refused(
        adviser_appoint,
        actor=worker,
        child=seventeen,
        adviser=council.users[persona],
        started_on=D(2025, 11, 3),
    )
    assert "personal adviser or social worker" in errors["adviser"][0]


def test_an_inactive_adviser_and_a_child_not_leaving_care_are_refused(
    council: Any, worker: Any, adviser: Any, register: Register
) -> None:
    adviser.is_active = False
    adviser.save()
    child = council.children["in_care"]
    look_after(worker, child, register)
    errors = refused(
        adviser_appoint, actor=worker, child=child, adviser=adviser, started_on=D(2025, 11, 3)
    )
    assert set(errors) == {"adviser", "started_on"}
    assert "none of these on this date" in errors["started_on"][0]


def test_ending_the_adviser_stops_the_contact_clock(
    worker: Any, adviser: Any, seventeen: Any
) -> None:
    errors = refused(adviser_end, actor=worker, child=seventeen, ended_on=D(2025, 11, 20))
    assert errors == {"child": ["The young person has no personal adviser"]}
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 11, 3))
    errors = refused(adviser_end, actor=worker, child=seventeen, ended_on=D(2025, 11, 2))
    assert "on or after the appointment" in errors["ended_on"][0]
    adviser_end(actor=worker, child=seventeen, ended_on=D(2025, 11, 20))
    assert "personal-adviser-contact" not in open_rules(seventeen)
    assert Deadline.objects.get(rule_id="personal-adviser-contact").status == "cancelled"


# Pathway plans


def test_the_pathway_plan_meets_the_assessment_and_reviews_chain(
    worker: Any, seventeen: Any
) -> None:
    leaving_care_clocks_open(on=TODAY)
    plan = pathway_plan_record(
        actor=worker,
        child=seventeen,
        completed_on=D(2025, 10, 1),
        is_review=False,
        summary=" Move to supported lodgings at 18 ",
    )
    assert plan.summary == "Move to supported lodgings at 18"
    assert met(seventeen, "leaving-care-needs-assessment") == [D(2025, 10, 1)]
    assert open_rules(seventeen)["pathway-plan-review"] == D(2026, 4, 1)
    pathway_plan_record(
        actor=worker, child=seventeen, completed_on=D(2025, 11, 28), is_review=True, summary="On"
    )
    assert met(seventeen, "pathway-plan-review") == [D(2025, 11, 28)]
    assert open_rules(seventeen)["pathway-plan-review"] == D(2026, 5, 28)
    assert (
        AuditEvent.objects.filter(
            verb=AuditVerb.PATHWAY_PLAN_RECORDED, person_id=seventeen.pk
        ).count()
        == 2
    )
    # The daily run opens nothing once there is a plan.
    assert leaving_care_clocks_open(on=TODAY) == []


def test_the_pathway_plan_clocks_go_on_after_care_ends(worker: Any, seventeen: Any) -> None:
    pathway_plan_record(
        actor=worker, child=seventeen, completed_on=D(2025, 10, 1), is_review=False, summary="P"
    )
    care_end(actor=worker, child=seventeen, ended_on=D(2025, 11, 1), reason=ReasonEpisodeCeased.E5)
    assert "pathway-plan-review" in open_rules(seventeen)


@pytest.mark.parametrize(
    ("kw", "field", "text"),
    [
        ({"is_review": True, "summary": "S"}, "is_review", "Record the needs assessment"),
        ({"is_review": False, "summary": " "}, "summary", "Enter a summary"),
        (
            {"is_review": False, "summary": "S", "completed_on": D(2024, 6, 1)},
            "completed_on",
            "eligible, relevant or former relevant",
        ),
        (
            {"is_review": False, "summary": "S", "completed_on": None},
            "completed_on",
            "Enter the date",
        ),
    ],
)
def test_a_bad_pathway_plan_is_refused(
    worker: Any, seventeen: Any, kw: dict[str, Any], field: str, text: str
) -> None:
    kw.setdefault("completed_on", D(2025, 10, 1))
    errors = refused(pathway_plan_record, actor=worker, child=seventeen, **kw)
    assert text in errors[field][0], errors


def test_the_pathway_plan_is_made_once(worker: Any, seventeen: Any) -> None:
    pathway_plan_record(
        actor=worker, child=seventeen, completed_on=D(2025, 10, 1), is_review=False, summary="P"
    )
    errors = refused(
        pathway_plan_record,
        actor=worker,
        child=seventeen,
        completed_on=D(2025, 11, 1),
        is_review=False,
        summary="P",
    )
    assert "already recorded" in errors["is_review"][0]


# Contacts


IN_TOUCH: dict[str, Any] = {
    "method": ContactMethod.IN_PERSON,
    "in_touch": LeaverInTouch.YES,
    "activity": LeaverActivity.F2,
    "accommodation": LeaverAccommodation.U,
    "accommodation_suitable": True,
}


def test_a_contact_meets_the_clock_and_gives_the_oc3_codes(
    worker: Any, adviser: Any, seventeen: Any
) -> None:
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 10, 1))
    contact = adviser_contact_record(
        actor=worker, child=seventeen, contact_on=D(2025, 11, 14), **IN_TOUCH
    )
    assert contact.adviser == adviser
    assert met(seventeen, "personal-adviser-contact") == [D(2025, 11, 14)]
    assert open_rules(seventeen)["personal-adviser-contact"] == D(2026, 1, 9)
    oc3 = leaving_record(seventeen, TODAY).oc3
    assert oc3 is not None
    assert (oc3.in_touch, oc3.activity, oc3.accommodation) == ("YES", "F2", "U1")
    assert AuditEvent.objects.filter(
        verb=AuditVerb.ADVISER_CONTACT_RECORDED, person_id=seventeen.pk
    ).exists()


def test_after_the_young_person_dies_no_contact_is_due(
    worker: Any, adviser: Any, seventeen: Any
) -> None:
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 10, 1))
    adviser_contact_record(
        actor=worker,
        child=seventeen,
        contact_on=D(2025, 11, 14),
        method=ContactMethod.PHONE,
        in_touch=LeaverInTouch.DIED,
    )
    assert "personal-adviser-contact" not in open_rules(seventeen)
    oc3 = leaving_record(seventeen, TODAY).oc3
    assert oc3 is not None
    assert (oc3.activity, oc3.accommodation) == ("0", "0")


@pytest.mark.parametrize(
    ("kw", "field", "text"),
    [
        ({"activity": ""}, "activity", "what the young person is doing"),
        ({"accommodation": ""}, "accommodation", "where the young person lives"),
        ({"accommodation_suitable": None}, "accommodation_suitable", "suitable"),
        ({"in_touch": LeaverInTouch.NO}, "activity", "only for a young person in touch"),
        ({"in_touch": "MAYBE"}, "in_touch", "Choose whether"),
        ({"method": "pigeon"}, "method", "Choose how"),
        ({"accommodation": LeaverAccommodation.Z}, "accommodation", "under 18"),
        ({"contact_on": D(2025, 9, 1)}, "contact_on", "no personal adviser on this date"),
    ],
)
def test_a_bad_contact_is_refused(
    worker: Any, adviser: Any, seventeen: Any, kw: dict[str, Any], field: str, text: str
) -> None:
    adviser_appoint(actor=worker, child=seventeen, adviser=adviser, started_on=D(2025, 10, 1))
    data = {**IN_TOUCH, "contact_on": D(2025, 11, 14), **kw}
    errors = refused(adviser_contact_record, actor=worker, child=seventeen, **data)
    assert text in errors[field][0], errors


# Staying put


def test_staying_put_with_former_foster_carers(worker: Any, nineteen: Any) -> None:
    arrangement = staying_put_start(
        actor=worker, child=nineteen, carer=" Mr and Mrs Patel ", started_on=D(2024, 5, 1)
    )
    assert arrangement.carer == "Mr and Mrs Patel"
    errors = refused(
        staying_put_start, actor=worker, child=nineteen, carer="X", started_on=D(2024, 6, 1)
    )
    assert errors == {"started_on": ["The young person is already staying put"]}
    errors = refused(staying_put_end, actor=worker, child=nineteen, ended_on=D(2024, 4, 30))
    assert "on or after staying put began" in errors["ended_on"][0]
    staying_put_end(actor=worker, child=nineteen, ended_on=D(2025, 9, 1))
    assert StayingPut.objects.get().ended_on == D(2025, 9, 1)
    verbs = set(AuditEvent.objects.filter(person_id=nineteen.pk).values_list("verb", flat=True))
    assert {AuditVerb.STAYING_PUT_STARTED, AuditVerb.STAYING_PUT_ENDED} <= verbs
    errors = refused(staying_put_end, actor=worker, child=nineteen, ended_on=D(2025, 9, 2))
    assert errors == {"child": ["The young person is not staying put"]}


def test_staying_put_is_for_18_to_20_after_foster_care(
    worker: Any, register: Register, seventeen: Any
) -> None:
    errors = refused(
        staying_put_start, actor=worker, child=seventeen, carer="X", started_on=D(2025, 11, 1)
    )
    assert errors == {"started_on": ["Staying put is for a young person aged 18 to 20"]}
    home = make_child("Hal", "Home", dob=D(2006, 5, 1))
    look_after(
        worker,
        home,
        register,
        on=D(2022, 1, 3),
        placement=PlacementDetails(place=PlacementType.K2, setting=register.home),
    )
    care_end(actor=worker, child=home, ended_on=D(2024, 5, 1), reason=ReasonEpisodeCeased.E5)
    errors = refused(
        staying_put_start, actor=worker, child=home, carer="X", started_on=D(2024, 5, 1)
    )
    assert "their last placement was not foster care" in errors["started_on"][0]
    brief = make_child("Bo", "Brief", dob=D(2006, 5, 1))
    look_after(worker, brief, register, on=D(2024, 4, 1), placement=foster(register))
    care_end(actor=worker, child=brief, ended_on=D(2024, 5, 1), reason=ReasonEpisodeCeased.E17)
    errors = refused(
        staying_put_start, actor=worker, child=brief, carer="X", started_on=D(2024, 5, 1)
    )
    assert "for a former relevant young person" in errors["started_on"][0]
