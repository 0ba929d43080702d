"""An httpx transport that hands requests straight to this process's Django, with full HTTP semantics."""

from collections.abc import Callable, Iterable
from typing import Any

import httpx
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.urls import get_urlconf, set_urlconf

# The visitor's address, passed by the in-process client so throttles count per visitor, not per server.
# Honoured only here, in the in-process handler; over the network the connecting address counts.
CLIENT_ADDRESS_HEADER = "X-Mfe-Client-Address"
_CLIENT_ADDRESS_KEY = "HTTP_" + CLIENT_ADDRESS_HEADER.upper().replace("-", "_")


class InProcessRequest(WSGIRequest):
    """A request built by our own client, never read off the network."""

    def get_host(self) -> str:
        # ALLOWED_HOSTS guards against forged Host headers from outside; this request never came from
        # outside, and its host is the client's fixed in-process name.
        return self.META["HTTP_HOST"]


class InProcessHandler(WSGIHandler):
    """Django's WSGI handler without the per-request signals, so a nested call leaves the outer request alone."""

    request_class = InProcessRequest

    def __init__(self, urlconf: str) -> None:
        self.urlconf = urlconf
        super().__init__()

    def load_middleware(self, is_async: bool = False) -> None:
        # No middleware: the site's is for browsers (sessions, CSRF, messages, the host's composition) and
        # would run again inside every nested call. The API needs none of it: it authenticates bearer
        # tokens and DRF answers its errors in JSON; anything else still becomes a 500 answer here.
        self._view_middleware: list[Callable[..., Any]] = []
        self._template_response_middleware: list[Callable[..., Any]] = []
        self._exception_middleware: list[Callable[..., Any]] = []
        # BaseHandler's private step (resolve, call the view), which django-stubs does not declare.
        self._middleware_chain = convert_exception_to_response(self._get_response)  # type: ignore[attr-defined]

    # A WSGI app returns an iterable of bytes; django-stubs types WSGIHandler's as the response Django returns.
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:  # type: ignore[override]
        # Not sent on purpose: request_started/request_finished (they close the outer request's database
        # connection) and set_script_prefix (it is thread-global and belongs to the outer request).
        if address := environ.pop(_CLIENT_ADDRESS_KEY, None):
            environ["REMOTE_ADDR"] = address
        request = self.request_class(environ)
        request.urlconf = self.urlconf
        outer = get_urlconf()  # resolving the nested call switches this thread's URLconf: switch it back
        try:
            response = self.get_response(request)
        finally:
            set_urlconf(outer)
        headers = [
            *response.items(),
            *(("Set-Cookie", cookie.OutputString()) for cookie in response.cookies.values()),
        ]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        return [b"".join(response)]


def in_process_transport(urlconf: str) -> httpx.WSGITransport:
    """A transport that serves requests from `urlconf` in this process, without a socket."""
    return httpx.WSGITransport(app=InProcessHandler(urlconf))
