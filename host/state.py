"""What the host keeps about one request while it composes the page: its own, never read by a remote.

The cross-app contract (props, events, the store, the API client) is federation/context.py; this is the rest,
grouped by the host module that writes it.
"""

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.http import HttpRequest

ATTRIBUTE = "mfe_host"
"""The attribute the host sets on a request (federation/context.py sets the contract's)."""


class ReportedLine(Protocol):
    """What the host reads of each line the cart reports through `on_selected_items_change`."""

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
class HostState:
    """The host's own state for one request."""

    # What the callback props were told (host/props.py)
    page_title: str | None = None
    """The page's title, named by its content through the `on_page_title` callback prop."""
    selection: list[ReportedLine] = field(default_factory=list)
    """What the cart last reported through `on_selected_items_change`, for the host's checkout summary."""
    dirty: set[str] = field(default_factory=set)
    """Host components a callback prop changed, re-rendered out of band on an htmx answer."""

    # Mounting (host/mount.py) and the layout (host/context_processors.py)
    rendering: str | None = None
    """The remote whose component is being rendered right now (the pattern inspector's "from …")."""
    mounted: list[str] = field(default_factory=list)
    """The components rendered so far, in order (the page links their stylesheets)."""
    layout: dict[str, Any] | None = None
    """The layout's template context, built once for the page and every component template in it."""

    # Remotes on their own servers (host/over_http/)
    deadlines: dict[str, float] = field(default_factory=dict)
    """Remote name → the monotonic time by which the host stops waiting for its server in this request."""
    fragments: dict[str, object] = field(default_factory=dict)
    """Qualified name → what a remote over HTTP answered for that component, fetched with the page's others in one
    exchange (host.over_http.component.prefetch): its rendered answer, or the failure of the whole exchange."""

    # Error boundaries, events and the pattern inspector (host/boundaries.py, host/events.py, host/inspector.py)
    failures: list[Failure] = field(default_factory=list)
    """The components that failed and showed their fallback, in order."""
    events_delivered: int = 0
    """How many of the request's events the full page being rendered already carries."""
    inspector_entries: list[dict[str, Any]] | None = None
    """What the patterns did in this request, for the inspector; None until the first entry."""


def host_state(request: HttpRequest) -> HostState:
    """The host's state for this request, made on first use."""
    found = request.__dict__.get(ATTRIBUTE)
    if found is None:
        found = HostState()
        setattr(request, ATTRIBUTE, found)
    return found
