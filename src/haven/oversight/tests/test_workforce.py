"""The workforce: establishment against staff in post, DfE rates, caseload distribution,
workers over capacity, the agency rule on post-qualifying experience, and who sees the page."""

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from conftest import PASSWORD, make_user
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from haven.accounts.roles import Role
from haven.allocation.enums import Employment, JobRole
from haven.allocation.services import post_create, post_end, worker_qualification_record
from haven.oversight.selectors.workforce import BANDS, band_index, pqe_breach, workforce_summary

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 3, 13)
PAGE = reverse("oversight:workforce")
D = Decimal


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 3, 13, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def posts(team: Any, job: JobRole, n: int, fte: str = "1.0") -> None:
    for _ in range(n):
        post_create(
            actor=None,
            team=team,
            job_role=job,
            fte=Decimal(fte),
            established_on=dt.date(2024, 4, 1),
        )


@pytest.fixture
def workforce(council: Any) -> Any:
    """Assessment A funds three social workers and a team manager: Sam (permanent), Cara
    (agency, no qualification date) and Tom the manager are in post, so two social work
    posts are vacant. Assessment B funds two social workers and has Olu. A deleted post and
    one not yet established do not count, nor do posts for jobs outside social work."""
    t = council.teams
    posts(t["team_a"], JobRole.SOCIAL_WORKER, 3)
    posts(t["team_a"], JobRole.TEAM_MANAGER, 1)
    posts(t["team_a"], JobRole.BUSINESS_SUPPORT, 1)
    posts(t["team_b"], JobRole.SOCIAL_WORKER, 2)
    gone = post_create(
        actor=None,
        team=t["team_b"],
        job_role=JobRole.SOCIAL_WORKER,
        fte=Decimal("1.0"),
        established_on=dt.date(2023, 4, 1),
    )
    post_end(actor=None, post=gone, ended_on=dt.date(2025, 3, 31))
    post_create(
        actor=None,
        team=t["team_b"],
        job_role=JobRole.SOCIAL_WORKER,
        fte=Decimal("1.0"),
        established_on=dt.date(2026, 4, 1),
    )
    return council


def safeguarding_ids(council: Any) -> list[Any]:
    t = council.teams
    return [t["safeguarding"].pk, t["team_a"].pk, t["team_b"].pk]


# --- Selectors -------------------------------------------------------------------------


def test_establishment_against_staff_in_post_and_the_dfe_rates(workforce: Any) -> None:
    summary = workforce_summary(team_ids=safeguarding_ids(workforce), on=ON)
    teams = {f.team_name: f for f in summary.teams}
    assert set(teams) == {"Safeguarding", "Assessment A", "Assessment B"}
    a = teams["Assessment A"]
    assert (a.establishment_fte, a.permanent_fte, a.agency_fte, a.vacant_fte) == (
        D(4),
        D(2),
        D(1),
        D(2),
    )
    assert (a.headcount, a.agency_headcount) == (3, 1)  # business support is not social work
    assert a.vacancy_rate == pytest.approx(2 / 4)
    assert a.agency_rate == pytest.approx(1 / 3)
    b = teams["Assessment B"]
    assert (b.establishment_fte, b.permanent_fte, b.vacant_fte) == (D(2), D(1), D(1))
    assert b.agency_rate == 0
    service = teams["Safeguarding"]  # the service manager, with no posts recorded
    assert service.establishment_fte == 0
    assert service.headcount == 1
    assert service.vacancy_rate == 0
    total = summary.totals
    assert (total.establishment_fte, total.permanent_fte, total.agency_fte) == (D(6), D(4), D(1))
    assert total.vacant_fte == 3
    assert total.vacancy_rate == pytest.approx(3 / 7)
    assert total.agency_rate == pytest.approx(1 / 5)


def test_an_overfilled_job_does_not_hide_a_vacancy_in_another(workforce: Any) -> None:
    """Vacancy is worked out per job: a second manager does not fill a social work post."""
    t = workforce.teams
    make_user("mo_manager", Role.TEAM_MANAGER, team=t["team_a"], job=JobRole.TEAM_MANAGER)
    a = next(
        f
        for f in workforce_summary(team_ids=[t["team_a"].pk], on=ON).teams
        if f.team_name == "Assessment A"
    )
    assert (a.establishment_fte, a.permanent_fte, a.vacant_fte) == (D(4), D(3), D(2))


def test_average_caseload_and_distribution(workforce: Any) -> None:
    summary = workforce_summary(team_ids=safeguarding_ids(workforce), on=ON)
    # Sam holds two children, Cara one, Olu one: 4 children over 3 case-holding FTE.
    assert summary.totals.cases == 4
    assert summary.totals.case_holders == 3
    assert summary.totals.average_caseload == pytest.approx(4 / 3)
    assert [b.workers for b in summary.bands] == [3, 0, 0, 0, 0, 0, 0]
    assert summary.bands[0].label == "0 to 5"
    assert summary.bands[-1].label == "31 or more"
    assert summary.bands[0].share == 1.0


def test_band_edges() -> None:
    assert [band_index(n) for n in (0, 5, 6, 10, 11, 30, 31, 80)] == [0, 0, 1, 1, 2, 5, 6, 6]
    assert len(BANDS) == 7


