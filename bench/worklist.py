"""The "my team" and "my work" worklists over a generated council with the protection pathway.

Run by ``scripts/bench.sh`` against the database in ``DATABASE_URL`` (a large council on
PostgreSQL for the figures in bench/README.md). Requests go through Django's full stack
(middleware, policies, templates) in-process, signed in as team managers of teams with open
child protection and child in need clocks, and as social workers holding such clocks.

    .venv/bin/python bench/worklist.py --samples 200 --users 10
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, QuerySet  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from haven.accounts.models import User  # noqa: E402
from haven.accounts.roles import Role  # noqa: E402
from haven.allocation.selectors import managed_team_ids  # noqa: E402
from haven.core import clock  # noqa: E402
from haven.deadlines.enums import DeadlineStatus  # noqa: E402
from haven.deadlines.models import Deadline  # noqa: E402

#: The clocks the protection pathway opens (docs/protection.md).
PROTECTION_RULES = (
    "initial-child-protection-conference",
    "first-core-group",
    "core-group",
    "cp-review-first",
    "cp-review-subsequent",
    "cp-visit",
    "cin-visit",
    "cin-plan-review",
)
TARGET_MS = 100


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return elapsed


def open_clocks() -> QuerySet[Deadline]:
    return Deadline.objects.filter(status=DeadlineStatus.OPEN)


def managers(n: int, rng: random.Random) -> list[User]:
    """Team managers whose teams hold open child protection or child in need clocks."""
    teams = set(
        open_clocks()
        .filter(rule_id__in=PROTECTION_RULES, team__isnull=False)
        .values_list("team_id", flat=True)
        .distinct()
    )
    found = [
        user
        for user in User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("username")
        if teams & set(managed_team_ids(user=user))
    ]
    return rng.sample(found, min(n, len(found)))


def workers(n: int, rng: random.Random) -> list[User]:
    """Social workers holding open child protection or child in need clocks, most first."""
    ids = [
        row["assignee"]
        for row in open_clocks()
        .filter(rule_id__in=PROTECTION_RULES, assignee__isnull=False)
        .values("assignee")
        .annotate(n=Count("id"))
        .order_by("-n", "assignee")[: n * 3]
    ]
    users = list(User.objects.filter(pk__in=ids, role=Role.SOCIAL_WORKER).order_by("username"))
    return rng.sample(users, min(n, len(users)))


def measure(label: str, url: str, users: list[User], samples: int) -> None:
    """GET ``url`` as each user in turn, ``samples`` times in all after warming up."""
    if not users:
        print(f"{label:<30} no users with protection clocks: generate a council first")
        return
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        for _ in range(3):
            client.get(url)
        clients.append((user, client))
    ms = [timed(clients[i % len(clients)][1], url) for i in range(samples)]
    p95 = percentile(ms, 95)
    print(
        f"{label:<30} users={len(users):<3} n={len(ms):<4} p50={statistics.median(ms):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={max(ms):7.1f} ms  target p95<={TARGET_MS} ms  "
        f"{'MET' if p95 <= TARGET_MS else 'MISSED'}"
    )
    # Where the time goes, for the user with the longest list.
    user, client = max(clients, key=lambda uc: rows_for(uc[0], url))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]))
    db_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(
        f"{'':<30} largest list: {rows_for(user, url)} items ({user.username}); "
        f"{len(queries)} queries, {db_ms:.1f} ms in the database, slowest "
        f"{float(slowest['time']) * 1000:.1f} ms: {slowest['sql'][:160]}"
    )


def rows_for(user: User, url: str) -> int:
    if url == reverse("deadlines:my-team"):
        return open_clocks().filter(team_id__in=managed_team_ids(user=user)).count()
    return open_clocks().filter(assignee=user).count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--users", type=int, default=10, help="users of each kind to sign in as")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(args.seed)
    clocks = open_clocks()
    protection = clocks.filter(rule_id__in=PROTECTION_RULES)
    print(
        f"database: {connection.vendor}; open clocks: {clocks.count():,} "
        f"({protection.count():,} child protection and child in need, "
        f"{protection.filter(due_on__lt=clock.today()).count():,} overdue)"
    )
    measure(
        "my team (team manager)",
        reverse("deadlines:my-team"),
        managers(args.users, rng),
        args.samples,
    )
    measure(
        "my work (social worker)",
        reverse("deadlines:my-work"),
        workers(args.users, rng),
        args.samples,
    )


if __name__ == "__main__":
    main()
