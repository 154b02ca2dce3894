from django.urls import path

from haven.deadlines import views

app_name = "deadlines"
urlpatterns = [
    path("", views.my_work_view, name="my-work"),
    path("team/", views.my_team_view, name="my-team"),
]
