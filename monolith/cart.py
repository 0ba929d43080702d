"""The cart, kept in the visitor's session as {product id: quantity}. Every page reads it for the header."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest

from monolith.models import Product

SESSION_KEY = "monolith_cart"
MAX_QUANTITY = 99


@dataclass(frozen=True)
class Line:
    product: Product
    quantity: int

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
    """Add to a line and return its new quantity; ValueError if the line would go over MAX_QUANTITY."""
    new_quantity = cart_items(request).get(product.pk, 0) + quantity
    if new_quantity > MAX_QUANTITY:
        raise ValueError(f"You can have at most {MAX_QUANTITY} of one product in your cart.")
    cart_set(request, product.pk, new_quantity)
    return new_quantity


def cart_lines(request: HttpRequest) -> list[Line]:
    """The cart with its products, in one query; products deleted since are left out."""
    items = cart_items(request)
    products = Product.objects.filter(pk__in=items)
    return [Line(product, items[product.pk]) for product in products]


def cart_count(request: HttpRequest) -> int:
    return sum(cart_items(request).values())


def cart_clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
