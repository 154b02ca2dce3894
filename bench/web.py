"""Child search and child record page latency over a generated council.

Run by ``scripts/bench.sh`` against the database in ``DATABASE_URL`` (a large council on
PostgreSQL for the figures in bench/README.md). Requests go through Django's full stack
(middleware, policies, access logging, templates) in-process, signed in as a persona, so
the figures are what a user waits for less the network.

    .venv/bin/python bench/web.py --samples 300 --seed 7
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from haven.accounts.models import User  # noqa: E402
from haven.people.models import Person  # noqa: E402
from haven.people.policies import visible_people  # noqa: E402


def misspell(word: str, rng: random.Random) -> str:
    """Swap two neighbouring letters, the commonest typing slip."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def report_page(
    client: Client, url: str, label: str, samples: int, target: int | None = None
) -> None:
    """GET ``url`` ``samples`` times after three warm-up calls and print p50, p95 and max."""
    for _ in range(3):
        client.get(url)
    ms = sorted(timed(client, url) for _ in range(samples))
    goal = f"  target p95<={target} ms" if target else ""
    print(
        f"{label:<34} n={len(ms)}  p50={ms[len(ms) // 2]:7.1f} ms  "
        f"p95={percentile(ms, 95):7.1f} ms  max={ms[-1]:7.1f} ms{goal}"
    )


def timed(client: Client, url: str, data: dict[str, Any] | None = None) -> float:
    start = time.perf_counter()
    response = client.post(url, data) if data is not None else client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return elapsed


def report(name: str, ms: list[float], target: float) -> None:
    p95 = percentile(ms, 95)
    print(
        f"{name:<28} n={len(ms):<4} p50={statistics.median(ms):7.1f} ms  "
        f"p95={p95:7.1f} ms  max={max(ms):7.1f} ms  target p95<={target:.0f} ms  "
        f"{'MET' if p95 <= target else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--user", default="dcs", help="persona to sign in as")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(args.seed)

    children = Person.objects.filter(kind="child", date_of_birth__isnull=False, restricted=False)
    total = children.count()
    if total == 0:
        raise SystemExit("No children: generate a council first (haven generate --scale large)")
    picks = [children.order_by("id")[rng.randrange(total)] for _ in range(args.samples)]
    user = User.objects.get(username=args.user)
    client = Client()
    client.force_login(user)
    # Record pages are sampled from the children this user may open (all, for the DCS).
    openable = visible_people(user).filter(kind="child").order_by("id")
    reach = openable.count()
    records = [openable[rng.randrange(reach)] for _ in range(args.samples)]

    for person in records[:20]:  # warm the connection and template caches
        timed(client, f"/people/{person.pk}/")

    search_ms, surname_ms, record_ms = [], [], []
    found = 0
    for person, record in zip(picks, records, strict=True):
        name = f"{misspell(person.given_name, rng)} {misspell(person.family_name, rng)}"
        dob = person.date_of_birth
        assert dob is not None  # sampled from children with a date of birth
        form = {
            "name": name,
            "date_of_birth-day": dob.day,
            "date_of_birth-month": dob.month,
            "date_of_birth-year": dob.year,
        }
        start = time.perf_counter()
        page = client.post("/people/", form)
        search_ms.append((time.perf_counter() - start) * 1000)
        found += str(person.pk) in page.content.decode()
        surname_ms.append(timed(client, "/people/", {"name": misspell(person.family_name, rng)}))
        record_ms.append(timed(client, f"/people/{record.pk}/"))

    print(
        f"database: {connection.vendor}; children: {total:,}; people: "
        f"{Person.objects.count():,}; signed in as {args.user}, who may open {reach:,} children"
    )
    report("search (misspelt name + DOB)", search_ms, 50)
    report("search (misspelt surname)", surname_ms, 50)
    report("child record page", record_ms, 100)
    print(f"searched child found on the results page: {found}/{len(picks)}")


if __name__ == "__main__":
    main()
