"""Remotes served by their own servers: the host fetches their fragments and proxies their endpoints over HTTP.

The same host code mounts them: `mount()` renders an `HttpComponent` as it renders an in-process one, inside
the same error boundary. What a remote does in-process through the request (callbacks, store changes,
events, session) comes back as its effects (federation/wire.py) and is replayed here.
"""

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, cast

import httpx
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.request import RawPostDataException
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from packaging.specifiers import SpecifierSet

from federation.events import emit
from federation.mounting import check_props, current_page_path
from federation.wire import (
    CONTEXT_HEADER,
    EFFECTS_HEADER,
    NOT_FOUND_HEADER,
    SIGNATURE_HEADER,
    Effects,
    answer_is_signed,
    new_nonce,
    sign_context,
)
from host.breaker import CircuitBreaker, CircuitOpen
from shared_store.checks import installed_version

logger = logging.getLogger("host.http_remotes")

# Request headers a remote needs from the visitor's request; nothing else is forwarded (no cookies: the
# session travels in the signed context).
FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type")
# The answer's body is signed as the remote sent it: no compression in between that would change its bytes.
SENT_HEADERS = {"Accept-Encoding": "identity"}
# Response headers passed back to the browser; the remote's cookies never are.
PASSED_RESPONSE_HEADERS = ("Content-Type", "Location", "Cache-Control", "Vary")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PROBE_SECONDS = 0.5  # the timeout of the one request that probes a remote whose breaker was open
RETRY_AFTER_INCOMPATIBLE = 60.0  # seconds before a remote found incompatible is asked for its manifest again


class RemoteUnavailable(Exception):
    """The remote did not answer in time, could not be reached, or answered with an error.

    `delivered` says whether the remote may have received the request (and so, for a write, may have applied
    it): false only when it certainly did not (no connection, or the host did not even try).
    """

    def __init__(self, message: str, *, delivered: bool = False) -> None:
        super().__init__(message)
        self.delivered = delivered


class RemoteRefused(RemoteUnavailable):
    """The remote was not even asked: its circuit breaker is open (host/breaker.py), or this page already spent
    its time budget for it."""


class RemoteIncompatible(RemoteUnavailable):
    """The remote pins a shared package version this host does not have: it is not mounted."""


# Sent after every exchange with a remote's server (the pattern inspector shows them): the visitor's request
# (None for the manifest), the remote's name, method, path, the answer's status (None when there was none), the
# failure if any, and the remote's breaker.
remote_exchanged = Signal()


@dataclass(frozen=True)
class Manifest:
    """What a remote serves: its components (with their store subscriptions) and its stylesheets."""

    components: Mapping[str, frozenset[str]]
    """Each exposed component's name → the store slices it subscribes to."""
    stylesheets: Mapping[str, tuple[str, ...]]
    """Each exposed component's name → the URLs of its CSS."""
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each exposed component's name → the props it cannot render without."""


_manifests: dict[str, Manifest] = {}
_incompatible_at: dict[str, float] = {}
_clients: dict[str, httpx.Client] = {}
_breakers: dict[str, CircuitBreaker] = {}
_lock = threading.RLock()  # manifest() builds the client while holding it


def client(remote: Any) -> httpx.Client:
    """The process's HTTP client for one remote: built once (building one loads the TLS certificates, which would
    cost more than the request itself), and keeping no cookie: it serves every visitor, so nothing one visitor's
    exchange sets may ride along with the next one's."""
    found = _clients.get(remote.name)
    if found is None:
        with _lock:
            # A new connection per request: on a private network it costs well under a millisecond, while
            # servers that keep connections alive without TCP_NODELAY (runserver) stall 40 ms on each reuse.
            limits = httpx.Limits(max_keepalive_connections=0)
            no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # accepts none, sends none
            found = _clients.setdefault(
                remote.name,
                httpx.Client(base_url=remote.url, timeout=remote.timeout, limits=limits, cookies=no_cookies),
            )
    return found


