"""Pages for children in care and care leavers. Addresses carry only opaque ids, never anything
about the child. Each area keeps its own list of patterns; they are joined here (a namespaced
app's patterns are concatenated, not nested with ``include``)."""

from django.urls import URLPattern, URLResolver, path

from haven.care.urls_costs import urlpatterns as cost_patterns
from haven.care.urls_health import urlpatterns as health_patterns
from haven.care.urls_review import urlpatterns as review_patterns
from haven.care.views import child, irregular, placement, providers

app_name = "care"
# The care record, placements, sign-off of placements in unregistered settings, the register.
record_patterns: list[URLPattern | URLResolver] = [
    path("children/<uuid:child_id>/", child.child_page, name="child"),
    path("children/<uuid:child_id>/start/", placement.start_view, name="start"),
    path("children/<uuid:child_id>/move/", placement.move_view, name="move"),
    path("children/<uuid:child_id>/legal-status/", child.legal_status_view, name="legal-status"),
    path("children/<uuid:child_id>/end/", child.end_view, name="end"),
    path("irregular-placements/", irregular.irregular_list_page, name="irregular-list"),
    path(
        "irregular-requests/<uuid:request_id>/",
        irregular.irregular_request_page,
        name="irregular-request",
    ),
    path(
        "placements/<uuid:placement_id>/review/",
        irregular.irregular_review_view,
        name="irregular-review",
    ),
    path("providers/", providers.providers_page, name="providers"),
    path("providers/new/", providers.provider_new_view, name="provider-new"),
    path(
        "providers/<uuid:provider_id>/settings/new/",
        providers.setting_new_view,
        name="setting-new",
    ),
    path("settings/<uuid:setting_id>/", providers.setting_edit_view, name="setting-edit"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    *record_patterns,
    *review_patterns,
    *health_patterns,
    *cost_patterns,
]
