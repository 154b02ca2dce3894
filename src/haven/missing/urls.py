"""Pages for missing and away episodes. Addresses carry only opaque ids."""

from django.urls import path

from haven.missing import views

app_name = "missing"
urlpatterns = [
    path("children/<uuid:child_id>/", views.child_page, name="child"),
    path("children/<uuid:child_id>/new/", views.start_view, name="start"),
    path(
        "children/<uuid:child_id>/strategy-decision/",
        views.repeat_decision_view,
        name="repeat-decision",
    ),
    path("episodes/<uuid:episode_id>/return/", views.end_view, name="end"),
    path("episodes/<uuid:episode_id>/offer/", views.offer_view, name="offer"),
    path("episodes/<uuid:episode_id>/answer/", views.answer_view, name="answer"),
    path("episodes/<uuid:episode_id>/interview/", views.interview_view, name="interview"),
]
