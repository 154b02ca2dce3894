from haven.people.models import Person
from haven.people.selectors.record import (
    case_notes_for,
    chronology_for,
    current_address,
    people_listed,
    person_get,
    record_for,
    relationships_for,
)
from haven.people.selectors.search import SearchQuery, SearchResult, duplicates_for, person_search

__all__ = [
    "Person",
    "SearchQuery",
    "SearchResult",
    "case_notes_for",
    "chronology_for",
    "current_address",
    "duplicates_for",
    "people_listed",
    "person_get",
    "person_search",
    "record_for",
    "relationships_for",
]
