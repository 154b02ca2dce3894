"""The front door's code sets. A contact's source is the CIN ``ReferralSource`` (casework)."""

from django.db import models


class Rag(models.TextChoices):
    """The screener's rating of risk: red contacts are decided first."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Urgency(models.TextChoices):
    """How quickly the referrer or the person taking the call says a response is needed."""

    IMMEDIATE = "immediate", "Immediate"
    SAME_DAY = "same_day", "Same day"
    ROUTINE = "routine", "Routine"


class Consent(models.TextChoices):
    """Did the family agree to information about them being shared and sought?"""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_NEEDED = "not_needed", "Not sought: seeking it would put the child at risk"


class CheckAgency(models.TextChoices):
    """Who a multi-agency check is asked of."""

    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER_LA = "other_la", "Another local authority"
    OTHER = "other", "Other"


class ContactOutcome(models.TextChoices):
    NFA = "nfa", "No further action"
    INFORMATION_AND_ADVICE = "information_advice", "Information and advice"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care"


class ReferralRoute(models.TextChoices):
    """What a referral to children's social care goes on to (only with a referral)."""

    ASSESSMENT = "assessment", "Child and family assessment"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion now"
    OTHER = "other", "Other"


class ContactStatus(models.TextChoices):
    AWAITING_SCREENING = "awaiting_screening", "Awaiting screening"
    SCREENING = "screening", "Screening"
    DECIDED = "decided", "Decided"
    SIGNED_OFF = "signed_off", "Signed off"


#: A contact still waiting for its front-door decision.
UNDECIDED = (ContactStatus.AWAITING_SCREENING, ContactStatus.SCREENING)
