"""The front-door screening queue with many contacts waiting, over a generated council.

Tops the queue up to ``--open`` contacts awaiting a decision (recorded through
``frontdoor.services.contact_record``, one to three children each, a mix of ratings), then
times the queue page through Django's whole stack, signed in as the front-door manager; then
the front-door figures page (4 weeks and 12 months) and a drill-down.

    .venv/bin/python bench/frontdoor.py --open 500 --samples 100
"""

import argparse
import datetime as dt
import os
import random
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
from haven.casework.enums import ReferralSource  # noqa: E402
from haven.core import clock  # noqa: E402
from haven.frontdoor.enums import UNDECIDED, Consent, Rag, Urgency  # noqa: E402
from haven.frontdoor.models import Contact  # noqa: E402
from haven.frontdoor.services import contact_rag_set, contact_record  # noqa: E402
from haven.people.models import Person  # noqa: E402


def top_up(target: int, rng: random.Random) -> int:
    waiting = Contact.objects.filter(status__in=UNDECIDED).count()
    screener = User.objects.get(username="mash.screener")
    children = list(
        Person.objects.filter(kind="child", restricted=False, date_of_birth__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)[:20000]
    )
    now = clock.now()
    for _ in range(max(0, target - waiting)):
        picked = Person.objects.filter(pk__in=rng.sample(children, rng.choice((1, 1, 2, 3))))
        contact = contact_record(
            actor=screener,
            received_at=now - dt.timedelta(minutes=rng.randint(5, 60 * 48)),
            source=rng.choice(list(ReferralSource)),
            concern="Concern reported for the benchmark.",
            children=list(picked),
            consent=Consent.YES,
            urgency=rng.choice(list(Urgency)),
        )
        rating = rng.choice([None, Rag.RED, Rag.AMBER, Rag.AMBER, Rag.GREEN])
        if rating:
            contact_rag_set(actor=screener, contact=contact, rag=rating)
    return Contact.objects.filter(status__in=UNDECIDED).count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--open", type=int, default=500)
    parser.add_argument("--samples", type=int, default=100)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(11)
    waiting = top_up(args.open, rng)
    client = Client()
    client.force_login(User.objects.get(username="mash.manager"))
    print(
        f"database: {connection.vendor}; contacts awaiting a decision: {waiting}; "
        f"all contacts: {Contact.objects.count():,}"
    )
    timed(client, "/front-door/", "screening queue page", args.samples, target=100)
    for period in ("4w", "12m"):
        url = f"/front-door/figures/?period={period}"
        timed(client, url, f"figures page, {period}", max(10, args.samples // 5))
    timed(client, "/front-door/figures/contacts/?period=4w", "drill-down, 4w", 20)


if __name__ == "__main__":
    main()
