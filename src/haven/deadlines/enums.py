from django.db import models


class DeadlineStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Met"
    CANCELLED = "cancelled", "Cancelled"
