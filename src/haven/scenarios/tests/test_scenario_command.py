"""``haven scenario``: replay a journey from a file, and print a child's deadlines."""

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

from haven.audit.models import AuditEvent
from haven.people.models import Person

AMELIA = Path(settings.BASE_DIR) / "docs" / "examples" / "amelia.yaml"


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("scenario", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_prints_the_refs_and_deadlines_prints_the_clocks() -> None:
    refs = json.loads(run("load", str(AMELIA)))
    assert set(refs) == {"sam", "tess", "amelia", "helen", "decision", "assessment"}
    amelia = Person.objects.get(pk=refs["amelia"])
    assert (amelia.full_name, amelia.nhs_number) == ("Amelia Hart", "9434765919")
    assert amelia.addresses.get().postcode == "NN1 5AB"
    assert amelia.allocations.get().worker.user.username == "sam.worker"
    assert amelia.case_notes.get().occurred_on == dt.date(2026, 1, 9)
    created = AuditEvent.objects.get(verb="person.created", person_id=amelia.pk)
    assert created.actor is not None
    assert created.actor.username == "sam.worker"
    assert created.occurred_at.date() == dt.date(2026, 1, 5)

    deadlines = json.loads(run("deadlines", refs["amelia"]))
    assert {d["rule_id"]: d for d in deadlines} == {
        "referral-decision": {
            "rule_id": "referral-decision",
            "rule_version": 1,
            "due_date": "2026-01-06",
            "met_date": "2026-01-06",
            "status": "met",
        },
        "child-and-family-assessment": {
            "rule_id": "child-and-family-assessment",
            "rule_version": 1,
            "due_date": working_days_after(dt.date(2026, 1, 5), 45).isoformat(),
            "met_date": None,
            "status": "open",
        },
    }
    assert [d["rule_id"] for d in deadlines] == ["referral-decision", "child-and-family-assessment"]


@pytest.mark.django_db
def test_deadlines_for_an_unknown_child_is_an_empty_list() -> None:
    assert json.loads(run("deadlines", "00000000-0000-4000-8000-000000000000")) == []


def _broken(tmp_path: Path, n: int, **changes: Any) -> Path:
    doc = yaml.safe_load(AMELIA.read_text())
    doc["events"][n - 1].update(changes)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(doc))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("n", "changes", "message"),
    [
        (4, {"postcode": "NN1 5A"}, "event 4 (address.add): postcode: Enter a real UK postcode"),
        (1, {"nhs_number": "9434765918"}, "event 1 (person.create): nhs_number: NHS number is"),
        (3, {"do": "relationship.invent"}, "event 3 (relationship.invent): unknown event"),
        (3, {"on": "2026-01-04"}, "event 3 (relationship.add): 'on' must not be before"),
        (6, {"on": "6 January"}, "event 6 (deadline.meet): 'on' must be a date"),
        (5, {"rule": "no-such-rule"}, "event 5 (deadline.open): rule_id: No statutory rule"),
        (9, {"subject": " "}, "event 9 (case_note.add): subject: Enter a subject"),
        (7, {"worker": "nobody"}, "event 7 (allocation.start): unknown user 'nobody'"),
    ],
    ids=[
        "postcode",
        "nhs",
        "verb",
        "out-of-order",
        "bad-date",
        "rule",
        "subject",
        "unknown-ref",
    ],
)
def test_a_bad_event_names_itself_and_its_field_and_leaves_nothing(
    tmp_path: Path, n: int, changes: dict[str, Any], message: str
) -> None:
    before = row_counts()
    with pytest.raises(CommandError) as e:
        run("load", str(_broken(tmp_path, n, **changes)))
    assert str(e.value).startswith(message), str(e.value)
    assert row_counts() == before


@pytest.mark.django_db
def test_a_file_that_is_not_a_scenario_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n")
    with pytest.raises(CommandError, match="a scenario is a mapping with a list of 'events'"):
        run("load", str(path))
    with pytest.raises(CommandError, match=r"cannot read missing\.yaml"):
        run("load", str(tmp_path / "missing.yaml"))
