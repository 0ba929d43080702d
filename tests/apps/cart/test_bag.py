"""Tests of the cart remote's bag, badge and line actions (apps/cart/)."""

import pytest
from django.test import Client, RequestFactory
from pytest_django.fixtures import DjangoAssertNumQueries

from api.client import money
from api.models import Product
from api.services import catalog_seed
from apps.cart import components
from apps.cart.props import BagProps, CartBadgeProps
from shared_store.models import StoreRecord
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import badge_label, htmx_headers, oob_mounts

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def fill(client: Client, products: list[Product], quantity: int = 1) -> None:
    for product in products:
        assert client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity}).status_code == 303


def quantities(client: Client) -> dict[int, int]:
    record = StoreRecord.objects.get(store_id=client.session[STORE_SESSION_KEY])
    return {line["product_id"]: line["quantity"] for line in record.state["cart"]["lines"]}


@pytest.fixture
def two(catalog: int) -> list[Product]:
    return list(Product.objects.order_by("pk")[:2])


def test_bag_lists_lines_with_totals(client: Client, two: list[Product]) -> None:
    fill(client, two[:1], quantity=2)
    fill(client, two[1:], quantity=1)
    html = client.get("/bag/").content.decode()
    first, second = two
    assert first.name in html
    assert second.name in html
    assert f"€{first.price * 2}" in html
    total = first.price * 2 + second.price
    assert f'<td class="bag-total" colspan="2">€{total}</td>' in html
    assert "Total (3 items)" in html
    assert badge_label(html) == "Bag, 3 items"
    assert f'href="/product/{first.pk}/"' in html  # the host's product route, through the product_href prop


