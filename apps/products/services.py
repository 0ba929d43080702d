"""What the products remote changes: it adds to the cart by dispatching to the shared store."""

from django.http import HttpRequest

from api.client import api_client, money
from apps.products import catalog
from shared_store import dispatch, select
from shared_store.slices import cart


def cart_add(request: HttpRequest, *, product_id: int, quantity: int) -> catalog.Product:
    """Add `quantity` of a product at its current price; raises ApiError or ActionRejected, writing nothing."""
    product = catalog.product_get(api_client(request), product_id=product_id)
    dispatch(
        request,
        cart.AddItem(
            product_id=product.id,
            quantity=quantity,
            unit_price=product.price,
            currency=product.currency,
            available=product.stock,
        ),
    )
    return product


def bag_summary(request: HttpRequest) -> str:
    """The visitor's bag in a few words, as the toast of an add says it: "3 items, €36.00"."""
    lines = select(request, cart.select_lines)
    count = select(request, cart.select_count)
    total = money(select(request, cart.select_total), lines[0]["currency"] if lines else "EUR")
    return f"{count} item{'' if count == 1 else 's'}, {total}"
