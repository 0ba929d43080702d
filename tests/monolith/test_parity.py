"""The monolith is the same shop before the split: each of its pages is the federated shop's page, on the same data.

Both shops get the same catalog (same ids) and the same visitor doing the same things, each page is read in
both, and their outlines (tests/monolith/parity.py: elements, attributes, text, with what must differ taken
out) must be equal. A failure names every page that differs, and how.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client

from api.models import Order, OrderLine, Product
from api.services import catalog_seed
from monolith import models as monolith
from tests.helpers import htmx_headers
from tests.monolith.parity import differences

pytestmark = pytest.mark.django_db

CARD = {"name": "Demo Shopper", "expiry": "12/39", "cvc": "123"}
DECLINED = "4000 0000 0000 0002"


@dataclass
class Shops:
    """One visitor of each shop; `compare` reads a page in both and keeps what differs."""

    federated: Client = field(default_factory=Client)
    monolith: Client = field(default_factory=Client)
    found: list[str] = field(default_factory=list)

    def compare(self, page: str, path: str, *, status: int = 200, monolith_path: str = "") -> None:
        """The page at `path` in the federated shop and at /monolith`path` (or `monolith_path`) in the monolith."""
        composed, alone = self.federated.get(path), self.monolith.get(monolith_path or f"/monolith{path}")
        assert (composed.status_code, alone.status_code) == (status, status), page
        self.found.append(differences(page, composed.content.decode(), alone.content.decode()))

    def compare_answers(self, page: str, composed: str, alone: str) -> None:
        self.found.append(differences(page, composed, alone))

    def add(self, product: Product, quantity: int = 1) -> None:
        composed = self.federated.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity})
        alone = self.monolith.post(f"/monolith/product/{product.pk}/add/", {"quantity": quantity})
        assert (composed.status_code, alone.status_code) == (303, 302)

    def log_in(self) -> None:
        for client, prefix in ((self.federated, ""), (self.monolith, "/monolith")):
            response = client.post(f"{prefix}/login/", {"username": "demo", "password": "mfe-demo-pass"})
            assert response.status_code == 302, response.content

    def check(self) -> None:
        """Fail, naming every page that differs and how, if any did."""
        report = "\n\n".join(found for found in self.found if found)
        if report:
            pytest.fail(report, pytrace=False)


@pytest.fixture
def shops(db: None) -> Shops:
    """The demo catalog in both shops, product for product with the same ids: 30 products, two pages."""
    catalog_seed(count=30)
    fields = ("pk", "name", "slug", "description", "price", "stock")
    monolith.Product.objects.bulk_create(
        monolith.Product(**{name: getattr(product, name) for name in fields}) for product in Product.objects.all()
    )
    return Shops()


def products() -> list[Product]:
    """The first three of the catalog's first page (by name, as both shops list it)."""
    return list(Product.objects.order_by("name", "pk")[:3])


def test_the_catalog_and_the_error_pages_are_the_same_pages(shops: Shops) -> None:
    few_left = Product.objects.filter(stock__lte=5).first()
    sold_out = Product.objects.order_by("pk").last()
    Product.objects.filter(pk=sold_out.pk).update(stock=0)
    monolith.Product.objects.filter(pk=sold_out.pk).update(stock=0)
    shops.compare("product list", "/")
    shops.compare("product list, page 2", "/?page=2")
    shops.compare("product detail", f"/product/{products()[1].pk}/")
    shops.compare("product detail, only a few left", f"/product/{few_left.pk}/")
    shops.compare("product detail, out of stock", f"/product/{sold_out.pk}/")
    shops.compare("404 of an unknown product", "/product/999999/", status=404)
    shops.compare("404 of a page past the last", "/?page=9", status=404)
    shops.compare("404 of an unknown address", "/no-such-page/", status=404)
    shops.compare("empty bag", "/bag/")
    shops.compare(
        "login, sent there by the payment page",
        "/login/?next=/checkout/payment/",
        monolith_path="/monolith/login/?next=/monolith/checkout/payment/",
    )
    shops.check()


