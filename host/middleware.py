"""Host middleware: offer the host's props to remote endpoints, and compose every htmx response."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject

from federation.htmx import HtmxHttpRequest
from federation.mounting import mount_id
from host import events, inspector
from host.boundaries import contain
from host.federation import component, mount_html, remotes
from host.props import host_props, page_route_params

MOUNTED_HEADER = "X-Mounted-Components"
MAX_MOUNTED = 20
# Responses htmx swaps (see the htmx-config meta tag in host/base.html): success and the 4xx that carry a message.
SWAPPED_STATUSES = {200, 400, 404, 409, 422, 429}
NAVIGATING_HEADERS = ("HX-Redirect", "HX-Location", "HX-Refresh")
# Exceptions Django turns into a proper 4xx answer: they are not failures of a remote.
NOT_FAILURES = (Http404, PermissionDenied, SuspiciousOperation)


class HostPropsMiddleware:
    """Puts the host's props on the request, so a remote's own endpoints get them as its components do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Lazy: most requests are host pages, which build their props with the route's parameters themselves.
        request.federation_props = SimpleLazyObject(lambda: host_props(request))
        return self.get_response(request)


class HtmxCompositionMiddleware:
    """Adds to an htmx response the out-of-band re-render of every subscribed component on the page whose slices
    the request changed, and the toasts it queued, so one user action costs one round trip."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HtmxHttpRequest) -> HttpResponse:
        response = self.get_response(request)
        events.deliver(request, response)
        if not request.htmx or not _swapped(response):
            if inspector.enabled() and _navigates(response):
                inspector.carry_over(request)
            return response
        extra = (
            subscriber_updates(request) + host_updates(request) + toast_updates(request) + inspector_updates(request)
        )
        if extra:
            response.content = response.content + extra.encode()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """An htmx action that raised gets its remote's fallback to swap in, never a blank swap or a traceback.

        Answered with 200 so htmx swaps it (see the htmx-config meta tag); the error is logged with the remote.
        """
        if not getattr(request, "htmx", False) or isinstance(exception, NOT_FAILURES):
            return None
        match = request.resolver_match
        remote = match.namespace if match and match.namespace in remotes() else "host"
        action = f"{remote}/{match.url_name if match else 'unknown'}"
        config = remotes()[remote].config if remote in remotes() else None
        html = contain(request, action, exception, fallback_template=getattr(config, "fallback_template", None),
                       retry=False)  # fmt: skip
        return HttpResponse(html, headers={"X-Remote-Failed": remote})


def _navigates(response: HttpResponse) -> bool:
    """The answer sends the browser to another page (htmx's headers, or a plain redirect)."""
    return any(header in response for header in NAVIGATING_HEADERS) or response.status_code in {301, 302, 303, 307}


def _swapped(response: HttpResponse) -> bool:
    is_html = response.get("Content-Type", "").startswith("text/html")
    return (
        not response.streaming
        and is_html
        and response.status_code in SWAPPED_STATUSES
        and not any(header in response for header in NAVIGATING_HEADERS)
    )


def subscriber_updates(request: HtmxHttpRequest) -> str:
    """Out-of-band re-renders of the page's subscribed components whose slices changed, except the target."""
    changed = request.store.changed
    if not changed:
        return ""
    names = mounted_on_page(request)
    offered = page_props(request)
    updates = []
    for name in names:
        try:
            loaded = component(name)
        except ImproperlyConfigured:
            continue  # not a component this host mounts: the header is only a hint from the page
        if loaded.subscribes & changed and mount_id(name) != request.htmx.target:
            updates.append(mount_html(request, name, offered, oob=True))
    return "".join(updates)


def host_updates(request: HtmxHttpRequest) -> str:
    """Out-of-band re-renders of host components on the page that a callback prop changed (the checkout summary)."""
    dirty: set[str] = getattr(request, "host_dirty", set())
    shown = [name for name in mounted_on_page(request) if name in dirty and mount_id(name) != request.htmx.target]
    if not shown:
        return ""
    offered = page_props(request)
    return "".join(mount_html(request, name, offered, oob=True) for name in shown)


def page_props(request: HttpRequest) -> dict[str, object]:
    """The host's props for the page an htmx request came from, built once per request."""
    props = getattr(request, "_page_props", None)
    if props is None:
        props = request._page_props = host_props(request, **page_route_params(request))
    return props


def mounted_on_page(request: HttpRequest) -> list[str]:
    """The components the page says it shows (host.js sends them). Only a hint: names are looked up, never run."""
    return list(dict.fromkeys(request.headers.get(MOUNTED_HEADER, "").split()[:MAX_MOUNTED]))


def inspector_updates(request: HttpRequest) -> str:
    """With the inspector on: the new store state and what this request did, out of band into its panel."""
    if not inspector.enabled():
        return ""
    context = {"inspector_state": inspector.masked_state(request), "inspector_entries": inspector.entries(request)}
    return render_to_string("host/inspector_oob.html", context, request)


def toast_updates(request: HttpRequest) -> str:
    """The queued messages, appended to the host's toast region."""
    queued = list(messages.get_messages(request))
    if not queued:
        return ""
    return render_to_string("host/toasts.html", {"toasts": queued, "oob": True}, request)
