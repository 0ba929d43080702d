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
    count = Product.objects.count()
    with django_assert_num_queries(0):  # 2 without the cache: the page and its count
        page = client.get(reverse("monolith:product-list"))
    assert page.content.decode().count('class="product-card"') == 24
    assert f"Page 1 · {count} products" in page.content.decode()
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
    Product.objects.filter(pk=product.pk).update(stock=20)
    product.refresh_from_db()
    product.save()  # the stock the test starts from, shown
    assert "20 in stock" in pages(Client(), product)[1]
    client.post(reverse("monolith:add-to-cart", args=[product.pk]), {"quantity": 2})
    client.force_login(demo_user)
    card = {"name": "Demo Shopper", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123"}
    assert client.post(reverse("monolith:checkout"), card).status_code == 302
    assert "18 in stock" in pages(Client(), product)[1]


@pytest.mark.usefixtures("cache_on")
def test_a_page_past_the_end_is_a_404_and_is_not_kept(client: Client) -> None:
    assert client.get(reverse("monolith:product-list"), {"page": "3"}).status_code == 404
    Product.objects.bulk_create(  # no signal: what is cached stays, and page 3 must not be among it
        Product(name=f"Zz {n}", slug=f"zz-{n}", price=Decimal(1), stock=1) for n in range(24)
    )
    assert client.get(reverse("monolith:product-list"), {"page": "3"}).status_code == 200


@pytest.mark.parametrize("cache", [False, True], ids=["cache off", "cache on"])
@pytest.mark.parametrize("number", ["²", "0", "999"])
def test_a_page_number_that_is_no_page_is_the_monoliths_404_with_the_cache_on_or_off(
    client: Client, settings: Settings, cache: bool, number: str
) -> None:
    """ "²" passes str.isdigit() but not int(): with the cache on it was a 500."""
    settings.MONOLITH = {**settings.MONOLITH, "CACHE": cache}
    response = client.get(reverse("monolith:product-list"), {"page": number})
    assert response.status_code == 404
