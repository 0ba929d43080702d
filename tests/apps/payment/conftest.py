"""Fixtures of the payment remote's tests."""

import pytest
from django.test import Client

from api.models import Product


@pytest.fixture
def checkout(client: Client, catalog: int, demo_user) -> dict:
    """Two products in the bag, the second deselected, handed over, logged in, on the payment page."""
    first, second = Product.objects.order_by("pk")[:2]
    for product in (first, second):
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.post("/remotes/cart/selection/", {"selected": [first.pk]})
    client.post("/remotes/cart/checkout/")
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    html = client.get("/checkout/payment/").content.decode()
    page = html[html.index('<section class="payment"') : html.index("</section>")]
    key = page.split('name="key" value="')[1].split('"')[0]
    return {"first": first, "second": second, "key": key, "page": page}
