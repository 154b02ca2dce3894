"""The care record pages: the child's record, starting care, moving placement, a new legal
status, ceasing care, and a placement in an unregistered setting from the worker's refusal to
the director's sign-off; the irregular placements list. Each page's GET and POST, who is
refused, and what a refusal leaves behind."""

import datetime as dt
from typing import Any

import pytest
from conftest import make_child
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.support import row_counts

from haven.audit.models import AccessEvent
from haven.care.enums import (
    IrregularRequestStatus,
    IrregularReviewDecision,
    LegalStatus,
    PlacementType,
    ReasonPlaceChange,
)
from haven.care.models import CareEpisode, CarePeriod, IrregularPlacementRequest, Placement
from haven.care.rules import PlacementDetails
from haven.care.services import (
    SignOff,
    irregular_request,
    legal_status_change,
    placement_change,
)
from haven.care.services.irregular import SIGN_OFF_NEEDED
from haven.care.tests.conftest import STARTED, TODAY, Register, look_after
from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.services.subjects import subject_deadlines

pytestmark = pytest.mark.django_db

NO_ACCESS = "You do not have access to this record"
PLACED = dt.date(2025, 11, 28)


def client_for(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"care:{name}", kwargs=kwargs)


def date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def reads(child: Any, view: str) -> int:
    return AccessEvent.objects.filter(person_id=child.pk, view=view).count()


def placement_data(setting: Any = None, **kw: str) -> dict[str, str]:
    data = {
        "setting": str(setting.pk) if setting is not None else "",
        "place": PlacementType.U6,
        "provider": "",
        "postcode": "",
        "urn": "",
        "carer": "",
        "weekly_cost": "",
        "regime": "standard",
    }
    data.update(kw)
    return data


def move_data(register: Register, **kw: str) -> dict[str, str]:
    data = {
        **date("changed_on", PLACED),
        "reason_place_change": ReasonPlaceChange.CARPL,
        "legal_status": "",
        **placement_data(register.unregistered, place=PlacementType.K2, carer="Beech Lodge staff"),
    }
    data.update(kw)
    return data


def assert_refused(page: Any, before: dict[str, int], *anchors: str) -> str:
    """The page again, each error linked to its field, and nothing written but the logged
    read of the page shown again."""
    assert page.status_code == 200
    html: str = page.content.decode()
    assert "There is a problem" in html
    for anchor in anchors:
        assert f'href="#{anchor}"' in html, anchor
        assert f'id="{anchor}"' in html, anchor
    after = row_counts()
    assert after.pop("audit.AccessEvent") == before.pop("audit.AccessEvent") + 1
    assert after == before
    return html


@pytest.fixture
def worker(council: Any) -> Any:
    return council.users["cic_worker"]


@pytest.fixture
def dcs(council: Any) -> Any:
    return council.users["dcs"]


@pytest.fixture
def child(council: Any) -> Any:
    return council.children["in_care"]


@pytest.fixture
def in_care(child: Any, worker: Any, register: Register) -> Any:
    """Looked after since 1 September 2025 in foster care, on an interim care order."""
    look_after(worker, child, register)
    return child


# The care record


def test_the_record_shows_the_period_its_episodes_placements_and_clocks(
    in_care: Any, worker: Any, register: Register
) -> None:
    legal_status_change(
        actor=worker, child=in_care, changed_on=dt.date(2025, 10, 1), legal_status=LegalStatus.C2
    )
    placement_change(
        actor=worker,
        child=in_care,
        changed_on=dt.date(2025, 11, 3),
        placement=PlacementDetails(setting=register.home, place=PlacementType.K2),
        reason_place_change=ReasonPlaceChange.CARPL,
    )

    page = client_for(worker).get(url("child", child_id=in_care.pk))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'Looked after now</dt><dd class="govuk-summary-list__value">Yes' in html
    assert "1 September 2025" in html
    assert ">NN3<" in html  # the home postcode's district only
    assert "8QT" not in html
    assert "C2: Full care order, since 1 October 2025" in html
    for text in (
        "S: Started to be looked after",
        "L: Change of legal status only",
        "P: Change of placement and carer(s) only",
        "C1: Interim care order",
        "N1: Abuse or neglect",
        "U6: Other foster carer: other",
        "K2: Children&#x27;s home",
        "PR1: Own provision (by the local authority)",
        "X1: Episode ceases, and new episode begins on same day",
        "CARPL: Change to or implementation of the care plan",
        "Oakfield House (Oakfield Care Ltd): Registered",
        "LE1 6ZG",
        "SC500002",
        "£5,200.00 (the setting’s cost)",
        "£450.00 (the setting’s cost)",
        "Mr and Mrs Patel",
    ):
        assert text in html, text
    assert "Prepare the care plan" in html
    assert "days overdue" in html  # the first week's visit, long past
    assert "No placement is waiting" not in html
    assert reads(in_care, "care.child") == 1


