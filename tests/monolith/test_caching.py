"""The monolith's cache of its catalog reads (monolith/caching.py): the benchmark's cached row, kept correct."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from monolith.models import Product

pytestmark = [pytest.mark.usefixtures("monolith_catalog"), pytest.mark.postgres]


@pytest.fixture
def cache_on(settings: Settings) -> None:
    settings.MONOLITH = {**settings.MONOLITH, "CACHE": True}


@pytest.fixture
def product() -> Product:
    return Product.objects.first()


def pages(client: Client, product: Product) -> tuple[str, str]:
    """The catalog's first page and the product's page."""
    list_page = client.get(reverse("monolith:product-list")).content.decode()
    return list_page, client.get(reverse("monolith:product-detail", args=[product.pk])).content.decode()


@pytest.mark.usefixtures("cache_on")
def test_cached_pages_cost_no_query(
    client: Client, product: Product, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    pages(client, product)
    with django_assert_num_queries(0):  # 2 without the cache: the page and its count
        page = client.get(reverse("monolith:product-list"))
    assert page.content.decode().count('class="product-card"') == 24
    assert "Page 1 of 2" in page.content.decode()
    with django_assert_num_queries(0):
        assert product.name in client.get(reverse("monolith:product-detail", args=[product.pk])).content.decode()


def test_without_the_setting_nothing_is_cached(
    client: Client, product: Product, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    pages(client, product)
    with django_assert_num_queries(2):
        client.get(reverse("monolith:product-list"))
    with django_assert_num_queries(1):
        client.get(reverse("monolith:product-detail", args=[product.pk]))


@pytest.mark.usefixtures("cache_on")
def test_a_saved_price_is_on_the_next_pages(client: Client, product: Product) -> None:
    pages(client, product)
    product.price = Decimal("77.70")
    product.save()
    assert all("€77.70" in page for page in pages(client, product))


@pytest.mark.usefixtures("cache_on")
def test_stock_sold_by_an_order_is_on_the_product_page(client: Client, product: Product, demo_user) -> None:
    stock = product.stock
    assert f"{stock} in stock" in pages(Client(), product)[1]
    client.post(reverse("monolith:add-to-cart", args=[product.pk]), {"quantity": 2})
    client.force_login(demo_user)
    assert client.post(reverse("monolith:checkout"), {"card_number": "4242 4242 4242 4242"}).status_code == 302
    assert f"{stock - 2} in stock" in pages(Client(), product)[1]


@pytest.mark.usefixtures("cache_on")
def test_a_page_past_the_end_shows_the_last_page_and_is_not_kept_as_that_page(client: Client) -> None:
    assert "Page 2 of 2" in client.get(reverse("monolith:product-list"), {"page": "9"}).content.decode()
    Product.objects.bulk_create(  # no signal: what is cached stays, and page 9 must not be among it
        Product(name=f"Zz {n}", slug=f"zz-{n}", price=Decimal(1), stock=1) for n in range(24)
    )
    assert "Page 3 of 3" in client.get(reverse("monolith:product-list"), {"page": "9"}).content.decode()
