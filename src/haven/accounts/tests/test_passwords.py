"""The password rules: long enough, not too simple, not a common password."""

import pytest

from haven.accounts.models import User
from haven.accounts.roles import Role
from haven.accounts.services import user_create
from haven.audit.models import AuditEvent
from haven.core.errors import ValidationError


def _create(password: str) -> User:
    return user_create(
        actor=None,
        username="new_starter",
        first_name="New",
        last_name="Starter",
        role=Role.SOCIAL_WORKER,
        password=password,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Sh0rt-pass", "too short. It must contain at least 12 characters"),
        ("lowercaseonly-words", "at least three of: lower-case letters, capital letters"),
        ("alllowercase12345", "at least three of: lower-case letters, capital letters"),
        ("Qwerty123456", "too common"),
        ("8302846152937", "entirely numeric"),
        ("NewStarter-2026", "too similar to the"),
    ],
    ids=["too-short", "too-simple", "two-classes", "common", "numeric", "like-the-username"],
)
def test_weak_passwords_are_refused_naming_the_password_field(password: str, message: str) -> None:
    with pytest.raises(ValidationError) as e:
        _create(password)
    assert list(e.value.message_dict) == ["password"]
    assert any(message in m for m in e.value.message_dict["password"]), e.value.message_dict
    assert not User.objects.filter(username="new_starter").exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_strong_password_is_accepted_and_stored_hashed() -> None:
    user = _create("Correct-Horse-42")
    assert user.check_password("Correct-Horse-42")
    assert "Correct-Horse-42" not in user.password
    assert AuditEvent.objects.get(subject_id=str(user.pk)).verb == "user.created"


@pytest.mark.django_db
def test_no_password_leaves_the_account_unusable() -> None:
    user = user_create(
        actor=None,
        username="pending",
        first_name="Pending",
        last_name="User",
        role=Role.SOCIAL_WORKER,
        password=None,
    )
    assert not user.has_usable_password()
