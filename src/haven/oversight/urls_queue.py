from django.urls import path

from haven.oversight.views import measures, queue

urlpatterns = [
    path("queue/", queue.queue_page, name="queue"),
    path("queue/<uuid:child_id>/", queue.queue_child, name="queue-child"),
    path("queue/<uuid:child_id>/review/", queue.risk_review_view, name="queue-review"),
    path("queue/<uuid:child_id>/allocate/", queue.allocate_view, name="queue-allocate"),
    path("measures/", measures.measures_page, name="measures"),
    path("measures/<slug:name>/", measures.measure_children, name="measure"),
]
