"""Reads about accounts."""

from django.db.models import QuerySet

from haven.accounts.keys import hash_api_key
from haven.accounts.models import ApiToken, User


def user_for_api_key(*, key: str) -> User | None:
    """The active partner account a key belongs to, if the key is current."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_api_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return token.user if token is not None else None


def api_tokens_for(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_get(*, username: str) -> User | None:
    return User.objects.filter(username=username).first()


def api_token_get(*, prefix: str) -> ApiToken | None:
    return ApiToken.objects.filter(prefix=prefix).first()
