"""Each remote's URLconf can be included under any prefix and links only through its own namespace."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from api.models import Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def any_prefix(settings: Settings) -> None:
    """The remotes under another URLconf, without this host's middleware (it supplies this host's props)."""
    settings.ROOT_URLCONF = "tests.apps.any_prefix_urls"
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if not name.startswith("host.")]


def test_routes_follow_the_prefix(any_prefix: None) -> None:
    assert reverse("products:list") == "/shop/items/"
    assert reverse("cart:bag") == "/deep/down/cart/bag/"
    assert reverse("payment:payment") == "/x/payment/"


def test_products_pages_link_within_the_prefix(client: Client, catalog: int, any_prefix: None) -> None:
    product = Product.objects.first()
    listing = client.get("/shop/items/").content.decode()
    assert f'href="/shop/items/{product.pk}/"' in listing
    detail = client.get(f"/shop/items/{product.pk}/").content.decode()
    assert 'href="/shop/items/"' in detail


def test_htmx_gets_the_bare_fragment(client: Client, catalog: int, any_prefix: None) -> None:
    html = client.get("/shop/items/", headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section class="products"')
    assert "<html" not in html


def test_full_page_gets_the_remote_shell(client: Client, any_prefix: None) -> None:
    html = client.get("/deep/down/cart/bag/").content.decode()
    assert "running standalone" in html
    assert "cart/cart.css" in html