def test_a_child_never_looked_after_has_an_empty_record(child: Any, worker: Any) -> None:
    html = client_for(worker).get(url("child", child_id=child.pk)).content.decode()
    assert 'Looked after now</dt><dd class="govuk-summary-list__value">No' in html
    assert "Start to be looked after" in html
    assert "Move placement" not in html
    assert "No care clocks are running for this child." in html


@pytest.mark.parametrize(
    ("persona", "status", "may_change"),
    [
        ("cic_worker", 200, True),
        ("iro", 200, False),
        ("dcs", 200, False),
        ("other_worker", 403, False),
        ("performance_analyst", 403, False),
    ],
)
def test_who_sees_the_record_and_who_may_change_it(
    council: Any, in_care: Any, persona: str, status: int, may_change: bool
) -> None:
    page = client_for(council.users[persona]).get(url("child", child_id=in_care.pk))
    assert page.status_code == status
    html = page.content.decode()
    if status == 403:
        assert NO_ACCESS in html
        assert reads(in_care, "care.child") == 0
        return
    assert ("Move placement" in html) is may_change
    assert ("Cease to be looked after" in html) is may_change
    assert reads(in_care, "care.child") == 1


def test_the_casework_page_links_to_the_care_record(in_care: Any, worker: Any) -> None:
    html = client_for(worker).get(reverse("casework:child", args=[in_care.pk])).content.decode()
    assert url("child", child_id=in_care.pk) in html


# Starting, moving, legal status, ending


def test_a_worker_starts_care_through_the_page(child: Any, worker: Any, register: Register) -> None:
    c = client_for(worker)
    start = url("start", child_id=child.pk)
    page = c.get(start)
    assert page.status_code == 200
    choice = "Northshire Fostering Service (NN1 1AA, URN SC400001): Registered"
    assert choice in page.content.decode()

    page = c.post(
        start,
        {
            **date("started_on", STARTED),
            "legal_status": LegalStatus.C1,
            "category_of_need": "N1",
            "home_postcode": "nn3 8qt",
            **placement_data(register.foster, carer="Mr and Mrs Patel", long_term="on"),
        },
    )

    assert page.status_code == 302
    assert page["Location"] == url("child", child_id=child.pk)
    period = CarePeriod.objects.get(child=child)
    assert (period.started_on, period.home_postcode) == (STARTED, "NN3 8QT")
    placement = Placement.objects.get(child=child)
    assert (placement.setting, placement.urn, placement.long_term, placement.carer) == (
        register.foster,
        "SC400001",
        True,
        "Mr and Mrs Patel",
    )
    assert reads(child, "care.start") == 2


def test_a_refused_start_keeps_what_was_typed_and_writes_nothing(
    child: Any, worker: Any, register: Register
) -> None:
    c = client_for(worker)
    before = row_counts()
    page = c.post(
        url("start", child_id=child.pk),
        {
            **date("started_on", STARTED),
            "legal_status": LegalStatus.C1,
            "category_of_need": "N1",
            "home_postcode": "NOT A POSTCODE",
            **placement_data(register.foster, carer="Mr and Mrs Patel", weekly_cost="475.25"),
        },
    )
    html = assert_refused(page, before, "id_home_postcode")
    assert 'value="Mr and Mrs Patel"' in html
    assert 'value="475.25"' in html
    assert f'value="{register.foster.pk}" selected' in html


def test_the_service_refusal_lands_next_to_its_field(
    in_care: Any, worker: Any, register: Register
) -> None:
    c = client_for(worker)
    before = row_counts()
    page = c.post(
        url("move", child_id=in_care.pk),
        move_data(register, reason_place_change="", **placement_data(register.home, place="K2")),
    )
    html = assert_refused(page, before, "id_reason_place_change")
    assert "903 rule 226" in html
    assert "Ask for sign-off" not in html


def test_a_worker_moves_the_child_through_the_page(
    in_care: Any, worker: Any, register: Register
) -> None:
    page = client_for(worker).post(
        url("move", child_id=in_care.pk),
        move_data(register, same_carer="", **placement_data(register.home, place="K2")),
    )
    assert page.status_code == 302
    current = Placement.objects.get(child=in_care, ended_on__isnull=True)
    assert (current.setting, current.started_on) == (register.home, PLACED)
    episode = CareEpisode.objects.get(child=in_care, ended_on__isnull=True)
    assert episode.reason_new == "P"


