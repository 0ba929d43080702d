"""Chapter 6, your turn: a second handoff channel, "just-added": the products remote tells the bag, once, which
product was just put in it, and the bag marks that line."""

import pytest
from django.test import Client

from api.models import Product
from tests.tutorial.reading import rows

pytestmark = pytest.mark.django_db


def marked(html: str) -> list[str]:
    """The products of the bag's lines marked "Just added": the rows with the class `just-added`, by the name in
    their header cell (the "Just added" label itself taken off)."""
    return [
        row.header.removesuffix("Just added").strip() for row in rows(html) if {"bag-line", "just-added"} <= row.classes
    ]


@pytest.fixture
def products(catalog: int) -> list[Product]:
    return list(Product.objects.order_by("pk")[:2])


def test_the_bag_marks_the_product_just_added(client: Client, products: list[Product]) -> None:
    first, second = products
    client.post(f"/remotes/products/{first.pk}/add-to-cart/", {"quantity": 1})
    client.post(f"/remotes/products/{second.pk}/add-to-cart/", {"quantity": 1})
    html = client.get("/bag/").content.decode()
    assert marked(html) == [second.name], (
        'Give the <tr> of the line just added the class "just-added" (only the latest add is marked).'
    )
    assert [row.header for row in rows(html) if "just-added" in row.classes] == [f"{second.name} Just added"], (
        'Say it in the name cell too: <span class="bag-line-new">Just added</span>.'
    )


def test_it_is_read_once(client: Client, products: list[Product]) -> None:
    client.post(f"/remotes/products/{products[0].pk}/add-to-cart/", {"quantity": 1})
    client.get("/bag/")
    assert marked(client.get("/bag/").content.decode()) == []


def test_another_visitor_on_another_browser_sees_nothing(client: Client, products: list[Product]) -> None:
    client.post(f"/remotes/products/{products[0].pk}/add-to-cart/", {"quantity": 1})
    other = Client()
    other.post(f"/remotes/products/{products[1].pk}/add-to-cart/", {"quantity": 1})
    assert marked(client.get("/bag/").content.decode()) == [products[0].name]


def test_the_channel_is_declared_in_the_catalog_with_its_shape() -> None:
    from shared_store.channels import CHANNELS, mismatch

    channel = CHANNELS.get("just-added")
    assert channel is not None, 'Declare the "just-added" channel in shared_store/channels.py, and list it in CHANNELS.'
    assert mismatch({"product_id": 3}, channel.schema) is None, 'Its message is {"product_id": <a whole number>}.'
    assert mismatch({"product_id": "3"}, channel.schema) is not None, "Its schema says product_id is an int."
