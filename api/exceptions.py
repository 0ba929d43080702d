"""DRF's exception handler, answering every API error in the shop's one error shape (config/errors.py)."""

from typing import Any

from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from config.errors import error_body


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API error: Django's 500 handling takes over
    code, message, fields = _describe(exc, response.data, response.status_code)
    response.data = error_body(response.status_code, code, message, fields)
    return response


# Django's own exceptions (Http404, PermissionDenied) reach here unconverted: their code comes from the status.
STATUS_CODES = {403: "permission_denied", 404: "not_found"}


def _describe(exc: Exception, data: Any, status: int) -> tuple[str, str, dict[str, list[str]]]:
    if isinstance(exc, ValidationError):
        fields = _flatten(data) if isinstance(data, dict) else {"non_field_errors": _messages(data)}
        general = fields.pop("non_field_errors", [])
        if general:
            message = general[0]
        elif len(fields) == 1:
            message = next(iter(fields.values()))[0]
        else:
            message = "Some fields are not valid: " + ", ".join(sorted(fields)) + "."
        return "invalid", message, fields
    code = exc.get_codes() if isinstance(exc, APIException) else STATUS_CODES.get(status, "error")
    if isinstance(data, dict) and "detail" in data:  # e.g. simplejwt's {"detail", "code", "messages"}
        return str(data.get("code") or code), str(data["detail"]), {}
    return str(code), str(getattr(exc, "detail", exc)), {}


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, list[str]]:
    """{"lines": [{"quantity": ["…"]}]} → {"lines.0.quantity": ["…"]}."""
    flat: dict[str, list[str]] = {}
    for key, value in data.items():
        # A nested serializer's own errors belong to the field that holds it ("lines"), not to "lines.non_field_errors".
        name = prefix.rstrip(".") if key == "non_field_errors" and prefix else f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                flat.update(_flatten(item, f"{name}.{index}."))
        else:
            flat[name] = _messages(value)
    return flat


def _messages(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]
