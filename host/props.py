"""The props the host supplies to remotes, in one place: links to host routes, and callbacks.

A remote never reverses a host route or imports the host; it calls these. Navigation answers htmx with
HX-Redirect and a plain request with a 303, so the same remote code works with and without JavaScript.
"""

from collections.abc import Callable, Sequence
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django_htmx.http import HttpResponseClientRedirect

from federation.links import link
from federation.mounting import current_page_path
from federation.standalone import show_message


class ReportedLine(Protocol):
    """What the host reads from each item a remote reports (the cart's SelectedItem fits)."""

    quantity: int
    selected: bool


def product_href(product_id: int) -> str:
    """The host's route for one product."""
    return link("product-detail", "product_numeric_id", product_id)


def thanks_href(order_id: int) -> str:
    return link("thanks", "order_numeric_id", order_id)


def navigate(request: HttpRequest, path: str) -> HttpResponse:
    """Go to `path`: a full page load for htmx (HX-Redirect), a 303 for a plain request."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(path)
    return HttpResponseRedirect(path, status=303)


def show_toast(request: HttpRequest, message: str, level: str = "info") -> None:
    """Queue a toast; the host shows it in its toast region, in this response or on the next page."""
    show_message(request, message, level)


def report_selection(request: HttpRequest, items: Sequence[ReportedLine]) -> None:
    """Keep what the cart reported, for the checkout summary; an htmx response re-renders it out of band."""
    request.checkout_selection = list(items)
    dirty: set[str] = getattr(request, "host_dirty", set())
    dirty.add("host/CheckoutSummary")
    request.host_dirty = dirty


def name_page(request: HttpRequest, title: str) -> None:
    """Title the page after what its content shows (a product's name) rather than its route's generic title."""
    request.page_title = title


def host_props(request: HttpRequest, **route_params: Any) -> dict[str, Any]:
    """Everything the host offers; each component takes only the props its dataclass declares.

    Built once per request and route parameters: a page mounts several components, each asking for them.
    """
    built: dict[tuple[tuple[str, Any], ...], dict[str, Any]] = request.__dict__.setdefault("_host_props", {})
    key = tuple(sorted(route_params.items()))
    if key not in built:
        built[key] = _build(request, route_params)
    return dict(built[key])


def _build(request: HttpRequest, route_params: dict[str, Any]) -> dict[str, Any]:
    go: Callable[[str], HttpResponse] = lambda path: navigate(request, path)  # noqa: E731
    return {
        # links to host routes
        "product_href": product_href,
        "products_href": reverse("home"),
        "bag_href": reverse("bag"),
        "orders_href": reverse("orders"),
        "thanks_href": thanks_href,
        "login_href": f"{reverse('login')}?next={quote(current_page_path(request))}",
        # callbacks
        "handle_navigate": go,
        "on_go_to_payment": lambda: go(reverse("payment")),
        "on_selected_items_change": lambda items: report_selection(request, items),
        "on_show_toast": lambda message, level="info": show_toast(request, message, level),
        "on_page_title": lambda title: name_page(request, title),
        # route parameters of the page (e.g. product_numeric_id)
        **route_params,
    }


def page_route_params(request: HttpRequest) -> dict[str, object]:
    """The route parameters of the page an htmx request came from (e.g. product_numeric_id)."""
    htmx = getattr(request, "htmx", None)
    page = htmx.current_url_abs_path if htmx else None
    if not page:
        return {}
    try:
        return dict(resolve(urlsplit(page).path).kwargs)
    except Resolver404:
        return {}
