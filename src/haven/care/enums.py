"""Code sets for children in care and care leavers: the SSDA903 return's where there is one
(STATUTORY.md §3, the 2025-26 sets), else Haven's own. Meanings marked [U] there are the
DfE's as far as they are published; docs/care.md says which Haven relies on."""

from django.db import models


class LegalStatus(models.TextChoices):
    """903 ``LS``."""

    C1 = "C1", "Interim care order"
    C2 = "C2", "Full care order"
    D1 = "D1", "Freeing order granted"
    E1 = "E1", "Placement order granted"
    V2 = "V2", "Single period of accommodation under section 20"
    V3 = "V3", "Accommodated under an agreed series of short-term breaks (episodes recorded)"
    V4 = "V4", "Accommodated under an agreed series of short-term breaks (agreements recorded)"
    L1 = "L1", "Under police protection and in local authority accommodation"
    L2 = "L2", "Emergency protection order"
    L3 = "L3", "Under a child assessment order and in local authority accommodation"
    J1 = "J1", "Remanded to local authority or youth detention accommodation"
    J2 = "J2", "Placed in local authority accommodation under PACE 1984"
    J3 = "J3", "Sentenced to a youth rehabilitation order with a residence requirement"


#: Legal statuses under a care order, for the reg 28(5) visit variant and for eligibility.
CARE_ORDERS = frozenset({LegalStatus.C1, LegalStatus.C2})
#: Short breaks: a series of planned stays, which the 903 records apart (STATUTORY.md §1 row 19).
SHORT_BREAKS = frozenset({LegalStatus.V3, LegalStatus.V4})


class PlacementType(models.TextChoices):
    """903 ``PLACE``, the 2025-26 set (rule 146): H5, P2 and Z1 can no longer be entered."""

    A3 = "A3", "Placed for adoption with consent, with current foster carer"
    A4 = "A4", "Placed for adoption with consent, not with current foster carer"
    A5 = "A5", "Placed for adoption under a placement order, with current foster carer"
    A6 = "A6", "Placed for adoption under a placement order, not with current foster carer"
    K1 = "K1", "Secure children's home"
    K2 = "K2", "Children's home"
    K3 = "K3", "Supported accommodation (registered)"
    P1 = "P1", "Placed with parent(s) or other person with parental responsibility"
    P3 = "P3", "Residential employment"
    R1 = "R1", "Residential care home"
    R2 = "R2", "NHS or other health trust establishment"
    R3 = "R3", "Family centre or mother and baby unit"
    R5 = "R5", "Young offender institution or prison"
    S1 = "S1", "Residential school"
    T0 = "T0", "Temporary move of less than 7 days"
    T1 = "T1", "Temporary periods in hospital"
    T2 = "T2", "Temporary absence on the child's holiday"
    T3 = "T3", "Temporary accommodation while the foster carer is on holiday"
    T4 = "T4", "Temporary accommodation of 7 days or less"
    U1 = "U1", "Foster carer who is a relative or friend: long-term"
    U2 = "U2", "Foster carer who is a relative or friend: fostering for adoption or concurrent"
    U3 = "U3", "Foster carer who is a relative or friend: other"
    U4 = "U4", "Other foster carer: long-term"
    U5 = "U5", "Other foster carer: fostering for adoption or concurrent"
    U6 = "U6", "Other foster carer: other"
    Z11 = "Z11", "Other placement (schedule code Z11)"
    Z12 = "Z12", "Other placement (schedule code Z12)"
    Z13 = "Z13", "Other placement (schedule code Z13)"
    Z14 = "Z14", "Other placement (schedule code Z14)"


