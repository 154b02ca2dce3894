"""What ``haven generate --status`` and ``--logins`` read, and the generated council's figures."""

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

from haven.accounts.models import User
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.casework.models import CINEpisode
from haven.protection.enums import ConferenceKind, PlanKind
from haven.protection.models import Conference, Plan, Section47Enquiry
from haven.synthetic import calibration as cal
from haven.synthetic.personas import DEMO_PASSWORD, PERSONAS
from haven.timescales.calendar import default_calendar


def council_summary() -> dict[str, Any] | None:
    """The payload of the generation event, or None if no council was generated here."""
    event = (
        AuditEvent.objects.filter(verb=AuditVerb.SYNTHETIC_COUNCIL_GENERATED)
        .order_by("-occurred_at")
        .first()
    )
    return None if event is None else dict(event.payload)


def summary_line(summary: dict[str, Any]) -> str:
    return (
        f"Synthetic council ({summary.get('scale')}, seed {summary.get('seed')}, "
        f"as of {summary.get('as_of')}): {summary.get('children', 0):,} children, "
        f"{summary.get('adults', 0):,} adults, {summary.get('staff', 0):,} staff in "
        f"{summary.get('teams', 0):,} teams, {summary.get('open_allocations', 0):,} open "
        f"allocations, {summary.get('unallocated_children', 0):,} children awaiting allocation"
    )


def persona_logins() -> list[tuple[str, str, str]]:
    """(username, role, password) for each persona that exists in this database."""
    present = set(
        User.objects.filter(username__in=[p.username for p in PERSONAS]).values_list(
            "username", flat=True
        )
    )
    return [(p.username, p.role.label, DEMO_PASSWORD) for p in PERSONAS if p.username in present]


def protection_figures(*, today: dt.date) -> dict[str, Any]:
    """The protection pathway's figures, measured the way NATIONAL_STATS §2 counts them, so
    the generated council can be checked against its calibration (docs/synthetic.md).

    Rates per 10,000 children are counted against the child population the council's
    referrals imply (``calibration.REFERRALS_PER_10K``): the council holds only children known
    to children's services. A year is the 365 days to ``today``.
    """
    calendar = default_calendar()
    year_ago = today - dt.timedelta(days=365)
    referrals = CINEpisode.objects.filter(referral_date__gt=year_ago).count()
    population = referrals / cal.REFERRALS_PER_10K * 10_000
    open_cases = CINEpisode.objects.filter(closure_date__isnull=True, referral_nfa=False).count()

    def per_10k(n: int) -> float:
        return round(n / population * 10_000, 1) if population else 0.0

    def shares(counts: Counter[Any], keys: Iterable[Any]) -> dict[str, float]:
        total = sum(counts.values()) or 1
        return {str(k): round(counts[k] / total, 3) for k in keys}

    s47 = Section47Enquiry.objects.filter(start_date__gt=year_ago).count()
    icpcs = Conference.objects.filter(kind=ConferenceKind.INITIAL)
    icpc_year = icpcs.filter(held_on__gt=year_ago).count()
    timing: Counter[str] = Counter()
    for started, held in icpcs.values_list("section47__start_date", "held_on"):
        wd = calendar.working_days_between(started, held)
        timing["0-10" if wd <= 10 else "11-15" if wd <= 15 else "16-20" if wd <= 20 else "21+"] += 1
    cp = Plan.objects.filter(kind=PlanKind.CHILD_PROTECTION)
    started_year = cp.filter(started_on__gt=year_ago)

    def lengths(plans: Any) -> dict[str, float]:
        bands: Counter[str] = Counter()
        for start, end in plans.values_list("started_on", "ended_on"):
            days = (end - start).days
            bands[next((label for label, most in LENGTH_BANDS if days <= most), "2+ years")] += 1
        return shares(bands, [label for label, _ in LENGTH_BANDS])

    cp_count = cp.count()
    return {
        "referrals": referrals,
        "implied_population": round(population),
        "open_cases": open_cases,
        "s47_per_10k": per_10k(s47),
        "icpc_per_10k": per_10k(icpc_year),
        "icpc_per_s47": round(icpc_year / s47, 3) if s47 else 0.0,
        "icpc_timing": shares(timing, ["0-10", "11-15", "16-20", "21+"]),
        "icpc_within_15": round(
            (timing["0-10"] + timing["11-15"]) / (sum(timing.values()) or 1), 3
        ),
        "plans_per_icpc": round(cp.count() / icpcs.count(), 3) if icpcs.exists() else 0.0,
        "cp_started_per_10k": per_10k(started_year.count()),
        "categories": shares(
            Counter(cp.values_list("initial_category", flat=True)), cal.CP_CATEGORY
        ),
        "ended_lengths": lengths(cp.filter(ended_on__isnull=False)),
        "ended_lengths_year": lengths(cp.filter(ended_on__gt=year_ago)),
        "repeat_share": round(cp.filter(previous_plans__gt=0).count() / cp_count, 3)
        if cp_count
        else 0.0,
        "repeat_share_year": (
            round(started_year.filter(previous_plans__gt=0).count() / started_year.count(), 3)
            if started_year.exists()
            else 0.0
        ),
        "on_cp_plan_per_10k": per_10k(cp.filter(ended_on__isnull=True).count()),
        "on_cp_plan_share_of_open": (
            round(cp.filter(ended_on__isnull=True).count() / open_cases, 3) if open_cases else 0.0
        ),
        "on_cin_plan": Plan.objects.filter(
            kind=PlanKind.CHILD_IN_NEED, ended_on__isnull=True
        ).count(),
    }


#: CIN census D7 bands for the length of ended plans: (label, most days).
LENGTH_BANDS = (
    ("3 months or less", 91),
    ("3-6 months", 182),
    ("6-12 months", 365),
    ("1-2 years", 730),
    ("2+ years", 10**6),
)
