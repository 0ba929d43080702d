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
from typing import Any

import httpx
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from packaging.specifiers import SpecifierSet

from federation.events import emit
from federation.mounting import check_props, current_page_path
from federation.wire import CONTEXT_HEADER, EFFECTS_HEADER, NOT_FOUND_HEADER, Effects, sign_context
from shared_store.checks import installed_version

logger = logging.getLogger("host.http_remotes")

# Request headers a remote needs from the visitor's request; nothing else is forwarded (no cookies: the
# session travels in the signed context).
FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type")
# Response headers passed back to the browser; the remote's cookies never are.
PASSED_RESPONSE_HEADERS = ("Content-Type", "Location", "Cache-Control", "Vary")
RETRY_AFTER_FAILURE = 5.0  # seconds before a manifest that failed to load is asked for again


class RemoteUnavailable(Exception):
    """The remote did not answer in time, could not be reached, or answered with an error."""


class RemoteIncompatible(RemoteUnavailable):
    """The remote pins a shared package version this host does not have: it is not mounted."""


@dataclass(frozen=True)
class Manifest:
    """What a remote serves: its components (with their store subscriptions) and its stylesheets."""

    components: Mapping[str, frozenset[str]]
    """Each exposed component's name → the store slices it subscribes to."""
    stylesheets: tuple[str, ...]
    needs: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """Each exposed component's name → the props it cannot render without."""


_manifests: dict[str, Manifest] = {}
_failed_at: dict[str, float] = {}
_clients: dict[str, httpx.Client] = {}
_lock = threading.RLock()  # manifest() builds the client while holding it


def client(remote: Any) -> httpx.Client:
    """The process's HTTP client for one remote: kept-alive connections, and built once (building one loads
    the TLS certificates, which would cost more than the request itself)."""
    found = _clients.get(remote.name)
    if found is None:
        with _lock:
            # A new connection per request: on a private network it costs well under a millisecond, while
            # servers that keep connections alive without TCP_NODELAY (runserver) stall 40 ms on each reuse.
            limits = httpx.Limits(max_keepalive_connections=0)
            found = _clients.setdefault(
                remote.name, httpx.Client(base_url=remote.url, timeout=remote.timeout, limits=limits)
            )
    return found


def manifest(remote: Any) -> Manifest:
    """The remote's manifest, fetched once per process; RemoteUnavailable while it cannot be had."""
    known = _manifests.get(remote.name)
    if known is not None:
        return known
    with _lock:
        if time.monotonic() - _failed_at.get(remote.name, float("-inf")) < RETRY_AFTER_FAILURE:
            raise RemoteUnavailable(f"{remote.name} did not answer a moment ago.")
        try:
            response = client(remote).get("/_federation/manifest.json")
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            _failed_at[remote.name] = time.monotonic()
            raise RemoteUnavailable(f"{remote.name}: no manifest ({exc}).") from exc
        try:
            _check_shared(remote.name, data.get("shared", {}))
        except RemoteIncompatible:
            _failed_at[remote.name] = time.monotonic()
            raise
        loaded = Manifest(
            components={name: frozenset(spec["subscribes"]) for name, spec in data["components"].items()},
            stylesheets=tuple(data["stylesheets"]),
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
    """Forget every fetched manifest and client (settings changed, or a remote was redeployed)."""
    with _lock:
        _manifests.clear()
        _failed_at.clear()
        while _clients:
            _clients.popitem()[1].close()


def stylesheet_urls(remote: Any) -> list[str]:
    """The stylesheets of a remote over HTTP (none while it is unavailable)."""
    try:
        return list(manifest(remote).stylesheets)
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
    context = sign_context(method=method, path=path, session_key=_saved_session_key(request),
                           csrf_secret=_csrf_secret(request), props=props,
                           page=current_page_path(request))  # fmt: skip
    headers = {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
    headers |= {name: value for name, value in request.headers.items() if name.lower().startswith("hx-")}
    headers[CONTEXT_HEADER] = context
    try:
        response = client(remote).request(method, path + (f"?{query}" if query else ""), content=body,
                                          headers=headers)  # fmt: skip
    except httpx.HTTPError as exc:
        raise RemoteUnavailable(f"{remote.name}: {type(exc).__name__} {exc}") from exc
    if response.status_code >= 500:
        raise RemoteUnavailable(f"{remote.name} answered {response.status_code} to {method} {path}.")
    return response, replay(request, Effects.decode(response.headers.get(EFFECTS_HEADER)), props)


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
    return session.session_key


def _csrf_secret(request: HttpRequest) -> str:
    get_token(request)  # creates the visitor's CSRF secret if they have none yet
    return request.META["CSRF_COOKIE"]


def proxy(request: HttpRequest, remote: Any, subpath: str) -> HttpResponse:
    """A remote's own endpoint (its actions, its pages, its static files), under the host's origin.

    The host's CsrfViewMiddleware checks the visitor's request here; the remote trusts the signed context.
    Its props are the host's, as an in-process remote endpoint gets them (HostPropsMiddleware).
    """
    path = f"/{remote.url_prefix}{subpath}"
    props = request.federation_props
    try:
        response, answer = exchange(request, remote, request.method, path, props=props,
                                    query=request.META.get("QUERY_STRING", ""), body=request.body)  # fmt: skip
    except RemoteUnavailable:
        if getattr(request, "htmx", False):
            raise  # the composition middleware swaps in the remote's fallback
        logger.exception("Remote %r failed to answer %s %s", remote.name, request.method, path)
        html = render_to_string("host/remote_unavailable.html", {"remote": remote.name}, request)
        return HttpResponse(html, status=503)
    if answer is not None:
        return answer
    passed = HttpResponse(response.content, status=response.status_code)
    for name, value in response.headers.items():
        if name.lower().startswith("hx-") or name.title() in PASSED_RESPONSE_HEADERS:
            passed[name] = value
    return passed
