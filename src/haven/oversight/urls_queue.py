from django.urls import path

from haven.oversight.views import measures, queue, workers

urlpatterns = [
    path("queue/", queue.queue_page, name="queue"),
    path("queue/plan/", queue.queue_plan_view, name="queue-plan"),
    path("queue/<uuid:child_id>/", queue.queue_child, name="queue-child"),
    path("queue/<uuid:child_id>/review/", queue.risk_review_view, name="queue-review"),
    path("queue/<uuid:child_id>/allocate/", queue.allocate_view, name="queue-allocate"),
    path("children/<uuid:child_id>/worker/", workers.worker_change_view, name="worker-change"),
    path("measures/", measures.measures_page, name="measures"),
    path("measures/<slug:name>/", measures.measure_children, name="measure"),
]
