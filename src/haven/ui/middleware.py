"""Nothing typed is lost when a session runs out (ARCHITECTURE §7).

When someone whose session has ended presses a form's button, the form's data is kept in the
(new, anonymous) session and they are sent to sign in; Django's login keeps session data, so
the form view can put it back with ``haven.ui.forms.kept_form_data``. The session-timeout
script does the same for a changed form left open at time-out, marking the post with
``TIMED_OUT_FIELD`` so that it is kept rather than submitted, even if the session is still alive.

This runs after CsrfViewMiddleware's check and before LoginRequiredMiddleware.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import resolve_url

from haven.ui.forms import KEPT_FORM_SESSION_KEY

TIMED_OUT_FIELD = "haven-timed-out"
SIGNED_OUT_MESSAGE = "You were signed out. Sign in again and your unsaved work will be put back."
KEPT_MESSAGE = "Your unsaved work has been put back. Check it and continue."
_FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
_NOT_KEPT = {"csrfmiddlewaretoken", TIMED_OUT_FIELD}


def _kept_fields(request: HttpRequest) -> dict[str, list[str]]:
    return {
        key: request.POST.getlist(key)
        for key in request.POST
        if key not in _NOT_KEPT and "password" not in key.lower()
    }


def _redirect(request: HttpRequest, url: str) -> HttpResponseBase:
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class KeepFormOnTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.method != "POST" or request.content_type not in _FORM_CONTENT_TYPES:
            return None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.POST.get(TIMED_OUT_FIELD) != "1":
                return None
            self._keep(request)
            messages.info(request, KEPT_MESSAGE, fail_silently=True)
            return _redirect(request, request.get_full_path())
        login_url = resolve_url(settings.LOGIN_URL)
        if not getattr(view_func, "login_required", True) or request.path == login_url:
            return None
        self._keep(request)
        messages.info(request, SIGNED_OUT_MESSAGE, fail_silently=True)
        response = redirect_to_login(request.get_full_path(), login_url)
        return _redirect(request, response["Location"])

    @staticmethod
    def _keep(request: HttpRequest) -> None:
        request.session[KEPT_FORM_SESSION_KEY] = {
            "path": request.path,
            "data": _kept_fields(request),
        }
