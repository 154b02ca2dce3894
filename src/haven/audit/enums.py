from django.db import models


class AuditVerb(models.TextChoices):
    """What a service did. Each app adds its verbs here, named ``<entity>.<verb>``."""

    USER_CREATED = "user.created", "User created"
    USER_SIGNED_IN = "user.signed_in", "Signed in"
    USER_SIGNED_OUT = "user.signed_out", "Signed out"
    API_TOKEN_ISSUED = "api_token.issued", "Partner API key issued"
    API_TOKEN_REVOKED = "api_token.revoked", "Partner API key revoked"
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
    CASE_OPENED = "case.opened", "Case opened: the child needs an allocated worker"
    CASE_CLOSED = "case.closed", "Case closed"
    DEADLINE_OPENED = "deadline.opened", "Deadline opened"
    DEADLINE_MET = "deadline.met", "Deadline met"
    DEADLINE_MOVED = "deadline.moved", "Deadline moved"
    DEADLINE_CANCELLED = "deadline.cancelled", "Deadline cancelled"
    SYNTHETIC_COUNCIL_GENERATED = "synthetic.generated", "Synthetic council generated"
    CONTACT_RECORDED = "contact.recorded", "Contact recorded"
    CONTACT_CHILD_ADDED = "contact.child_added", "Child added to a contact"
    CONTACT_CHILD_REPLACED = (
        "contact.child_replaced",
        "Child on a contact replaced by their existing record",
    )
    CONTACT_RAG_SET = "contact.rag_set", "Contact rated"
    CHECK_REQUESTED = "check.requested", "Multi-agency check requested"
    CHECK_RETURNED = "check.returned", "Multi-agency check returned"
    CONTACT_DECIDED = "contact.decided", "Front-door decision made"
    DECISION_SIGNED_OFF = "contact.signed_off", "Front-door decision signed off"
    REFERRAL_OPENED = "referral.opened", "Referral: child in need episode opened"
    EPISODE_CLOSED = "episode.closed", "Child in need episode closed"
    ASSESSMENT_STARTED = "assessment.started", "Assessment started"
    ASSESSMENT_UPDATED = "assessment.updated", "Assessment updated"
    ASSESSMENT_COMPLETED = "assessment.completed", "Assessment completed"
    ASSESSMENT_AUTHORISED = "assessment.authorised", "Assessment authorised"
    EARLY_HELP_STARTED = "early_help.started", "Early help episode started"
    EARLY_HELP_UPDATED = "early_help.updated", "Early help episode updated"
    EARLY_HELP_CLOSED = "early_help.closed", "Early help episode closed"


class AccessSurface(models.TextChoices):
    PAGE = "page", "Page"
    API = "api", "API"
    EXPORT = "export", "Export"
