from django.urls import path

from haven.oversight.views import measures, queue, workers

urlpatterns = [
    path("queue/", queue.queue_page, name="queue"),
    path("queue/plan/", queue.queue_plan_view, name="queue-plan"),
    path("queue/<uuid:child_id>/", queue.queue_child, name="queue-child"),
    path("queue/<uuid:child_id>/review/", queue.risk_review_view, name="queue-review"),
    path("queue/<uuid:child_id>/allocate/", queue.allocate_view, name="queue-allocate"),
    path("children/<uuid:child_id>/worker/", workers.worker_change_view, name="worker-change"),
    path("workers/<uuid:worker_id>/", workers.worker_page, name="worker"),
    path("workers/<uuid:worker_id>/absences/", workers.absence_record_view, name="worker-absence"),
    path(
        "workers/<uuid:worker_id>/absences/<uuid:absence_id>/end/",
        workers.absence_end_view,
        name="worker-absence-end",
    ),
    path("workers/<uuid:worker_id>/skills/", workers.skills_view, name="worker-skills"),
    path("measures/", measures.measures_page, name="measures"),
    path("measures/<slug:name>/", measures.measure_children, name="measure"),
]
