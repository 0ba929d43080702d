"""The monolith works end to end on its own: catalog, cart in the session, checkout."""

import importlib
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import clear_url_caches, resolve, reverse

from monolith.cart import SESSION_KEY
from monolith.models import Order, Product

pytestmark = [pytest.mark.usefixtures("monolith_catalog"), pytest.mark.postgres]


def add(client: Client, pk: int, quantity: object = 1):
    return client.post(reverse("monolith:add-to-cart", args=[pk]), {"quantity": quantity})


def test_the_catalog_pages_list_the_products_in_one_query_each(client: Client, django_assert_num_queries) -> None:
    first = Product.objects.first()
    Product.objects.create(name="One more", slug="one-more", description="", price=first.price, stock=1)
    with django_assert_num_queries(2):  # the page and the count for the paginator
        response = client.get(reverse("monolith:product-list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="product-card"') == 24  # as many as the federated shop's page
    assert "Page 1 of 2" in response.content.decode()
    product = Product.objects.first()
    with django_assert_num_queries(1):
        response = client.get(reverse("monolith:product-detail", args=[product.pk]))
    assert product.name in response.content.decode()


def test_adding_to_the_cart_keeps_it_in_the_session_and_the_header_counts_it(client: Client) -> None:
    first, second = Product.objects.all()[:2]
    assert add(client, first.pk, 2).status_code == 302
    add(client, second.pk)
    add(client, first.pk)
    assert client.session[SESSION_KEY] == {str(first.pk): 3, str(second.pk): 1}
    assert "Cart (4)" in client.get(reverse("monolith:product-list")).content.decode()


@pytest.mark.parametrize(("quantity", "message"), [(0, "greater than or equal to 1"), ("two", "whole number")])
def test_a_bad_quantity_is_a_form_error_and_changes_nothing(client: Client, quantity: object, message: str) -> None:
    product = Product.objects.first()
    response = add(client, product.pk, quantity)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_line_stops_at_99(client: Client) -> None:
    product = Product.objects.first()
    add(client, product.pk, 99)
    response = add(client, product.pk, 1)
    assert response.status_code == 400
    assert "at most 99" in response.content.decode()
    assert client.session[SESSION_KEY] == {str(product.pk): 99}


def test_unknown_and_huge_product_ids_are_404s(client: Client) -> None:
    assert client.get("/monolith/product/999999/").status_code == 404
    assert client.get("/monolith/product/99999999999999999999999/").status_code == 404
    assert client.post("/monolith/bag/999999/", {"quantity": 2}).status_code == 404


def test_the_bag_shows_lines_and_total_and_changes_quantities(client: Client) -> None:
    first, second = Product.objects.all()[:2]
    add(client, first.pk, 2)
    add(client, second.pk)
    page = client.get(reverse("monolith:bag")).content.decode()
    assert f"€{first.price * 2 + second.price}" in page
    client.post(reverse("monolith:bag-update", args=[first.pk]), {"quantity": 5})
    client.post(reverse("monolith:bag-update", args=[second.pk]), {"quantity": 0})
    assert client.session[SESSION_KEY] == {str(first.pk): 5}
    response = client.post(reverse("monolith:bag-update", args=[first.pk]), {"quantity": 100})
    assert response.status_code == 400
    assert "less than or equal to 99" in response.content.decode()
    assert client.session[SESSION_KEY] == {str(first.pk): 5}


def test_checkout_needs_login_at_the_monoliths_own_page(client: Client) -> None:
    response = client.get(reverse("monolith:checkout"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("monolith:login"))


def test_paying_places_the_order_at_catalog_prices_takes_stock_and_empties_the_cart(client: Client, demo_user) -> None:
    product = Product.objects.first()
    stock = product.stock
    add(client, product.pk, 2)
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), {"card_number": "4242 4242 4242 4242"})
    order = Order.objects.get()
    assert response.url == reverse("monolith:thanks", args=[order.pk])
    assert order.total == product.price * 2
    assert order.card_last4 == "4242"
    assert Product.objects.get(pk=product.pk).stock == stock - 2
    assert SESSION_KEY not in client.session
    assert f"Order {order.pk}" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("card", "message"),
    [("4000 0000 0000 0002", "declined"), ("1234", "12 to 19 digits")],
)
def test_a_refused_payment_writes_nothing_and_keeps_the_cart(client: Client, demo_user, card: str, message: str):
    product = Product.objects.first()
    add(client, product.pk, 2)
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), {"card_number": card})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Order.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == product.stock
    assert client.session[SESSION_KEY] == {str(product.pk): 2}


def test_not_enough_stock_is_a_message_not_an_order(client: Client, demo_user) -> None:
    product = Product.objects.first()
    add(client, product.pk, product.stock + 1)
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), {"card_number": "4242424242424242"})
    assert response.status_code == 400
    assert f"only {product.stock} of {product.name} left" in response.content.decode()
    assert not Order.objects.exists()


def test_an_order_is_shown_to_its_owner_only(client: Client, demo_user, django_user_model) -> None:
    order = Order.objects.create(user=demo_user, total=Decimal("1.00"), card_last4="4242")
    client.force_login(django_user_model.objects.create_user("someone-else", password="x"))
    assert client.get(reverse("monolith:thanks", args=[order.pk])).status_code == 404


def test_the_monolith_is_mounted_only_when_enabled(settings) -> None:
    import host.urls

    try:
        settings.MONOLITH = {"ENABLED": False}
        importlib.reload(host.urls)  # the URLconf reads MONOLITH when it is imported
        clear_url_caches()
        assert resolve("/monolith/").url_name != "product-list"
    finally:
        settings.MONOLITH = {"ENABLED": True}
        importlib.reload(host.urls)
        clear_url_caches()
    assert resolve("/monolith/").view_name == "monolith:product-list"
