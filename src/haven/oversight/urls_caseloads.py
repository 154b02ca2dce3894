"""Caseload pages, included in ``haven.oversight.urls`` (app name "oversight")."""

from django.urls import path

from haven.oversight.views import caseloads

urlpatterns = [
    path("caseloads/", caseloads.service_caseloads, name="caseloads-service"),
    path("caseloads/teams/<uuid:team_id>/", caseloads.team_caseloads_page, name="caseloads-team"),
]
