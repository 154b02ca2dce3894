"""Code sets for the protection pathway: the DfE's where there is one, else Haven's own."""

from django.db import models


class Agency(models.TextChoices):
    """Who took part in a strategy discussion or conference, or owns an action on a plan."""

    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (GP, health visitor, school nurse, hospital)"
    EDUCATION = "education", "Education (school, college, nursery)"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    ADULT_SERVICES = "adult_services", "Adult services (mental health, substance misuse)"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    VOLUNTARY = "voluntary", "Voluntary sector"
    FAMILY = "family", "Family"
    OTHER = "other", "Other"


#: Agencies that count towards a quorate conference: the family is invited but is not an agency.
PROFESSIONAL_AGENCIES = frozenset(a for a in Agency if a is not Agency.FAMILY)


class StrategyDecision(models.TextChoices):
    SECTION_47 = "s47", "Section 47 enquiry"
    NO_ENQUIRY = "no_enquiry", "No section 47 enquiry: continue to assess or support"
    SINGLE_AGENCY = "single_agency", "Single-agency action"


class Section47Outcome(models.TextChoices):
    """What the enquiry found: Haven's list. The CIN census keeps only ``ICPCnotRequired``."""

    ICPC = "icpc", "Concerns substantiated: the child is likely to suffer significant harm (ICPC)"
    CHILD_IN_NEED = (
        "cin",
        "Concerns substantiated, no continuing risk of significant harm: child in need",
    )
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    FURTHER_ASSESSMENT = "further_assessment", "Further assessment needed before a decision"


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Child protection review conference"


class ConferenceDecision(models.TextChoices):
    """At an initial conference: a plan or not. At a review: the plan continues or ends."""

    PLAN = "plan", "Child protection plan (continue the plan at a review)"
    NO_PLAN = "no_plan", "No child protection plan (end the plan at a review)"


class AbuseCategory(models.TextChoices):
    """CIN census ``InitialCategoryOfAbuse`` and ``LatestCategoryOfAbuse``."""

    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple"


class PlanKind(models.TextChoices):
    CHILD_PROTECTION = "cp", "Child protection plan"
    CHILD_IN_NEED = "cin", "Child in need plan"


class PlanEndReason(models.TextChoices):
    """Why a plan ended: Haven's list (the CIN census keeps only the date)."""

    NO_LONGER_NEEDED = "no_longer_needed", "No longer needed: the plan's outcomes are met"
    STEPPED_UP = "stepped_up", "Stepped up to a child protection plan"
    STEPPED_DOWN = "stepped_down", "Stepped down to a child in need plan"
    LOOKED_AFTER = "looked_after", "The child became looked after"
    MOVED = "moved", "The child moved to another local authority"
    ADULT = "adult", "The young person turned 18"
    DIED = "died", "The child died"
    EPISODE_CLOSED = "episode_closed", "The child in need episode closed"
    OTHER = "other", "Other"


class ProtectiveOrderKind(models.TextChoices):
    EPO = "epo", "Emergency protection order (Children Act 1989 s44)"
    POLICE_PROTECTION = "police", "Police protection (Children Act 1989 s46)"


class PreProceedingsOutcome(models.TextChoices):
    """CIN census 2026-27 ``PPOutcome`` (codeset CS131). The DfE's labels for A, B and C are not
    yet published; these readings are Haven's and are marked unconfirmed in
    docs/statutory/pre-proceedings.md."""

    ISSUE_PROCEEDINGS = "A", "A: decision to issue care proceedings"
    STEP_DOWN = "B", "B: stepped down (to a child protection or child in need plan)"
    OTHER = "C", "C: ended for another reason"


#: Scaled judgement of how safe and well the child is, for an outcome on a plan.
SCORE_MIN = 0
SCORE_MAX = 10
