from haven.people.views.record import (
    audit_trail,
    break_glass_view,
    case_note_add_view,
    record,
)
from haven.people.views.search import person_create_view, search

__all__ = [
    "audit_trail",
    "break_glass_view",
    "case_note_add_view",
    "person_create_view",
    "record",
    "search",
]
