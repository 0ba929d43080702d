"""What host and remotes pass each other through one request, like django-htmx's `request.htmx`.

Every value that travels with a request between the host, the remotes and the shared packages is a field of
`RequestContext`, declared here with its type. No other code sets an attribute on `request`: it reads and writes
these fields through `request_context(request)`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:  # the wire's types: it imports this module
    from federation.over_http.wire import ForwardedContext

ATTRIBUTE = "mfe"
"""The one attribute this project sets on a request."""

Event = tuple[str, dict[str, Any]]
"""A custom event: its name in the catalog (federation/events.py) and its payload."""


class ReportedLine(Protocol):
    """What the host reads from each line the cart reports through `on_selected_items_change`."""

    @property
    def quantity(self) -> int: ...
    @property
    def selected(self) -> bool: ...


@dataclass(frozen=True)
class Failure:
    """A component that raised while it was rendered, and was contained by its error boundary."""

    remote: str
    component: str
    error: BaseException

    @property
    def qualified_name(self) -> str:
        return f"{self.remote}/{self.component}"


@dataclass(eq=False, kw_only=True)
class RequestContext:
    """Everything host and remotes pass each other through one request, in one typed place."""

    # Callback props (host/props.py, federation/components.py)
    props: Mapping[str, Any] = field(default_factory=dict)
    """The props the host offers this request's components and endpoints; empty when a remote runs standalone."""
    page_title: str | None = None
    """The page's title, named by its content through the `on_page_title` callback prop."""
    selection: list[ReportedLine] = field(default_factory=list)
    """What the cart last reported through `on_selected_items_change`, for the host's checkout summary."""

    # Remotes over HTTP (federation/over_http/served.py, host/over_http/)
    forwarded: bool = False
    """The request was forwarded by a host with a verified sealed context (a remote's own server)."""
    wire: "ForwardedContext | None" = None
    """That verified context, as federation.over_http.wire.read_context returned it."""
    page: str | None = None
    """The host page a forwarded request renders for (its path), from the sealed context."""
    deadlines: dict[str, float] = field(default_factory=dict)
    """Remote name → the monotonic time by which the host stops waiting for its server in this request."""
    fragments: dict[str, object] = field(default_factory=dict)
    """Qualified name → what a remote over HTTP answered for that component, fetched with the page's others in one
    exchange (host.over_http.component.prefetch): its rendered answer, or the failure of the whole exchange."""

    # Mounting and re-rendering subscribers (host/mount.py, host/subscribers.py)
    rendering: str | None = None
    """The remote whose component is being rendered right now (the pattern inspector's "from …")."""
    mounted: list[str] = field(default_factory=list)
    """The components rendered so far, in order (the page links their stylesheets)."""
    dirty: set[str] = field(default_factory=set)
    """Host components a callback prop changed, re-rendered out of band on an htmx answer."""

    # Custom events (federation/events.py, host/events.py)
    events: list[Event] = field(default_factory=list)
    """The events emitted while handling this request, in order."""
    events_delivered: int = 0
    """How many of `events` the full page being rendered already carries."""

    # Error boundaries and the pattern inspector (host/boundaries.py, host/inspector.py)
    failures: list[Failure] = field(default_factory=list)
    """The components that failed and showed their fallback, in order."""
    inspector_entries: list[dict[str, Any]] | None = None
    """What the patterns did in this request, for the inspector; None until the first entry."""
    layout: dict[str, Any] | None = None
    """The host layout's template context, built once for the page and every component template in it."""
    csrf_token: tuple[str, str] | None = None
    """The CSRF secret and the token masked from it for this response's templates (federation.context_processors)."""

    # Shared packages, created on first use by their owners' accessors
    store: object | None = None
    """The visitor's shared store (a shared_store.Store), made by `shared_store.get_store(request)`."""
    api_client: object | None = None
    """The shared API client (an api.client.ApiClient), made by `api.client.api_client(request)`."""


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
