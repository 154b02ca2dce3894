"""Writes to casework. Each service is one transaction and writes its audit event."""

from haven.casework.services.assessment import (
    assessment_authorise,
    assessment_complete,
    assessment_record_seen,
    assessment_record_wishes,
    assessment_start,
    assessment_start_for_siblings,
)
from haven.casework.services.early_help import (
    early_help_close,
    early_help_record_assessment,
    early_help_start,
    early_help_step_up,
)
from haven.casework.services.referral import episode_close, referral_open

__all__ = [
    "assessment_authorise",
    "assessment_complete",
    "assessment_record_seen",
    "assessment_record_wishes",
    "assessment_start",
    "assessment_start_for_siblings",
    "early_help_close",
    "early_help_record_assessment",
    "early_help_start",
    "early_help_step_up",
    "episode_close",
    "referral_open",
]
