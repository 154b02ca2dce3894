from haven.frontdoor.models.check import AgencyCheck
from haven.frontdoor.models.contact import Contact, ContactChild
from haven.frontdoor.models.decision import ContactDecision

__all__ = ["AgencyCheck", "Contact", "ContactChild", "ContactDecision"]
