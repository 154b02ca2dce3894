"""Helpers for the front door's tests."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from tests.support import row_counts

from haven.casework.enums import ReferralSource
from haven.core.errors import ValidationError
from haven.frontdoor.enums import Consent, Urgency
from haven.frontdoor.models import Contact
from haven.frontdoor.services import contact_record


def record(council: Any, received_at: dt.datetime, *children: str, **fields: Any) -> Contact:
    """A contact from the police about the council's children named by key."""
    base: dict[str, Any] = {
        "actor": council.users["mash_screener"],
        "received_at": received_at,
        "source": ReferralSource.POLICE,
        "concern": "Officers attended a domestic incident at the home last night.",
        "children": [council.children[c] for c in children or ("allocated", "team")],
        "referrer_name": "PC Jo Bloggs",
        "referrer_organisation": "Northshire Police",
        "referrer_contact": "101 ext 4321",
        "consent": Consent.YES,
        "urgency": Urgency.SAME_DAY,
    }
    return contact_record(**(base | fields))


def refused(call: Callable[[], Any]) -> dict[str, list[str]]:
    """Run a service that must refuse; return its errors by field, checking nothing changed."""
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        call()
    assert row_counts() == before
    return e.value.message_dict
