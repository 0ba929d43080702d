"""The cart, kept in the visitor's session as {product id: quantity}. Every page reads it for the header.

Which lines to pay for now is kept beside it, as the ids the visitor unticked: a line added later starts ticked.
The unticked lines stay unticked after an order, so a second click on Pay finds nothing left to pay.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest

from monolith.models import Product

SESSION_KEY = "monolith_cart"
DESELECTED_KEY = "monolith_cart_deselected"
MAX_QUANTITY = 99
MAX_LINES = 50


@dataclass(frozen=True)
class Line:
    product: Product
    quantity: int
    selected: bool = True

    @property
    def subtotal(self) -> Decimal:
        return self.product.price * self.quantity


def cart_items(request: HttpRequest) -> dict[int, int]:
    """The session's cart; JSON turned the ids into strings, so turn them back."""
    return {int(pk): quantity for pk, quantity in request.session.get(SESSION_KEY, {}).items()}


def cart_set(request: HttpRequest, product_id: int, quantity: int) -> None:
    """Set one line's quantity; 0 removes the line."""
    items = cart_items(request)
    if quantity > 0:
        items[product_id] = quantity
    else:
        items.pop(product_id, None)
    request.session[SESSION_KEY] = {str(pk): count for pk, count in items.items()}


def cart_add(request: HttpRequest, product: Product, quantity: int) -> int:
    """Add to a line and return its new quantity; ValueError, saying why, if the stock or the cart has no room."""
    items = cart_items(request)
    if product.pk not in items and len(items) >= MAX_LINES:
        raise ValueError(f"Your bag can hold at most {MAX_LINES} different products.")
    new_quantity = items.get(product.pk, 0) + quantity
    check_quantity(product, new_quantity)
    cart_set(request, product.pk, new_quantity)
    return new_quantity


def cart_change(request: HttpRequest, product: Product, quantity: int) -> None:
    """Set a line's quantity; ValueError, saying why, if the stock or the cart has no room."""
    check_quantity(product, quantity)
    cart_set(request, product.pk, quantity)


def check_quantity(product: Product, quantity: int) -> None:
    """ValueError, saying why, if a line cannot hold `quantity` of the product."""
    if quantity > product.stock:
        raise ValueError(f"Only {product.stock} in stock." if product.stock else "This product is out of stock.")
    if quantity > MAX_QUANTITY:
        raise ValueError(f"You can have at most {MAX_QUANTITY} of one product in your bag.")


def cart_lines(request: HttpRequest) -> list[Line]:
    """The cart with its products in the order they were added, in one query; products deleted since are left out."""
    items = cart_items(request)
    products = Product.objects.in_bulk(items)
    deselected = set(request.session.get(DESELECTED_KEY, []))
    return [Line(products[pk], quantity, pk not in deselected) for pk, quantity in items.items() if pk in products]


def cart_count(request: HttpRequest) -> int:
    return sum(cart_items(request).values())


def cart_select(request: HttpRequest, selected_ids: set[int]) -> None:
    """Tick the lines to pay for now, untick the others."""
    request.session[DESELECTED_KEY] = sorted(set(cart_items(request)) - selected_ids)


def cart_remove(request: HttpRequest, product_ids: set[int]) -> None:
    """Take the lines just paid for out of the cart; an empty cart goes altogether."""
    for product_id in product_ids:
        cart_set(request, product_id, 0)
    if not cart_items(request):
        cart_clear(request)


def cart_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.pop(DESELECTED_KEY, None)
