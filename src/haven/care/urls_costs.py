"""What care costs and the stability measures: pages about the whole council, not one child."""

from django.urls import URLPattern, URLResolver, path

from haven.care.views import costs

urlpatterns: list[URLPattern | URLResolver] = [
    path("costs/", costs.costs_page, name="costs"),
    path("stability/", costs.stability_page, name="stability"),
]
