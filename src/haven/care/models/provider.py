from django.db import models
from django.db.models import Q

from haven.care.enums import PlacementProvider, RegistrationStatus, SettingRegistration
from haven.core.models import HavenModel


class Provider(HavenModel):
    """An organisation that runs placements: the council itself, another council, a private or
    voluntary provider. Its ownership gives the 903 ``PLACE_PROVIDER`` code."""

    name = models.CharField(max_length=200, unique=True)
    ownership = models.CharField(max_length=3, choices=PlacementProvider.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Setting(HavenModel):
    """A place a child can live: a children's home, a fostering service, supported
    accommodation. The register the irregular-placement check reads (docs/care.md)."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="settings")
    name = models.CharField(max_length=200)
    urn = models.CharField("Ofsted URN", max_length=8, blank=True)
    registration = models.CharField(max_length=16, choices=SettingRegistration.choices)
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    la_code = models.CharField("local authority", max_length=3, blank=True)
    postcode = models.CharField(max_length=8)
    weekly_cost = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["urn"])]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~Q(urn=""), name="care_setting_urn_unique"
            ),
            models.CheckConstraint(
                condition=Q(weekly_cost__isnull=True) | Q(weekly_cost__gte=0),
                name="care_setting_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.REGISTERED) | ~Q(urn=""),
                name="care_setting_registered_has_urn",
            ),
        ]

    def __str__(self) -> str:
        return self.name
