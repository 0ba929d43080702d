"""The props the host supplies to remotes, in one place: links to host routes, and callbacks.

A remote never reverses a host route or imports the host; it calls these. Navigation answers htmx with
HX-Redirect and a plain request with a 303, so the same remote code works with and without JavaScript.
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect

from federation.components import current_page_path
from federation.context import request_context
from federation.links import link
from federation.standalone import show_message
from host.pages import page_of
from host.state import ReportedLine, host_state


def product_href(product_id: int) -> str:
    """The host's route for one product."""
    return link("product-detail", "product_numeric_id", product_id)


def thanks_href(order_id: int) -> str:
    return link("thanks", "order_numeric_id", order_id)


def order_href(order_id: int) -> str:
    return link("order", "order_numeric_id", order_id)


def navigate(request: HttpRequest, path: str) -> HttpResponse:
    """Go to `path`: a full page load for htmx (HX-Redirect), a 303 for a plain request."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(path)
    return HttpResponseRedirect(path, status=303)


def report_selection(request: HttpRequest, items: Sequence[ReportedLine]) -> None:
    """Keep what the cart reported, for the checkout summary; an htmx response re-renders it out of band."""
    found = host_state(request)
    found.selection = list(items)
    found.dirty.add("host/CheckoutSummary")


def name_page(request: HttpRequest, title: str) -> None:
    """Title the page after what its content shows (a product's name) rather than its route's generic title."""
    host_state(request).page_title = title


def offered(request: HttpRequest) -> Mapping[str, Any]:
    """The host's props for this request: the one entry point every page, fragment, tag and endpoint uses."""
    found = request_context(request)
    if not isinstance(found.props, HostProps):
        found.props = HostProps(request)
    return found.props


class HostProps(Mapping[str, Any]):
    """The host's props for one request, built on first read: most requests never need them."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self._built: dict[str, Any] | None = None

    def _props(self) -> dict[str, Any]:
        if self._built is None:
            self._built = host_props(self._request, **page_route_params(self._request))
        return self._built

    def __getitem__(self, key: str) -> Any:
        return self._props()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._props())

    def __len__(self) -> int:
        return len(self._props())


def host_props(request: HttpRequest, **route_params: Any) -> dict[str, Any]:
    """Everything the host offers, with the page's route parameters; each component takes only the props its
    dataclass declares."""
    go: Callable[[str], HttpResponse] = lambda path: navigate(request, path)  # noqa: E731
    return {
        # links to host routes
        "product_href": product_href,
        "products_href": reverse("home"),
        "bag_href": reverse("bag"),
        "orders_href": reverse("orders"),
        "thanks_href": thanks_href,
        "order_href": order_href,
        "login_href": f"{reverse('login')}?next={quote(current_page_path(request))}",
        # callbacks
        "handle_navigate": go,
        "on_go_to_payment": lambda: go(reverse("payment")),
        "on_selected_items_change": lambda items: report_selection(request, items),
        # a Django message the layout shows in its toast region, in this answer or on the next page
        "on_show_toast": lambda message, level="info": show_message(request, message, level),
        "on_page_title": lambda title: name_page(request, title),
        # route parameters of the page (e.g. product_numeric_id)
        **route_params,
    }


def page_route_params(request: HttpRequest) -> dict[str, object]:
    """The route parameters of the page being shown (e.g. product_numeric_id): a host page's own; for any other
    request (a remote's endpoint, a fragment), those of the page htmx says it came from."""
    match = request.resolver_match
    if match is not None and page_of(match) is not None:
        return dict(match.kwargs)
    htmx = getattr(request, "htmx", None)  # none on a request that skipped the middleware (RequestFactory)
    page = htmx.current_url_abs_path if htmx else None
    if not page:
        return {}
    try:
        return dict(resolve(urlsplit(page).path).kwargs)
    except Resolver404:
        return {}


class HostPropsMiddleware:
    """Offers the host's props to every request, so a remote's own endpoints get them as its components do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered(request)  # lazy: built only if something reads them
        return self.get_response(request)
