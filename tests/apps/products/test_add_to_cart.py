"""Tests of the products remote's "Add to cart" action (apps/products/views.py, services.py)."""

import pytest
from django.test import Client
from pytest_django.fixtures import DjangoAssertNumQueries

from api.client import money
from api.models import Product
from shared_store.models import StoreRecord
from shared_store.slices import cart
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import badge_label, htmx_headers, oob_mounts

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def add_url(product_id: int) -> str:
    return f"/remotes/products/{product_id}/add-to-cart/"


def cart_lines(client: Client) -> dict[int, int]:
    store_id = client.session.get(STORE_SESSION_KEY)
    record = StoreRecord.objects.filter(store_id=store_id).first()
    return {line["product_id"]: line["quantity"] for line in record.state["cart"]["lines"]} if record else {}


def test_htmx_add_returns_the_form_the_badge_and_a_toast_in_one_response(client: Client, product: Product) -> None:
    response = client.post(
        add_url(product.pk), {"quantity": 2, "next": "/"}, headers=htmx_headers("/", "cart/CartBadge")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<form class="add-to-cart"')
    assert oob_mounts(html) == ["remote-cart-CartBadge"]
    assert badge_label(html) == "Bag, 2 items"
    assert f"Added {product.name} to your bag, now 2 items, {money(product.price * 2, 'EUR')}." in html
    assert cart_lines(client) == {product.pk: 2}


def test_only_subscribers_present_on_the_page_are_re_rendered(client: Client, product: Product) -> None:
    html = client.post(add_url(product.pk), {"quantity": 1}, headers=htmx_headers("/")).content.decode()
    assert oob_mounts(html) == []  # the page said it shows no subscriber
    html = client.post(
        add_url(product.pk),
        {"quantity": 1},
        headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag", "products/ProductList"),
    ).content.decode()
    # ProductList subscribes to nothing; the summary is not re-rendered because the page did not list it.
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-cart-Bag"]


def test_unknown_names_in_the_subscribers_header_are_ignored(client: Client, product: Product) -> None:
    headers = htmx_headers("/", "nope/Nothing", "cart/Missing", "<script>", "cart/CartBadge")
    html = client.post(add_url(product.pk), {"quantity": 1}, headers=headers).content.decode()
    assert oob_mounts(html) == ["remote-cart-CartBadge"]


def test_plain_post_redirects_back_and_the_page_shows_the_toast(client: Client, product: Product) -> None:
    response = client.post(add_url(product.pk), {"quantity": 1, "next": f"/product/{product.pk}/"})
    assert response.status_code == 303
    assert response["Location"] == f"/product/{product.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert badge_label(page) == "Bag, 1 item"
    assert f"Added {product.name} to your bag, now 1 item, {money(product.price, 'EUR')}." in page


def test_plain_post_never_redirects_off_site(client: Client, product: Product) -> None:
    response = client.post(add_url(product.pk), {"quantity": 1, "next": "https://evil.example/"})
    assert response["Location"] == "/remotes/products/"


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Choose a quantity of at least 1."),
        ("-3", "Choose a quantity of at least 1."),
        ("two", "Enter the quantity as a whole number, e.g. 2."),
        ("", "Choose how many to add."),
        ("10000", "You can add at most 99 at a time."),
        ("99", "Only"),  # more than the stock
    ],
)
def test_bad_quantity_is_a_422_with_a_message_and_changes_nothing(
    client: Client, product: Product, quantity: str, message: str
) -> None:
    client.post(add_url(product.pk), {"quantity": 1})
    response = client.post(
        add_url(product.pk), {"quantity": quantity, "next": "/"}, headers=htmx_headers("/", "cart/CartBadge")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert 'role="alert"' in html
    assert oob_mounts(html) == []
    assert cart_lines(client) == {product.pk: 1}


def test_bad_quantity_without_javascript_redirects_with_the_message(client: Client, product: Product) -> None:
    response = client.post(add_url(product.pk), {"quantity": "0", "next": "/"}, follow=True)
    assert "Choose a quantity of at least 1." in response.content.decode()
    assert cart_lines(client) == {}


def test_unknown_product_is_a_404_with_a_message(client: Client, catalog: int) -> None:
    response = client.post(add_url(999999), {"quantity": 1}, headers=htmx_headers("/"))
    assert response.status_code == 404
    assert "no longer in the catalog" in response.content.decode()
    assert not StoreRecord.objects.exists()


def test_post_without_csrf_token_is_forbidden(product: Product) -> None:
    response = Client(enforce_csrf_checks=True).post(add_url(product.pk), {"quantity": 1})
    assert response.status_code == 403
    assert not StoreRecord.objects.exists()


def test_get_is_not_allowed(client: Client, product: Product) -> None:
    assert client.get(add_url(product.pk)).status_code == 405


# The bag's largest size that still takes another product: with MAX_LINES lines the add is refused, not measured.
@pytest.mark.parametrize("lines", [1, cart.MAX_LINES - 1])
def test_add_query_count_is_flat(client: Client, django_assert_num_queries: DjangoAssertNumQueries, lines: int) -> None:
    from api.services import catalog_seed

    catalog_seed(count=cart.MAX_LINES + 1)
    products = list(Product.objects.order_by("pk"))
    for product in products[:lines]:
        client.post(add_url(product.pk), {"quantity": 1})
    # session read, product read (in-process API), SAVEPOINT, SELECT … FOR UPDATE, UPDATE, RELEASE,
    # then the badge re-render reads the store from memory: no further query.
    with django_assert_num_queries(6):
        response = client.post(add_url(products[-1].pk), {"quantity": 1}, headers=htmx_headers("/", "cart/CartBadge"))
    assert response.status_code == 200  # the add was taken, not refused (422)


def test_messages_go_through_the_hosts_on_show_toast(
    client: Client, product: Product, toasts: list[tuple[str, str]]
) -> None:
    """The host decides how a message is shown: products calls its callback prop (it imports nothing of Django's
    messages: tests/apps/test_toasts.py), and the host shows each once."""
    client.post(add_url(product.pk), {"quantity": 2}, headers=htmx_headers("/"))
    client.post(add_url(product.pk), {"quantity": "lots"})  # no JavaScript: a redirect
    assert toasts == [
        (f"Added {product.name} to your bag, now 2 items, {money(product.price * 2, 'EUR')}.", "success"),
        ("Enter the quantity as a whole number, e.g. 2.", "error"),
    ]
    assert "Enter the quantity as a whole number" in client.get("/").content.decode()  # the redirect's page shows it
    assert "Enter the quantity as a whole number" not in client.get("/").content.decode()  # once
