"""The monolith works end to end on its own: catalog, cart in the session, checkout, orders."""

import importlib
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import clear_url_caches, resolve, reverse

from monolith.cart import DESELECTED_KEY, SESSION_KEY
from monolith.models import Order, Product

pytestmark = [pytest.mark.usefixtures("monolith_catalog"), pytest.mark.postgres]

CARD = {"name": "Demo Shopper", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123"}


def add(client: Client, pk: int, quantity: object = 1, **data: str):
    return client.post(reverse("monolith:add-to-cart", args=[pk]), {"quantity": quantity, **data})


def test_the_catalog_pages_list_the_products_in_one_query_each(client: Client, django_assert_num_queries) -> None:
    first = Product.objects.first()
    Product.objects.create(name="One more", slug="one-more", description="", price=first.price, stock=1)
    with django_assert_num_queries(2):  # the page and the count for the paginator
        response = client.get(reverse("monolith:product-list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="product-card"') == 24  # as many as the federated shop's page
    assert "Page 1 · 31 products" in response.content.decode()
    product = Product.objects.first()
    with django_assert_num_queries(1):
        response = client.get(reverse("monolith:product-detail", args=[product.pk]))
    assert product.name in response.content.decode()


def test_each_product_has_a_picture_drawn_from_its_name(client: Client) -> None:
    product = Product.objects.first()
    page = client.get(reverse("monolith:product-detail", args=[product.pk])).content.decode()
    assert f'<img src="/monolith/product/{product.pk}/image.svg"' in page
    response = client.get(product.image_url)
    assert response["Content-Type"] == "image/svg+xml"
    assert "".join(word[0] for word in product.name.split()[:2]).upper() in response.content.decode()


def test_adding_to_the_cart_keeps_it_in_the_session_and_the_header_counts_it(client: Client) -> None:
    first, second = Product.objects.all()[:2]
    response = add(client, first.pk, 2, next="/monolith/?page=2")
    assert (response.status_code, response.url) == (302, "/monolith/?page=2")  # back to the page it came from
    add(client, second.pk)
    add(client, first.pk)
    assert client.session[SESSION_KEY] == {str(first.pk): 3, str(second.pk): 1}
    page = client.get(reverse("monolith:product-list")).content.decode()
    assert "Bag, 4 items" in page
    assert f'<p class="toast toast-success">Added {first.name} to your bag, now 4 items, €' in page


def test_a_form_sends_no_one_to_another_site(client: Client) -> None:
    product = Product.objects.first()
    assert add(client, product.pk, next="https://elsewhere.example/").url == reverse("monolith:product-list")


@pytest.mark.parametrize(("quantity", "message"), [(0, "at least 1"), ("two", "whole number"), (100, "at most 99")])
def test_a_bad_quantity_is_a_form_error_and_changes_nothing(client: Client, quantity: object, message: str) -> None:
    product = Product.objects.first()
    response = add(client, product.pk, quantity)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert 'aria-invalid="true"' in page  # the quantity says it is wrong, and where the error is
    assert SESSION_KEY not in client.session


def test_a_line_holds_what_is_in_stock_and_at_most_99(client: Client) -> None:
    product = Product.objects.first()
    response = add(client, product.pk, product.stock + 1)
    assert response.status_code == 422
    assert f"Only {product.stock} in stock." in response.content.decode()
    Product.objects.filter(pk=product.pk).update(stock=500)
    add(client, product.pk, 99)
    response = add(client, product.pk, 1)
    assert response.status_code == 422
    assert "at most 99 of one product" in response.content.decode()
    assert client.session[SESSION_KEY] == {str(product.pk): 99}


def test_an_out_of_stock_product_cannot_be_added(client: Client) -> None:
    product = Product.objects.first()
    Product.objects.filter(pk=product.pk).update(stock=0)
    page = client.get(reverse("monolith:product-detail", args=[product.pk])).content.decode()
    assert f'disabled aria-describedby="product-{product.pk}-stock"' in page
    assert "Out of stock" in page
    assert "This product is out of stock." in add(client, product.pk).content.decode()


def test_unknown_and_huge_ids_and_addresses_are_the_monoliths_own_404(client: Client) -> None:
    for path in ("/monolith/product/999999/", "/monolith/product/99999999999999999999999/", "/monolith/nope/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "· Monolith Shop</title>" in response.content.decode()
    assert client.post("/monolith/bag/999999/", {"quantity": 2}).status_code == 404
    assert client.get("/monolith/?page=9").status_code == 404
    assert client.get("/monolith/bag").url == "/monolith/bag/"  # a missing slash is still added


def test_the_bag_shows_lines_and_total_and_changes_quantities(client: Client) -> None:
    first, second = Product.objects.all()[:2]
    add(client, first.pk, 2)
    add(client, second.pk)
    page = client.get(reverse("monolith:bag")).content.decode()
    assert f"€{first.price * 2 + second.price}" in page
    client.post(reverse("monolith:bag-update", args=[first.pk]), {"quantity": 3})
    client.post(reverse("monolith:bag-remove", args=[second.pk]))
    assert client.session[SESSION_KEY] == {str(first.pk): 3}
    page = client.get(reverse("monolith:bag")).content.decode()
    assert f"Quantity of {first.name} is now 3. Bag total €{first.price * 3 + second.price} (4 items)." in page
    assert f"Removed {second.name} from your bag." in page
    response = client.post(reverse("monolith:bag-update", args=[first.pk]), {"quantity": 0})
    assert response.status_code == 422
    assert "Choose a quantity of at least 1, or remove the line." in response.content.decode()
    assert 'value="0"' in response.content.decode()  # what was typed, shown again beside its error
    assert client.session[SESSION_KEY] == {str(first.pk): 3}


def test_unticked_lines_stay_in_the_bag_and_are_not_paid(client: Client, demo_user) -> None:
    first, second = Product.objects.all()[:2]
    add(client, first.pk)
    add(client, second.pk, 2)
    client.post(reverse("monolith:bag-selection"), {"selected": [first.pk]})
    assert client.session[DESELECTED_KEY] == [second.pk]
    page = client.get(reverse("monolith:bag")).content.decode()
    assert "<strong>1 of 3 items selected</strong> for payment — the rest stay in your bag." in page
    client.force_login(demo_user)
    response = client.post(reverse("monolith:go-to-payment"), {"selected": [first.pk]})
    assert response.url == reverse("monolith:checkout")
    client.post(reverse("monolith:checkout"), CARD)
    assert [line.product for line in Order.objects.get().lines.all()] == [first]
    assert client.session[SESSION_KEY] == {str(second.pk): 2}


@pytest.mark.parametrize("selected", [[], ["x"]])
def test_going_to_payment_with_nothing_ticked_stays_in_the_bag(client: Client, selected: list[str]) -> None:
    add(client, Product.objects.first().pk)
    response = client.post(reverse("monolith:go-to-payment"), {"selected": selected}, follow=True)
    assert response.redirect_chain == [(reverse("monolith:bag"), 302)]
    assert 'role="alert"' in response.content.decode()


def test_checkout_needs_login_at_the_monoliths_own_page(client: Client) -> None:
    response = client.get(reverse("monolith:checkout"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("monolith:login"))
    assert "Log in to pay." in client.get(response.url).content.decode()


def test_paying_places_the_order_at_catalog_prices_takes_stock_and_empties_the_cart(client: Client, demo_user) -> None:
    product = Product.objects.first()
    stock = product.stock
    add(client, product.pk, 2)
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), CARD)
    order = Order.objects.get()
    assert response.url == reverse("monolith:thanks", args=[order.pk])
    assert order.total == product.price * 2
    assert order.card_last4 == "4242"
    assert Product.objects.get(pk=product.pk).stock == stock - 2
    assert SESSION_KEY not in client.session
    assert f"Order <strong>#{order.pk}</strong> is placed" in client.get(response.url).content.decode()
    again = client.post(reverse("monolith:checkout"), CARD)  # a second click on Pay: nothing left to pay
    assert (again.url, Order.objects.count()) == (reverse("monolith:bag"), 1)


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ({"number": "4000 0000 0000 0002"}, "declined"),
        ({"number": "1234"}, "Enter the card number"),
        ({"number": "4242 4242 4242 4241"}, "not valid"),
        ({"expiry": "01/20"}, "expired"),
        ({"cvc": "1"}, "3 or 4"),
    ],
)
def test_a_refused_payment_writes_nothing_and_keeps_the_cart(client: Client, demo_user, card: dict, message: str):
    product = Product.objects.first()
    add(client, product.pk, 2)
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), {**CARD, **card})
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page
    assert 'name="number" value' not in page  # the card number and CVC never come back
    assert 'name="cvc" value' not in page
    assert 'value="Demo Shopper"' in page
    assert not Order.objects.exists()
    assert Product.objects.get(pk=product.pk).stock == product.stock
    assert client.session[SESSION_KEY] == {str(product.pk): 2}