def test_the_bag_and_the_payment_step_are_the_same_pages(shops: Shops, demo_user) -> None:
    first, second, third = products()
    shops.add(first, 2)
    shops.compare("product list after an add (its toast)", "/")
    shops.add(second)
    shops.add(third)
    shops.compare("full bag (the adds' toasts)", "/bag/")
    shops.federated.post("/remotes/cart/selection/", {"selected": [first.pk, third.pk], "selection": "1"})
    shops.monolith.post("/monolith/bag/selection/", {"selected": [first.pk, third.pk]})
    shops.compare("bag with a line unticked", "/bag/")
    shops.log_in()
    shops.compare("bag, logged in (the welcome toast)", "/bag/")

    chosen = {"selected": [first.pk, third.pk]}
    assert shops.federated.post("/remotes/cart/checkout/", {**chosen, "selection": "1"})["Location"] == (
        "/checkout/payment/"
    )
    assert shops.monolith.post("/monolith/bag/checkout/", chosen)["Location"] == "/monolith/checkout/payment/"
    shops.compare("payment", "/checkout/payment/")

    for page, card in (
        ("payment after an empty Pay", dict.fromkeys(("name", "number", "expiry", "cvc"), "")),
        ("payment after a declined card", {**CARD, "number": DECLINED}),
    ):
        key = shops.federated.get("/checkout/payment/").content.decode().split('name="key" value="')[1].split('"')[0]
        shops.federated.post("/remotes/payment/pay/", {**card, "key": key, "next": "/checkout/payment/"})
        composed = shops.federated.get("/checkout/payment/").content.decode()  # a plain post is redirected back
        alone = shops.monolith.post("/monolith/checkout/payment/", card)  # the monolith answers with the page
        assert alone.status_code == 422
        shops.compare_answers(page, composed, alone.content.decode())
    shops.check()


def test_an_order_is_shown_the_same_in_both_shops(shops: Shops, demo_user) -> None:
    """An order placed in each shop with the same id, lines and time: its thank-you page, the orders, its page."""
    bought = [(product, quantity) for product, quantity in zip(products(), (2, 1), strict=False)]
    total = sum((product.price * quantity for product, quantity in bought), Decimal(0))
    order = Order.objects.create(user=demo_user, total=total, currency="EUR", paid_with="•••• 4242")
    OrderLine.objects.bulk_create(
        OrderLine(order=order, product=p, name=p.name, quantity=q, unit_price=p.price) for p, q in bought
    )
    twin = monolith.Order.objects.create(pk=order.pk, user=demo_user, total=total, card_last4="4242")
    monolith.OrderLine.objects.bulk_create(
        monolith.OrderLine(order=twin, product_id=p.pk, quantity=q, unit_price=p.price) for p, q in bought
    )
    placed = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    Order.objects.update(created_at=placed)
    monolith.Order.objects.update(created_at=placed)
    shops.log_in()
    shops.compare("thank-you page (the welcome toast)", f"/checkout/thanks/{order.pk}/")
    shops.compare("orders", "/account/orders/")
    shops.compare("an order", f"/account/orders/{order.pk}/")
    shops.compare("404 of another visitor's order", "/account/orders/999999/", status=404)
    shops.check()


def test_the_htmx_answers_carry_the_same_parts(shops: Shops) -> None:
    """An action sent by htmx is answered in both shops with what it swaps and, out of band, the same badge and
    toast. (The federated host adds the re-render of each component that the page says it shows and the action
    changed: here the badge. The bag's summary beside it, which the monolith also sends, is compared on the page.)"""
    first, second, _ = products()
    composed = shops.federated.post(
        f"/remotes/products/{first.pk}/add-to-cart/",
        {"quantity": 2, "next": "/", "with_quantity": ""},
        headers=htmx_headers("/", "cart/CartBadge", "products/ProductList"),
    )
    alone = shops.monolith.post(
        f"/monolith/product/{first.pk}/add/",
        {"quantity": 2, "next": "/monolith/", "with_quantity": ""},
        headers=htmx_headers("/monolith/"),
    )
    assert (composed.status_code, alone.status_code) == (200, 200)
    assert 'class="cart-badge"' in alone.content.decode()
    assert "toast-success" in alone.content.decode()
    shops.compare_answers("answer to an add to cart", composed.content.decode(), alone.content.decode())

    shops.add(second)
    composed = shops.federated.post(
        f"/remotes/cart/lines/{first.pk}/quantity/",
        {"quantity": 3, "next": "/bag/"},
        headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag", target="remote-cart-Bag"),
    )
    alone = shops.monolith.post(
        f"/monolith/bag/{first.pk}/", {"quantity": 3, "next": "/monolith/bag/"}, headers=htmx_headers("/monolith/bag/")
    )
    assert (composed.status_code, alone.status_code) == (200, 200)
    answer = composed.content.decode()
    summary = alone.content.decode().split('<div hx-swap-oob="innerHTML:.page-aside">')
    assert len(summary) == 2, "the monolith's answer updates the bag's summary too"
    without_summary = summary[0] + summary[1].split("</div>", 1)[1]
    shops.compare_answers("answer to a quantity change in the bag", answer, without_summary)
    shops.check()
