"""Caseload pages and the allocation queue over a generated council.

Times, through Django's whole stack: a team's caseload page as its team manager, the service
view of every team as the DCS (700 workers in the large council), the allocation queue and a
waiting child's page with Haven's recommendations as a service manager, and the whole-queue
plan. Run ``haven queue_sync`` first if the council was generated before the queue existed.

    .venv/bin/python bench/caseloads.py --samples 100
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.web import report_page as timed  # noqa: E402
from haven.accounts.models import User  # noqa: E402
from haven.allocation.models import Worker  # noqa: E402
from haven.core import clock  # noqa: E402
from haven.oversight.selectors import allocation_queue  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    manager = User.objects.get(username="team.manager")
    team_id = Worker.objects.get(user=manager).team_id
    queue = allocation_queue(today=clock.today())
    print(
        f"database: {connection.vendor}; workers: {Worker.objects.count():,}; "
        f"children waiting for allocation: {len(queue)}"
    )
    client = Client()
    client.force_login(manager)
    timed(
        client,
        f"/oversight/caseloads/teams/{team_id}/",
        "team caseload page (team manager)",
        args.samples,
        target=150,
    )
    client.force_login(User.objects.get(username="dcs"))
    timed(
        client, "/oversight/caseloads/", "every team's caseloads (DCS)", max(10, args.samples // 5)
    )
    client.force_login(User.objects.get(username="service.manager"))
    timed(client, "/oversight/queue/", "allocation queue (service manager)", args.samples // 2)
    if queue:
        url = f"/oversight/queue/{queue[0].child.pk}/"
        timed(client, url, "waiting child, recommendations", args.samples // 2)
    timed(client, "/oversight/queue/plan/", "plan for the whole queue", 10)
    timed(client, "/oversight/measures/", "allocation measures", 20)


if __name__ == "__main__":
    main()
