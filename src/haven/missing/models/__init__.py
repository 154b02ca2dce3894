from haven.missing.models.decision import RepeatMissingDecision
from haven.missing.models.episode import MissingEpisode
from haven.missing.models.interview import InterviewAction, InterviewFactor, ReturnInterview

__all__ = [
    "InterviewAction",
    "InterviewFactor",
    "MissingEpisode",
    "RepeatMissingDecision",
    "ReturnInterview",
]