def test_not_enough_stock_is_a_message_not_an_order(client: Client, demo_user) -> None:
    product = Product.objects.first()
    add(client, product.pk, 2)
    Product.objects.filter(pk=product.pk).update(stock=1)  # someone else bought the rest meanwhile
    client.force_login(demo_user)
    response = client.post(reverse("monolith:checkout"), CARD)
    assert response.status_code == 422
    assert f"only 1 of {product.name} left" in response.content.decode()
    assert not Order.objects.exists()


def test_an_order_is_shown_to_its_owner_only(client: Client, demo_user, django_user_model) -> None:
    order = Order.objects.create(user=demo_user, total=Decimal("1.00"), card_last4="4242")
    client.force_login(demo_user)
    assert f"Order #{order.pk}" in client.get(reverse("monolith:orders")).content.decode()
    assert "Paid with the card •••• 4242" in client.get(reverse("monolith:order", args=[order.pk])).content.decode()
    client.force_login(django_user_model.objects.create_user("someone-else", password="x"))
    assert client.get(reverse("monolith:thanks", args=[order.pk])).status_code == 404
    assert client.get(reverse("monolith:order", args=[order.pk])).status_code == 404
    assert "No orders yet." in client.get(reverse("monolith:orders")).content.decode()


def test_logging_in_and_out_say_so_and_logging_out_empties_the_cart(client: Client, demo_user) -> None:
    add(client, Product.objects.first().pk)
    client.post(reverse("monolith:login"), {"username": "demo", "password": "mfe-demo-pass"})
    page = client.get(reverse("monolith:bag")).content.decode()
    assert "Welcome back, Demo Shopper." in page
    assert "Logged in as <strong>Demo Shopper</strong>" in page
    response = client.post(reverse("monolith:logout"), follow=True)
    assert "You have been logged out." in response.content.decode()
    assert SESSION_KEY not in client.session


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
