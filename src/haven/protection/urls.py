"""Protection pathway pages. Addresses carry only opaque ids, never anything about the child."""

from django.urls import URLPattern, URLResolver, path

from haven.protection.urls_more import urlpatterns as more_patterns
from haven.protection.views import child, conference, enquiry, plan

app_name = "protection"
urlpatterns: list[URLPattern | URLResolver] = [
    path("children/<uuid:child_id>/", child.child_page, name="child"),
    path(
        "children/<uuid:child_id>/strategy-discussions/new/",
        child.strategy_discussion_view,
        name="strategy-discussion-new",
    ),
    path(
        "children/<uuid:child_id>/conferences/new/",
        conference.conference_view,
        name="conference-new",
    ),
    path("children/<uuid:child_id>/cin-plan/new/", child.cin_plan_start_view, name="cin-plan-new"),
    path("enquiries/<uuid:enquiry_id>/", enquiry.enquiry_update_view, name="enquiry"),
    path(
        "enquiries/<uuid:enquiry_id>/complete/",
        enquiry.enquiry_complete_view,
        name="enquiry-complete",
    ),
    path("plans/<uuid:plan_id>/", plan.plan_page, name="plan"),
    path("plans/<uuid:plan_id>/outcomes/new/", plan.outcome_add_view, name="outcome-new"),
    path(
        "plans/<uuid:plan_id>/outcomes/<uuid:outcome_id>/achieved/",
        plan.outcome_achieve_view,
        name="outcome-achieve",
    ),
    path(
        "plans/<uuid:plan_id>/outcomes/<uuid:outcome_id>/actions/new/",
        plan.action_add_view,
        name="action-new",
    ),
    path(
        "plans/<uuid:plan_id>/actions/<uuid:action_id>/",
        plan.action_edit_view,
        name="action-edit",
    ),
    path("plans/<uuid:plan_id>/finalise/", plan.plan_finalise_view, name="plan-finalise"),
    path("plans/<uuid:plan_id>/visits/new/", plan.visit_view, name="visit-new"),
    path("plans/<uuid:plan_id>/core-groups/new/", plan.core_group_view, name="core-group-new"),
    path("plans/<uuid:plan_id>/reviews/new/", plan.cin_review_view, name="review-new"),
    path("plans/<uuid:plan_id>/end/", plan.plan_end_view, name="plan-end"),
]
# Pre-proceedings, emergency protection and neglect pages.
urlpatterns += more_patterns