def test_change_quantity_returns_the_bag_and_updates_the_badge_out_of_band(client: Client, two: list[Product]) -> None:
    fill(client, two)
    first = two[0]
    response = client.post(
        f"/remotes/cart/lines/{first.pk}/quantity/",
        {"quantity": 3},
        headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag", "host/CheckoutSummary", target="remote-cart-Bag"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="bag"')  # the requested fragment: the bag itself
    assert "Total (4 items)" in html
    # The bag is the target, so not twice; it reported its lines, so the host's checkout summary follows.
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-host-CheckoutSummary"]
    assert "4 of 4 items selected" in html
    assert badge_label(html) == "Bag, 4 items"
    assert quantities(client) == {first.pk: 3, two[1].pk: 1}


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "Choose a quantity of at least 1, or remove the line."),
        ("-1", "Choose a quantity of at least 1, or remove the line."),
        ("lots", "Enter the quantity as a whole number, e.g. 2."),
        ("10000", "at most 99"),
        ("60", "Only"),
    ],
)
def test_bad_quantity_shows_the_error_on_its_line_and_changes_nothing(
    client: Client, two: list[Product], quantity: str, message: str
) -> None:
    fill(client, two)
    response = client.post(
        f"/remotes/cart/lines/{two[0].pk}/quantity/",
        {"quantity": quantity},
        headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag", target="remote-cart-Bag"),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert message in html
    assert f'name="quantity" value="{quantity}"' in html  # what the visitor typed is kept
    assert oob_mounts(html) == []
    assert quantities(client) == {two[0].pk: 1, two[1].pk: 1}


def test_remove_a_line(client: Client, two: list[Product]) -> None:
    fill(client, two)
    response = client.post(f"/remotes/cart/lines/{two[0].pk}/remove/", {"next": "/bag/"})
    assert response.status_code == 303
    assert response["Location"] == "/bag/"
    assert quantities(client) == {two[1].pk: 1}
    said = f"Removed {two[0].name} from your bag. Bag total {money(two[1].price, 'EUR')} (1 item)."
    assert said in client.get("/bag/").content.decode()


def test_quantity_of_a_line_not_in_the_bag(client: Client, two: list[Product]) -> None:
    fill(client, two[:1])
    response = client.post(f"/remotes/cart/lines/{two[1].pk}/quantity/", {"quantity": 2}, headers=htmx_headers("/bag/"))
    assert response.status_code == 422
    assert "not in your bag" in response.content.decode()


def test_line_actions_require_csrf(client: Client, two: list[Product]) -> None:
    fill(client, two)
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = client.cookies
    assert strict.post(f"/remotes/cart/lines/{two[0].pk}/remove/").status_code == 403
    assert quantities(client) == {two[0].pk: 1, two[1].pk: 1}


def test_a_product_gone_from_the_catalog_stays_removable(client: Client, two: list[Product]) -> None:
    fill(client, two)
    gone = two[0].pk
    two[0].delete()
    html = client.get("/bag/").content.decode()
    assert "A product that is no longer sold" in html
    response = client.post(f"/remotes/cart/lines/{gone}/quantity/", {"quantity": 2}, headers=htmx_headers("/bag/"))
    assert "no longer sold" in response.content.decode()
    client.post(f"/remotes/cart/lines/{gone}/remove/")
    assert quantities(client) == {two[1].pk: 1}


@pytest.mark.parametrize("lines", [1, 50])
def test_bag_page_query_count_is_flat(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries, lines: int
) -> None:
    catalog_seed(count=50)
    fill(client, list(Product.objects.order_by("pk")[:lines]))
    client.get("/bag/")  # drain the queued toasts, so the measured page is a plain visit
    # session, store, and one in-process API call for every line's product: one page of rows (its total was
    # counted on the visit before, and the catalog's totals are cached: api/pagination.py)
    with django_assert_num_queries(3):
        assert client.get("/bag/").status_code == 200


def test_components_alone_with_fake_props(rf: RequestFactory, two: list[Product]) -> None:
    request = rf.get("/")
    from django.contrib.sessions.backends.db import SessionStore

    from shared_store import dispatch
    from shared_store.slices import cart

    request.session = SessionStore()
    dispatch(
        request, cart.AddItem(product_id=two[0].pk, quantity=2, unit_price=two[0].price, currency="EUR", available=10)
    )
    linked: list[int] = []
    props = BagProps(products_href="/shop/", product_href=lambda pk: linked.append(pk) or f"/p/{pk}")
    html = components.bag(request, props)
    assert linked == [two[0].pk]
    assert f'href="/p/{two[0].pk}"' in html
    assert f"€{two[0].price * 2}" in html
    badge = components.cart_badge(request, CartBadgeProps(bag_href="/my-bag/"))
    assert 'href="/my-bag/"' in badge
    assert '<span class="cart-badge-name">Bag, 2 items</span>' in badge


def test_the_cart_speaks_to_the_visitor_through_the_hosts_on_show_toast(
    client: Client, two: list[Product], toasts: list[tuple[str, str]]
) -> None:
    """The host decides how a message is shown: the cart calls its callback prop (it imports nothing of Django's
    messages: tests/apps/test_toasts.py)."""
    fill(client, two)
    toasts.clear()  # filling the bag went through products, which toasts the same way
    client.post(f"/remotes/cart/lines/{two[0].pk}/quantity/", {"quantity": 3}, headers=htmx_headers("/bag/"))
    client.post(f"/remotes/cart/lines/{two[0].pk}/quantity/", {"quantity": "lots"})  # no JavaScript: a redirect
    client.post(f"/remotes/cart/lines/{two[1].pk}/remove/", headers=htmx_headers("/bag/"))
    first, second = two
    assert toasts == [
        (
            f"Quantity of {first.name} is now 3. Bag total {money(first.price * 3 + second.price, 'EUR')} (4 items).",
            "success",
        ),
        ("Enter the quantity as a whole number, e.g. 2.", "error"),
        (f"Removed {second.name} from your bag. Bag total {money(first.price * 3, 'EUR')} (3 items).", "success"),
    ]


def test_a_price_change_reprices_the_line_and_tells_the_shopper_once(client: Client, two: list[Product]) -> None:
    """Finding 10: the bag shows and charges the catalog's price; the shopper is told what changed."""
    first = two[0]
    fill(client, [first], quantity=2)
    Product.objects.filter(pk=first.pk).update(price=first.price + 1)
    html = client.get("/bag/").content.decode()
    assert f"{first.name}: now €{first.price + 1} (was €{first.price})" in html
    assert f'<td class="bag-total" colspan="2">€{(first.price + 1) * 2}</td>' in html
    record = StoreRecord.objects.get(store_id=client.session[STORE_SESSION_KEY]).state
    assert record["cart"]["lines"][0]["unit_price"] == str(first.price + 1)
    assert "Prices have changed" not in client.get("/bag/").content.decode()  # told once


def test_a_line_repriced_since_it_was_added_can_be_paid(client: Client, two: list[Product], demo_user) -> None:
    first = two[0]
    fill(client, [first])
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    Product.objects.filter(pk=first.pk).update(price=first.price + 1)
    refused = client.post("/remotes/cart/checkout/", headers=htmx_headers("/bag/", "cart/Bag"))
    assert refused.status_code == 409  # changed since the shopper last saw the bag: shown before paying
    assert f"{first.name} now costs €{first.price + 1} (was €{first.price})" in refused.content.decode()
    assert client.post("/remotes/cart/checkout/", headers=htmx_headers("/bag/", "cart/Bag"))["HX-Redirect"] == (
        "/checkout/payment/"
    )
    page = client.get("/checkout/payment/").content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    card = {"name": "Demo", "number": "4242 4242 4242 4242", "expiry": "12/39", "cvc": "123", "key": key}
    paid = client.post("/remotes/payment/pay/", card, headers=htmx_headers("/checkout/payment/"))
    assert paid.status_code == 200
    assert paid["HX-Redirect"].startswith("/checkout/thanks/")  # never "Prices have changed" forever
