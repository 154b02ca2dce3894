"""Pages for children in care and care leavers. Addresses carry only opaque ids, never anything
about the child. Each area keeps its own list of patterns; they are joined here (a namespaced
app's patterns are concatenated, not nested with ``include``)."""

from django.urls import URLPattern, URLResolver

from haven.care.urls_costs import urlpatterns as cost_patterns
from haven.care.urls_health import urlpatterns as health_patterns
from haven.care.urls_review import urlpatterns as review_patterns

app_name = "care"
record_patterns: list[URLPattern | URLResolver] = []

urlpatterns: list[URLPattern | URLResolver] = [
    *record_patterns,
    *review_patterns,
    *health_patterns,
    *cost_patterns,
]