def breaker(remote: Any) -> CircuitBreaker:
    """The process's circuit breaker for one remote (host/breaker.py)."""
    found = _breakers.get(remote.name)
    if found is None:
        with _lock:
            made = CircuitBreaker(remote.name, failures_to_open=remote.breaker_failures,
                                  cooling_seconds=remote.breaker_cooling)  # fmt: skip
            found = _breakers.setdefault(remote.name, made)
    return found


def manifest(remote: Any) -> Manifest:
    """The remote's manifest, fetched once per process; RemoteUnavailable while it cannot be had (the breaker
    keeps a remote that is down from being asked on every page)."""
    known = _manifests.get(remote.name)
    if known is not None:
        return known
    with _lock:
        if time.monotonic() - _incompatible_at.get(remote.name, float("-inf")) < RETRY_AFTER_INCOMPATIBLE:
            raise RemoteIncompatible(f"{remote.name} pins shared versions this host does not have.")
        response = send(None, remote, "GET", "/_federation/manifest.json", props={})
        try:
            if response.status_code != 200:
                raise ValueError(f"status {response.status_code}")
            data = response.json()
        except ValueError as exc:
            raise RemoteUnavailable(f"{remote.name}: no manifest ({exc}).") from exc
        try:
            _check_shared(remote.name, data.get("shared", {}))
        except RemoteIncompatible:
            _incompatible_at[remote.name] = time.monotonic()
            raise
        loaded = Manifest(
            components={name: frozenset(spec["subscribes"]) for name, spec in data["components"].items()},
            # A remote that lists its CSS for the whole remote only: every component needs all of it.
            stylesheets={
                name: tuple(spec.get("stylesheets", data["stylesheets"])) for name, spec in data["components"].items()
            },
            needs={name: frozenset(spec.get("needs", ())) for name, spec in data["components"].items()},
        )
        _manifests[remote.name] = loaded
        return loaded


def _check_shared(remote: str, required: Mapping[str, str]) -> None:
    """Refuse a remote whose pinned shared versions this host does not have: the singleton pin, checked when
    the manifest arrives, as shared_store's system check does for in-process remotes."""
    for package, specifier in required.items():
        provided = installed_version(package)
        if provided is None or provided not in SpecifierSet(specifier):
            raise RemoteIncompatible(f"{remote} needs {package}{specifier}; this host has {provided or 'none'}.")


def forget_manifests() -> None:
    """Forget every fetched manifest, client and breaker (settings changed, or a remote was redeployed)."""
    with _lock:
        _manifests.clear()
        _incompatible_at.clear()
        _breakers.clear()
        while _clients:
            _clients.popitem()[1].close()


def stylesheet_urls(remote: Any, component: str) -> list[str]:
    """The stylesheets of one component of a remote over HTTP (none while it is unavailable)."""
    try:
        return list(manifest(remote).stylesheets.get(component, ()))
    except RemoteUnavailable:
        return []


@dataclass(frozen=True)
class HttpComponent:
    """A component of a remote over HTTP: rendered by its server, with the host's props sent along."""

    remote: Any
    name: str

    @property
    def qualified_name(self) -> str:
        return f"{self.remote.name}/{self.name}"

    @property
    def subscribes(self) -> frozenset[str]:
        try:
            return manifest(self.remote).components.get(self.name, frozenset())
        except RemoteUnavailable:
            return frozenset()

    def props_from(self, offered: Mapping[str, Any]) -> Mapping[str, Any]:
        # The remote builds its own props dataclass from them; all the host offers goes along. What it cannot
        # render without is checked here, as for an in-process component (when its manifest can be had).
        try:
            needed = manifest(self.remote).needs.get(self.name, frozenset())
        except RemoteUnavailable:
            needed = frozenset()  # render() fails the same way, inside the error boundary
        check_props(needed, offered, component=self.qualified_name)
        return offered

    def render(self, request: HttpRequest, props: Mapping[str, Any]) -> str | HttpResponse:
        if self.name not in manifest(self.remote).components:
            raise ImproperlyConfigured(f"Remote {self.remote.name!r} does not expose {self.name!r}.")
        path = f"/_federation/render/{self.name}/"
        response, answer = exchange(request, self.remote, "GET", path, props=props)
        if answer is not None:
            return answer
        if response.status_code == 404 and NOT_FOUND_HEADER in response.headers:
            raise Http404(response.text)
        if response.status_code != 200:
            raise RemoteUnavailable(f"{self.qualified_name} answered {response.status_code}.")
        # The remote's rendered HTML, trusted as an in-process component's is: its templates escaped it there.
        return mark_safe(response.text)


