"""Partner API contact submission, over a generated council.

Issues a key to a partner agency's account (``bench.police``, created through the accounts
service if the council has none), then POSTs ``--samples`` contacts to ``/api/v1/contacts``
through Django's whole stack with the bearer key: one to three children each, a mix of
children the council knows (by NHS number, or by name and date of birth) and new children.
Then re-sends each of them with the same Idempotency-Key (the retry path), and finally
decides and signs off the contacts it sent, so the screening queue is left as it was.

    .venv/bin/python bench/api.py --samples 200
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.web import percentile  # noqa: E402
from haven.accounts.models import User  # noqa: E402
from haven.accounts.roles import Role  # noqa: E402
from haven.accounts.services import api_token_issue, user_create  # noqa: E402
from haven.core import clock  # noqa: E402
from haven.frontdoor.enums import UNDECIDED, ContactOutcome, Rag  # noqa: E402
from haven.frontdoor.models import Contact  # noqa: E402
from haven.frontdoor.services import (  # noqa: E402
    contact_decide,
    contact_rag_set,
    decision_sign_off,
)
from haven.people.identifiers import nhs_check_digit  # noqa: E402
from haven.people.models import Person  # noqa: E402

PARTNER = "bench.police"


def partner() -> User:
    found = User.objects.filter(username=PARTNER).first()
    if found is not None:
        return found
    return user_create(
        actor=None,
        username=PARTNER,
        first_name="Benchmark",
        last_name="Northshire Police",
        role=Role.PARTNER,
        password=None,
    )


def fresh_nhs(rng: random.Random) -> str:
    """A valid NHS number in the 999 range (not issued to real people)."""
    while True:
        first = f"999{rng.randrange(10**6):06d}"
        check = nhs_check_digit(first)
        if check is not None and not Person.objects.filter(nhs_number=f"{first}{check}"):
            return f"{first}{check}"


def known_children(rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        dict(row)
        for row in Person.objects.filter(
            kind="child", date_of_birth__gt=clock.today() - dt.timedelta(days=17 * 365)
        )
        .order_by("id")
        .values("given_name", "family_name", "date_of_birth", "nhs_number")[:20000]
    ]
    rng.shuffle(rows)
    return rows


def child(rng: random.Random, known: list[dict[str, Any]], n: int) -> dict[str, Any]:
    kind = rng.choice(("nhs", "name", "new", "new"))
    if kind == "nhs":
        with_nhs = [k for k in known[n * 3 : n * 3 + 50] if k["nhs_number"]]
        if with_nhs:
            k = with_nhs[0]
            return {"reference": f"c{n}", "nhs_number": k["nhs_number"],
                    "given_name": k["given_name"], "family_name": k["family_name"],
                    "date_of_birth": k["date_of_birth"].isoformat()}  # fmt: skip
    if kind in ("nhs", "name"):
        k = known[n % len(known)]
        return {
            "reference": f"c{n}",
            "given_name": k["given_name"],
            "family_name": k["family_name"],
            "date_of_birth": k["date_of_birth"].isoformat(),
        }
    return {
        "reference": f"c{n}",
        "given_name": rng.choice(("Ava", "Noah", "Isla", "Leo", "Mia", "Oscar")),
        "family_name": rng.choice(("Benchley", "Marsh", "Okafor", "Nowak", "Price")),
        "date_of_birth": dt.date(
            rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
        ).isoformat(),
        "sex": rng.choice(("M", "F")),
        "nhs_number": fresh_nhs(rng),
        "address": {"line_1": "1 Bench Street", "town": "Northampton", "postcode": "NN1 5AB"},
    }


def submission(rng: random.Random, known: list[dict[str, Any]], n: int) -> dict[str, Any]:
    return {
        "source": "6",
        "concern": "Officers attended a domestic incident; the children were present.",
        "consent": rng.choice(("yes", "no")),
        "urgency": rng.choice(("immediate", "same_day", "routine")),
        "referrer_name": "PC Bench",
        "reference": f"BENCH-{n}",
        "children": [child(rng, known, n * 3 + i) for i in range(rng.choice((1, 1, 2, 3)))],
    }


def settle() -> int:
    """Decide (no further action) and sign off the benchmark partner's contacts, so a run
    leaves the screening queue and the sign-off list as it found them (``bench/frontdoor.py``
    measures the queue over the same council)."""
    screener = User.objects.get(username="mash.screener")
    manager = User.objects.get(username="mash.manager")
    waiting = list(
        Contact.objects.filter(submitted_by_partner__username=PARTNER, status__in=UNDECIDED)
    )
    for contact in waiting:
        contact_rag_set(actor=screener, contact=contact, rag=Rag.GREEN)
        contact_decide(
            actor=screener,
            contact=contact,
            outcome=ContactOutcome.NFA,
            reasons="Benchmark contact: no further action.",
        )
        decision_sign_off(actor=manager, contact=contact)
    return len(waiting)


def timed_post(client: Client, headers: dict[str, str], body: str, expect: int) -> float:
    start = time.perf_counter()
    response = client.post(
        "/api/v1/contacts", body, content_type="application/json", headers=headers
    )
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != expect:
        raise SystemExit(
            f"POST /api/v1/contacts answered {response.status_code}: {response.content!r}"
        )
    return elapsed


def report(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    print(
        f"{name:<26} n={len(ms)}  p50={ms[len(ms) // 2]:7.1f} ms  "
        f"p95={percentile(ms, 95):7.1f} ms  max={ms[-1]:7.1f} ms  target p95<=100 ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--settle-only", action="store_true", help="Only decide earlier runs' contacts"
    )
    args = parser.parse_args()
    if args.settle_only:
        print(f"settled {settle()} benchmark contacts")
        return
    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(17)
    _, key = api_token_issue(actor=None, user=partner(), name="Benchmark")
    known = known_children(rng)
    client = Client()
    run = uuid.uuid4().hex[:8]
    sent: list[tuple[dict[str, str], str]] = []
    for n in range(5):  # warm up
        headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": f"{run}-w{n}"}
        timed_post(client, headers, json.dumps(submission(rng, known, 10_000 + n)), 201)
    ms = []
    for n in range(args.samples):
        headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": f"{run}-{n}"}
        body = json.dumps(submission(rng, known, n))
        ms.append(timed_post(client, headers, body, 201))
        sent.append((headers, body))
    retry = [timed_post(client, headers, body, 200) for headers, body in sent]
    children = sum(len(json.loads(b)["children"]) for _, b in sent)
    print(
        f"database: {connection.vendor}; children: "
        f"{Person.objects.filter(kind='child').count():,}; contacts: {Contact.objects.count():,}; "
        f"children per submission: {children / len(sent):.2f}"
    )
    report("submit a contact (201)", ms)
    for count in (1, 2, 3):
        some = [
            t for t, (_, b) in zip(ms, sent, strict=True) if len(json.loads(b)["children"]) == count
        ]
        if some:
            report(f"  with {count} child{'ren' if count > 1 else ''}", some)
    report("retry, same key (200)", retry)
    print(f"settled {settle()} benchmark contacts (decided, no further action, signed off)")


if __name__ == "__main__":
    main()
