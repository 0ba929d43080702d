"""Use a project copy's shop as a learner would before a chapter's checks: run inside it by `manage.py shell`.

What it leaves behind is what the tutorial's "Try it" steps leave: the demo's data, three visitors' stores, a
checkout handed over and never opened, an order, and the monolith's own session cart.
"""

from django.http import HttpResponse
from django.test import Client

from api.models import Product
from host.management.commands.demo import prepare

CARD = {"name": "Demo Shopper", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123"}


def use() -> None:
    """Prepare the demo's data, then shop: every request is checked, so a broken shop fails the replay here."""
    prepare(verbosity=0)
    first, second, third = Product.objects.order_by("pk")[:3]

    buyer = Client(HTTP_HOST="127.0.0.1")  # the demo answers to loopback names only
    add(buyer, first, 2)
    add(buyer, second, 1)
    redirected(buyer.post("/remotes/cart/checkout/"))
    redirected(buyer.post("/login/", {"username": "demo", "password": "mfe-demo-pass"}))
    page = buyer.get("/checkout/payment/").content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    redirected(buyer.post("/remotes/payment/pay/", {**CARD, "key": key}))
    add(buyer, third, 1)  # the account's next bag

    browsing = Client(HTTP_HOST="127.0.0.1")
    add(browsing, third, 3)
    redirected(browsing.post("/remotes/cart/checkout/"))  # handed over, the payment page never opened

    monolith = Client(HTTP_HOST="127.0.0.1")
    monolith_product = monolith.get("/monolith/").content.decode().split('href="/monolith/product/')[1]
    redirected(monolith.post(f"/monolith/product/{monolith_product.split('/')[0]}/add/", {"quantity": 1}))


def add(client: Client, product: Product, quantity: int) -> None:
    redirected(client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity}))


def redirected(response: HttpResponse) -> None:
    """Every step here ends in a redirect (302 or 303) when it worked; anything else is the shop failing."""
    assert response.status_code in (302, 303), f"{response.request['PATH_INFO']}: {response.status_code}"
