"""Chapter 4, your turn: a callback prop `on_page_description`, so the product page describes itself to search
engines while the host keeps owning the page's <meta name="description">."""

import re

import pytest
from django.test import Client
from django.utils.html import escape
from django.utils.text import Truncator

from api.models import Product
from apps.products.props import ProductDetailProps

pytestmark = pytest.mark.django_db


def descriptions(html: str) -> list[str]:
    return re.findall(r'<meta name="description" content="([^"]*)">', html)


def test_the_product_page_is_described_by_its_product(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    assert product is not None
    html = client.get(f"/product/{product.pk}/").content.decode()
    assert descriptions(html) == [escape(Truncator(product.description).chars(160))]


def test_other_pages_keep_the_shops_description(client: Client, catalog: int) -> None:
    home = descriptions(client.get("/").content.decode())
    assert len(home) == 1
    assert home[0].startswith("A teaching shop")


def test_the_prop_is_declared_with_a_default_so_a_host_may_leave_it_out() -> None:
    props = ProductDetailProps(product_numeric_id=1, products_href="/")
    assert hasattr(props, "on_page_description"), "Declare on_page_description in ProductDetailProps."
    assert props.on_page_description("A description") is None  # type: ignore[attr-defined]
