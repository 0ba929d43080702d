"""What the cart remote changes, always by dispatching to the shared store."""

from django.http import HttpRequest

from api.client import ApiError, api_client
from apps.cart.bag import NO_LONGER_SOLD
from shared_store import dispatch
from shared_store.slices import cart


def line_set_quantity(request: HttpRequest, *, product_id: int, quantity: int) -> None:
    """Set a line's quantity, checked against the current stock; raises ApiError or ActionRejected."""
    product = api_client(request).get(f"/api/products/{product_id}/", authenticated=False)
    dispatch(request, cart.SetQuantity(product_id=product_id, quantity=quantity, available=product["stock"]))


def line_remove(request: HttpRequest, *, product_id: int) -> None:
    dispatch(request, cart.RemoveItem(product_id=product_id))


def product_name(request: HttpRequest, *, product_id: int) -> str:
    """A product's name, for a sentence about it; a stand-in when the catalog can't say."""
    try:
        return str(api_client(request).get(f"/api/products/{product_id}/", authenticated=False)["name"])
    except ApiError:
        return NO_LONGER_SOLD
