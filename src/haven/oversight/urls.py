from haven.oversight import urls_caseloads, urls_queue

app_name = "oversight"
urlpatterns = [*urls_queue.urlpatterns, *urls_caseloads.urlpatterns]
