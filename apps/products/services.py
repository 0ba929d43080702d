"""What the products remote changes: it adds to the cart by dispatching to the shared store."""

from django.http import HttpRequest

from api.client import api_client
from apps.products import catalog
from shared_store import dispatch
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
