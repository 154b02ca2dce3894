from haven.oversight import urls_queue

app_name = "oversight"
urlpatterns = [*urls_queue.urlpatterns]
