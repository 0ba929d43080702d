"""Props the products components accept: the contract between this remote and any host."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class ProductListProps:
    """Props of products/ProductList."""

    product_href: Callable[[int], str]
    """Where a product card links to; the host owns that route."""


@dataclass(frozen=True, kw_only=True)
class ProductDetailProps:
    """Props of products/ProductDetail."""

    product_numeric_id: int
    """The product to show, taken from the host's route."""
    products_href: str
    """Where "All products" goes."""
    on_page_title: Callable[[str], None] = lambda title: None
    """Title the page after the product (the host owns the page's <title>)."""


@dataclass(frozen=True, kw_only=True)
class AddToCartProps:
    """Props of the add-to-cart action that the list's and the detail's forms post to."""

    on_show_toast: Callable[[str, str], None] = lambda message, level: None
    """Show a short message ("info", "success" or "error") wherever the host shows them."""
