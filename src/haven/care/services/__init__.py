from haven.care.services.irregular import (
    irregular_decline,
    irregular_request,
    irregular_review,
    irregular_sign_off,
    irregular_withdraw,
)
from haven.care.services.period import (
    SignOff,
    care_end,
    care_start,
    legal_status_change,
    placement_change,
)
from haven.care.services.providers import provider_save, setting_save

__all__ = [
    "SignOff",
    "care_end",
    "care_start",
    "irregular_decline",
    "irregular_request",
    "irregular_review",
    "irregular_sign_off",
    "irregular_withdraw",
    "legal_status_change",
    "placement_change",
    "provider_save",
    "setting_save",
]
