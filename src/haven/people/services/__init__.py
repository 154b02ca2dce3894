"""Writes to people's records. Each service is one transaction and writes its audit event."""

from haven.people.services.notes import case_note_add, chronology_record
from haven.people.services.person import (
    address_add,
    address_end,
    break_glass,
    person_create,
    person_restrict,
    person_unrestrict,
    person_update,
    record_viewed,
    records_viewed,
    relationship_add,
    relationship_end,
    restricted_access_grant,
    restricted_access_revoke,
)

__all__ = [
    "address_add",
    "address_end",
    "break_glass",
    "case_note_add",
    "chronology_record",
    "person_create",
    "person_restrict",
    "person_unrestrict",
    "person_update",
    "record_viewed",
    "records_viewed",
    "relationship_add",
    "relationship_end",
    "restricted_access_grant",
    "restricted_access_revoke",
]
