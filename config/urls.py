from django.urls import include, path

from haven.api.urls import v1 as api_v1

urlpatterns = [
    path("", include("haven.ui.urls")),
    path("accounts/", include("haven.accounts.urls")),
    path("people/", include("haven.people.urls")),
    path("audit/", include("haven.audit.urls")),
    path("work/", include("haven.deadlines.urls")),
    path("front-door/", include("haven.frontdoor.urls")),
    path("casework/", include("haven.casework.urls")),
    path("protection/", include("haven.protection.urls")),
    path("care/", include("haven.care.urls")),
    path("missing/", include("haven.missing.urls")),
    path("exploitation/", include("haven.exploitation.urls")),
    path("oversight/", include("haven.oversight.urls")),
    path("api/v1/", api_v1),
]
