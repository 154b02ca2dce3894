from haven.oversight.models.queue import AllocationDecision, RiskReview

__all__ = ["AllocationDecision", "RiskReview"]
