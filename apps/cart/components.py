"""The components this remote exposes: functions of (request, props) that return HTML."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from api.client import ApiError, api_client
from apps.cart.bag import bag_get
from apps.cart.props import BagProps, CartBadgeProps, SelectedItem
from apps.cart.selection import deselected_ids
from federation.mounting import current_page_path
from shared_store import select, subscribe
from shared_store.slices import cart

UNAVAILABLE = "Your bag's product details can't be loaded right now. Please try again in a moment."


@subscribe("cart")
def bag(
    request: HttpRequest,
    props: BagProps,
    *,
    errors: dict[int | None, str] | None = None,
    entered: dict[int, str] | None = None,
    report: bool = True,
) -> str:
    """The bag page: lines with quantities, line totals and the total; or the empty-bag state.

    `errors` and `entered` (by product id) show a refused change next to its line, keeping what was typed;
    an error under None, or about a line the bag no longer shows, goes at the top.
    The lines and their selection are reported through `on_selected_items_change` unless `report` is false
    (a refused change: nothing changed, so there is nothing to report).
    """
    errors = errors or {}
    entered = entered or {}
    context: dict[str, object] = {
        "props": props,
        "next": current_page_path(request),
        "error": None,
        # A boolean, not the callback: a template would call a callable it is given.
        "can_go_to_payment": props.on_go_to_payment is not None,
    }
    try:
        found = bag_get(request, api_client(request))
    except ApiError:
        context["error"] = UNAVAILABLE
        return render_to_string("cart/bag.html", context, request)
    shown = {line.product_id for line in found.lines}
    # An error about a line the bag no longer shows (e.g. from a stale page) goes at the top instead.
    context["error"] = next((message for product_id, message in errors.items() if product_id not in shown), None)
    deselected = deselected_ids(request)
    context["bag"] = found
    context["rows"] = [
        (
            line,
            props.product_href(line.product_id) if props.product_href else None,
            errors.get(line.product_id),
            entered.get(line.product_id, line.quantity),
            line.product_id not in deselected,
        )
        for line in found.lines
    ]
    context["selected_count"] = sum(1 for line in found.lines if line.product_id not in deselected)
    if report:
        props.on_selected_items_change(
            [
                SelectedItem(product_id=line.product_id, quantity=line.quantity, line_total=line.total,
                             currency=line.currency, selected=line.product_id not in deselected)
                for line in found.lines
            ]
        )  # fmt: skip
    return render_to_string("cart/bag.html", context, request)


@subscribe("cart")
def cart_badge(request: HttpRequest, props: CartBadgeProps) -> str:
    """The header badge: a link to the bag whose accessible name says how many items it holds."""
    count = select(request, cart.select_count)
    return render_to_string("cart/cart_badge.html", {"count": count, "bag_href": props.bag_href}, request)
