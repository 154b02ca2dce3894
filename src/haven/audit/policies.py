"""Who may read the audit trail and the access log.

The audit app sits below accounts in the layers, so it asks the user object rather than
importing the permission table: ``User.can_audit`` is ``has_action(user, Action.VIEW_AUDIT)``.
"""

from typing import Any


def can_view_audit(user: Any) -> bool:
    """Auditors see who opened any record, restricted ones included: that is their job."""
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and getattr(user, "can_audit", False)
    )