def test_the_legal_status_changes_through_the_page(in_care: Any, worker: Any) -> None:
    c = client_for(worker)
    changed = url("legal-status", child_id=in_care.pk)
    before = row_counts()
    same = c.post(changed, {**date("changed_on", TODAY), "legal_status": LegalStatus.C1})
    assert "already has this legal status" in assert_refused(same, before, "id_legal_status")

    page = c.post(changed, {**date("changed_on", TODAY), "legal_status": LegalStatus.C2})

    assert page.status_code == 302
    episode = CareEpisode.objects.get(child=in_care, ended_on__isnull=True)
    assert (episode.legal_status, episode.reason_new, episode.started_on) == ("C2", "L", TODAY)


def test_care_ends_through_the_page(in_care: Any, worker: Any) -> None:
    page = client_for(worker).post(
        url("end", child_id=in_care.pk), {**date("ended_on", TODAY), "reason": "E4A"}
    )
    assert page.status_code == 302
    period = CarePeriod.objects.get(child=in_care)
    assert period.ended_on == TODAY
    html = client_for(worker).get(url("child", child_id=in_care.pk)).content.decode()
    assert "Looked after from 1 September 2025 to 1 December 2025" in html
    assert "E4A: Returned home" in html


@pytest.mark.parametrize("name", ["move", "legal-status", "end"])
def test_only_those_who_record_care_change_the_period(
    council: Any, in_care: Any, name: str
) -> None:
    for persona in ("iro", "dcs"):
        page = client_for(council.users[persona]).get(url(name, child_id=in_care.pk))
        assert page.status_code == 403, persona
    assert reads(in_care, f"care.{name.replace('-', '_')}") == 0


def test_changes_follow_the_state_of_care(
    council: Any, in_care: Any, worker: Any, register: Register
) -> None:
    c = client_for(worker)
    assert c.get(url("start", child_id=in_care.pk)).status_code == 403  # already looked after
    never, sw = council.children["allocated"], client_for(council.users["social_worker"])
    for name in ("move", "legal-status", "end"):
        assert sw.get(url(name, child_id=never.pk)).status_code == 403, name
    assert sw.get(url("start", child_id=never.pk)).status_code == 200
    irregular_request(
        actor=council.users["social_worker"],
        child=never,
        kind="start",
        on=PLACED,
        legal_status=LegalStatus.V2,
        category_of_need="N4",
        placement=PlacementDetails(place=PlacementType.Z12, postcode="CV1 2GT"),
    )
    assert sw.get(url("start", child_id=never.pk)).status_code == 403  # waiting for sign-off


# A placement in an unregistered setting, through the pages


def test_an_unregistered_placement_from_refusal_to_sign_off(
    council: Any, in_care: Any, worker: Any, dcs: Any, register: Register
) -> None:
    c = client_for(worker)
    move = url("move", child_id=in_care.pk)
    data = move_data(register, weekly_cost="9100.00")

    before = row_counts()
    refused = c.post(move, data)
    html = assert_refused(refused, before, "id_place")
    assert SIGN_OFF_NEEDED in html
    assert "The setting must be registered with Ofsted and is not (not registered)" in html
    assert "Ask for sign-off" in html
    assert 'value="9100.00"' in html

    asked = c.post(move, {**data, "action": "ask"})
    assert asked.status_code == 302
    assert asked["Location"] == url("child", child_id=in_care.pk)
    request = IrregularPlacementRequest.objects.get(child=in_care)
    assert request.status == IrregularRequestStatus.PENDING
    assert request.proposed["placement"]["weekly_cost"] == "9100.00"
    assert Placement.objects.filter(child=in_care).count() == 1
    record = c.get(asked["Location"]).content.decode()
    assert "A placement is waiting for sign-off" in record
    assert url("irregular-request", request_id=request.pk) in record
    assert "Move placement" not in record
    assert c.get(move).status_code == 403  # one change at a time

    request_url = url("irregular-request", request_id=request.pk)
    own = c.get(request_url).content.decode()
    assert "Withdraw the request" in own
    assert "Sign off the placement" not in own
    assert c.post(request_url, {"action": "sign_off"}).status_code == 403

    d = client_for(dcs)
    page = d.get(request_url).content.decode()
    assert "K2: Children&#x27;s home" in page
    assert "Beech Lodge (Oakfield Care Ltd): Not registered" in page
    assert "The first review must be by 8 December 2025" in page
    assert "Withdraw the request" not in page
    signed = d.post(
        request_url,
        {
            "action": "sign_off",
            "sign_off-reason": "No registered home could take her tonight",
            **date("sign_off-review_on", dt.date(2025, 12, 3)),
        },
    )
    assert signed.status_code == 302
    assert signed["Location"] == url("child", child_id=in_care.pk)

    placement = Placement.objects.get(child=in_care, ended_on__isnull=True)
    assert (placement.irregular, placement.signed_off_by, placement.weekly_cost) == (
        True,
        dcs,
        placement.weekly_cost,
    )
    assert str(placement.weekly_cost) == "9100.00"
    record = c.get(url("child", child_id=in_care.pk)).content.decode()
    assert "Unregistered setting" in record
    assert "Dee Director" in record
    assert "No registered home could take her tonight" in record
    assert "3 December 2025" in record
    assert "A placement is waiting for sign-off" not in record
    assert reads(in_care, "care.irregular_request") == 4


