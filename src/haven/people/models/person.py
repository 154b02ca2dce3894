import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from haven.core.models import HavenModel
from haven.people.enums import (
    Disability,
    Ethnicity,
    PersonKind,
    RelationshipType,
    RestrictionReason,
    Sex,
    UPNUnknown,
)


def new_la_child_id() -> str:
    """The child's id in returns (CIN ``LAchildID``: alphanumeric, at most 20 characters)."""
    return "H" + secrets.token_hex(5).upper()


class Person(HavenModel):
    """A child or an adult known to children's services."""

    kind = models.CharField(max_length=8, choices=PersonKind.choices, default=PersonKind.CHILD)
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    other_names = models.JSONField(
        default=list, blank=True, help_text="Other names the person is or was known by"
    )
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, default=Ethnicity.NOBT)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown = models.CharField(
        "reason UPN is not known", max_length=4, choices=UPNUnknown.choices, blank=True
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    religion = models.CharField(max_length=60, blank=True)
    uasc = models.BooleanField("unaccompanied asylum-seeking child", default=False)
    la_child_id = models.CharField(
        "LA child id", max_length=20, unique=True, default=new_la_child_id, editable=False
    )
    restricted = models.BooleanField(default=False)
    restriction_reason = models.CharField(
        max_length=16, choices=RestrictionReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PersonKind.ADULT)
                | Q(date_of_birth__isnull=True, expected_date_of_birth__isnull=False)
                | Q(date_of_birth__isnull=False, expected_date_of_birth__isnull=True),
                name="child_has_dob_or_expected_dob",
            ),
            models.CheckConstraint(
                condition=Q(date_of_death__isnull=True)
                | Q(date_of_birth__isnull=True)
                | Q(date_of_death__gte=F("date_of_birth")),
                name="person_death_after_birth",
            ),
            models.CheckConstraint(
                condition=Q(restricted=False) | ~Q(restriction_reason=""),
                name="person_restriction_has_reason",
            ),
            models.UniqueConstraint(fields=["upn"], condition=~Q(upn=""), name="person_upn_unique"),
            models.UniqueConstraint(
                fields=["nhs_number"], condition=~Q(nhs_number=""), name="person_nhs_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["kind", "family_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = " ".join(p for p in (self.given_name, self.family_name) if p)
        return name or "Unnamed"

    @property
    def is_child(self) -> bool:
        return self.kind == PersonKind.CHILD

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_birth is not None


class PersonDisability(HavenModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disabilities")
    code = models.CharField(max_length=4, choices=Disability.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "code"], name="disability_once_per_person")
        ]


class PersonSearchKey(models.Model):
    """Blocking keys for fuzzy name search (see ``people.names.search_keys``)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    key = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["key", "person"])]
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="search_key_once")]

    def __str__(self) -> str:
        return self.key


class Relationship(HavenModel):
    """``from_person`` is the ``type`` of ``to_person`` ("A is the mother of B")."""

    from_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relationships_from"
    )
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships_to")
    type = models.CharField(max_length=24, choices=RelationshipType.choices)
    parental_responsibility = models.BooleanField(
        default=False, help_text="Does the first person hold parental responsibility?"
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_person=F("to_person")), name="relationship_not_to_self"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relationship_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "type"],
                condition=Q(ended_on__isnull=True),
                name="relationship_once_while_open",
            ),
        ]


class Address(HavenModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8, db_index=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="address_end_after_start",
            ),
        ]

    @property
    def one_line(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class RestrictedAccess(HavenModel):
    """A user named on a restricted record: only they may open it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="named_users")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "user"], name="restricted_access_once")
        ]


class BreakGlassAccess(HavenModel):
    """Emergency access to a record outside the user's reach, with a reason, for a time."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "person", "expires_at"])]
