"""DfE CIN census code sets (STATUTORY.md §2) and Haven's own short lists for casework."""

from django.db import models


class ReferralSource(models.TextChoices):
    """CIN census ``ReferralSource``."""

    FAMILY = "1A", "Individual: family member, relative or carer"
    ACQUAINTANCE = "1B", "Individual: acquaintance (including neighbours and childminders)"
    SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other (including strangers and MPs)"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    PRIMARY_HEALTH_OTHER = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E (emergency department)"
    HEALTH_OTHER = "3F", "Health services: other (e.g. hospice)"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "Local authority services: social care (e.g. adults)"
    LA_OTHER_INTERNAL = "5B", "Local authority services: other internal service"
    OTHER_LA = "5C", "Local authority services: another local authority"
    EARLY_HELP = "5D", "Local authority services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency (courts, probation, immigration, Cafcass, prison)"
    OTHER = "8", "Other (children's centres, independent and voluntary providers)"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class PrimaryNeed(models.TextChoices):
    """CIN census ``PrimaryNeedCode``."""

    NOT_STATED = "N0", "Not stated"
    ABUSE_OR_NEGLECT = "N1", "Abuse or neglect"
    DISABILITY = "N2", "Child's disability"
    PARENTAL_ILLNESS = "N3", "Parental illness or disability"
    ACUTE_STRESS = "N4", "Family in acute stress"
    DYSFUNCTION = "N5", "Family dysfunction"
    BEHAVIOUR = "N6", "Socially unacceptable behaviour"
    LOW_INCOME = "N7", "Low income"
    ABSENT_PARENTING = "N8", "Absent parenting"
    NOT_IN_NEED = "N9", "Cases other than children in need"


class ClosureReason(models.TextChoices):
    """CIN census ``ReasonForClosure``. RC8 and RC9 need an assessment (CINVAL 8825Q)."""

    ADOPTED = "RC1", "Adopted"
    DIED = "RC2", "Died"
    CHILD_ARRANGEMENTS_ORDER = "RC3", "Child arrangements order"
    SPECIAL_GUARDIANSHIP_ORDER = "RC4", "Special guardianship order"
    TRANSFERRED_LA = "RC5", "Transferred to services of another local authority"
    TRANSFERRED_ADULT = "RC6", "Transferred to adult social care"
    SERVICES_CEASED = "RC7", "Services ceased for any other reason, including no longer in need"
    AFTER_ASSESSMENT_NFA = "RC8", "Case closed after assessment, no further action"
    AFTER_ASSESSMENT_EARLY_HELP = "RC9", "Case closed after assessment, referred to early help"


#: Closure reasons that say an assessment took place (CINVAL 8825Q).
NEEDS_ASSESSMENT = frozenset(
    {ClosureReason.AFTER_ASSESSMENT_NFA, ClosureReason.AFTER_ASSESSMENT_EARLY_HELP}
)


