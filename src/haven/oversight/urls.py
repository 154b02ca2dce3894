from haven.oversight import urls_caseloads, urls_queue, urls_workforce

app_name = "oversight"
urlpatterns = [
    *urls_queue.urlpatterns,
    *urls_caseloads.urlpatterns,
    *urls_workforce.urlpatterns,
]
