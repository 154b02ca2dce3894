"""Pre-proceedings, emergency protection and neglect pages (added to ``urls``, one namespace)."""

from django.urls import URLPattern, path

from haven.protection.views import neglect, orders

urlpatterns: list[URLPattern] = [
    path(
        "children/<uuid:child_id>/pre-proceedings/new/",
        orders.pre_proceedings_start_view,
        name="pre-proceedings-start",
    ),
    path(
        "pre-proceedings/<uuid:pre_proceedings_id>/",
        orders.pre_proceedings_page,
        name="pre-proceedings",
    ),
    path(
        "pre-proceedings/<uuid:pre_proceedings_id>/update/",
        orders.pre_proceedings_update_view,
        name="pre-proceedings-update",
    ),
    path(
        "pre-proceedings/<uuid:pre_proceedings_id>/meetings/new/",
        orders.pre_proceedings_meeting_view,
        name="pre-proceedings-meeting",
    ),
    path(
        "pre-proceedings/<uuid:pre_proceedings_id>/decide/",
        orders.pre_proceedings_decide_view,
        name="pre-proceedings-decide",
    ),
    path(
        "children/<uuid:child_id>/protective-orders/new/",
        orders.protective_order_record_view,
        name="protective-order-record",
    ),
    path(
        "protective-orders/<uuid:order_id>/end/",
        orders.protective_order_end_view,
        name="protective-order-end",
    ),
    path("children/<uuid:child_id>/neglect/", neglect.neglect_page, name="neglect"),
    path("neglect/", neglect.neglect_list_page, name="neglect-list"),
]
