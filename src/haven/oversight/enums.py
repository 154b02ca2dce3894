from django.db import models


class RiskRating(models.TextChoices):
    """A manager's rating of the risk to a child while the case waits for a worker."""

    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


#: The queue lists higher risk first.
RISK_ORDER: dict[str, int] = {RiskRating.HIGH: 0, RiskRating.MEDIUM: 1, RiskRating.LOW: 2, "": 3}
