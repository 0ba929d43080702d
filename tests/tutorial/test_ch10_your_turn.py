"""Chapter 10, your turn: your own remote, a wishlist that hears "Add to cart" and shows its count in the footer."""

import re

import pytest
from django.apps import apps
from django.test import Client

from api.models import Product
from tests.helpers import htmx_headers
from tests.tutorial.reading import Mount, mount_of

pytestmark = pytest.mark.django_db

WISHLIST = "wishlist/Wishlist"


def add_to_cart(client: Client, product: Product, **headers: str) -> str:
    return client.post(
        f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=headers
    ).content.decode()


def shown(html: str) -> Mount:
    found = mount_of(html, WISHLIST)
    assert found is not None, f'The page shows no "{WISHLIST}": mount it in host/templates/host/base.html.'
    return found


def counts(mount: Mount, products: int) -> bool:
    """The wishlist reads "Wishlist: 1 product" (or "0 products", "2 products") and maybe more after it."""
    word = "product" if products == 1 else "products"
    return re.match(rf"Wishlist: {products} {word}\b", mount.text) is not None


@pytest.fixture
def product(catalog: int) -> Product:
    found = Product.objects.order_by("pk").first()
    assert found is not None
    return found


def test_the_wishlist_is_a_mounted_remote() -> None:
    assert apps.is_installed("apps.wishlist"), "Run `uv run python manage.py startremote wishlist`."


def test_it_shows_in_the_footer_of_every_page_with_its_stylesheet(client: Client, catalog: int) -> None:
    html = client.get("/login/").content.decode()
    assert "footer" in shown(html).within, 'Mount it inside the <footer> of base.html: {% mount "wishlist/Wishlist" %}.'
    head = html[: html.index("</head>")]
    assert "/static/wishlist/wishlist.css" in head, "Its stylesheet is linked once it is mounted in the layout."


def test_the_count_counts_each_product_put_in_the_bag_once(client: Client, product: Product) -> None:
    before = shown(client.get("/").content.decode())
    assert counts(before, 0), f'Before any add it should read "Wishlist: 0 products", not "{before.text}".'
    for _ in range(2):
        add_to_cart(client, product)
    after = shown(client.get("/").content.decode())
    assert counts(after, 1), f'One product added twice should read "Wishlist: 1 product", not "{after.text}".'


def test_the_adds_own_answer_carries_the_new_count(client: Client, product: Product) -> None:
    """One request per action: the page does not ask the wishlist again, the add's answer brings it along."""
    answer = add_to_cart(client, product, **htmx_headers("/", "cart/CartBadge", WISHLIST))
    carried = mount_of(answer, WISHLIST)
    not_carried = (
        "The add's answer does not carry the wishlist: subscribe its component to the cart slice "
        '(@subscribe("cart")), and the host re-renders it out of band whenever the bag changes.'
    )
    assert carried is not None, not_carried
    assert carried.out_of_band, not_carried
    assert counts(carried, 1), f'It should read "Wishlist: 1 product", not "{carried.text}".'
