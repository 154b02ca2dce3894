from typing import Any

from django.contrib.auth import password_validation
from django.db import transaction

from haven.accounts.models import User
from haven.accounts.roles import Role
from haven.audit.enums import AuditVerb
from haven.audit.services import audit_record
from haven.core.errors import ValidationError


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
