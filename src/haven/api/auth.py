"""Partner agencies call the API with a bearer key issued by `haven api_key issue`."""

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from haven.accounts.permissions import Action, has_action
from haven.accounts.selectors import user_for_api_key


class PartnerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_api_key(key=token)
        if user is None or not has_action(user, Action.SUBMIT_PARTNER_CONTACT):
            return None
        request.user = user
        return user
