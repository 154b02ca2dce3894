"""Plans, reviews, IRO contacts and statutory visits."""

from django.urls import URLPattern, URLResolver, path

from haven.care.views import plans, review, visits

urlpatterns: list[URLPattern | URLResolver] = [
    path("children/<uuid:child_id>/reviews/new/", review.review_view, name="review-new"),
    path(
        "children/<uuid:child_id>/iro-contacts/new/",
        review.iro_contact_view,
        name="iro-contact-new",
    ),
    path("children/<uuid:child_id>/visits/new/", visits.visit_view, name="visit-new"),
    path("children/<uuid:child_id>/plans/new/", plans.plan_view, name="plan-new"),
    path(
        "placements/<uuid:placement_id>/visits/",
        visits.placement_visits_view,
        name="placement-visits",
    ),
]
