"""Missing children and exploitation over a generated council: a child's missing and
exploitation pages as their allocated worker, the busiest place's page as a team manager and as
the director, and the figures (12 and 52 weeks) with the children behind the busiest week.

Run by ``scripts/bench.sh`` against the database in ``DATABASE_URL`` (a large council on
PostgreSQL for the figures in bench/README.md). Requests go through Django's full stack in
process.

    .venv/bin/python bench/outside_home.py --samples 200
"""

import argparse
import os
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench.care import report, signed_in, timed  # noqa: E402
from haven.accounts.models import User  # noqa: E402
from haven.accounts.roles import Role  # noqa: E402
from haven.allocation.models import Allocation  # noqa: E402
from haven.core import clock  # noqa: E402
from haven.exploitation.models import Link, Place, Screening  # noqa: E402
from haven.missing.models import MissingEpisode  # noqa: E402


def measure(label: str, client: object, urls: list[str], samples: int) -> None:
    for url in urls:
        client.get(url)  # type: ignore[attr-defined]
    ms = [timed(client, urls[i % len(urls)]) for i in range(samples)]  # type: ignore[arg-type]
    report(label, ms, client, urls[0])  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--children", type=int, default=40)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(args.seed)
    episodes = Counter(MissingEpisode.objects.values_list("child_id", flat=True))
    print(
        f"database: {connection.vendor}; episodes: {sum(episodes.values()):,} of "
        f"{len(episodes):,} children; screenings: {Screening.objects.count():,}; places: "
        f"{Place.objects.count():,}; links: {Link.objects.count():,}"
    )
    if not episodes:
        raise SystemExit("No missing episodes: generate a council first")
    busiest = [c for c, _n in episodes.most_common(args.children * 3)]
    chosen = rng.sample(busiest, min(args.children, len(busiest)))
    workers = dict(
        Allocation.objects.filter(child_id__in=chosen, ended_on__isnull=True).values_list(
            "child_id", "worker__user_id"
        )
    )
    users = User.objects.in_bulk([u for u in workers.values() if u])
    pages = [(c, users[workers[c]]) for c in chosen if workers.get(c) in users]
    # Each child's pages as their own worker (one client per worker, as in a browser).
    by_user: dict[int, list[object]] = {}
    for child, user in pages:
        by_user.setdefault(user.pk, []).append(child)
    clients = {pk: signed_in(users[pk]) for pk in by_user}
    for name, label in (
        ("missing:child", "missing page"),
        ("exploitation:child", "exploitation page"),
    ):
        urls = [(pk, reverse(name, args=[c])) for pk, cs in by_user.items() for c in cs]
        for pk, url in urls:
            clients[pk].get(url)
        ms = [
            timed(clients[pk], url)
            for pk, url in (urls[i % len(urls)] for i in range(args.samples))
        ]
        report(f"{label} (allocated worker)", ms, clients[urls[0][0]], urls[0][1])
    # The busiest place, and the figures.
    place = Counter(
        Link.objects.filter(ended_on__isnull=True, place__isnull=False).values_list(
            "place_id", flat=True
        )
    ).most_common(1)[0][0]
    director = User.objects.filter(role=Role.DCS, is_active=True).order_by("username").first()
    manager = (
        User.objects.filter(role=Role.TEAM_MANAGER, is_active=True).order_by("username").first()
    )
    assert director is not None
    assert manager is not None
    boss, tm = signed_in(director), signed_in(manager)
    url = reverse("exploitation:place", args=[place])
    measure("busiest place (team manager)", tm, [url], args.samples)
    measure("busiest place (director)", boss, [url], args.samples)
    figures = reverse("exploitation:figures")
    measure("figures, 12 weeks (director)", boss, [figures], args.samples // 4)
    measure("figures, 52 weeks (director)", boss, [f"{figures}?weeks=52"], args.samples // 4)
    week = Counter(
        clock.local_date(at).isocalendar()[:2]
        for at in MissingEpisode.objects.values_list("started_at", flat=True)
    ).most_common(1)[0][0]
    monday = clock.today().fromisocalendar(week[0], week[1], 1)
    drill = reverse("exploitation:figure-children", args=["week"]) + f"?value={monday}"
    measure("busiest week's episodes (director)", boss, [drill], args.samples)


if __name__ == "__main__":
    main()
