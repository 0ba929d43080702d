"""Tests of the host's route table (host/urls.py) and error pages (host/views.py)."""

import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries, Settings

from api.models import Product
from api.services import catalog_seed

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_home_lists_the_catalog_in_the_layout(client: Client, catalog: int) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-remote="products" data-component="ProductList"' in html
    assert html.count('class="product-card"') == 24
    assert "Django MFE Shop" in html  # the host's header wraps the remote
    assert 'id="cart-badge-slot"' in html
    for product in Product.objects.all():
        assert f'href="/product/{product.pk}/"' in html


def test_product_page_passes_the_route_param(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk")[5]
    html = client.get(f"/product/{product.pk}/").content.decode()
    assert 'data-component="ProductDetail"' in html
    assert product.name in html
    assert f"€{product.price}" in html


def test_bag_page_mounts_the_cart(client: Client) -> None:
    bag = client.get("/bag/").content.decode()
    assert 'data-remote="cart" data-component="Bag"' in bag
    assert "Your bag is empty" in bag


def test_payment_page_needs_login_then_a_handoff(client: Client, demo_user) -> None:
    response = client.get("/checkout/payment/")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/checkout/payment/")
    client.force_login(demo_user)
    response = client.get("/checkout/payment/")
    assert (response.status_code, response["Location"]) == (303, "/bag/")  # nothing was handed over
    assert "There is nothing to pay yet" in client.get("/bag/").content.decode()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/product/999999/", "There is no product with id 999999."),
        ("/product/abc/", "There is nothing at this address."),
        ("/no/such/page/", "There is nothing at this address."),
        ("/?page=99", "There is no page 99 of products."),
        ("/?page=abc", "Page numbers are whole numbers from 1."),
        ("/?page=0", "Page numbers are whole numbers from 1."),
    ],
)
def test_not_found_renders_inside_the_layout(client: Client, catalog: int, path: str, message: str) -> None:
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert message in html
    assert '<nav class="site-nav"' in html


@pytest.mark.parametrize("debug", [True, False])
def test_not_found_is_the_shop_page_with_debug_on_or_off(client: Client, settings: Settings, debug: bool) -> None:
    settings.DEBUG = debug
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert '<nav class="site-nav"' in response.content.decode()


def test_missing_slash_still_redirects(client: Client) -> None:
    response = client.get("/bag?x=1")
    assert response.status_code == 301
    assert response["Location"] == "/bag/?x=1"


def test_server_error_page_is_the_shop_page(client: Client, settings: Settings) -> None:
    settings.ROOT_URLCONF = "tests.host.failing_urls"
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


@pytest.mark.parametrize("size", [24, 5000])
def test_list_page_query_count_is_flat(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    catalog_seed(count=size)
    client.get("/")  # the first page gives the visitor a session and a store id (finding 15 of issue 14)
    # The session, the visitor's store (not written yet: no row), and the in-process API call's page SELECT (its
    # COUNT was cached by the first page: api/pagination.py), whatever the catalog's size.
    with django_assert_num_queries(3):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("size", [24, 5000])
def test_detail_page_query_count_is_flat(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, size: int
) -> None:
    catalog_seed(count=size)
    product = Product.objects.order_by("-pk").first()
    client.get(f"/product/{product.pk}/")  # as above: a session and a store id from the first page
    with django_assert_num_queries(3):  # the session, the store, the product
        assert client.get(f"/product/{product.pk}/").status_code == 200
