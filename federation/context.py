"""What host and remotes pass each other through one request: the cross-app contract, like django-htmx's
`request.htmx`.

Only what crosses from one app to another is here: the host's props, the page a forwarded request renders for,
the events emitted, and the two shared packages' per-request objects (typed by what every app may use of them).
What only the host keeps while it composes a page (what it mounted, what failed, deadlines, the inspector's
entries…) is the host's own: host/state.py. No other code sets an attribute on `request`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.http import HttpRequest, HttpResponse

ATTRIBUTE = "mfe"
"""The attribute this module sets on a request (host/state.py sets the host's own)."""

Event = tuple[str, dict[str, Any]]
"""A custom event: its name in the catalog (federation/events.py) and its payload."""


class SharedStore(Protocol):
    """What every app may use of the request's store (shared_store.Store), wherever it runs."""

    @property
    def changed(self) -> set[str]:
        """The slices this request changed."""
        ...


class SharedApiClient(Protocol):
    """What every app may use of the request's API client (api.client.ApiClient)."""

    def get(self, path: str, *, params: dict[str, Any] | None = ..., authenticated: bool = ...) -> Any: ...
    def post(
        self, path: str, *, json: Any = ..., authenticated: bool = ..., headers: dict[str, str] | None = ...
    ) -> Any: ...


@dataclass(frozen=True)
class Forwarded:
    """A request a host forwarded to a remote's own server, with its sealed context verified
    (federation/over_http/wire.py): the visitor's session and CSRF secret, the props and the host page."""

    sealed: Mapping[str, Any]
    """The verified context, as federation.over_http.wire.read_context returned it."""

    @property
    def page(self) -> str | None:
        """The host page this request renders for (its path)."""
        return self.sealed.get("page") or None


@dataclass(eq=False, kw_only=True)
class RequestContext:
    """The cross-app contract of one request, in one typed place."""

    props: Mapping[str, Any] = field(default_factory=dict)
    """The props the host offers this request's components and endpoints; empty when a remote runs standalone.
    Set by the host (host/props.py) or, on a remote's own server, from the sealed context."""
    forwarded: Forwarded | None = None
    """On a remote's own server: the request a host forwarded, once its context is verified; else None."""
    events: list[Event] = field(default_factory=list)
    """The events emitted while handling this request, in order (federation/events.py)."""
    store: SharedStore | None = None
    """The visitor's shared store, made on first use by `shared_store.get_store(request)`."""
    api_client: SharedApiClient | None = None
    """The shared API client, made on first use by `api.client.api_client(request)`."""


def request_context(request: HttpRequest) -> RequestContext:
    """The request's context, made on first use (a request built by RequestFactory has one too)."""
    found = request.__dict__.get(ATTRIBUTE)
    if found is None:
        found = RequestContext()
        setattr(request, ATTRIBUTE, found)
    return found


class RequestContextMiddleware:
    """Gives every request its context before any other middleware runs (the first of MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_context(request)
        return self.get_response(request)
