"""Sign-in and sign-out are recorded in the audit trail."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from haven.accounts.services import sign_in_recorded, sign_out_recorded


@receiver(user_logged_in)
def _signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    sign_in_recorded(user=user)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        sign_out_recorded(user=user)
