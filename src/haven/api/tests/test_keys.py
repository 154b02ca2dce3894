"""Partner API keys: issued once, stored as a hash, refused when revoked or misused."""

from io import StringIO
from typing import Any

import pytest
from conftest import make_user
from django.core.management import CommandError, call_command
from django.test import Client
from tests.support import row_counts

from haven.accounts.models import ApiToken
from haven.accounts.roles import Role
from haven.accounts.services import api_token_issue, api_token_revoke
from haven.audit.enums import AuditVerb
from haven.audit.models import AuditEvent
from haven.core.errors import ValidationError


def _get(path: str, key: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Client().get(path, headers=headers)


@pytest.fixture
def police(council: Any) -> Any:
    return council.users["partner_police"]


def test_a_key_is_shown_once_and_stored_only_as_a_hash(police: Any) -> None:
    token, key = api_token_issue(actor=None, user=police, name="Police MASH desk")
    assert key.startswith("hvn_")
    assert key[4:].isalnum()  # no "-" that a command line would take for an option
    assert len(key) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert key not in (stored.key_hash, stored.prefix, stored.name)
    assert stored.prefix == key[4:12]
    assert AuditEvent.objects.filter(verb=AuditVerb.API_TOKEN_ISSUED, subject_id=str(token.pk))


def test_the_key_opens_the_api_and_nothing_else_does(police: Any) -> None:
    _, key = api_token_issue(actor=None, user=police, name="Police MASH desk")
    response = _get("/api/v1/me", key)
    assert response.status_code == 200
    assert response.json()["username"] == police.username
    assert _get("/api/v1/me").status_code == 401
    assert _get("/api/v1/me", key + "x").status_code == 401


def test_a_revoked_key_or_an_inactive_account_is_refused(police: Any) -> None:
    token, key = api_token_issue(actor=None, user=police, name="Police MASH desk")
    api_token_revoke(actor=None, token=token)
    assert _get("/api/v1/me", key).status_code == 401
    with pytest.raises(ValidationError) as e:
        api_token_revoke(actor=None, token=token)
    assert list(e.value.message_dict) == ["token"]
    _, second = api_token_issue(actor=None, user=police, name="Second desk")
    police.is_active = False
    police.save(update_fields=["is_active"])
    assert _get("/api/v1/me", second).status_code == 401


def test_only_partner_accounts_get_keys(council: Any) -> None:
    before = row_counts()
    with pytest.raises(ValidationError) as e:
        api_token_issue(actor=None, user=council.users["social_worker"], name="Not for staff")
    assert e.value.message_dict == {"user": ["API keys are only for partner agency accounts"]}
    with pytest.raises(ValidationError) as e:
        api_token_issue(actor=None, user=council.users["partner_police"], name="  ")
    assert list(e.value.message_dict) == ["name"]
    assert row_counts() == before


def test_a_signed_in_member_of_staff_cannot_use_the_api(client: Any, council: Any) -> None:
    client.force_login(council.users["dcs"])
    assert client.get("/api/v1/me").status_code == 401


def test_the_openapi_description_is_published(db: Any) -> None:
    schema = Client().get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Haven partner API"
    assert "/api/v1/me" in schema.json()["paths"]
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content  # served from Haven's own static files


def test_the_command_issues_lists_and_revokes(council: Any) -> None:
    make_user("nhs_trust", Role.PARTNER)
    out = StringIO()
    call_command("api_key", "issue", "nhs_trust", "--name", "Safeguarding team", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    assert _get("/api/v1/me", key).status_code == 200
    out = StringIO()
    call_command("api_key", "list", "nhs_trust", stdout=out)
    assert f"{key[4:12]}  Safeguarding team  current" in out.getvalue()
    call_command("api_key", "revoke", key[4:12], stdout=StringIO())
    assert _get("/api/v1/me", key).status_code == 401
    with pytest.raises(CommandError, match="only for partner agency accounts"):
        call_command("api_key", "issue", "sam_worker", "--name", "x", stdout=StringIO())
