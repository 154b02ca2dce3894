"""The workforce page, included in ``haven.oversight.urls`` (app name "oversight")."""

from django.urls import path

from haven.oversight.views import workforce

urlpatterns = [
    path("workforce/", workforce.workforce_page, name="workforce"),
]
