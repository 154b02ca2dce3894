"""docs/examples/missing.yaml, replayed: episodes, return home interviews, the manager's
decision, screenings, a place, both workers told, and a meeting."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

from haven.deadlines.enums import DeadlineStatus
from haven.deadlines.models import Deadline
from haven.exploitation.models import Meeting, SharedRiskAlert
from haven.missing.enums import InterviewOutcome
from haven.missing.models import MissingEpisode, RepeatMissingDecision, ReturnInterview
from haven.people.models import ChronologyEntry
from haven.scenarios.fields import ScenarioError
from haven.scenarios.loader import load, load_document

pytestmark = pytest.mark.django_db
MISSING = Path(settings.BASE_DIR) / "docs" / "examples" / "missing.yaml"


def test_the_missing_example_replays_through_the_services() -> None:
    refs = load(MISSING)
    kayla = refs["kayla"]
    episodes = MissingEpisode.objects.filter(child_id=kayla).order_by("started_at")
    assert [e.kind for e in episodes] == ["M", "A", "M"]
    assert all(e.ended_at is not None for e in episodes)
    interviews = {i.episode_id: i for i in ReturnInterview.objects.filter(child_id=kayla)}
    first = interviews[episodes[0].pk]
    assert first.outcome == InterviewOutcome.DONE
    assert {f.factor for f in first.factors.all()} == {"conflict_home", "older_people", "money"}
    assert interviews[episodes[1].pk].outcome == InterviewOutcome.DECLINED
    clocks = {
        d.subject_id: d.status for d in Deadline.objects.filter(rule_id="return-home-interview")
    }
    assert clocks[str(episodes[0].pk)] == DeadlineStatus.MET  # held within 72 hours
    assert clocks[str(episodes[1].pk)] == DeadlineStatus.CANCELLED  # declined
    assert clocks[str(episodes[2].pk)] == DeadlineStatus.OPEN  # not offered yet
    decision = RepeatMissingDecision.objects.get(child_id=kayla)
    assert decision.strategy_discussion is True
    prompt = Deadline.objects.get(rule_id="repeat-missing-review")
    assert prompt.status == DeadlineStatus.MET
    alerts = SharedRiskAlert.objects.all()
    assert {str(a.child_id) for a in alerts} == {kayla, refs["dion"]}
    assert all(a.considered_at is not None for a in alerts)
    meeting = Meeting.objects.get()
    assert {str(c.pk) for c in meeting.children.all()} == {kayla, refs["dion"]}
    assert ChronologyEntry.objects.filter(person_id=kayla, category="exploitation").count() == 4


def test_a_bad_event_names_the_event_and_the_field() -> None:
    doc: dict[str, Any] = yaml.safe_load(MISSING.read_text())
    doc["events"] = doc["events"][:9]
    doc["events"][8] = {**doc["events"][8], "found_where": "the moon"}
    with pytest.raises(ScenarioError, match=r"event 9 \(missing.end\): found_where: 'the moon'"):
        load_document(doc)
    assert not MissingEpisode.objects.exists()
