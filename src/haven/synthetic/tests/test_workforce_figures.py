"""The generated council's establishment and workforce land near the national figures."""

import datetime as dt
from typing import Any

import pytest

from haven.allocation.enums import REGISTERED_ROLES, Employment, JobRole, Skill
from haven.allocation.models import Post, Team, Worker
from haven.core import clock
from haven.oversight.selectors.workforce import workforce_summary
from haven.synthetic.workforce import VACANCY_RATE

pytestmark = pytest.mark.django_db

#: CSWW agency rate: 17.8% (2023), 16.2% (2024), 13.0% (2025).
AGENCY_RATE = 0.16


def test_vacancy_and_agency_rates_are_near_the_national_rates(council: dict[str, Any]) -> None:
    summary = workforce_summary(
        team_ids=Team.objects.values_list("pk", flat=True), on=clock.today()
    )
    totals = summary.totals
    assert Post.objects.exists()
    assert totals.vacancy_rate == pytest.approx(float(VACANCY_RATE), abs=0.03)
    # A demo council has a few dozen social workers: an agency worker more or less moves the
    # rate by a few points.
    assert totals.agency_rate == pytest.approx(AGENCY_RATE, abs=0.08)
    assert totals.average_caseload is not None
    # Establishment above staff in post in some teams, not all.
    vacant_teams = [f for f in summary.teams if f.vacant_fte > 0]
    assert vacant_teams


def test_the_agency_rule_breach_list_is_not_empty(council: dict[str, Any]) -> None:
    summary = workforce_summary(
        team_ids=Team.objects.values_list("pk", flat=True), on=clock.today()
    )
    assert summary.breaches
    assert len(summary.breaches) < summary.totals.agency_headcount


def test_qualification_dates_are_realistic(council: dict[str, Any]) -> None:
    today = clock.today()
    in_post = Worker.objects.filter(ended_on__isnull=True)
    for w in in_post.filter(job_role=JobRole.ASYE_SOCIAL_WORKER):
        assert w.qualified_on is not None
        assert today - w.qualified_on <= dt.timedelta(days=366)
    permanent = in_post.filter(
        employment=Employment.PERMANENT, job_role__in=REGISTERED_ROLES
    ).exclude(job_role=JobRole.ASYE_SOCIAL_WORKER)
    for w in permanent:
        assert w.qualified_on is not None
        assert (today - w.qualified_on).days / 365.25 >= 1
    assert not in_post.exclude(job_role__in=REGISTERED_ROLES).exclude(qualified_on=None).exists()


def test_case_holders_bring_skills(council: dict[str, Any]) -> None:
    """The disabled children's teams' case holders have that skill; some others one more."""
    skilled = list(Worker.objects.exclude(skills=[]).values_list("team__kind", "skills"))
    assert skilled
    assert all(
        skills == [Skill.DISABILITY] for kind, skills in skilled if kind == "disabled_children"
    )
    assert any(kind != "disabled_children" for kind, _ in skilled)
