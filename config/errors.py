"""One JSON shape for every error a server of the shop answers with (the API, a remote's endpoints):

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"ids": ["…"]}}}

`message` is a sentence a person can read; `fields` maps each invalid input to its messages (empty otherwise).
The shared API client reads this shape, so every caller handles errors one way.
"""

from typing import Any

from django.http import JsonResponse


def error_body(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """The one shape of an error answer's body."""
    return {"error": {"status": status, "code": code, "message": message, "fields": fields or {}}}


def error_response(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    """A JSON answer with the error shape, for views outside DRF (DRF's handler is api/exceptions.py)."""
    return JsonResponse(error_body(status, code, message, fields), status=status)