def test_a_refused_sign_off_keeps_what_was_typed(
    in_care: Any, worker: Any, dcs: Any, register: Register
) -> None:
    request = irregular_request(
        actor=worker,
        child=in_care,
        kind="move",
        on=PLACED,
        placement=PlacementDetails(setting=register.unregistered, place=PlacementType.K2),
        reason_place_change=ReasonPlaceChange.CARPL,
    )
    d = client_for(dcs)
    before = row_counts()
    page = d.post(
        url("irregular-request", request_id=request.pk),
        {
            "action": "sign_off",
            "sign_off-reason": "Agreed for a week",
            **date("sign_off-review_on", dt.date(2025, 12, 12)),
        },
    )
    html = assert_refused(page, before, "id_sign_off-review_on-day")
    assert "The first review must be by 8 December 2025" in html
    assert "Agreed for a week</textarea>" in html


def test_the_director_declines_and_the_worker_withdraws(
    council: Any, in_care: Any, worker: Any, dcs: Any, register: Register
) -> None:
    def ask() -> IrregularPlacementRequest:
        return irregular_request(
            actor=worker,
            child=in_care,
            kind="move",
            on=PLACED,
            placement=PlacementDetails(setting=register.unregistered, place=PlacementType.K2),
            reason_place_change=ReasonPlaceChange.CARPL,
        )

    first = ask()
    first_url = url("irregular-request", request_id=first.pk)
    d = client_for(dcs)
    before = row_counts()
    no_reason = d.post(first_url, {"action": "decline", "decline-reason": ""})
    assert_refused(no_reason, before, "id_decline-reason")
    declined = d.post(first_url, {"action": "decline", "decline-reason": "Find a registered home"})
    assert declined.status_code == 302
    first.refresh_from_db()
    assert first.status == IrregularRequestStatus.DECLINED
    assert "Find a registered home" in client_for(worker).get(first_url).content.decode()

    second = ask()
    second_url = url("irregular-request", request_id=second.pk)
    colleague = council.users["team_manager"]  # not the worker who asked
    assert client_for(colleague).post(second_url, {"action": "withdraw"}).status_code == 403
    withdrawn = client_for(worker).post(second_url, {"action": "withdraw"})
    assert withdrawn.status_code == 302
    second.refresh_from_db()
    assert second.status == IrregularRequestStatus.WITHDRAWN


def test_the_director_records_a_senior_review(
    in_care: Any, worker: Any, dcs: Any, register: Register
) -> None:
    placement = placement_change(
        actor=worker,
        child=in_care,
        changed_on=PLACED,
        placement=PlacementDetails(setting=register.unregistered, place=PlacementType.K2),
        reason_place_change=ReasonPlaceChange.CARPL,
        sign_off=SignOff(officer=dcs, reason="Agreed", review_on=dt.date(2025, 12, 5)),
    )
    review = url("irregular-review", placement_id=placement.pk)
    assert client_for(worker).get(review).status_code == 403
    assert "Record a senior review" in (
        client_for(dcs).get(url("child", child_id=in_care.pk)).content.decode()
    )
    page = client_for(dcs).get(review)
    assert page.status_code == 200
    assert "5 December 2025" in page.content.decode()  # the review date set at sign-off

    done = client_for(dcs).post(
        review,
        {
            **date("reviewed_on", TODAY),
            "decision": IrregularReviewDecision.CONTINUE,
            "notes": "Settled; the home has applied to register",
        },
    )

    assert done.status_code == 302
    clocks = subject_deadlines(placement).filter(rule_id="irregular-placement-review")
    assert sorted(clocks.values_list("status", flat=True)) == [
        DeadlineStatus.MET,
        DeadlineStatus.OPEN,
    ]
    assert clocks.get(status=DeadlineStatus.OPEN).due_on == TODAY + dt.timedelta(days=7)


