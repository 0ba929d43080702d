"""Props the cart components accept: the contract between this remote and any host."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class BagProps:
    """Props of cart/Bag."""

    products_href: str
    """Where "Continue shopping" goes; the host owns that route."""
    product_href: Callable[[int], str] | None = None
    """Where a line's product name links to; unlinked when not given."""


@dataclass(frozen=True, kw_only=True)
class CartBadgeProps:
    """Props of cart/CartBadge."""

    bag_href: str
    """Where the badge links to: the host's bag page."""