def test_workers_over_capacity(workforce: Any, settings: Any) -> None:
    settings.HAVEN_CASELOAD_MAX = {**settings.HAVEN_CASELOAD_MAX, "social_worker": 1.5}
    summary = workforce_summary(team_ids=safeguarding_ids(workforce), on=ON)
    assert [r.name for r in summary.over_capacity] == ["Sam Worker"]
    assert summary.totals.workers_over_capacity == 1


def test_agency_workers_without_three_years_experience_are_flagged(workforce: Any) -> None:
    cara = workforce.users["colleague"].worker  # agency, started 6 January 2020
    summary = workforce_summary(team_ids=safeguarding_ids(workforce), on=ON)
    assert [(b.name, b.reason) for b in summary.breaches] == [
        ("Cara Colleague", "No date of qualification is recorded")
    ]
    worker_qualification_record(actor=None, worker=cara, qualified_on=dt.date(2017, 7, 1))
    summary = workforce_summary(team_ids=safeguarding_ids(workforce), on=ON)
    assert [b.reason for b in summary.breaches] == [
        "Qualified on 1 July 2017: less than 3 years before starting on 6 January 2020"
    ]
    worker_qualification_record(actor=None, worker=cara, qualified_on=dt.date(2017, 1, 6))
    assert workforce_summary(team_ids=safeguarding_ids(workforce), on=ON).breaches == []


def test_the_pqe_rule_counts_whole_years_to_the_start_date(settings: Any) -> None:
    def breach(qualified: dt.date | None, **kw: Any) -> str | None:
        fields: dict[str, Any] = {
            "employment": Employment.AGENCY,
            "job_role": JobRole.SOCIAL_WORKER,
            "started_on": dt.date(2026, 1, 5),
            "qualified_on": qualified,
        }
        return pqe_breach(**(fields | kw))

    assert breach(dt.date(2023, 1, 5)) is None
    assert breach(dt.date(2023, 1, 6)) is not None
    assert breach(dt.date(2020, 2, 29), started_on=dt.date(2023, 2, 28)) is None
    assert breach(None, employment=Employment.LOCUM) is not None
    assert breach(None, employment=Employment.PERMANENT) is None
    assert breach(None, job_role=JobRole.FAMILY_SUPPORT) is None
    settings.HAVEN_AGENCY_MIN_PQE_YEARS = 2
    assert breach(dt.date(2024, 1, 5)) is None


def test_the_query_count_does_not_grow_with_workers(workforce: Any) -> None:
    ids = safeguarding_ids(workforce)
    with CaptureQueriesContext(connection) as few:
        workforce_summary(team_ids=ids, on=ON)
    for i in range(12):
        make_user(
            f"extra_worker{i}",
            Role.SOCIAL_WORKER,
            team=workforce.teams["team_b"],
            swe=f"SW3000{i:02d}",
            employment=Employment.AGENCY if i % 3 else Employment.PERMANENT,
        )
    with CaptureQueriesContext(connection) as many:
        summary = workforce_summary(team_ids=ids, on=ON)
    assert summary.totals.headcount == 17
    assert len(many) == len(few) <= 8


# --- The page --------------------------------------------------------------------------


def client_for(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.mark.parametrize(
    ("persona", "sees", "hidden"),
    [
        ("service_manager", ["Assessment A", "Assessment B"], ["Children in care 1"]),
        ("team_manager", ["Assessment A"], ["Assessment B", "Children in care 1"]),
        ("dcs", ["Assessment A", "Assessment B", "Children in care 1"], []),
        ("performance_analyst", ["Assessment A", "Assessment B", "Children in care 1"], []),
    ],
)
def test_managers_the_dcs_and_the_analyst_see_their_teams(
    workforce: Any, persona: str, sees: list[str], hidden: list[str]
) -> None:
    response = client_for(workforce.users[persona]).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for name in sees:
        assert name in html
    for name in hidden:
        assert name not in html


@pytest.mark.parametrize(
    "persona", ["social_worker", "iro", "business_support", "auditor", "system_admin"]
)
def test_others_may_not_see_the_workforce(workforce: Any, persona: str) -> None:
    assert client_for(workforce.users[persona]).get(PAGE).status_code == 403


def test_the_page_shows_rates_the_chart_and_breaches_and_no_child(workforce: Any) -> None:
    response = client_for(workforce.users["service_manager"]).get(PAGE)
    html = response.content.decode()
    assert "43%" in html  # vacancy rate 3 / 7
    assert "20%" in html  # agency rate 1 / 5
    assert 'aria-hidden="true"' in html
    assert "<svg" in html
    assert "0 to 5" in html
    assert "31 or more" in html
    # The per-team chart: one labelled bar per team holding cases, as in its table.
    team_bars = re.findall(r'<text x="0" y="\d+" font-size="13"[^>]*>([^<]+)</text>', html)
    table = html.split('id="team-bands"', 1)[1].split("</table>", 1)[0]
    assert team_bars
    assert len(team_bars) == table.count('<th scope="row"')
    assert "Cara Colleague" in html
    assert "No date of qualification is recorded" in html
    assert "style=" not in html.split("<main", 1)[1]
    for child in workforce.children.values():
        assert child.family_name not in html
        assert str(child.pk) not in html


def test_the_page_is_linked_from_caseloads_and_the_queue(workforce: Any) -> None:
    client = client_for(workforce.users["service_manager"])
    assert PAGE in client.get(reverse("oversight:caseloads-service")).content.decode()
    assert PAGE in client.get(reverse("oversight:queue")).content.decode()


def test_signed_out_users_are_sent_to_sign_in(workforce: Any) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