def exchange(
    request: HttpRequest,
    remote: Any,
    method: str,
    path: str,
    *,
    props: Mapping[str, Any],
    query: str = "",
    body: bytes = b"",
) -> tuple[httpx.Response, HttpResponse | None]:
    """Send one request to the remote on the visitor's behalf and replay its effects here.

    Returns its response, and the host's own answer when one of the callbacks it called answers (navigation).
    """
    response = send(request, remote, method, path, props=props, query=query, body=body)
    return response, replay(request, Effects.decode(response.headers.get(EFFECTS_HEADER)), props)


def send(
    request: HttpRequest | None,
    remote: Any,
    method: str,
    path: str,
    *,
    props: Mapping[str, Any],
    query: str = "",
    body: bytes = b"",
) -> httpx.Response:
    """One signed exchange with the remote's server, within the page's time for it and past its breaker.

    Raises RemoteUnavailable when there is no trustworthy answer: the breaker is open, the page's time for this
    remote is spent, the connection failed or timed out, the remote answered 5xx, or its answer is not signed.
    """
    response: httpx.Response | None = None
    failure: RemoteUnavailable | None = None
    try:
        timeout = _admitted(request, remote)
        try:
            response = _send_signed(request, remote, method, path, props=props, query=query, body=body,
                                    timeout=timeout)  # fmt: skip
        except BaseException:
            breaker(remote).failed()  # anything at all: a probe that raised must not leave the breaker waiting
            raise
        breaker(remote).succeeded()
    except RemoteUnavailable as exc:
        failure = exc
    remote_exchanged.send(sender=RemoteUnavailable, request=request, remote=remote.name, method=method, path=path,
                          status=response.status_code if response is not None else None, failure=failure,
                          breaker=breaker(remote))  # fmt: skip
    if failure is not None:
        raise failure
    assert response is not None
    return response


def _admitted(request: HttpRequest | None, remote: Any) -> float:
    """The timeout of a request the remote may be asked now; RemoteRefused when it may not: this page spent its
    time for the remote already, or the remote's breaker is open (neither is the remote's failure)."""
    timeout = _time_left(request, remote)
    if timeout <= 0:
        raise RemoteRefused(f"{remote.name}: this page's {remote.timeout:g} s for it are spent.")
    try:
        probing = breaker(remote).before_request()
    except CircuitOpen as exc:
        raise RemoteRefused(str(exc)) from None
    return min(timeout, PROBE_SECONDS) if probing else timeout  # a remote that is back answers a probe at once


