from django.urls import include, path

urlpatterns = [
    path("", include("haven.ui.urls")),
    path("accounts/", include("haven.accounts.urls")),
    path("people/", include("haven.people.urls")),
    path("audit/", include("haven.audit.urls")),
    path("work/", include("haven.deadlines.urls")),
]
