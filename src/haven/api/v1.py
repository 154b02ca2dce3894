"""The partner API, version 1. Its OpenAPI description is published at /api/v1/openapi.json
and read as a page at /api/v1/docs."""

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from haven.api import contacts, errors
from haven.api.auth import PartnerKey

api = NinjaAPI(
    title="Haven partner API",
    version="1",
    description=(
        "For partner agencies (police, health, schools) to send contacts to the council's "
        "front door and follow what happened to them. Authenticate with the bearer key the "
        "council issued to your agency."
    ),
    urls_namespace="api-v1",
    auth=PartnerKey(),
    docs_url="/docs",
)
errors.install(api)
api.add_router("/contacts", contacts.router)


class Me(Schema):
    username: str
    organisation: str


@api.get("/me", response=Me, summary="Who this key belongs to")
def me(request: HttpRequest) -> Me:
    user = request.auth  # type: ignore[attr-defined]  # set by PartnerKey
    return Me(username=user.get_username(), organisation=user.last_name)
