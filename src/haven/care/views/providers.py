"""The register of placement providers and their settings: everyone who opens children's
records may read it (a worker chooses a setting from it); those who manage it add and change
its entries. It names no child, so reading it is not logged."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from haven.accounts.permissions import Action, has_action
from haven.care import policies, services
from haven.care.forms import ProviderForm, SettingForm
from haven.care.selectors.records import provider_get, providers_register, setting_get
from haven.care.views._common import form_page, posted_form
from haven.core.errors import NotFound

TEMPLATE = "care/form.html"


def _register_url(*_: Any) -> str:
    return reverse("care:providers")


def _may_read(user: Any) -> bool:
    return has_action(user, Action.VIEW_RECORD) or policies.can_manage_providers(user)


def _manager(request: HttpRequest) -> Any:
    if not policies.can_manage_providers(request.user):
        raise PermissionDenied
    return request.user


def providers_page(request: HttpRequest) -> HttpResponse:
    if not _may_read(request.user):
        raise PermissionDenied
    return render(
        request,
        "care/providers.html",
        {
            "providers": providers_register(),
            "can_manage": policies.can_manage_providers(request.user),
        },
    )


def _context(heading: str, button: str, caption: str = "Providers register") -> dict[str, Any]:
    return {
        "caption": caption,
        "heading": heading,
        "button": button,
        "back_url": _register_url(),
        "back_text": "Back to the providers register",
    }


def provider_new_view(request: HttpRequest) -> HttpResponse:
    user = _manager(request)
    return form_page(
        request,
        posted_form(request, ProviderForm),
        write=lambda d: services.provider_save(actor=user, **d),
        done="Provider added to the register",
        then=_register_url,
        template=TEMPLATE,
        context=_context("Add a provider", "Add the provider"),
    )


def _provider(provider_id: UUID) -> Any:
    try:
        return provider_get(provider_id=provider_id)
    except NotFound as e:
        raise Http404("No such provider") from e


def setting_new_view(request: HttpRequest, provider_id: UUID) -> HttpResponse:
    user = _manager(request)
    provider = _provider(provider_id)
    return form_page(
        request,
        posted_form(request, SettingForm),
        write=lambda d: services.setting_save(actor=user, provider=provider, **d),
        done="Setting added to the register",
        then=_register_url,
        template=TEMPLATE,
        context=_context("Add a setting", "Add the setting", caption=provider.name),
    )


def setting_edit_view(request: HttpRequest, setting_id: UUID) -> HttpResponse:
    user = _manager(request)
    try:
        setting = setting_get(setting_id=setting_id)
    except NotFound as e:
        raise Http404("No such setting") from e
    initial = {
        "name": setting.name,
        "registration": setting.registration,
        "status": setting.status,
        "urn": setting.urn,
        "la_code": setting.la_code,
        "postcode": setting.postcode,
        "weekly_cost": setting.weekly_cost,
    }
    return form_page(
        request,
        posted_form(request, SettingForm, initial=initial),
        write=lambda d: services.setting_save(
            actor=user, provider=setting.provider, setting=setting, **d
        ),
        done="Setting changed",
        then=_register_url,
        template=TEMPLATE,
        context=_context(
            f"Change {setting.name}", "Save the changes", caption=setting.provider.name
        ),
    )
