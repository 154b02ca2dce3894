from haven.casework.views.assessment import (
    assessment_page,
    assessment_start_view,
    authorise_view,
    complete_view,
    seen_view,
    wishes_view,
)
from haven.casework.views.child import child_page
from haven.casework.views.early_help import (
    early_help_assessment_view,
    early_help_close_view,
    early_help_start_view,
    early_help_step_up_view,
)
from haven.casework.views.episode import episode_close_view

__all__ = [
    "assessment_page",
    "assessment_start_view",
    "authorise_view",
    "child_page",
    "complete_view",
    "early_help_assessment_view",
    "early_help_close_view",
    "early_help_start_view",
    "early_help_step_up_view",
    "episode_close_view",
    "seen_view",
    "wishes_view",
]