def _send_signed(
    request: HttpRequest | None,
    remote: Any,
    method: str,
    path: str,
    *,
    props: Mapping[str, Any],
    query: str,
    body: bytes,
    timeout: float,
) -> httpx.Response:
    nonce = new_nonce()
    if request is None:  # the manifest: asked for by the host itself, for no visitor
        visitor = {"session_key": "", "csrf_secret": "", "page": ""}
    else:
        visitor = {"session_key": _saved_session_key(request), "csrf_secret": _csrf_secret(request),
                   "page": current_page_path(request)}  # fmt: skip
    context = sign_context(method=method, path=path, query=query, body=body, props=props, nonce=nonce, **visitor)
    headers = dict(SENT_HEADERS)
    if request is not None:
        headers |= {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
        headers |= {name: value for name, value in request.headers.items() if name.lower().startswith("hx-")}
    headers[CONTEXT_HEADER] = context
    try:
        response = client(remote).request(method, path + (f"?{query}" if query else ""), content=body,
                                          headers=headers, timeout=timeout)  # fmt: skip
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise RemoteUnavailable(f"{remote.name}: {type(exc).__name__} {exc}") from exc  # never got the request
    except httpx.HTTPError as exc:
        raise RemoteUnavailable(f"{remote.name}: {type(exc).__name__} {exc}", delivered=True) from exc
    if response.status_code >= 500:
        raise RemoteUnavailable(f"{remote.name} answered {response.status_code} to {method} {path}.", delivered=True)
    signature = response.headers.get(SIGNATURE_HEADER, "")
    if not answer_is_signed(nonce, response.status_code, response.headers.multi_items(), response.content, signature):
        raise RemoteUnavailable(f"{remote.name}: its answer to {method} {path} is not signed with the shared key.",
                                delivered=True)  # fmt: skip
    return response


def _time_left(request: HttpRequest | None, remote: Any) -> float:
    """Seconds this request may still wait for the remote: one budget for all its exchanges with it, so a page
    with two slots of a hung remote waits its timeout once, not twice."""
    if request is None:
        return remote.timeout
    deadlines: dict[str, float] = request.__dict__.setdefault("_remote_deadlines", {})
    deadline = deadlines.setdefault(remote.name, time.monotonic() + remote.timeout)
    return deadline - time.monotonic()


def replay(request: HttpRequest, effects: Effects, props: Mapping[str, Any]) -> HttpResponse | None:
    """Do here what the remote did there: session and store reloaded, events emitted, callbacks called."""
    if effects.session_changed:
        request.session = request.session.__class__(request.session.session_key)
    if effects.changed or effects.session_changed:
        request.store.reload()
        request.store.changed |= set(effects.changed)
    for name, payload in effects.events:
        emit(request, name, **payload)
    answer = None
    for name, args in effects.calls:
        result = props[name](*args)
        if isinstance(result, HttpResponse):
            answer = result
    return answer


def _saved_session_key(request: HttpRequest) -> str:
    """The visitor's session key, with what this request wrote so far saved for the remote to read."""
    session = request.session
    if session.session_key is None or session.modified:
        session.save()
    return cast(str, session.session_key)  # saved, so it has a key


def _csrf_secret(request: HttpRequest) -> str:
    get_token(request)  # creates the visitor's CSRF secret if they have none yet
    return request.META["CSRF_COOKIE"]


def write_outcome(request: HttpRequest, error: BaseException) -> str | None:
    """What became of a change the visitor asked a remote for, when the remote failed to answer: "unsaved" when
    it never got it, "unknown" when it may have (a timeout after sending: it may still apply it), None for a
    request that changes nothing."""
    if request.method in SAFE_METHODS or not isinstance(error, RemoteUnavailable):
        return None
    return "unknown" if error.delivered else "unsaved"


def proxy(request: HttpRequest, remote: Any, subpath: str) -> HttpResponse:
    """A remote's own endpoint (its actions, its pages, its static files), under the host's origin.

    The host's CsrfViewMiddleware checks the visitor's request here; the remote trusts the signed context.
    Its props are the host's, as an in-process remote endpoint gets them (HostPropsMiddleware).
    """
    path = f"/{remote.url_prefix}{subpath}"
    props = request.federation_props
    try:
        body = request.body
    except RawPostDataException:  # a multipart form, already parsed by the CSRF check: the shop sends none
        return HttpResponseBadRequest("Send this form url-encoded.")
    try:
        # A request the server received always has a method (only a hand-made HttpRequest has None).
        response, answer = exchange(request, remote, cast(str, request.method), path, props=props,
                                    query=request.META.get("QUERY_STRING", ""), body=body)  # fmt: skip
    except RemoteUnavailable as exc:
        if getattr(request, "htmx", False):
            raise  # the composition middleware swaps in the remote's fallback
        logger.exception("Remote %r failed to answer %s %s", remote.name, request.method, path)
        context = {"remote": remote.name, "outcome": write_outcome(request, exc)}
        html = render_to_string("host/remote_unavailable.html", context, request)
        return HttpResponse(html, status=503)
    if answer is not None:
        return answer
    passed = HttpResponse(response.content, status=response.status_code)
    for name, value in response.headers.items():
        if name.lower().startswith("hx-") or name.title() in PASSED_RESPONSE_HEADERS:
            passed[name] = value
    return passed
