"""The one HTTP client every app calls the API through: the article's shared axios instance, with httpx."""

import threading
from typing import Any

import httpx
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from api.transport import in_process_transport

IN_PROCESS_BASE_URL = "http://api.in-process"
DEFAULTS: dict[str, Any] = {"BASE_URL": None, "TIMEOUT": 5.0}


class ApiError(Exception):
    """The API answered with an error, or could not be reached."""

    def __init__(self, message: str, *, status_code: int | None = None, payload: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.payload = payload


class ApiBadRequest(ApiError):
    """The API refused the request (a 4xx other than 404); `payload` holds its field errors."""


class ApiNotFound(ApiError):
    """The API has no such resource (404)."""


class ApiServerError(ApiError):
    """The API failed (5xx)."""


class ApiUnavailable(ApiError):
    """The API could not be reached in time (timeout or connection error)."""


def client_settings() -> dict[str, Any]:
    """The API_CLIENT settings dict over its defaults."""
    return {**DEFAULTS, **getattr(settings, "API_CLIENT", {})}


_lock = threading.Lock()
_http: httpx.Client | None = None


def http_client() -> httpx.Client:
    """The process-wide httpx client (connection pool, or the in-process transport), built once."""
    global _http
    with _lock:
        if _http is None:
            conf = client_settings()
            if conf["BASE_URL"]:
                _http = httpx.Client(base_url=conf["BASE_URL"], timeout=conf["TIMEOUT"])
            else:
                _http = httpx.Client(base_url=IN_PROCESS_BASE_URL, transport=in_process_transport())
        return _http


@receiver(setting_changed)
def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    global _http
    if setting in {"API_CLIENT", "ROOT_URLCONF", "MIDDLEWARE"}:
        with _lock:
            _http = None


class ApiClient:
    """Calls the API on behalf of one incoming request and turns failures into typed exceptions."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request

    def get(self, path: str, *, params: dict[str, Any] | None = None) -> Any:
        """GET a JSON resource."""
        return self.request_json("GET", path, params=params)

    def request_json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request and return its decoded JSON body, or raise an `ApiError` subclass."""
        try:
            response = http_client().request(method, path, headers={"Accept": "application/json"}, **kwargs)
        except httpx.TimeoutException as exc:
            raise ApiUnavailable(f"The API did not answer in time ({method} {path}).") from exc
        except httpx.TransportError as exc:
            raise ApiUnavailable(f"The API could not be reached ({method} {path}).") from exc
        if response.is_success:
            return response.json() if response.content else None
        raise _error_for(response)


def _error_for(response: httpx.Response) -> ApiError:
    try:
        payload = response.json()
    except ValueError:
        payload = None
    detail = payload.get("detail") if isinstance(payload, dict) else None
    status = response.status_code
    message = str(detail or response.reason_phrase)
    if status == 404:
        return ApiNotFound(message, status_code=status, payload=payload)
    if status >= 500:
        return ApiServerError(message, status_code=status, payload=payload)
    return ApiBadRequest(message, status_code=status, payload=payload)


def api_client(request: HttpRequest | None = None) -> ApiClient:
    """The shared client for this request (one per request, so later auth can read the visitor's store)."""
    if request is None:
        return ApiClient()
    client = getattr(request, "_api_client", None)
    if client is None:
        client = request._api_client = ApiClient(request)
    return client