ADOPTION_PLACEMENTS = frozenset(
    {PlacementType.A3, PlacementType.A4, PlacementType.A5, PlacementType.A6}
)
TEMPORARY_PLACEMENTS = frozenset(
    {PlacementType.T0, PlacementType.T1, PlacementType.T2, PlacementType.T3, PlacementType.T4}
)
#: The Z1x codes: settings outside the registered types, where unregistered homes surface.
OTHER_PLACEMENTS = frozenset(
    {PlacementType.Z11, PlacementType.Z12, PlacementType.Z13, PlacementType.Z14}
)
FOSTER_PLACEMENTS = frozenset(
    {
        PlacementType.U1,
        PlacementType.U2,
        PlacementType.U3,
        PlacementType.U4,
        PlacementType.U5,
        PlacementType.U6,
    }
)
LONG_TERM_FOSTER_PLACEMENTS = frozenset({PlacementType.U1, PlacementType.U4})
#: Placement types whose setting Ofsted registers and the 903 matches by URN (rule 221).
REGISTERED_SETTINGS = frozenset({PlacementType.K1, PlacementType.K2, PlacementType.K3})
#: Placement types the 903 expects no URN for (rules 218/222).
NO_URN_PLACEMENTS = frozenset(
    {
        PlacementType.P1,
        PlacementType.P3,
        PlacementType.R1,
        PlacementType.R2,
        PlacementType.R5,
        *TEMPORARY_PLACEMENTS,
        *OTHER_PLACEMENTS,
    }
)
#: Placement types the 903 records no provider for (rules 178/213).
NO_PROVIDER_PLACEMENTS = TEMPORARY_PLACEMENTS | OTHER_PLACEMENTS


class PlacementProvider(models.TextChoices):
    """903 ``PLACE_PROVIDER``."""

    PR0 = "PR0", "Parent(s) or other person(s) with parental responsibility"
    PR1 = "PR1", "Own provision (by the local authority)"
    PR2 = "PR2", "Other local authority provision"
    PR3 = "PR3", "Other public provision (e.g. a primary care trust)"
    PR4 = "PR4", "Private provision"
    PR5 = "PR5", "Voluntary or third sector provision"


class ReasonNewEpisode(models.TextChoices):
    """903 ``RNE``."""

    S = "S", "Started to be looked after"
    L = "L", "Change of legal status only"
    P = "P", "Change of placement and carer(s) only"
    T = "T", "Change of placement but same carer(s) only"
    B = "B", "Change of legal status and placement and carer(s) at the same time"
    U = "U", "Change of legal status and change of placement but same carer(s) at the same time"


class ReasonEpisodeCeased(models.TextChoices):
    """903 ``REC``."""

    X1 = "X1", "Episode ceases, and new episode begins on same day"
    E11 = "E11", "Adopted: application for an adoption order unopposed"
    E12 = "E12", "Adopted: consent dispensed with by the court"
    E2 = "E2", "Died"
    E3 = "E3", "Care taken over by another local authority in the UK"
    E4A = "E4A", "Returned home to live with parent(s), relative(s) or other person(s) with "
    "parental responsibility as part of the care planning process"
    E4B = "E4B", "Returned home to live with parent(s), relative(s) or other person(s) with "
    "parental responsibility, not as part of the care planning process"
    E13 = "E13", "Left care to live with parent(s), relative(s) or other person(s) with no "
    "parental responsibility"
    E41 = "E41", "Residence order or child arrangements order granted"
    E45 = "E45", "Special guardianship order made to former foster carer(s), who were a "
    "relative or friend"
    E46 = "E46", "Special guardianship order made to former foster carer(s), other than relative "
    "or friend"
    E47 = "E47", "Special guardianship order made to carer(s), other than former foster "
    "carer(s), who were a relative or friend"
    E48 = "E48", "Special guardianship order made to carer(s), other than former foster "
    "carer(s), other than relative or friend"
    E5 = "E5", "Moved into independent living arrangement with formalised support"
    E6 = "E6", "Moved into independent living arrangement without formalised support"
    E7 = "E7", "Transferred to residential care funded by adult social care"
    E8 = "E8", "Period of being looked after ceased for any other reason"
    E9 = "E9", "Sentenced to custody"
    E14 = "E14", "Accommodation on remand ended"
    E15 = "E15", "Age assessment determined the child is aged 18 or over"
    E16 = "E16", "Child moved abroad"
    E17 = "E17", "Aged 18 (or over) and remained with current carers (including Staying Put)"


#: Reasons that end a period of care (every reason but X1).
LEAVING_REASONS = tuple(r for r in ReasonEpisodeCeased if r is not ReasonEpisodeCeased.X1)
ADOPTED = frozenset({ReasonEpisodeCeased.E11, ReasonEpisodeCeased.E12})
SPECIAL_GUARDIANSHIP = frozenset(
    {
        ReasonEpisodeCeased.E45,
        ReasonEpisodeCeased.E46,
        ReasonEpisodeCeased.E47,
        ReasonEpisodeCeased.E48,
    }
)


