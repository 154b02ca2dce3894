from haven.protection.models.conference import Conference, ConferenceAttendance
from haven.protection.models.enquiry import (
    Section47Enquiry,
    StrategyDiscussion,
    StrategyParticipant,
)
from haven.protection.models.orders import PreProceedings, PreProceedingsMeeting, ProtectiveOrder
from haven.protection.models.plan import (
    CoreGroupMeeting,
    OutcomeRating,
    Plan,
    PlanAction,
    PlanOutcome,
    PlanReview,
    Visit,
)

__all__ = [
    "Conference",
    "ConferenceAttendance",
    "CoreGroupMeeting",
    "OutcomeRating",
    "Plan",
    "PlanAction",
    "PlanOutcome",
    "PlanReview",
    "PreProceedings",
    "PreProceedingsMeeting",
    "ProtectiveOrder",
    "Section47Enquiry",
    "StrategyDiscussion",
    "StrategyParticipant",
    "Visit",
]
