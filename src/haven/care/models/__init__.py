from haven.care.models.health import (
    Conviction,
    HealthCheck,
    PersonalEducationPlan,
    StrengthsAndDifficulties,
    SubstanceMisuse,
)
from haven.care.models.leaving import AdviserContact, PathwayPlan, PersonalAdviser, StayingPut
from haven.care.models.period import (
    CareEpisode,
    CarePeriod,
    IrregularPlacementRequest,
    IrregularPlacementReview,
    Placement,
)
from haven.care.models.permanence import AdoptionPlan, PermanenceBefore, UascStatus
from haven.care.models.plans import CarePlan, CareVisit, IROContact, LookedAfterReview
from haven.care.models.provider import Provider, Setting

__all__ = [
    "AdoptionPlan",
    "AdviserContact",
    "CareEpisode",
    "CarePeriod",
    "CarePlan",
    "CareVisit",
    "Conviction",
    "HealthCheck",
    "IROContact",
    "IrregularPlacementRequest",
    "IrregularPlacementReview",
    "LookedAfterReview",
    "PathwayPlan",
    "PermanenceBefore",
    "PersonalAdviser",
    "PersonalEducationPlan",
    "Placement",
    "Provider",
    "Setting",
    "StayingPut",
    "StrengthsAndDifficulties",
    "SubstanceMisuse",
    "UascStatus",
]
