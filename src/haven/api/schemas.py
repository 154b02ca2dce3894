"""What the partner API accepts and answers. Unknown fields are refused, so a misspelt field
name is reported rather than silently dropped."""

import datetime as dt
from typing import Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import ConfigDict

from haven.casework.enums import ReferralSource
from haven.frontdoor.enums import Consent, ContactOutcome, Urgency
from haven.people.enums import Sex


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class AddressIn(Strict):
    line_1: str = Field(max_length=120)
    line_2: str = Field("", max_length=120)
    town: str = Field(max_length=80)
    postcode: str = Field(max_length=10, description="A UK postcode, like NN1 5AB")


class ChildIn(Strict):
    reference: str = Field(
        "",
        max_length=100,
        description="Your own reference for the child: the only thing about the child "
        "that Haven shows back. Do not put the child's name or date of birth in it.",
    )
    given_name: str = Field("", max_length=100)
    family_name: str = Field("", max_length=100)
    date_of_birth: dt.date | None = Field(None, description="For a child already born")
    expected_date_of_birth: dt.date | None = Field(
        None, description="For an unborn child, instead of the date of birth"
    )
    sex: Sex = Field(Sex.UNKNOWN, description="M, F or U (not known; always U when unborn)")
    nhs_number: str = Field("", max_length=20, description="10 digits, spaces allowed")
    upn: str = Field("", max_length=20, description="The unique pupil number, 13 characters")
    address: AddressIn | None = Field(None, description="Where the child lives now")


class ContactIn(Strict):
    source: ReferralSource = Field(description="Who the contact came from (CIN census code)")
    concern: str = Field(max_length=20000, description="The concern, in the referrer's words")
    consent: Consent = Field(description="Did the family agree to information being shared?")
    consent_reason: str = Field(
        "", max_length=5000, description="Why consent was not sought (with not_needed)"
    )
    urgency: Urgency
    referrer_name: str = Field("", max_length=200)
    referrer_organisation: str = Field(
        "", max_length=200, description="Defaults to the agency the key was issued to"
    )
    referrer_contact: str = Field("", max_length=200, description="Telephone or email")
    reference: str = Field(
        "", max_length=100, description="Your own reference for the contact (an incident number)"
    )
    children: list[ChildIn] = Field(min_length=1, max_length=12)


PartnerStatus = Literal["awaiting_screening", "being_screened", "decided"]


class ChildRef(Schema):
    reference: str = Field(description="Your reference for the child, as you sent it")


class ContactOut(Schema):
    id: UUID
    reference: str = Field(description="Your reference for the contact, as you sent it")
    received_at: dt.datetime
    status: PartnerStatus
    outcome: ContactOutcome | None = Field(
        description="Once decided: nfa (no further action), information_advice (information "
        "and advice), early_help, or referral (referral to children's social care)"
    )
    outcome_label: str | None
    decided_at: dt.datetime | None
    children: list[ChildRef] = Field(description="One per child you sent, in the same order")


class ContactPage(Schema):
    items: list[ContactOut]
    count: int = Field(description="Your contacts in all")
    page: int
    per_page: int


class ErrorItem(Schema):
    loc: list[str | int] = Field(
        description='Where the problem is, e.g. ["body", "children", 0, "nhs_number"]'
    )
    msg: str
    type: str


class Errors(Schema):
    detail: list[ErrorItem]
