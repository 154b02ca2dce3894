"""One small council per test module: generating is the slow part, checking it is cheap."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from haven.synthetic.generator import generate

SMALL = 150  # children: enough for every kind of record, fast enough for every run
#: The real hasher is slow on purpose; the personas' logins are checked with this one.
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(scope="module")
def council(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """A generated council, rolled back when the module's tests are done."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        summary = generate(scale="demo", seed=7, children=SMALL)
        yield summary
        transaction.set_rollback(True)
