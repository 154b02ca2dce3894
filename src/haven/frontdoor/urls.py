from django.urls import path

from haven.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("sign-off/", views.sign_off_list, name="sign-off-list"),
    path("figures/", views.figures, name="figures"),
    path("figures/<slug:name>/", views.figure_children, name="figure"),
    path("contacts/new/", views.contact_new, name="contact-new"),
    path("contacts/<uuid:contact_id>/", views.contact_page, name="contact"),
    path("contacts/<uuid:contact_id>/rating/", views.rag_view, name="rag"),
    path("contacts/<uuid:contact_id>/checks/", views.check_request_view, name="check-request"),
    path(
        "contacts/<uuid:contact_id>/checks/<uuid:check_id>/return/",
        views.check_return_view,
        name="check-return",
    ),
    path(
        "contacts/<uuid:contact_id>/children/replace/",
        views.child_replace_view,
        name="child-replace",
    ),
    path("contacts/<uuid:contact_id>/decision/", views.decide_view, name="decide"),
    path("contacts/<uuid:contact_id>/sign-off/", views.sign_off_view, name="sign-off"),
]
