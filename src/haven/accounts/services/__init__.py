import secrets
import string
from typing import Any

from django.contrib.auth import password_validation
from django.db import transaction

from haven.accounts.keys import hash_api_key
from haven.accounts.models import ApiToken, User
from haven.accounts.roles import Role
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core import clock
from haven.core.errors import ValidationError

KEY_ALPHABET = string.ascii_letters + string.digits


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    first_name: str,
    last_name: str,
    role: Role,
    password: str | None,
    email: str = "",
    validate_password: bool = True,
) -> User:
    """Create a user. ``password=None`` leaves the account unusable until a reset."""
    user = User(
        username=username, first_name=first_name, last_name=last_name, role=role, email=email
    )
    if password is not None:
        if validate_password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as e:
                raise ValidationError({"password": e.messages}) from e
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.USER_CREATED,
        subject=user,
        payload={"username": username, "role": role},
    )
    return user


def sign_in_recorded(*, user: User) -> None:
    audit_record(actor=user, verb=AuditVerb.USER_SIGNED_IN, subject=user)


def sign_out_recorded(*, user: User) -> None:
    audit_record(actor=user, verb=AuditVerb.USER_SIGNED_OUT, subject=user)


@transaction.atomic
def api_token_issue(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """A new key for a partner agency's account. The key is returned once and never stored."""
    if user.role != Role.PARTNER:
        raise ValidationError({"user": "API keys are only for partner agency accounts"})
    if not user.is_active:
        raise ValidationError({"user": "This account is inactive"})
    if not name.strip():
        raise ValidationError({"name": "Say what the key is for"})
    # Letters and digits only, so a key's prefix never reads as a command-line option.
    key = "hvn_" + "".join(secrets.choice(KEY_ALPHABET) for _ in range(43))
    token = ApiToken(
        user=user,
        name=name.strip(),
        prefix=key[4:12],
        key_hash=hash_api_key(key),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=actor,
        verb=AuditVerb.API_TOKEN_ISSUED,
        subject=token,
        payload={"user": user, "name": token.name, "prefix": token.prefix},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ValidationError({"token": "This key has already been revoked"})
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        verb=AuditVerb.API_TOKEN_REVOKED,
        subject=token,
        payload={"user": token.user_id, "prefix": token.prefix},
    )
    return token