# The irregular placements list


def _signed_off(actor: Any, child: Any, register: Register, dcs: Any) -> Placement:
    look_after(
        actor,
        child,
        register,
        on=PLACED,
        placement=PlacementDetails(setting=register.unregistered, place=PlacementType.K2),
        sign_off=SignOff(officer=dcs, reason="Agreed", review_on=dt.date(2025, 11, 30)),
    )
    return Placement.objects.get(child=child)


def test_the_list_shows_only_children_in_reach(council: Any, dcs: Any, register: Register) -> None:
    users, children = council.users, council.children
    _signed_off(users["cic_worker"], children["in_care"], register, dcs)
    _signed_off(users["social_worker"], children["allocated"], register, dcs)
    _signed_off(users["social_worker"], children["restricted"], register, dcs)
    irregular_request(
        actor=users["colleague"],
        child=children["team"],
        kind="start",
        on=PLACED,
        legal_status=LegalStatus.V2,
        category_of_need="N4",
        placement=PlacementDetails(place=PlacementType.Z12, postcode="CV1 2GT"),
    )
    listing = url("irregular-list")

    director = client_for(dcs).get(listing).content.decode()
    for name in ("Isla Carter", "Amelia Hart", "Tyler Hart"):
        assert name in director
    assert "Rory Quinn" not in director  # restricted, and the director is not named on it
    assert "Overdue" in director  # the first reviews were due on 30 November
    # ... but the placement is not hidden from the director: a row without the child's name,
    # through the record's emergency-access door.
    withheld = director.split('id="withheld-heading"')[1]
    assert "Children whose records are restricted (1)" in director
    assert "Restricted record 1" in withheld
    assert f'href="/people/{children["restricted"].pk}/"' in withheld
    assert "Isla Carter" not in withheld

    manager = client_for(users["team_manager"]).get(listing).content.decode()
    for name in ("Amelia Hart", "Rory Quinn", "Tyler Hart"):
        assert name in manager
    assert "Isla Carter" not in manager  # another part of the service
    assert "withheld-heading" not in manager  # only those who sign these placements off

    for persona in ("social_worker", "cic_worker", "iro", "business_support"):
        assert client_for(users[persona]).get(listing).status_code == 403, persona


def test_the_list_counts_the_whole_council(council: Any, dcs: Any, register: Register) -> None:
    _signed_off(council.users["cic_worker"], council.children["in_care"], register, dcs)
    html = client_for(council.users["team_manager"]).get(url("irregular-list")).content.decode()
    assert (
        'Placed in an unregistered setting</th><td class="govuk-table__cell '
        'govuk-table__cell--numeric">1</td><td class="govuk-table__cell '
        'govuk-table__cell--numeric">0</td>'
    ) in html


def test_the_list_is_in_the_menu_of_those_who_may_see_it(council: Any) -> None:
    listing = url("irregular-list")
    for persona, shown in [
        ("dcs", True),
        ("team_manager", True),
        ("service_manager", True),
        ("social_worker", False),
        ("iro", False),
    ]:
        html = client_for(council.users[persona]).get(reverse("people:search")).content.decode()
        assert (f'href="{listing}"' in html) is shown, persona


def _list_queries(user: Any) -> int:
    c = client_for(user)
    c.get(url("irregular-list"))  # the session and the user, loaded once
    with CaptureQueriesContext(connection) as queries:
        page = c.get(url("irregular-list"))
    assert page.status_code == 200
    return len(queries)


def test_the_list_reads_the_same_few_queries_however_many_rows(
    council: Any, dcs: Any, register: Register
) -> None:
    worker = council.users["cic_worker"]
    for i in range(5):
        _signed_off(worker, make_child(f"Child{i}", "Few"), register, dcs)
    few = _list_queries(dcs)
    for i in range(20):
        _signed_off(worker, make_child(f"Child{i}", "Many"), register, dcs)
    many = _list_queries(dcs)
    html = client_for(dcs).get(url("irregular-list")).content.decode()
    assert html.count(">Overdue<") == 25
    assert many == few
    assert many <= 12
