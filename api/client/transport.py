"""An httpx transport that hands requests straight to this process's Django, with full HTTP semantics.

Both ends are in one process, so the answer need not travel as JSON: when the API's serializers produced data
that is exactly what decoding their JSON would give (dicts, lists, strings, numbers, booleans, None), the
transport hands that data over beside the response (`data_of`), and nothing is encoded or decoded. The body is
still there for anyone who reads it: it is rendered on first read. The API's serializers define the shape either
way; tests/api/test_transports.py checks that both transports return equal data.
"""

from collections.abc import Callable, Iterable, Iterator
from io import BytesIO
from typing import Any
from urllib.parse import unquote_to_bytes

import httpx
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpRequest, HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.urls import get_urlconf, set_urlconf

# The visitor's address, passed by the in-process client so throttles count per visitor, not per server.
# Honoured only here, in the in-process handler; over the network the connecting address counts.
CLIENT_ADDRESS_HEADER = "X-Mfe-Client-Address"
_CLIENT_ADDRESS_KEY = "HTTP_" + CLIENT_ADDRESS_HEADER.upper().replace("-", "_")
_DATA = "mfe_data"
_NO_DATA = object()


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
        # The same without rendering a DRF answer: its data is handed over as it is (see `serve`).
        self._unrendered_chain = convert_exception_to_response(self._call_view)

    def _call_view(self, request: HttpRequest) -> HttpResponseBase:
        # BaseHandler._get_response, less what this handler never has (view and template-response middleware)
        # and less rendering: a template response is rendered by whoever reads its body.
        callback, args, kwargs = self.resolve_request(request)
        response = callback(request, *args, **kwargs)
        self.check_response(response, callback)
        return response

    def serve(self, environ: dict[str, Any], *, render: bool = True) -> HttpResponseBase:
        """Django's response to the request `environ` describes; a DRF answer left unrendered if not `render`."""
        # Not sent on purpose: request_started/request_finished (they close the outer request's database
        # connection) and set_script_prefix (it is thread-global and belongs to the outer request).
        if address := environ.pop(_CLIENT_ADDRESS_KEY, None):
            environ["REMOTE_ADDR"] = address
        request = self.request_class(environ)
        request.urlconf = self.urlconf
        outer = get_urlconf()  # resolving the nested call switches this thread's URLconf: switch it back
        try:
            if render:
                return self.get_response(request)
            return self._unrendered_chain(request)  # type: ignore[return-value]  # a sync chain answers at once
        finally:
            set_urlconf(outer)

    # A WSGI app returns an iterable of bytes; django-stubs types WSGIHandler's as the response Django returns.
    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:  # type: ignore[override]
        response = self.serve(environ)
        start_response(f"{response.status_code} {response.reason_phrase}", _headers(response))
        return [b"".join(response)]


def _headers(response: HttpResponseBase) -> list[tuple[str, str]]:
    return [*response.items(), *(("Set-Cookie", cookie.OutputString()) for cookie in response.cookies.values())]


class _RenderedOnRead(httpx.SyncByteStream):
    """A response body rendered only when someone reads it."""

    def __init__(self, response: HttpResponseBase) -> None:
        self.response = response

    def __iter__(self) -> Iterator[bytes]:
        if isinstance(self.response, SimpleTemplateResponse):
            self.response.render()
        yield b"".join(self.response)


class InProcessTransport(httpx.BaseTransport):
    """Serves httpx requests from a URLconf in this process, without a socket and, where it can, without JSON."""

    def __init__(self, urlconf: str) -> None:
        self.handler = InProcessHandler(urlconf)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        environ: dict[str, Any] = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            # As a WSGI server gives it: the path's bytes, percent-decoded, as latin-1 (Django decodes them as UTF-8).
            "PATH_INFO": unquote_to_bytes(request.url.raw_path.split(b"?", 1)[0]).decode("latin-1"),
            "QUERY_STRING": request.url.query.decode("ascii"),
            "SERVER_NAME": request.url.host,
            "SERVER_PORT": str(request.url.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": request.url.scheme,
            "wsgi.input": BytesIO(body),
            "wsgi.errors": BytesIO(),
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            environ[key if key in {"CONTENT_TYPE", "CONTENT_LENGTH"} else f"HTTP_{key}"] = value
        response = self.handler.serve(environ, render=False)
        data = getattr(response, "data", _NO_DATA) if isinstance(response, SimpleTemplateResponse) else _NO_DATA
        extensions = {_DATA: data} if data is not _NO_DATA and is_json_native(data) else {}
        return httpx.Response(
            response.status_code,
            headers=_headers(response),
            stream=_RenderedOnRead(response),
            extensions=extensions,
        )


def is_json_native(data: object) -> bool:
    """Whether `data` is exactly what decoding its JSON would give back (so handing it over changes nothing)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if value is None or type(value) in (str, int, float, bool):
            continue
        if isinstance(value, dict):  # DRF's ReturnDict and OrderedDict compare equal to a dict
            if not all(type(key) is str for key in value):
                return False  # JSON's keys are strings: an int key would come back as "1"
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        else:
            return False  # a Decimal, a date, a tuple, a lazy string…: only its JSON says what it becomes
    return True


def data_of(response: httpx.Response) -> Any:
    """The decoded JSON body of `response`, taken from the in-process transport's hand-over when there is one."""
    data = response.extensions.get(_DATA, _NO_DATA)
    if data is not _NO_DATA:
        return data
    response.read()
    return response.json() if response.content else None


def in_process_transport(urlconf: str) -> InProcessTransport:
    """A transport that serves requests from `urlconf` in this process, without a socket."""
    return InProcessTransport(urlconf)
