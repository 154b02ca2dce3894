"""Contacts: a partner agency submits them, and reads back the status and outcome of its own.

Nothing the API answers says whether a child was already known to the council: a partner
sees its own references back, the contact's status, and once decided its outcome category.
"""

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.params import HeaderEx, P, QueryEx

from haven.api.errors import IDEMPOTENCY_HEADER
from haven.api.schemas import (
    ChildIn,
    ChildRef,
    ContactIn,
    ContactOut,
    ContactPage,
    Errors,
    PartnerStatus,
)
from haven.audit.enums import AccessSurface
from haven.frontdoor.enums import ContactOutcome, ContactStatus
from haven.frontdoor.policies import visible_contacts
from haven.frontdoor.selectors.partner import (
    partner_contact_children,
    partner_contact_get,
    partner_contact_rows,
)
from haven.frontdoor.services import partner_contact_submit
from haven.frontdoor.services.partner import PartnerAddress, PartnerChild
from haven.people.services import record_viewed

router = Router(tags=["Contacts"])

#: The name an API read of a contact is logged under, per child, in the access log.
READ_VIEW = "api.contact"
PER_PAGE = 20
MAX_PER_PAGE = 100

_STATUS: dict[str, PartnerStatus] = {
    ContactStatus.AWAITING_SCREENING: "awaiting_screening",
    ContactStatus.SCREENING: "being_screened",
    ContactStatus.DECIDED: "decided",
    ContactStatus.SIGNED_OFF: "decided",
}


def _shown(contact: Any) -> ContactOut:
    status = _STATUS[contact.status]
    decision = getattr(contact, "decision", None) if status == "decided" else None
    return ContactOut(
        id=contact.pk,
        reference=contact.partner_reference,
        received_at=contact.received_at,
        status=status,
        outcome=decision.outcome if decision else None,
        outcome_label=ContactOutcome(decision.outcome).label if decision else None,
        decided_at=decision.decided_at if decision else None,
        children=[ChildRef(reference=e.get("reference", "")) for e in contact.partner_children],
    )


def _log_read(user: Any, contact: Any) -> None:
    for child in partner_contact_children(contact=contact):
        record_viewed(actor=user, person=child, view=READ_VIEW, surface=AccessSurface.API)


def _child(child: ChildIn) -> PartnerChild:
    data = child.model_dump(mode="python")
    address = data.pop("address")
    return PartnerChild(**data, address=PartnerAddress(**address) if address else None)


@router.post(
    "",
    response={201: ContactOut, 200: ContactOut, 409: Errors, 422: Errors},
    summary="Submit a contact",
    description=(
        "Send a contact about one or more children to the council's front door. The "
        "Idempotency-Key header is required: a retry with the same key and the same body "
        "returns the contact already recorded (200) and records nothing; the same key with a "
        "different body is refused (409). Invalid input is refused (422) with a message for "
        "each field, and nothing is recorded. The answer is the same whether or not the "
        "council already knew a child."
    ),
)
def contact_submit(
    request: HttpRequest,
    payload: ContactIn,
    idempotency_key: HeaderEx[
        str,
        P(
            alias=IDEMPOTENCY_HEADER,
            min_length=1,
            max_length=100,
            description="Your unique id for this submission (a UUID is a good choice); "
            "send the same key when you retry",
        ),
    ],
) -> Status[ContactOut]:
    data = payload.model_dump(mode="json", exclude={"children"})
    submitted = partner_contact_submit(
        actor=request.auth,  # type: ignore[attr-defined]  # set by PartnerKey
        idempotency_key=idempotency_key,
        children=[_child(c) for c in payload.children],
        **data,
    )
    return Status(201 if submitted.created else 200, _shown(submitted.contact))


@router.get("", response=ContactPage, summary="Your contacts, newest first")
def contact_list(
    request: HttpRequest,
    page: QueryEx[int, P(ge=1)] = 1,
    per_page: QueryEx[int, P(ge=1, le=MAX_PER_PAGE)] = PER_PAGE,
) -> ContactPage:
    user = request.auth  # type: ignore[attr-defined]
    rows = partner_contact_rows(contacts=visible_contacts(user))
    start = (page - 1) * per_page
    contacts = list(rows[start : start + per_page])
    for contact in contacts:
        _log_read(user, contact)
    return ContactPage(
        items=[_shown(c) for c in contacts],
        count=rows.count(),
        page=page,
        per_page=per_page,
    )


@router.get(
    "/{contact_id}",
    response={200: ContactOut},
    summary="One of your contacts",
    description="A contact your agency did not submit is answered 404, as a missing one is.",
)
def contact_get(request: HttpRequest, contact_id: UUID) -> ContactOut:
    user = request.auth  # type: ignore[attr-defined]
    contact = partner_contact_get(contacts=visible_contacts(user), contact_id=contact_id)
    if contact is None:
        raise Http404
    _log_read(user, contact)
    return _shown(contact)
