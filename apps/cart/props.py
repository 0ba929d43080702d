"""Props the cart components accept: the contract between this remote and any host."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse


@dataclass(frozen=True)
class SelectedItem:
    """One line of the bag as reported to the host when the selection changes."""

    product_id: int
    quantity: int
    line_total: Decimal
    currency: str
    selected: bool


@dataclass(frozen=True, kw_only=True)
class BagProps:
    """Props of cart/Bag."""

    products_href: str
    """Where "Continue shopping" goes; the host owns that route."""
    product_href: Callable[[int], str] | None = None
    """Where a line's product name links to; unlinked when not given."""
    on_selected_items_change: Callable[[Sequence[SelectedItem]], None] = lambda items: None
    """Called with every line (and whether it is selected) when the bag renders or the selection changes."""
    on_go_to_payment: Callable[[], HttpResponse] | None = None
    """Called after the selection was handed over; its response takes the visitor to payment."""
    on_show_toast: Callable[[str, str], None] = lambda message, level: None
    """Show a short message ("info", "success" or "error") wherever the host shows them."""


@dataclass(frozen=True, kw_only=True)
class CartBadgeProps:
    """Props of cart/CartBadge."""

    bag_href: str
    """Where the badge links to: the host's bag page."""
