"""Chapter 6, your turn: a second handoff channel, "just-added": the products remote tells the bag, once, which
product was just put in it, and the bag marks that line."""

import re

import pytest
from django.test import Client

from api.models import Product

pytestmark = pytest.mark.django_db


def marked(html: str) -> list[str]:
    """The names of the bag's lines marked "Just added"."""
    return re.findall(r'<tr class="bag-line[^"]*just-added[^"]*"[^>]*>.*?<a [^>]*>([^<]+)</a>', html, re.DOTALL)


@pytest.fixture
def products(catalog: int) -> list[Product]:
    return list(Product.objects.order_by("pk")[:2])


def test_the_bag_marks_the_product_just_added(client: Client, products: list[Product]) -> None:
    first, second = products
    client.post(f"/remotes/products/{first.pk}/add-to-cart/", {"quantity": 1})
    client.post(f"/remotes/products/{second.pk}/add-to-cart/", {"quantity": 1})
    html = client.get("/bag/").content.decode()
    assert marked(html) == [second.name]  # the latest message replaced the one before it
    assert "Just added" in html


def test_it_is_read_once(client: Client, products: list[Product]) -> None:
    client.post(f"/remotes/products/{products[0].pk}/add-to-cart/", {"quantity": 1})
    client.get("/bag/")
    assert marked(client.get("/bag/").content.decode()) == []


def test_another_visitor_on_another_browser_sees_nothing(client: Client, products: list[Product]) -> None:
    client.post(f"/remotes/products/{products[0].pk}/add-to-cart/", {"quantity": 1})
    other = Client()
    other.post(f"/remotes/products/{products[1].pk}/add-to-cart/", {"quantity": 1})
    assert marked(client.get("/bag/").content.decode()) == [products[0].name]