class AssessmentFactor(models.TextChoices):
    """CIN census ``AssessmentFactors`` (2024-25 on: 18A and 19A replaced by 18B/C and 19B/C).

    Suffix A: the child; B: a parent or carer; C: another person in the household.
    """

    ALCOHOL_CHILD = "1A", "Alcohol misuse: child"
    ALCOHOL_PARENT = "1B", "Alcohol misuse: parent or carer"
    ALCOHOL_OTHER = "1C", "Alcohol misuse: other household member"
    DRUGS_CHILD = "2A", "Drug misuse: child"
    DRUGS_PARENT = "2B", "Drug misuse: parent or carer"
    DRUGS_OTHER = "2C", "Drug misuse: other household member"
    DOMESTIC_ABUSE_CHILD = "3A", "Domestic abuse: child is the subject"
    DOMESTIC_ABUSE_PARENT = "3B", "Domestic abuse: parent or carer"
    DOMESTIC_ABUSE_OTHER = "3C", "Domestic abuse: other household member"
    MENTAL_HEALTH_CHILD = "4A", "Mental health: child"
    MENTAL_HEALTH_PARENT = "4B", "Mental health: parent or carer"
    MENTAL_HEALTH_OTHER = "4C", "Mental health: other household member"
    LEARNING_DISABILITY_CHILD = "5A", "Learning disability: child"
    LEARNING_DISABILITY_PARENT = "5B", "Learning disability: parent or carer"
    LEARNING_DISABILITY_OTHER = "5C", "Learning disability: other household member"
    PHYSICAL_DISABILITY_CHILD = "6A", "Physical disability or illness: child"
    PHYSICAL_DISABILITY_PARENT = "6B", "Physical disability or illness: parent or carer"
    PHYSICAL_DISABILITY_OTHER = "6C", "Physical disability or illness: other household member"
    YOUNG_CARER = "7A", "Young carer"
    PRIVATE_FOSTERING_OVERSEAS_RETURNING = "8B", "Privately fostered: overseas, returning"
    PRIVATE_FOSTERING_OVERSEAS_STAYING = "8C", "Privately fostered: overseas, staying"
    PRIVATE_FOSTERING_UK_EDUCATIONAL = "8D", "Privately fostered: UK, educational"
    PRIVATE_FOSTERING_UK_FAMILY = "8E", "Privately fostered: UK, alternative family arrangement"
    PRIVATE_FOSTERING_OTHER = "8F", "Privately fostered: other"
    UASC = "9A", "Unaccompanied asylum-seeking child"
    MISSING = "10A", "Going or being missing"
    CSE = "11A", "Child sexual exploitation"
    TRAFFICKING = "12A", "Trafficking"
    GANGS = "13A", "Gangs"
    BEHAVIOUR = "14A", "Socially unacceptable behaviour"
    SELF_HARM = "15A", "Self-harm"
    NEGLECT = "16A", "Neglect"
    EMOTIONAL_ABUSE = "17A", "Emotional abuse"
    PHYSICAL_ABUSE_CHILD_ON_CHILD = "18B", "Physical abuse: child on child"
    PHYSICAL_ABUSE_ADULT_ON_CHILD = "18C", "Physical abuse: adult on child"
    SEXUAL_ABUSE_CHILD_ON_CHILD = "19B", "Sexual abuse: child on child"
    SEXUAL_ABUSE_ADULT_ON_CHILD = "19C", "Sexual abuse: adult on child"
    OTHER = "20", "Other"
    NO_FACTORS = "21", "No factors identified"
    FGM = "22A", "Female genital mutilation"
    FAITH_ABUSE = "23A", "Abuse linked to faith or belief"
    CRIMINAL_EXPLOITATION = "24A", "Child criminal exploitation"


#: Codes the DfE withdrew from 2024-25 (CINVAL 8945Q/8950Q); refused with a pointer to the new ones.
DEPRECATED_FACTORS = {"18A": "18B or 18C", "19A": "19B or 19C"}


class AssessmentOutcome(models.TextChoices):
    """What the child and family assessment concluded: Haven's list, not a DfE code set.

    Annex A list 4 asks only "was the child assessed as requiring LA children's social care
    support?"; these five answer that and say what happens next. Councils name local variants
    (a CIN plan, a step down to early help) in the assessment itself.
    """

    NO_FURTHER_ACTION = "nfa", "No further action"
    CHILD_IN_NEED = "cin", "Child in need services (CIN plan)"
    STRATEGY_DISCUSSION = "s47", "Strategy discussion (section 47)"
    EARLY_HELP = "early_help", "Early help"
    OTHER = "other", "Other"


#: Outcomes that mean the child was assessed as needing children's social care support.
NEEDS_SUPPORT = frozenset({AssessmentOutcome.CHILD_IN_NEED, AssessmentOutcome.STRATEGY_DISCUSSION})


class EarlyHelpClosureReason(models.TextChoices):
    """Why an early help episode ended: Haven's list (no national code set)."""

    NEEDS_MET = "needs_met", "Needs met"
    STEPPED_UP = "stepped_up", "Stepped up to children's social care"
    FAMILY_DECLINED = "declined", "Family declined or withdrew consent"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    OTHER = "other", "Other"
