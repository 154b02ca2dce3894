from typing import Any

from django.conf import settings
from django.http import HttpRequest


def haven(request: HttpRequest) -> dict[str, Any]:
    """What every page needs: the council's name, the session length and the audit and
    front-door links."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    session_seconds = int(settings.SESSION_COOKIE_AGE)
    return {
        "haven": {
            "la_name": getattr(settings, "HAVEN_LA_NAME", ""),
            "session_seconds": session_seconds,
            "session_minutes": max(1, session_seconds // 60),
            "warning_seconds": int(getattr(settings, "SESSION_WARNING_SECONDS", 120)),
            "can_audit": signed_in and bool(getattr(user, "can_audit", False)),
            "can_view_front_door": signed_in and bool(getattr(user, "can_view_front_door", False)),
            "can_view_allocation_queue": signed_in
            and bool(getattr(user, "can_view_allocation_queue", False)),
            "can_view_allocation_measures": signed_in
            and bool(getattr(user, "can_view_allocation_measures", False)),
            "can_view_front_door_figures": signed_in
            and bool(getattr(user, "can_view_front_door_figures", False)),
            "can_view_places": signed_in and bool(getattr(user, "can_view_places", False)),
        }
    }
