"""Same seed, same council; and a database holds one council at most."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from haven.casework.models import Assessment, CINEpisode
from haven.core import clock
from haven.exploitation.models import Screening
from haven.frontdoor.models import Contact
from haven.missing.models import MissingEpisode
from haven.people.models import Person
from haven.protection.models import Plan, Section47Enquiry, Visit
from haven.synthetic.generator import GenerationRefused, generate

pytestmark = pytest.mark.django_db

CHILDREN = 60


#: Generation is fingerprinted at a fixed moment: what happens "today" is never later than the
#: moment of generation, so two runs seconds apart before office hours would differ.
NOON = dt.time(12, 0)


def _digest(seed: int) -> str:
    """Generate into an empty database, fingerprint the people, and roll back."""
    moment = dt.datetime.combine(clock.today(), NOON, tzinfo=clock.LONDON)
    with time_machine.travel(moment, tick=False), transaction.atomic():
        generate(scale="demo", seed=seed, children=CHILDREN)
        rows = Person.objects.order_by("la_child_id").values_list(
            "la_child_id", "given_name", "family_name", "date_of_birth", "upn", "nhs_number"
        )
        # The front door and casework history: dates, codes and who they are about.
        contacts = Contact.objects.order_by("received_at", "id").values_list(
            "id", "received_at", "source", "rag", "status", "decision__outcome"
        )
        episodes = CINEpisode.objects.order_by("child__la_child_id", "referral_date").values_list(
            "child__la_child_id",
            "referral_date",
            "referral_source",
            "primary_need",
            "is_re_referral",
            "closure_date",
            "closure_reason",
            "contact_id",
        )
        assessments = Assessment.objects.order_by("id").values_list(
            "id", "start_date", "authorised_on", "outcome"
        )
        # The protection pathway: enquiries, conferences and plans, with their own ids.
        enquiries = Section47Enquiry.objects.order_by("id").values_list(
            "id", "child__la_child_id", "start_date", "completed_on", "outcome"
        )
        plans = Plan.objects.order_by("id").values_list(
            "id", "kind", "started_on", "ended_on", "end_reason", "initial_category"
        )
        visits = Visit.objects.order_by("id").values_list("id", "visited_on", "child_seen")
        # Harm outside the home: episodes, interviews and screenings.
        missing = MissingEpisode.objects.order_by("id").values_list(
            "id", "child__la_child_id", "kind", "started_at", "ended_at", "interview__outcome"
        )
        screenings = Screening.objects.order_by("id").values_list("id", "screened_on", "risk")
        history = [
            list(missing),
            list(screenings),
            list(contacts),
            list(episodes),
            list(assessments),
            list(enquiries),
            list(plans),
            list(visits),
        ]
        digest = hashlib.sha256(repr([list(rows), history]).encode()).hexdigest()
        transaction.set_rollback(True)
    return digest


def test_same_seed_gives_the_same_people_and_another_seed_does_not() -> None:
    first = _digest(11)
    assert _digest(11) == first
    assert _digest(12) != first


def test_status_fails_when_no_council_has_been_generated() -> None:
    with pytest.raises(CommandError, match="No synthetic council"):
        call_command("generate", "--status", stdout=StringIO())


def test_a_second_council_is_refused() -> None:
    generate(scale="demo", seed=3, children=CHILDREN)
    people = Person.objects.count()
    with pytest.raises(GenerationRefused):
        generate(scale="demo", seed=4, children=CHILDREN)
    with pytest.raises(CommandError, match="already has a synthetic council"):
        call_command("generate", "--seed", "4", "--children", "10", "--quiet", stdout=StringIO())
    assert Person.objects.count() == people


@pytest.mark.parametrize(("seed", "children"), [(1, 300), (2, 300), (3, 450), (4, 150)])
def test_councils_of_other_sizes_are_generated_whole(seed: int, children: int) -> None:
    """``--children`` gives a council of any size: its families, care and protection
    pathways keep to the database's rules (one open enquiry per child and the like)."""
    with transaction.atomic():
        summary = generate(scale="demo", seed=seed, children=children)
        assert summary["children"] == children
        open_enquiries = Section47Enquiry.objects.filter(completed_on__isnull=True)
        assert open_enquiries.count() == open_enquiries.values("child").distinct().count()
        transaction.set_rollback(True)
