"""One signed exchange with a remote's server on the visitor's behalf, within the page's time budget and past
the remote's circuit breaker; what the remote did there (callbacks, store changes, events, session) is replayed
here from its effects (federation/over_http/wire.py)."""

import threading
import time
from collections.abc import Mapping
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any, cast

import httpx
from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from federation.components import current_page_path
from federation.events import emit
from federation.over_http.wire import (
    CONTEXT_HEADER,
    EFFECTS_HEADER,
    SIGNATURE_HEADER,
    VERSION_HEADER,
    Effects,
    answer_is_signed,
    new_nonce,
    seal_context,
)
from host.over_http.breaker import CircuitBreaker, CircuitOpen
from host.over_http.errors import RemoteRefused, RemoteUnavailable
from host.over_http.transport import DeadlineTransport, until
from host.registry import Remote
from host.state import host_state
from shared_store import get_store

# Request headers a remote needs from the visitor's request; nothing else is forwarded (no cookies: the
# session travels in the sealed context).
FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type")


# The answer's body is signed as the remote sent it: no compression in between that would change its bytes.
SENT_HEADERS = {"Accept-Encoding": "identity"}


PROBE_SECONDS = 0.5  # the timeout of the one request that probes a remote whose breaker was open


# Sent after every exchange with a remote's server (the pattern inspector shows them), by the Remote exchanged with,
# with the visitor's request (None for the manifest), method, path, the answer's status (None when there was none),
# the failure if any, the remote's breaker, and the version of the remote that answered (manifest.py follows it).
remote_exchanged = Signal()


_clients: dict[str, httpx.Client] = {}


_breakers: dict[str, CircuitBreaker] = {}


_lock = threading.Lock()


def client(remote: Remote) -> httpx.Client:
    """The process's HTTP client for one remote: built once (building one loads the TLS certificates, which would
    cost more than the request itself), and keeping no cookie: it serves every visitor, so nothing one visitor's
    exchange sets may ride along with the next one's."""
    found = _clients.get(remote.name)
    if found is None:
        with _lock:
            # A new connection per request unless the remote says its server keeps them alive (KEEP_ALIVE): on a
            # private network a connection costs well under a millisecond, while servers that keep connections
            # alive without TCP_NODELAY (runserver) stall 40 ms on each reuse.
            limits = httpx.Limits(max_keepalive_connections=None if remote.keep_alive else 0)
            no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # accepts none, sends none
            if remote.url is None:
                raise ImproperlyConfigured(f"Remote {remote.name!r} is in-process: it has no server to ask.")
            transport = DeadlineTransport(limits=limits, tls=remote.url.startswith("https:"))
            found = _clients.setdefault(
                remote.name,
                httpx.Client(base_url=remote.url, timeout=remote.timeout, transport=transport, cookies=no_cookies),
            )
    return found


def breaker(remote: Remote) -> CircuitBreaker:
    """The process's circuit breaker for one remote (host/over_http/breaker.py)."""
    found = _breakers.get(remote.name)
    if found is None:
        with _lock:
            made = CircuitBreaker(
                remote.name, failures_to_open=remote.breaker_failures, cooling_seconds=remote.breaker_cooling
            )
            found = _breakers.setdefault(remote.name, made)
    return found


def exchange(
    request: HttpRequest,
    remote: Remote,
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
    remote: Remote,
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
            response = _send_signed(request, remote, method, path, props=props, query=query, body=body, timeout=timeout)
        except BaseException:
            breaker(remote).failed()  # anything at all: a probe that raised must not leave the breaker waiting
            raise
        breaker(remote).succeeded()
    except RemoteUnavailable as exc:
        failure = exc
    remote_exchanged.send(
        sender=remote,
        request=request,
        method=method,
        path=path,
        status=response.status_code if response is not None else None,
        failure=failure,
        breaker=breaker(remote),
        version=response.headers.get(VERSION_HEADER) if response is not None else None,
    )
    if failure is not None:
        raise failure
    assert response is not None
    return response


def _admitted(request: HttpRequest | None, remote: Remote) -> float:
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
    remote: Remote,
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
        visitor = {
            "session_key": _saved_session_key(request),
            "csrf_secret": _csrf_secret(request),
            "page": current_page_path(request),
        }
    context = seal_context(method=method, path=path, query=query, body=body, props=props, nonce=nonce, **visitor)
    headers = dict(SENT_HEADERS)
    if request is not None:
        headers |= {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
        headers |= {name: value for name, value in request.headers.items() if name.lower().startswith("hx-")}
    headers[CONTEXT_HEADER] = context
    deadline = time.monotonic() + timeout
    try:
        # The whole exchange, its answer's last byte included, ends by the deadline (transport.py): a remote that
        # sends its answer slowly falls back like one that does not answer.
        with until(deadline):
            sent = client(remote).build_request(
                method, path + (f"?{query}" if query else ""), content=body, headers=headers, timeout=timeout
            )
            streamed = client(remote).send(sent, stream=True)
            try:
                content = _read_at_most(remote, streamed, f"{method} {path}")
            finally:
                streamed.close()
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise RemoteUnavailable(f"{remote.name}: {type(exc).__name__} {exc}") from exc  # never got the request
    except httpx.HTTPError as exc:
        raise RemoteUnavailable(f"{remote.name}: {type(exc).__name__} {exc}", delivered=True) from exc
    response = httpx.Response(streamed.status_code, headers=streamed.headers, content=content, request=sent)
    if response.status_code >= 500:
        raise RemoteUnavailable(f"{remote.name} answered {response.status_code} to {method} {path}.", delivered=True)
    signature = response.headers.get(SIGNATURE_HEADER, "")
    if not answer_is_signed(nonce, response.status_code, response.headers.multi_items(), response.content, signature):
        raise RemoteUnavailable(
            f"{remote.name}: its answer to {method} {path} is not signed with the shared key.", delivered=True
        )
    return response


def _read_at_most(remote: Remote, response: httpx.Response, what: str) -> bytes:
    """The answer's body, read as it arrives and refused as soon as it is larger than the remote may send: the
    signature is checked on the whole body, so nothing is trusted, or kept, past the limit."""
    limit = remote.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        message = f"{remote.name}: its answer to {what} is {declared} bytes, over {limit}."
        raise RemoteUnavailable(message, delivered=True)
    if response.headers.get("Content-Encoding", "identity") != "identity":  # asked for none (SENT_HEADERS)
        raise RemoteUnavailable(f"{remote.name}: its answer to {what} is compressed.", delivered=True)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise RemoteUnavailable(f"{remote.name}: its answer to {what} is over {limit} bytes.", delivered=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _time_left(request: HttpRequest | None, remote: Remote) -> float:
    """Seconds this request may still wait for the remote: one budget for all its exchanges with it, so a page
    with two slots of a hung remote waits its timeout once, not twice."""
    if request is None:
        return remote.timeout
    deadline = host_state(request).deadlines.setdefault(remote.name, time.monotonic() + remote.timeout)
    return deadline - time.monotonic()


def replay(request: HttpRequest, effects: Effects, props: Mapping[str, Any]) -> HttpResponse | None:
    """Do here what the remote did there: session and store reloaded, events emitted, callbacks called."""
    if effects.session_changed:
        request.session = request.session.__class__(request.session.session_key)
    if effects.changed or effects.session_changed:
        store = get_store(request)
        store.reload()
        store.changed |= set(effects.changed)
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


def forget_connections() -> None:
    """Close every client and forget every breaker (settings changed, or a remote was redeployed)."""
    with _lock:
        _breakers.clear()
        while _clients:
            _clients.popitem()[1].close()
