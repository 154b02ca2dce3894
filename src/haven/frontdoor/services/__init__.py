"""Writes at the front door. Each service is one transaction and writes its audit events."""

from haven.frontdoor.services.contact import (
    check_request,
    check_return,
    contact_child_replace,
    contact_rag_set,
    contact_record,
)
from haven.frontdoor.services.decision import contact_decide, decision_sign_off
from haven.frontdoor.services.partner import partner_contact_submit

__all__ = [
    "check_request",
    "check_return",
    "contact_child_replace",
    "contact_decide",
    "contact_rag_set",
    "contact_record",
    "decision_sign_off",
    "partner_contact_submit",
]
