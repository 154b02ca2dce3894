"""Health and education, permanence and leaving care pages. Addresses carry only opaque ids."""

from django.urls import URLPattern, URLResolver, path

from haven.care.views import health, leaving, permanence

CHILD = "children/<uuid:child_id>"

urlpatterns: list[URLPattern | URLResolver] = [
    # Health and education
    path(f"{CHILD}/health/", health.health_page, name="health"),
    path(f"{CHILD}/health/checks/new/", health.health_check_view, name="health-check-new"),
    path(f"{CHILD}/health/sdq/new/", health.sdq_view, name="sdq-new"),
    path(f"{CHILD}/health/pep/new/", health.pep_view, name="pep-new"),
    path(
        f"{CHILD}/health/substance-misuse/new/",
        health.substance_misuse_view,
        name="substance-misuse-new",
    ),
    path(f"{CHILD}/health/convictions/new/", health.conviction_view, name="conviction-new"),
    # Permanence
    path(f"{CHILD}/permanence/", permanence.permanence_page, name="permanence"),
    path(
        f"{CHILD}/permanence/adoption/decision/",
        permanence.adoption_decision_view,
        name="adoption-decision",
    ),
    path(
        f"{CHILD}/permanence/adoption/<slug:step>/",
        permanence.adoption_step_view,
        name="adoption-step",
    ),
    path(
        f"{CHILD}/permanence/before-care/",
        permanence.previous_permanence_view,
        name="previous-permanence",
    ),
    path(f"{CHILD}/permanence/uasc-ceased/", permanence.uasc_view, name="uasc-ceased"),
    # Leaving care
    path(f"{CHILD}/leaving-care/", leaving.leaving_page, name="leaving-care"),
    path(
        f"{CHILD}/leaving-care/adviser/new/", leaving.adviser_appoint_view, name="adviser-appoint"
    ),
    path(f"{CHILD}/leaving-care/adviser/end/", leaving.adviser_end_view, name="adviser-end"),
    path(
        f"{CHILD}/leaving-care/pathway-plans/new/",
        leaving.pathway_plan_view,
        name="pathway-plan-new",
    ),
    path(
        f"{CHILD}/leaving-care/contacts/new/",
        leaving.adviser_contact_view,
        name="adviser-contact-new",
    ),
    path(
        f"{CHILD}/leaving-care/staying-put/new/",
        leaving.staying_put_start_view,
        name="staying-put-start",
    ),
    path(
        f"{CHILD}/leaving-care/staying-put/end/",
        leaving.staying_put_end_view,
        name="staying-put-end",
    ),
]
