from haven.people.models.notes import CaseNote, ChronologyEntry
from haven.people.models.person import (
    Address,
    BreakGlassAccess,
    Person,
    PersonDisability,
    PersonSearchKey,
    Relationship,
    RestrictedAccess,
)

__all__ = [
    "Address",
    "BreakGlassAccess",
    "CaseNote",
    "ChronologyEntry",
    "Person",
    "PersonDisability",
    "PersonSearchKey",
    "Relationship",
    "RestrictedAccess",
]
