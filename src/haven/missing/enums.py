"""Codes for missing and away episodes and return home interviews.

The kind of episode is the SSDA903 ``MISSING`` code (M, A). The push and pull factors are
Haven's structured list (U): the statutory guidance asks the interview to find out why the child
went (push: what made them leave) and where they went to (pull: what drew them away), and no
national code set exists; the list gathers what return home interview services commonly record.
"""

from django.db import models


class MissingKind(models.TextChoices):
    """SSDA903 ``MISSING``: missing (whereabouts unknown) or away from placement without
    authorisation (whereabouts known, not where they should be). MISS14; STATUTORY.md §1 row 25."""

    MISSING = "M", "Missing"
    AWAY = "A", "Away from placement without authorisation"


class FoundWhere(models.TextChoices):
    RETURNED = "returned", "Came back of their own accord"
    FRIENDS = "friends", "With friends"
    FAMILY = "family", "With family"
    ADULT = "adult", "With an adult not known to the family"
    ADDRESS_OF_CONCERN = "address_of_concern", "At an address of concern"
    PUBLIC_PLACE = "public_place", "In a public place"
    OUT_OF_AREA = "out_of_area", "Out of the area"
    POLICE = "police", "Found by the police"
    HOSPITAL = "hospital", "In hospital"
    OTHER = "other", "Somewhere else"


class FactorKind(models.TextChoices):
    PUSH = "push", "Push: what made them leave"
    PULL = "pull", "Pull: what drew them away"


class Factor(models.TextChoices):
    """Why a child went missing, as the return home interview found it (U)."""

    # Push
    CONFLICT_HOME = "conflict_home", "Conflict at home or in the placement"
    UNHAPPY_PLACEMENT = "unhappy_placement", "Unhappy with the placement"
    ABUSE = "abuse", "Abuse or neglect"
    BOUNDARIES = "boundaries", "Rules or boundaries"
    BULLYING = "bullying", "Bullying"
    SCHOOL = "school", "Problems at school"
    MENTAL_HEALTH = "mental_health", "Emotional or mental health"
    BEREAVEMENT = "bereavement", "Loss or bereavement"
    # Pull
    FRIENDS = "friends", "To be with friends"
    FAMILY_CONTACT = "family_contact", "To see family"
    PARTNER = "partner", "To see a boyfriend or girlfriend"
    OLDER_PEOPLE = "older_people", "Older people or adults"
    DRUGS_ALCOHOL = "drugs_alcohol", "Drugs or alcohol"
    CRIMINAL_EXPLOITATION = "criminal_exploitation", "Criminal exploitation or county lines"
    SEXUAL_EXPLOITATION = "sexual_exploitation", "Sexual exploitation"
    GANGS = "gangs", "Gangs"
    ONLINE_CONTACT = "online_contact", "Someone met online"
    MONEY = "money", "Money or gifts"


PUSH_FACTORS = frozenset(
    {
        Factor.CONFLICT_HOME,
        Factor.UNHAPPY_PLACEMENT,
        Factor.ABUSE,
        Factor.BOUNDARIES,
        Factor.BULLYING,
        Factor.SCHOOL,
        Factor.MENTAL_HEALTH,
        Factor.BEREAVEMENT,
    }
)


def factor_kind(factor: str) -> FactorKind:
    return FactorKind.PUSH if factor in PUSH_FACTORS else FactorKind.PULL


class InterviewOutcome(models.TextChoices):
    OFFERED = "offered", "Offered, no answer yet"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    DONE = "done", "Carried out"


#: Annex A's "RHI accepted": the child said yes, whether or not the interview has been held.
ACCEPTED_OUTCOMES = frozenset({InterviewOutcome.ACCEPTED, InterviewOutcome.DONE})
