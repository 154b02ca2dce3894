"""DfE code sets for people, as the CIN census and SSDA903 code them."""

from django.db import models


class Sex(models.TextChoices):
    """CIN ``Sex`` / SSDA903 ``SEX`` from 2024-25. U must be used for unborn children."""

    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known or not recorded"


class Ethnicity(models.TextChoices):
    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy or Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Black Caribbean"
    BAFR = "BAFR", "Black African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class Disability(models.TextChoices):
    """CIN ``Disability`` codes. NONE is never combined with another code (rule 8790)."""

    NONE = "NONE", "No disability"
    MOB = "MOB", "Mobility"
    HAND = "HAND", "Hand function"
    PC = "PC", "Personal care"
    INC = "INC", "Incontinence"
    COMM = "COMM", "Communication"
    LD = "LD", "Learning"
    HEAR = "HEAR", "Hearing"
    VIS = "VIS", "Vision"
    BEH = "BEH", "Behaviour"
    CON = "CON", "Consciousness"
    AUT = "AUT", "Autism or Asperger syndrome"
    DDA = "DDA", "Other disability under the Disability Discrimination Act"


class UPNUnknown(models.TextChoices):
    """CIN ``UPNunknown``: why a child of school age has no UPN."""

    UN1 = "UN1", "Child is now over compulsory school age"
    UN2 = "UN2", "Child has never attended a state-funded school in England"
    UN3 = "UN3", "Child is educated outside England"
    UN4 = "UN4", "Child newly arrived in the UK (UASC or other)"
    UN5 = "UN5", "Sources collating UPNs reflect a delay"
    UN6 = "UN6", "Child is under 6 years old and not yet in school"
    UN7 = "UN7", "Child is seriously ill"
    UN8 = "UN8", "Child not in education"
    UN9 = "UN9", "Child being home-schooled"
    UN10 = "UN10", "Other"


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class RestrictionReason(models.TextChoices):
    ADOPTION = "adoption", "Adoption"
    STAFF = "staff", "Member of staff or their family"
    HIGH_PROFILE = "high_profile", "High profile"
    OTHER = "other", "Other"


class RelationshipType(models.TextChoices):
    """How the first person relates to the second ("A is the mother of B")."""

    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    PARENT_PARTNER = "parent_partner", "Parent's partner"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    STEP_SIBLING = "step_sibling", "Step-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    OTHER_RELATIVE = "other_relative", "Other relative"
    KINSHIP_CARER = "kinship_carer", "Kinship carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    FAMILY_FRIEND = "family_friend", "Family friend"


#: How the second person relates to the first, for showing a relationship from either side.
INVERSE_LABEL: dict[str, str] = {
    RelationshipType.MOTHER: "Child",
    RelationshipType.FATHER: "Child",
    RelationshipType.STEP_PARENT: "Step-child",
    RelationshipType.PARENT_PARTNER: "Partner's child",
    RelationshipType.SIBLING: "Sibling",
    RelationshipType.HALF_SIBLING: "Half-sibling",
    RelationshipType.STEP_SIBLING: "Step-sibling",
    RelationshipType.GRANDPARENT: "Grandchild",
    RelationshipType.AUNT_UNCLE: "Niece or nephew",
    RelationshipType.OTHER_RELATIVE: "Other relative",
    RelationshipType.KINSHIP_CARER: "Child cared for",
    RelationshipType.FOSTER_CARER: "Child fostered",
    RelationshipType.SPECIAL_GUARDIAN: "Child under special guardianship",
    RelationshipType.FAMILY_FRIEND: "Family friend",
}

#: Types where the first person normally holds parental responsibility for the second.
PARENTAL_TYPES = frozenset(
    {RelationshipType.MOTHER, RelationshipType.FATHER, RelationshipType.SPECIAL_GUARDIAN}
)


class CaseNoteKind(models.TextChoices):
    VISIT = "visit", "Visit"
    PHONE = "phone", "Telephone call"
    MEETING = "meeting", "Meeting"
    OFFICE = "office", "Office contact"
    MANAGEMENT = "management", "Management oversight"
    CORRESPONDENCE = "correspondence", "Letter or email"
    OTHER = "other", "Other"
