from django.conf import settings
from django.db import models
from django.db.models import Q

from haven.casework.enums import ReferralSource
from haven.core.models import HavenModel
from haven.frontdoor.enums import UNDECIDED, Consent, ContactStatus, Rag, Urgency


class Contact(HavenModel):
    """Information about a child received at the front door, before anyone decides on a response.

    The concern is kept in the referrer's words. One contact may be about several children
    (siblings): each has a ``ContactChild`` row and its own decision clock.
    """

    received_at = models.DateTimeField()
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_contact = models.CharField(
        max_length=200, blank=True, help_text="Telephone number or email address"
    )
    concern = models.TextField(help_text="The concern, in the referrer's words")
    consent = models.CharField(
        "consent to share information", max_length=16, choices=Consent.choices
    )
    consent_reason = models.TextField(
        blank=True,
        help_text="Why consent was not sought, when seeking it would put a child at risk",
    )
    urgency = models.CharField(max_length=16, choices=Urgency.choices)
    rag = models.CharField("RAG rating", max_length=8, choices=Rag.choices, blank=True)
    status = models.CharField(
        max_length=20, choices=ContactStatus.choices, default=ContactStatus.AWAITING_SCREENING
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by_partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partner_contacts",
    )
    # The partner's own id for the submission, so a retried request makes no second contact.
    idempotency_key = models.CharField(max_length=100, blank=True)
    # SHA-256 of the partner's submission in a canonical form: a retry with the same key must
    # carry the same submission (``frontdoor.services.partner``).
    submission_digest = models.CharField(max_length=64, blank=True)
    partner_reference = models.CharField(
        max_length=100, blank=True, help_text="The partner agency's own reference for the contact"
    )
    # One entry per child as the partner sent them, in order: the partner's reference, the
    # child it was linked to, and how ("nhs_number", "upn", "name_and_date_of_birth", or ""
    # for a record created from the submission). Only the references are shown to the partner.
    partner_children = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(consent=Consent.NOT_NEEDED) | ~Q(consent_reason=""),
                name="contact_consent_not_needed_has_reason",
            ),
            models.CheckConstraint(condition=~Q(concern=""), name="contact_has_concern"),
            models.CheckConstraint(
                condition=Q(status__in=UNDECIDED) | ~Q(rag=""), name="contact_decided_has_rag"
            ),
            models.CheckConstraint(
                condition=Q(idempotency_key="") | Q(submitted_by_partner__isnull=False),
                name="contact_idempotency_key_is_partners",
            ),
            models.UniqueConstraint(
                fields=["submitted_by_partner", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="contact_idempotency_key_once_per_partner",
            ),
        ]

    def __str__(self) -> str:
        return f"Contact received {self.received_at:%d %b %Y %H:%M}"


class ContactChild(HavenModel):
    """A child a contact is about."""

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="child_links")
    child = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="front_door_contacts"
    )

    class Meta:
        ordering = ["child__family_name", "child__given_name"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "child"], name="contact_child_once")
        ]
