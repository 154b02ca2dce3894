"""One shape for every refusal of a submission, whether the schema or a service refused it:
``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``. Messages say what is wrong
with a field and never repeat what was sent (it may be a child's name or date of birth)."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaError

from haven.core.errors import ValidationError
from haven.frontdoor.services.partner import IdempotencyKeyReused

IDEMPOTENCY_HEADER = "Idempotency-Key"
#: The name of the body parameter of the API's operations.
BODY_PARAMETER = "payload"


def _loc(field: str) -> list[str | int]:
    """A service's field key (``children.0.nhs_number``) as a location in the request."""
    if field == "idempotency_key":
        return ["header", IDEMPOTENCY_HEADER]
    if field == NON_FIELD_ERRORS:
        return ["body"]
    return ["body", *(int(p) if p.isdigit() else p for p in field.split("."))]


def _schema_loc(loc: Any) -> list[str | int]:
    """ninja names the body parameter (``["body", "payload", "source"]``); drop that name so
    the schema and the services locate a field the same way."""
    parts = list(loc)
    if parts[:2] == ["body", BODY_PARAMETER]:
        del parts[1]
    return parts


def schema_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's errors without pydantic's context (which may carry the value sent)."""
    return [
        {"loc": _schema_loc(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e["type"]}
        for e in errors
    ]


def service_errors(error: ValidationError) -> list[dict[str, Any]]:
    if not hasattr(error, "error_dict"):
        return [{"loc": ["body"], "msg": m, "type": "value_error"} for m in error.messages]
    return [
        {"loc": _loc(field), "msg": message, "type": "value_error"}
        for field, messages in error.message_dict.items()
        for message in messages
    ]


def install(api: NinjaAPI) -> None:
    def on_schema_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": schema_errors(exc.errors)}, status=422)

    def on_service_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": service_errors(exc)}, status=422)

    def on_key_reused(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = [{"loc": ["header", IDEMPOTENCY_HEADER], "msg": str(exc), "type": "conflict"}]
        return api.create_response(request, {"detail": detail}, status=409)

    api.add_exception_handler(SchemaError, on_schema_error)
    api.add_exception_handler(ValidationError, on_service_error)
    api.add_exception_handler(IdempotencyKeyReused, on_key_reused)
