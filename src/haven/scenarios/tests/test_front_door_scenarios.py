"""Scenario verbs for the front door and casework: contacts to authorised assessments."""

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.support import row_counts, working_days_after

from haven.casework.models import Assessment, CINEpisode, EarlyHelpEpisode
from haven.frontdoor.models import Contact

FRONT_DOOR = Path(settings.BASE_DIR) / "docs" / "examples" / "front-door.yaml"
FRIDAY = dt.date(2026, 1, 16)


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("scenario", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


def changed(doc: dict[str, Any], n: int, changes: dict[str, Any]) -> dict[str, Any]:
    doc["events"][n - 1].update(changes)
    return doc


def refused(path: Path) -> str:
    before = row_counts()
    with pytest.raises(CommandError) as e:
        run("load", str(path))
    assert row_counts() == before
    return str(e.value)


# The example: a school's contact on a Friday afternoon about Maya and Leo.


@pytest.mark.django_db
def test_the_front_door_example_meets_the_decision_on_monday_and_the_assessment_in_time() -> None:
    assert FRIDAY.strftime("%A") == "Friday"
    monday = working_days_after(FRIDAY, 1)
    assert monday.strftime("%A") == "Monday"
    refs = json.loads(run("load", str(FRONT_DOOR)))

    for child in ("maya", "leo"):
        deadlines = json.loads(run("deadlines", refs[child]))
        assert deadlines == [
            {
                "rule_id": "referral-decision",
                "rule_version": 1,
                "due_date": monday.isoformat(),
                "met_date": monday.isoformat(),
                "status": "met",
            },
            {
                "rule_id": "child-and-family-assessment",
                "rule_version": 1,
                "due_date": working_days_after(FRIDAY, 45).isoformat(),
                "met_date": "2026-03-06",
                "status": "met",
            },
        ]


@pytest.mark.django_db
def test_the_front_door_example_records_the_contact_and_both_assessments() -> None:
    refs = json.loads(run("load", str(FRONT_DOOR)))
    contact = Contact.objects.get(pk=refs["contact"])
    assert contact.status == "signed_off"
    assert (contact.source, contact.rag, contact.consent) == ("2A", "red", "yes")
    assert contact.received_at == dt.datetime(2026, 1, 16, 15, 40, tzinfo=dt.UTC)
    assert contact.screener is not None
    assert contact.screener.username == "priya.screener"
    assert {(c.agency, c.returned_at is not None) for c in contact.checks.all()} == {
        ("police", True),
        ("health", True),
    }
    decision = contact.decision
    assert (decision.outcome, decision.route, decision.primary_need) == (
        "referral",
        "assessment",
        "N1",
    )
    assert decision.signed_off_by is not None
    assert decision.signed_off_by.username == "dan.mash"

    maya = Assessment.objects.get(pk=refs["maya_assessment"])
    leo = Assessment.objects.get(pk=refs["leo_assessment"])
    assert maya.group_id is not None
    assert maya.group_id == leo.group_id
    assert (str(maya.child_id), str(leo.child_id)) == (refs["maya"], refs["leo"])
    assert maya.episode.referral_date == FRIDAY
    assert maya.episode.contact_id == contact.pk
    assert (maya.seen_alone, leo.seen_alone) == (True, False)
    assert leo.wishes_and_feelings.startswith("Leo said")
    assert sorted(maya.factors.values_list("code", flat=True)) == ["17A", "3B"]
    assert maya.authorised_by is not None
    assert maya.authorised_by.username == "ruth.manager"
    assert (maya.authorised_on, leo.authorised_on) == (dt.date(2026, 3, 6), dt.date(2026, 3, 6))


FRONT_DOOR_ERRORS: list[tuple[int, dict[str, Any], str]] = [
    (4, {"source": "2Z"}, "event 4 (contact.record): source: '2Z' is not one of 1A, 1B"),
    (4, {"consent": "maybe"}, "event 4 (contact.record): consent: 'maybe' is not one of"),
    (4, {"urgency": "soon"}, "event 4 (contact.record): urgency: 'soon' is not one of"),
    (4, {"children": ["maya", "dan"]}, "event 4 (contact.record): 'dan' does not name a"),
    (5, {"rag": "purple"}, "event 5 (contact.rate): rag: 'purple' is not one of red,"),
    (6, {"agency": "mi5"}, "event 6 (check.request): agency: 'mi5' is not one of police"),
    (8, {"check": "contact"}, "event 8 (check.return): 'contact' does not name a check"),
    (8, {"summary": " "}, "event 8 (check.return): summary: Enter what the agency said"),
    (10, {"outcome": "refer"}, "event 10 (contact.decide): outcome: 'refer' is not one of"),
    (10, {"route": "court"}, "event 10 (contact.decide): route: 'court' is not one of"),
    (10, {"primary_need": "N10"}, "event 10 (contact.decide): primary_need: 'N10' is not"),
    (11, {"by": "priya"}, "event 11 (contact.sign_off): by: Only a front-door manager"),
    (14, {"refs": ["one"]}, "event 14 (assessment.start): refs: give one name for each"),
    (14, {"children": ["maya", "nobody"]}, "event 14 (assessment.start): unknown person"),
    (15, {"seen_alone": "yes"}, "event 15 (assessment.seen): seen_alone: must be true or"),
    (15, {"assessment": "maya"}, "event 15 (assessment.seen): 'maya' does not name an"),
    (17, {"text": ""}, "event 17 (assessment.wishes): text: Enter the child's wishes"),
    (19, {"factors": ["3B", "99Z"]}, "event 19 (assessment.complete): factors: '99Z' is not"),
    (19, {"factors": ["18A"]}, "event 19 (assessment.complete): factors: Factor 18A is no"),
    (19, {"outcome": "fine"}, "event 19 (assessment.complete): outcome: 'fine' is not one"),
    (21, {"by": "omar"}, "event 21 (assessment.authorise): by: You cannot authorise this"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("n", "changes", "message"),
    FRONT_DOOR_ERRORS,
    ids=[f"{n}-{'+'.join(c)}" for n, c, _ in FRONT_DOOR_ERRORS],
)
def test_a_bad_front_door_or_assessment_event_names_itself_and_its_field_and_leaves_nothing(
    tmp_path: Path, n: int, changes: dict[str, Any], message: str
) -> None:
    doc = changed(yaml.safe_load(FRONT_DOOR.read_text()), n, changes)
    error = refused(write(tmp_path, doc))
    assert error.startswith(message), error


# Referrals, closures and early help, which the example does not use.


def casework_doc() -> dict[str, Any]:
    return {
        "start": "2026-02-02",
        "teams": [
            {"name": "Children's services", "kind": "directorate"},
            {"name": "Early help", "kind": "service", "parent": "Children's services"},
        ],
        "users": [
            {
                "ref": "sam",
                "username": "sam.worker",
                "role": "social_worker",
                "team": "Early help",
                "swe_number": "SW300101",
            },
        ],
        "events": [
            {
                "on": "2026-02-02",
                "by": "sam",
                "do": "person.create",
                "ref": "ava",
                "given_name": "Ava",
                "family_name": "Stone",
                "date_of_birth": "2014-04-04",
            },
            {
                "on": "2026-02-02",
                "by": "sam",
                "do": "person.create",
                "ref": "ben",
                "given_name": "Ben",
                "family_name": "Cole",
                "date_of_birth": "2012-12-12",
            },
            {
                "on": "2026-02-02",
                "by": "sam",
                "do": "early_help.start",
                "ref": "ava_help",
                "child": "ava",
                "organisation": "Family hub",
                "lead_practitioner": "J Lee",
            },
            {"on": "2026-02-04", "by": "sam", "do": "early_help.assessment", "episode": "ava_help"},
            {
                "on": "2026-02-20",
                "by": "sam",
                "do": "early_help.step_up",
                "ref": "ava_cin",
                "child": "ava",
                "source": "5D",
                "primary_need": "N4",
                "assignee": "sam",
            },
            {
                "on": "2026-02-20",
                "by": "sam",
                "do": "referral.open",
                "ref": "ben_nfa",
                "child": "ben",
                "source": 6,
                "nfa": True,
            },
            {"on": "2026-02-23", "by": "sam", "do": "early_help.start", "child": "ben"},
            {
                "on": "2026-03-02",
                "by": "sam",
                "do": "early_help.assessment",
                "child": "ben",
                "started_on": "2026-02-24",
                "completed_on": "2026-03-02",
            },
            {
                "on": "2026-03-16",
                "by": "sam",
                "do": "early_help.close",
                "child": "ben",
                "reason": "needs_met",
            },
            {
                "on": "2026-03-17",
                "by": "sam",
                "do": "assessment.start",
                "child": "ava",
                "ref": "ava_assessment",
            },
            {
                "on": "2026-03-18",
                "by": "sam",
                "do": "episode.close",
                "child": "ava",
                "reason": "RC7",
            },
        ],
    }


@pytest.mark.django_db
def test_referrals_closures_and_early_help_go_through_casework(tmp_path: Path) -> None:
    refs = json.loads(run("load", str(write(tmp_path, casework_doc()))))

    ava_help = EarlyHelpEpisode.objects.get(pk=refs["ava_help"])
    assert (ava_help.organisation, ava_help.assessment_started_on) == (
        "Family hub",
        dt.date(2026, 2, 4),
    )
    assert (ava_help.closed_on, ava_help.closure_reason) == (dt.date(2026, 2, 20), "stepped_up")
    ava_cin = CINEpisode.objects.get(pk=refs["ava_cin"])
    assert ava_help.stepped_up_episode == ava_cin
    assert (ava_cin.referral_source, ava_cin.primary_need) == ("5D", "N4")
    assert (ava_cin.closure_date, ava_cin.closure_reason) == (dt.date(2026, 3, 18), "RC7")
    assert str(ava_cin.assessments.get().pk) == refs["ava_assessment"]
    clocks = json.loads(run("deadlines", refs["ava"]))
    assert [(d["rule_id"], d["status"]) for d in clocks] == [
        ("child-and-family-assessment", "cancelled")
    ]

    ben_nfa = CINEpisode.objects.get(pk=refs["ben_nfa"])
    assert (ben_nfa.referral_source, ben_nfa.referral_nfa, ben_nfa.closure_reason) == (
        "6",
        True,
        "RC7",
    )
    ben_help = EarlyHelpEpisode.objects.get(child_id=refs["ben"])
    assert (ben_help.assessment_started_on, ben_help.assessment_completed_on) == (
        dt.date(2026, 2, 24),
        dt.date(2026, 3, 2),
    )
    assert (ben_help.closed_on, ben_help.closure_reason) == (dt.date(2026, 3, 16), "needs_met")


CASEWORK_ERRORS: list[tuple[int, dict[str, Any], str]] = [
    (3, {"child": "sam"}, "event 3 (early_help.start): 'sam' does not name a person"),
    (4, {"episode": "ava"}, "event 4 (early_help.assessment): 'ava' does not name an"),
    (5, {"source": "11"}, "event 5 (early_help.step_up): source: '11' is not one of 1A"),
    (5, {"primary_need": "N"}, "event 5 (early_help.step_up): primary_need: 'N' is not"),
    (6, {"source": "0"}, "event 6 (referral.open): source: '0' is not one of 1A, 1B"),
    (6, {"nfa": "yes"}, "event 6 (referral.open): nfa: must be true or false, not 'yes'"),
    (6, {"nfa": False}, "event 6 (referral.open): primary_need: Choose the child's"),
    (8, {"completed_on": "soon"}, "event 8 (early_help.assessment): 'completed_on' must"),
    (9, {"reason": "bored"}, "event 9 (early_help.close): reason: 'bored' is not one of"),
    (9, {"child": "ava"}, "event 9 (early_help.close): child: 'ava' has no open early"),
    (10, {"child": "ben"}, "event 10 (assessment.start): child: 'ben' has no open child"),
    (11, {"reason": "RC10"}, "event 11 (episode.close): reason: 'RC10' is not one of RC1"),
    (11, {"child": None}, "event 11 (episode.close): give 'episode' (a ref) or 'child'"),
    (11, {"episode": "ava_help"}, "event 11 (episode.close): 'ava_help' does not name a"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("n", "changes", "message"),
    CASEWORK_ERRORS,
    ids=[f"{n}-{'+'.join(c)}" for n, c, _ in CASEWORK_ERRORS],
)
def test_a_bad_referral_closure_or_early_help_event_names_itself_and_leaves_nothing(
    tmp_path: Path, n: int, changes: dict[str, Any], message: str
) -> None:
    error = refused(write(tmp_path, changed(casework_doc(), n, changes)))
    assert error.startswith(message), error
