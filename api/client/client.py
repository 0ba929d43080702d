"""The client itself: the article's shared axios instance, with httpx, and the per-request getter every app uses."""

import threading
from typing import Any

import httpx
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest

from api.client.auth import StoreTokenAuth, report
from api.client.cache import cached_read
from api.client.errors import ApiBadRequest, ApiError, ApiNotFound, ApiServerError, ApiUnavailable
from api.client.signals import api_called
from api.client.transport import CLIENT_ADDRESS_HEADER, data_of, in_process_transport
from config.addresses import client_address
from config.feature_settings import FeatureSettings
from federation.context import request_context

IN_PROCESS_BASE_URL = "http://api.in-process"
DEFAULTS: dict[str, Any] = {
    "BASE_URL": None,
    "TIMEOUT": 5.0,
    # What in-process calls resolve against: the API's routes only (see api/in_process_urls.py). A dotted name,
    # not an import: the client reaches the backend through URLs alone.
    "IN_PROCESS_URLCONF": "api.in_process_urls",
}
# The API_CLIENT settings dict over its defaults.
client_settings = FeatureSettings("API_CLIENT", DEFAULTS)


_lock = threading.Lock()
_http: httpx.Client | None = None


def http_client() -> httpx.Client:
    """The process-wide httpx client (connection pool, or the in-process transport), built once."""
    global _http
    with _lock:
        if _http is None:
            hooks = {"response": [report]}
            if client_settings.BASE_URL:
                _http = httpx.Client(
                    base_url=client_settings.BASE_URL, timeout=client_settings.TIMEOUT, event_hooks=hooks
                )
            else:
                transport = in_process_transport(client_settings.IN_PROCESS_URLCONF)
                _http = httpx.Client(base_url=IN_PROCESS_BASE_URL, transport=transport, event_hooks=hooks)
        return _http


@receiver(setting_changed)
def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    global _http
    if setting == "API_CLIENT":
        with _lock:
            _http = None


class ApiClient:
    """Calls the API on behalf of one visitor's request, with their token, and turns failures into typed errors.

    Raises ApiNotFound, ApiBadRequest, ApiServerError, ApiUnavailable — or SessionExpired when the visitor's
    login could not be renewed.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        self.request = request

    def get(self, path: str, *, params: dict[str, Any] | None = None, authenticated: bool = True) -> Any:
        """GET a JSON resource; `authenticated=False` for public data (a token problem never gets in the way)."""
        return self.request_json("GET", path, params=params, authenticated=authenticated)

    def post(
        self, path: str, *, json: Any = None, authenticated: bool = True, headers: dict[str, str] | None = None
    ) -> Any:
        """POST JSON; `authenticated=False` sends no token (e.g. to log in)."""
        return self.request_json("POST", path, json=json, authenticated=authenticated, headers=headers)

    def request_json(
        self,
        method: str,
        path: str,
        *,
        authenticated: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> Any:
        """Send a request and return its decoded JSON body, or raise an `ApiError` subclass.

        A public read the cache holds is answered from it (api/client/cache.py), with no exchange at all.
        """
        http = http_client()
        read = cached_read(method, path, params=kwargs.get("params"), signed=authenticated, headers=headers)
        if read is not None and read.hit:
            url = str(http.base_url).removesuffix("/") + read.path
            api_called.send(
                sender=ApiClient, request=self.request, method=method, url=url, status_code=200, kind="cached"
            )
            return read.data
        headers = {"Accept": "application/json", **(headers or {})}
        auth = None
        if self.request is not None:
            headers[CLIENT_ADDRESS_HEADER] = client_address(self.request)
            auth = StoreTokenAuth(self.request, http) if authenticated else None
        outgoing = http.build_request(method, path, headers=headers, extensions={"mfe_visitor": self.request}, **kwargs)
        try:
            # Streamed: in process, the body need not be read at all (see api/client/transport.py).
            response = http.send(outgoing, auth=auth, stream=True)
            try:
                if response.is_success:
                    data = data_of(response)
                    if read is not None:
                        read.keep(data)
                    return data
                raise _error_for(response)
            finally:
                response.close()
        except httpx.TimeoutException as exc:
            raise ApiUnavailable(f"The API did not answer in time ({method} {path}).") from exc
        except httpx.TransportError as exc:
            raise ApiUnavailable(f"The API could not be reached ({method} {path}).") from exc


def _error_for(response: httpx.Response) -> ApiError:
    """The typed error for a failed response; `payload` is the API's error body (see api/exceptions.py)."""
    try:
        body = data_of(response)
    except ValueError:
        body = None
    payload = body.get("error") if isinstance(body, dict) and isinstance(body.get("error"), dict) else body
    detail = (payload.get("message") or payload.get("detail")) if isinstance(payload, dict) else None
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
    found = request_context(request)
    if not isinstance(found.api_client, ApiClient):
        found.api_client = ApiClient(request)
    return found.api_client
