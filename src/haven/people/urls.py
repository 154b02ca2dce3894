from django.urls import path

from haven.people import views

app_name = "people"
urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.person_create_view, name="create"),
    path("<uuid:person_id>/", views.record, name="record"),
    path("<uuid:person_id>/case-notes/new/", views.case_note_add_view, name="case-note-add"),
    path("<uuid:person_id>/break-glass/", views.break_glass_view, name="break-glass"),
    path("<uuid:person_id>/audit/", views.audit_trail, name="audit"),
]