class ReasonPlaceChange(models.TextChoices):
    """903 ``REASON_PLACE_CHANGE``."""

    CARPL = "CARPL", "Change to or implementation of the care plan"
    CLOSE = "CLOSE", "Resignation or closure of the provision"
    ALLEG = "ALLEG", "Allegation (section 47)"
    STAND = "STAND", "Standards of care concern"
    APPRR = "APPRR", "Approval removed"
    CREQB = "CREQB", "Carer requests the placement ends because of the child's behaviour"
    CREQO = "CREQO", "Carer requests the placement ends for other reasons"
    CHILD = "CHILD", "Child requests the placement ends"
    LAREQ = "LAREQ", "Responsible or area authority requests the placement ends"
    PLACE = "PLACE", "Change in the status of the placement only"
    CUSTOD = "CUSTOD", "Custody arrangement"
    OTHER = "OTHER", "Other"


class VisitRegime(models.TextChoices):
    """What the placement's regulations add to the visiting pattern (CPPCR reg 28(3)-(4))."""

    STANDARD = "standard", "Standard"
    PARENT_BEFORE_ASSESSMENT = "reg19", "With a parent before the assessment is complete (reg 19)"
    CONNECTED_TEMPORARY = "reg24", "With a connected person on temporary approval (reg 24)"


class SettingRegistration(models.TextChoices):
    """What kind of setting a provider runs, and so whether Ofsted must register it."""

    CHILDRENS_HOME = "childrens_home", "Children's home"
    SECURE_HOME = "secure_home", "Secure children's home"
    SUPPORTED_ACCOMMODATION = "supported", "Supported accommodation"
    FOSTERING_AGENCY = "fostering", "Fostering service"
    ADOPTION_AGENCY = "adoption", "Adoption agency"
    FAMILY_CENTRE = "family_centre", "Residential family centre"
    SCHOOL = "school", "Residential school"
    HEALTH = "health", "Health establishment"
    CUSTODY = "custody", "Custody"
    NONE_REQUIRED = "none", "Not a registered kind of setting"


#: Settings Ofsted must register before a child can live there.
MUST_BE_REGISTERED = frozenset(
    {
        SettingRegistration.CHILDRENS_HOME,
        SettingRegistration.SECURE_HOME,
        SettingRegistration.SUPPORTED_ACCOMMODATION,
        SettingRegistration.FOSTERING_AGENCY,
        SettingRegistration.ADOPTION_AGENCY,
        SettingRegistration.FAMILY_CENTRE,
    }
)


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Registered"
    APPLIED = "applied", "Application made, not yet registered"
    SUSPENDED = "suspended", "Registration suspended"
    CANCELLED = "cancelled", "Registration cancelled"
    NOT_REGISTERED = "not_registered", "Not registered"
    NOT_REQUIRED = "not_required", "Registration not required"


class IrregularRequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for sign-off"
    SIGNED_OFF = "signed_off", "Signed off"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class IrregularReviewDecision(models.TextChoices):
    CONTINUE = "continue", "The placement continues"
    END = "end", "The placement is to end"


class CarePlanKind(models.TextChoices):
    CARE = "care", "Care plan"
    PLACEMENT = "placement", "Placement plan"
    PERMANENCE = "permanence", "Permanence plan"


class PermanenceOption(models.TextChoices):
    """Ofsted Annex A List 8, 'What is the permanence plan for this child?'."""

    RETURN_HOME = "return_home", "Return to family"
    ADOPTION = "adoption", "Adoption"
    SGO_CAO = "sgo_cao", "Special guardianship or child arrangements order"
    SUPPORTED_LIVING = "supported_living", "Supported living in the community"
    LONG_TERM_RESIDENTIAL = "long_term_residential", "Long-term residential placement"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    OTHER = "other", "Other"


class ReviewParticipation(models.TextChoices):
    """903 ``REVIEW_CODE``."""

    PN0 = "PN0", "Child aged under 4 at the time of the review"
    PN1 = "PN1", "Child physically attends and speaks for themselves"
    PN2 = "PN2", "Child physically attends; an advocate speaks on their behalf"
    PN3 = "PN3", "Child attends and conveys their views symbolically (non-verbally)"
    PN4 = "PN4", "Child physically attends but does not speak or convey their views"
    PN5 = "PN5", "Child does not attend; briefs an advocate to speak for them"
    PN6 = "PN6", "Child does not attend; conveys their feelings by a facilitative medium"
    PN7 = "PN7", "Child does not attend or contribute to the review"


class ContactMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    MESSAGE = "message", "Message or letter"


class HealthCheckKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"
    DENTAL = "dental", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations up to date"


class SdqReason(models.TextChoices):
    """903 ``SDQ_REASON``: why there is no score."""

    SDQ1 = "SDQ1", "No form returned as the child was aged under 4 or over 17"
    SDQ2 = "SDQ2", "Carer refused to complete and return the questionnaire"
    SDQ3 = "SDQ3", "Not possible to complete because of the child's disability"
    SDQ4 = "SDQ4", "Other"
    SDQ5 = "SDQ5", "Child or young person refuses to allow an SDQ to be completed"


class AdoptionCeasedReason(models.TextChoices):
    """903 ``REASON_PLACED_CEASED`` and Annex A List 10."""

    RD1 = "RD1", "The child's needs changed after the decision"
    RD2 = "RD2", "The court did not make a placement order"
    RD3 = "RD3", "Prospective adopters could not be found"
    RD4 = "RD4", "Any other reason"


class AdopterSex(models.TextChoices):
    """903 ``SEX_ADOPTR``."""

    M1 = "M1", "Single male"
    F1 = "F1", "Single female"
    MM = "MM", "Male couple"
    FF = "FF", "Female couple"
    MF = "MF", "Mixed-sex couple"


class AdopterLegalStatus(models.TextChoices):
    """903 ``LS_ADOPTR``."""

    L0 = "L0", "Child adopted by a relative or friend"
    L11 = "L11", "Adopted by a single adopter or one of a couple, married"
    L12 = "L12", "Adopted by a couple who are married"
    L2 = "L2", "Adopted by a couple in a civil partnership"
    L3 = "L3", "Adopted by a couple, not married or in a civil partnership"
    L4 = "L4", "Adopted by a single person"


class PreviousPermanence(models.TextChoices):
    """903 ``PREV_PERM``."""

    P1 = "P1", "Adoption"
    P2 = "P2", "Special guardianship order"
    P3 = "P3", "Residence order or child arrangements order"
    P4 = "P4", "Previous permanence option not known"
    Z1 = "Z1", "No previous permanence"


class LeaverInTouch(models.TextChoices):
    """903 ``IN_TOUCH``."""

    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home"


class LeaverActivity(models.TextChoices):
    """903 ``ACTIV``."""

    F1 = "F1", "Full-time in higher education"
    P1 = "P1", "Part-time in higher education"
    F2 = "F2", "Full-time in education other than higher education"
    P2 = "P2", "Part-time in education other than higher education"
    F4 = "F4", "Full-time apprenticeship"
    P4 = "P4", "Part-time apprenticeship"
    F5 = "F5", "Full-time training or employment (not apprenticeship)"
    P5 = "P5", "Part-time training or employment (not apprenticeship)"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other reasons"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"


class LeaverAccommodation(models.TextChoices):
    """903 ``ACCOM``, the type letter (the suitability digit is kept apart)."""

    B = "B", "With parents or relatives"
    C = "C", "Community home or other residential care"
    D = "D", "Semi-independent, transitional accommodation"
    E = "E", "Supported lodgings"
    G = "G", "Gone abroad"
    H = "H", "Deported"
    K = "K", "Ordinary lodgings, without formal support"
    R = "R", "Residence not known"
    S = "S", "No fixed abode or homeless"
    T = "T", "Foyers and similar supported accommodation"
    U = "U", "Independent living"
    V = "V", "Emergency accommodation"
    W = "W", "Bed and breakfast"
    X = "X", "In custody"
    Y = "Y", "Other accommodation"
    Z = "Z", "With former foster carers"


class LeaverEligibility(models.TextChoices):
    """Children Act 1989 categories of care leaver (Annex A List 9, 'Eligibility Category')."""

    ELIGIBLE = "eligible", "Eligible"
    RELEVANT = "relevant", "Relevant"
    FORMER_RELEVANT = "former_relevant", "Former relevant"
    QUALIFYING = "qualifying", "Qualifying"
