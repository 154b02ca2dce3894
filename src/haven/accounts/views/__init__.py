from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from haven.accounts.forms import SignInForm


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    pass


@never_cache
@require_GET
def keepalive(request: HttpRequest) -> HttpResponse:
    """Touch the session so it lasts another full period (the timeout warning calls this)."""
    request.session.modified = True
    return JsonResponse({"ok": True})


__all__ = ["AuthenticationForm", "SignInView", "SignOutView", "keepalive"]
