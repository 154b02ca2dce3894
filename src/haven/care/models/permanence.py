from django.db import models
from django.db.models import F, Q

from haven.care.enums import (
    AdopterLegalStatus,
    AdopterSex,
    AdoptionCeasedReason,
    PreviousPermanence,
)
from haven.core.models import HavenModel


class AdoptionPlan(HavenModel):
    """A child's road to adoption, from the decision that they should be placed (903 AD1 and
    PlacedAdoption, Annex A List 10). Ends with an adoption order or a decision that the child
    should no longer be placed, with its reason."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="adoption_plans"
    )
    decided_on = models.DateField()  # AD1 DATE_INT; PlacedAdoption DATE_PLACED (the validators)
    placement_order_on = models.DateField(null=True, blank=True)
    matched_on = models.DateField(null=True, blank=True)  # DATE_MATCH
    placed_on = models.DateField(null=True, blank=True)  # Annex A List 10 "Date placed"
    ffa_placed_on = models.DateField(null=True, blank=True)
    with_foster_carer = models.BooleanField(null=True, blank=True)  # FOSTER_CARE
    adopters = models.PositiveSmallIntegerField(null=True, blank=True)  # NB_ADOPTR
    adopter_sex = models.CharField(max_length=2, choices=AdopterSex.choices, blank=True)
    adopter_legal_status = models.CharField(
        max_length=3, choices=AdopterLegalStatus.choices, blank=True
    )
    adoption_order_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)  # DATE_PLACED_CEASED
    ceased_reason = models.CharField(max_length=3, choices=AdoptionCeasedReason.choices, blank=True)

    class Meta:
        ordering = ["-decided_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(adoption_order_on__isnull=True, ceased_on__isnull=True),
                name="care_adoption_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ceased_on__isnull=True, ceased_reason="")
                | Q(ceased_on__isnull=False) & ~Q(ceased_reason=""),
                name="care_adoption_ceased_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(matched_on__isnull=True) | Q(matched_on__gte=F("decided_on")),
                name="care_adoption_match_after_decision",
            ),
            models.CheckConstraint(
                condition=Q(placed_on__isnull=True)
                | Q(matched_on__isnull=False, placed_on__gte=F("matched_on")),
                name="care_adoption_placed_after_match",
            ),
            models.CheckConstraint(
                condition=Q(adoption_order_on__isnull=True)
                | Q(placed_on__isnull=False, adoption_order_on__gte=F("placed_on")),
                name="care_adoption_order_after_placed",
            ),
            models.CheckConstraint(
                condition=Q(adopters__isnull=True) | Q(adopters__in=[1, 2]),
                name="care_adoption_one_or_two_adopters",
            ),
        ]

    def __str__(self) -> str:
        return f"Adoption plan from {self.decided_on:%d %B %Y}"


class PermanenceBefore(HavenModel):
    """Permanence the child had before this period of care (903 PrevPerm), recorded when a
    child becomes looked after. The date may be unknown."""

    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="previous_permanence"
    )
    period = models.OneToOneField(
        "care.CarePeriod", on_delete=models.PROTECT, related_name="previous_permanence"
    )
    option = models.CharField(max_length=2, choices=PreviousPermanence.choices)  # PREV_PERM
    la_code = models.CharField(max_length=3, blank=True)  # LA_PERM
    made_on = models.DateField(null=True, blank=True)  # DATE_PERM

    def __str__(self) -> str:
        return self.get_option_display()


class UascStatus(HavenModel):
    """When a child stopped being an unaccompanied asylum-seeking child (903 UASC ``DUC``)."""

    child = models.OneToOneField(
        "people.Person", on_delete=models.PROTECT, related_name="uasc_status"
    )
    ceased_on = models.DateField()

    def __str__(self) -> str:
        return f"UASC until {self.ceased_on:%d %B %Y}"
