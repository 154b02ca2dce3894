from django.db import models


class TeamKind(models.TextChoices):
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"
    FRONT_DOOR = "front_door", "Front door (MASH)"
    ASSESSMENT = "assessment", "Assessment"
    CIN_CP = "cin_cp", "Child in need and child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    QUALITY = "quality", "Quality and reviewing"


class JobRole(models.TextChoices):
    """A worker's job. CSWW ``OrgRole`` is derived from it for the workforce census."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    ASYE_SOCIAL_WORKER = "asye", "Newly qualified social worker (ASYE)"
    SENIOR_PRACTITIONER = "senior_practitioner", "Senior practitioner"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director"
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    FAMILY_SUPPORT = "family_support", "Family support worker"
    SCREENER = "screener", "Front door screener"
    BUSINESS_SUPPORT = "business_support", "Business support officer"


REGISTERED_ROLES = frozenset(
    {
        JobRole.SOCIAL_WORKER,
        JobRole.ASYE_SOCIAL_WORKER,
        JobRole.SENIOR_PRACTITIONER,
        JobRole.TEAM_MANAGER,
        JobRole.SERVICE_MANAGER,
        JobRole.HEAD_OF_SERVICE,
        JobRole.IRO,
    }
)


class Employment(models.TextChoices):
    PERMANENT = "permanent", "Permanent"
    AGENCY = "agency", "Agency"
    LOCUM = "locum", "Locum"


class SWReason(models.TextChoices):
    """SSDA903 SWEpisodes ``SW_REASON``: why a child's social worker changed."""

    MANAGE = "MANAGE", "Managing caseloads"
    FCONTA = "FCONTA", "First contact or re-referral"
    LEFTRL = "LEFTRL", "Previous social worker left the role"
    ORGRST = "ORGRST", "Organisational restructure"
    TSPROC = "TSPROC", "Transfer under standard process"
    ABSENC = "ABSENC", "Absence cover or return from absence"
    CHCHAN = "CHCHAN", "Child asked for a change"
    PCCHAN = "PCCHAN", "Parent or carer asked for a change"
    SWDIED = "SWDIED", "Previous social worker died"
    OTHERS = "OTHERS", "Other"


class CaseKind(models.TextChoices):
    """What keeps a child's case open and in need of an allocated worker."""

    CHILD_IN_NEED = "cin", "Child in need"
    CHILD_PROTECTION = "cp", "Child protection"
    LOOKED_AFTER = "looked_after", "Looked after"
    CARE_LEAVER = "care_leaver", "Care leaver"


#: Statutory work only a registered social worker may lead (Working Together 2023). Child in
#: need (section 17) work may be led by others where the council allows it
#: (``HAVEN_SECTION_17_LED_BY_OTHERS``).
STATUTORY_CASE_KINDS = frozenset({CaseKind.CHILD_PROTECTION, CaseKind.LOOKED_AFTER})


class Skill(models.TextChoices):
    """What a worker brings that some children's cases need; the recommender prefers a match."""

    DISABILITY = "disability", "Disabled children"
    EXPLOITATION = "exploitation", "Exploitation (criminal and sexual)"
    UASC = "uasc", "Unaccompanied asylum-seeking children"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    COURT = "court", "Court work and care proceedings"


class AbsenceKind(models.TextChoices):
    ANNUAL_LEAVE = "annual_leave", "Annual leave"
    SICKNESS = "sickness", "Sickness"
    PARENTAL_LEAVE = "parental_leave", "Parental leave"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"
