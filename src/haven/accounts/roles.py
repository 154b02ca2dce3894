"""The roles of the people who use Haven (ARCHITECTURE.md §2)."""

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    DCS = "dcs", "Director of children's services"
    MASH_SCREENER = "mash_screener", "Front door screener"
    MASH_MANAGER = "mash_manager", "Front door manager"
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    BUSINESS_SUPPORT = "business_support", "Business support"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    AUDITOR = "auditor", "Auditor"
    SYSTEM_ADMIN = "system_admin", "System administrator"
    PARTNER = "partner", "Partner agency"
