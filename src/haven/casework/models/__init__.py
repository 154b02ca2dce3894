from haven.casework.models.assessment import Assessment, IdentifiedFactor
from haven.casework.models.early_help import EarlyHelpEpisode
from haven.casework.models.episode import CINEpisode

__all__ = ["Assessment", "CINEpisode", "EarlyHelpEpisode", "IdentifiedFactor"]
