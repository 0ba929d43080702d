"""Chapter 11, your turn: the cart's new version (a delivery note in the bag, with a stylesheet of its own) is
used by the host as soon as the cart's server runs it, the host untouched."""

import re

import pytest
from django.apps import apps
from django.test import Client

from api.services import catalog_seed
from tests.conftest import ServedRemote, mounted_by_url

pytestmark = pytest.mark.django_db(transaction=True)

NOTE = "Delivery is free from €50."
STYLESHEET = "/remotes/cart/static/cart/delivery.css"


def add_something(client: Client) -> None:
    catalog_seed(count=4)
    product_id = re.search(r"/product/(\d+)/", client.get("/").content.decode())
    assert product_id, "the catalog shows no product"
    client.post(f"/remotes/products/{product_id[1]}/add-to-cart/", {"quantity": 1})


def test_the_bag_says_delivery_is_free_from_50(client: Client) -> None:
    add_something(client)
    bag = client.get("/bag/").content.decode()
    assert re.search(rf'<p class="bag-delivery">\s*{re.escape(NOTE)}\s*</p>', bag), (
        f'Add <p class="bag-delivery">{NOTE}</p> under the bag\'s table in apps/cart/templates/cart/bag.html.'
    )


def test_the_bag_has_a_stylesheet_of_its_own_for_it() -> None:
    config = apps.get_app_config("cart")
    assert "cart/delivery.css" in config.stylesheets["Bag"], (
        'List "cart/delivery.css" among the Bag\'s stylesheets in apps/cart/apps.py.'
    )
    css = config.path + "/static/cart/delivery.css"
    with open(css) as stylesheet:
        assert ".bag-delivery" in stylesheet.read(), f"Style .bag-delivery in {css}."


def test_the_host_uses_the_new_version_from_the_carts_own_server(client: Client, django_db_setup: None) -> None:
    """The cart on a server of its own, as `manage.py demo --split` runs it: the host's bag page shows its note
    and links its new stylesheet, which comes through the host."""
    cart = ServedRemote("apps.cart", development=True)
    cart.start()
    try:
        # Ten seconds, not the shop's two: this checks which version answers, and a new server on a busy machine
        # (the complete run replays the tutorial beside the rest) may take longer over its first pages.
        with mounted_by_url({"cart": cart}, timeout=10):
            add_something(client)
            bag = client.get("/bag/").content.decode()
            assert NOTE in bag, "The bag the cart's server renders has no delivery note."
            assert f'<link rel="stylesheet" href="{STYLESHEET}">' in bag, (
                "The host does not link cart/delivery.css: is it in the cart's stylesheets for the Bag?"
            )
            assert client.get(STYLESHEET).status_code == 200
    finally:
        cart.stop()
