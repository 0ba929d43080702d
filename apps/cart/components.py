"""The components this remote exposes: functions of (request, props) that return HTML."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.http import HttpRequest
from django.template.loader import render_to_string

from api.client import ApiError, api_client
from apps.cart.bag import Bag, BagLine, bag_get
from apps.cart.props import BagProps, CartBadgeProps, SelectedItem
from apps.cart.selection import deselected_ids, selection_refresh
from federation.components import current_page_path
from shared_store import select, subscribe
from shared_store.slices import cart

UNAVAILABLE = "Your bag's product details can't be loaded right now. Please try again in a moment."

type Focus = int | Literal["heading"]
"""Where the keyboard focus goes once htmx has swapped the bag in: a line (by product id) or the bag's heading."""


@dataclass(frozen=True)
class Row:
    """One line of the bag as the template shows it."""

    line: BagLine
    href: str | None
    error: str | None
    quantity: int | str
    """What the quantity box holds: the line's quantity, or what the shopper typed when it was refused."""
    selected: bool
    focused: bool
    """Whether the focus moves to this line's first control (its line was removed, this one took its place)."""


@subscribe("cart")
def bag(
    request: HttpRequest,
    props: BagProps,
    *,
    errors: dict[int | None, str] | None = None,
    entered: dict[int, str] | None = None,
    report: bool = True,
    focus: Focus | None = None,
    announce: Callable[[Bag], tuple[str, str]] | None = None,
) -> str:
    """The bag page: lines with quantities, line totals and the total; or the empty-bag state.

    `errors` and `entered` (by product id) show a refused change next to its line, keeping what was typed;
    an error under None, or about a line the bag no longer shows, goes at the top. Either way the focus moves
    to the error. Otherwise `focus` moves it (after a removal); left None, htmx keeps it on the control used.
    The lines and their selection are reported through `on_selected_items_change` unless `report` is false
    (a refused change: nothing changed, so there is nothing to report). `announce` words what an action changed
    from the bag as it is now (a message and its toast level), told through `on_show_toast`.
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
    if announce is not None:
        props.on_show_toast(*announce(found))
    shown = {line.product_id for line in found.lines}
    # An error about a line the bag no longer shows (e.g. from a stale page) goes at the top instead.
    context["error"] = next((message for product_id, message in errors.items() if product_id not in shown), None)
    selection_refresh(request, line_ids=shown)
    deselected = deselected_ids(request)
    context["bag"] = found
    rows = [
        Row(
            line=line,
            href=props.product_href(line.product_id) if props.product_href else None,
            error=errors.get(line.product_id),
            quantity=entered.get(line.product_id, line.quantity),
            selected=line.product_id not in deselected,
            focused=focus == line.product_id,
        )
        for line in found.lines
    ]
    context["rows"] = rows
    context["focus_heading"] = focus is not None and not any(row.focused for row in rows)
    # What "Go to payment" hands over; it gets a row of its own when it is not the whole bag.
    due = found.payable(deselected)
    context["due"] = due
    context["due_differs"] = due.lines != found.lines
    context["selected_count"] = sum(1 for line in found.lines if line.product_id not in deselected)
    if report:
        props.on_selected_items_change(
            [
                SelectedItem(
                    product_id=line.product_id,
                    quantity=line.quantity,
                    line_total=line.total,
                    currency=line.currency,
                    selected=line.product_id not in deselected,
                )
                for line in found.lines
            ]
        )
    return render_to_string("cart/bag.html", context, request)


@subscribe("cart")
def cart_badge(request: HttpRequest, props: CartBadgeProps) -> str:
    """The header badge: a link to the bag whose accessible name says how many items it holds."""
    count = select(request, cart.select_count)
    return render_to_string("cart/cart_badge.html", {"count": count, "bag_href": props.bag_href}, request)
