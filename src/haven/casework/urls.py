"""Casework pages. Addresses carry only opaque ids, never anything about the child."""

from django.urls import path

from haven.casework import views

app_name = "casework"
urlpatterns = [
    path("children/<uuid:child_id>/", views.child_page, name="child"),
    path(
        "children/<uuid:child_id>/assessments/new/",
        views.assessment_start_view,
        name="assessment-start",
    ),
    path(
        "children/<uuid:child_id>/early-help/new/",
        views.early_help_start_view,
        name="early-help-start",
    ),
    path("assessments/<uuid:assessment_id>/", views.assessment_page, name="assessment"),
    path("assessments/<uuid:assessment_id>/seen/", views.seen_view, name="assessment-seen"),
    path("assessments/<uuid:assessment_id>/wishes/", views.wishes_view, name="assessment-wishes"),
    path(
        "assessments/<uuid:assessment_id>/complete/",
        views.complete_view,
        name="assessment-complete",
    ),
    path(
        "assessments/<uuid:assessment_id>/authorise/",
        views.authorise_view,
        name="assessment-authorise",
    ),
    path("episodes/<uuid:episode_id>/close/", views.episode_close_view, name="episode-close"),
    path(
        "early-help/<uuid:episode_id>/assessment/",
        views.early_help_assessment_view,
        name="early-help-assessment",
    ),
    path(
        "early-help/<uuid:episode_id>/close/", views.early_help_close_view, name="early-help-close"
    ),
    path(
        "early-help/<uuid:episode_id>/step-up/",
        views.early_help_step_up_view,
        name="early-help-step-up",
    ),
]
