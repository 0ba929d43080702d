"""Chapter 10, your turn: your own remote, a wishlist that hears "Add to cart" and shows its count in the header."""

import pytest
from django.apps import apps
from django.test import Client

from api.models import Product

pytestmark = pytest.mark.django_db


def test_the_wishlist_is_a_mounted_remote() -> None:
    assert apps.is_installed("apps.wishlist"), "Run `uv run python manage.py startremote wishlist`."


def test_the_header_counts_each_product_put_in_the_bag_once(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    assert product is not None
    assert "Wishlist: 0 products" in client.get("/").content.decode()
    for _ in range(2):
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    assert "Wishlist: 1 product " in client.get("/").content.decode()


def test_the_count_asks_for_itself_again_when_the_page_hears_cart_item_added(client: Client) -> None:
    html = client.get("/remotes/wishlist/", headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="cart:item-added from:document"' in html


def test_it_shows_in_the_header_of_every_page_with_its_stylesheet(client: Client, catalog: int) -> None:
    html = client.get("/login/").content.decode()
    head, header = html[: html.index("</head>")], html[html.index("<header") : html.index("</header>")]
    assert 'data-mount="wishlist/Wishlist"' in header, (
        'Mount it in the header of host/templates/host/base.html: {% mount "wishlist/Wishlist" %}.'
    )
    assert "/static/wishlist/wishlist.css" in head, "Its stylesheet is linked once it is mounted in the layout."
