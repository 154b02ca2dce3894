from django.db import models


class AuditVerb(models.TextChoices):
    """What a service did. Each app adds its verbs here, named ``<entity>.<verb>``."""

    USER_CREATED = "user.created", "User created"
    USER_SIGNED_IN = "user.signed_in", "Signed in"
    USER_SIGNED_OUT = "user.signed_out", "Signed out"
    PERSON_CREATED = "person.created", "Person created"
    PERSON_UPDATED = "person.updated", "Person updated"
    PERSON_RESTRICTED = "person.restricted", "Record restricted"
    PERSON_UNRESTRICTED = "person.unrestricted", "Restriction lifted"
    RESTRICTED_ACCESS_GRANTED = "restricted_access.granted", "Named on a restricted record"
    RESTRICTED_ACCESS_REVOKED = "restricted_access.revoked", "Removed from a restricted record"
    BREAK_GLASS = "record.break_glass", "Emergency access to a record"
    DISABILITIES_SET = "person.disabilities_set", "Disabilities recorded"
    RELATIONSHIP_ADDED = "relationship.added", "Relationship added"
    RELATIONSHIP_ENDED = "relationship.ended", "Relationship ended"
    ADDRESS_ADDED = "address.added", "Address added"
    ADDRESS_ENDED = "address.ended", "Address ended"
    CASE_NOTE_ADDED = "case_note.added", "Case note added"
    CHRONOLOGY_ENTRY_ADDED = "chronology.added", "Chronology entry added"
    TEAM_CREATED = "team.created", "Team created"
    WORKER_CREATED = "worker.created", "Worker created"
    WORKER_UPDATED = "worker.updated", "Worker updated"
    WORKER_LEFT = "worker.left", "Worker left"
    ALLOCATION_STARTED = "allocation.started", "Worker allocated"
    ALLOCATION_ENDED = "allocation.ended", "Allocation ended"
    DEADLINE_OPENED = "deadline.opened", "Deadline opened"
    DEADLINE_MET = "deadline.met", "Deadline met"
    DEADLINE_MOVED = "deadline.moved", "Deadline moved"
    DEADLINE_CANCELLED = "deadline.cancelled", "Deadline cancelled"
    SYNTHETIC_COUNCIL_GENERATED = "synthetic.generated", "Synthetic council generated"


class AccessSurface(models.TextChoices):
    PAGE = "page", "Page"
    API = "api", "API"
    EXPORT = "export", "Export"
