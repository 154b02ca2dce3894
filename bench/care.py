"""A looked-after child's care record and the director's list of placements in unregistered
settings, over a generated council.

Run by ``scripts/bench.sh`` against the database in ``DATABASE_URL`` (a large council on
PostgreSQL for the figures in bench/README.md). Requests go through Django's full stack
(middleware, policies, access logging, templates) in-process: the care record as the children's
allocated social workers and as the director, and the irregular placements list as the director
and as service managers.

    .venv/bin/python bench/care.py --samples 200
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
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from haven.accounts.models import User  # noqa: E402
from haven.accounts.roles import Role  # noqa: E402
from haven.allocation.models import Allocation  # noqa: E402
from haven.care.models import CarePeriod, IrregularPlacementRequest, Placement  # noqa: E402

TARGET_MS = 100


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def timed(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return elapsed


def report(label: str, ms: list[float], client: Client, url: str) -> None:
    p95 = percentile(ms, 95)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    db_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(
        f"{label:<34} n={len(ms):<4} p50={statistics.median(ms):7.1f} ms  p95={p95:7.1f} ms  "
        f"max={max(ms):7.1f} ms  target p95<={TARGET_MS} ms  "
        f"{'MET' if p95 <= TARGET_MS else 'MISSED'}  ({len(queries)} queries, "
        f"{db_ms:.1f} ms in the database)"
    )


def looked_after(rng: random.Random, n: int) -> list[tuple[object, User | None]]:
    """Looked-after children, each with their allocated worker's user (None if unallocated),
    those with the longest histories first among a random sample."""
    ids = list(CarePeriod.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True))
    chosen = rng.sample(ids, min(n * 3, len(ids)))
    workers = dict(
        Allocation.objects.filter(child_id__in=chosen, ended_on__isnull=True).values_list(
            "child_id", "worker__user_id"
        )
    )
    users = User.objects.in_bulk([u for u in workers.values() if u])
    busiest = sorted(chosen, key=lambda c: -Placement.objects.filter(child_id=c).count())[:n]
    return [(child, users.get(workers.get(child))) for child in busiest]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--children", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(args.seed)
    irregular = Placement.objects.filter(ended_on__isnull=True, irregular=True).count()
    pending = IrregularPlacementRequest.objects.filter(status="pending").count()
    print(
        f"database: {connection.vendor}; looked after now: "
        f"{CarePeriod.objects.filter(ended_on__isnull=True).count():,}; placements: "
        f"{Placement.objects.count():,}; open irregular placements: {irregular}; "
        f"requests waiting: {pending}"
    )
    children = looked_after(rng, args.children)
    if not children:
        raise SystemExit("No looked-after children: generate a council first")
    director = User.objects.filter(role=Role.DCS, is_active=True).order_by("username").first()
    assert director is not None, "the council has no director"

    # The care record as each child's own social worker, then as the director.
    pages = [(reverse("care:child", args=[c]), u) for c, u in children if u is not None]
    clients = {u.pk: signed_in(u) for _, u in pages}
    for url, u in pages:
        clients[u.pk].get(url)
    ms = [
        timed(clients[u.pk], url) for url, u in (pages[i % len(pages)] for i in range(args.samples))
    ]
    report("care record (allocated worker)", ms, clients[pages[0][1].pk], pages[0][0])
    boss = signed_in(director)
    urls = [reverse("care:child", args=[c]) for c, _ in children]
    for url in urls:
        boss.get(url)
    ms = [timed(boss, urls[i % len(urls)]) for i in range(args.samples)]
    report("care record (director)", ms, boss, urls[0])

    # The irregular placements list.
    url = reverse("care:irregular-list")
    for _ in range(3):
        boss.get(url)
    ms = [timed(boss, url) for _ in range(args.samples)]
    report("irregular placements (director)", ms, boss, url)
    managers = list(User.objects.filter(role=Role.SERVICE_MANAGER, is_active=True)[:5])
    if managers:
        mclients = [signed_in(m) for m in managers]
        for c in mclients:
            c.get(url)
        ms = [timed(mclients[i % len(mclients)], url) for i in range(args.samples)]
        report("irregular placements (service mgr)", ms, mclients[0], url)


if __name__ == "__main__":
    main()
