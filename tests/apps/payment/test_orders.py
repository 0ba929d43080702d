"""The visitor's orders (apps/payment/components.py: orders, order): each a link to its own page, the owner's only."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from api.client import SessionExpired, money
from api.models import Order
from apps.payment import components
from tests.apps.payment.test_pay import pay

pytestmark = pytest.mark.django_db


def other_visitor() -> Client:
    get_user_model().objects.create_user("other", password="other-pass-123")
    other = Client()
    other.post("/login/", {"username": "other", "password": "other-pass-123"})
    return other


def test_each_order_in_the_list_links_to_its_page(client: Client, checkout) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()
    html = client.get("/account/orders/").content.decode()
    assert re.search(rf'<a href="/account/orders/{order.pk}/">Order #{order.pk}</a>', html)


def test_an_orders_page_shows_when_its_status_and_its_lines(client: Client, checkout) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()
    line = order.lines.get()
    html = client.get(f"/account/orders/{order.pk}/").content.decode()
    assert f"<title>Order #{order.pk} · Django MFE Shop</title>" in html
    assert "<dt>Status</dt><dd>Paid with the card •••• 4242</dd>" in html
    assert f'<th scope="row">{line.name}</th><td>{line.quantity}</td>' in html
    assert f'<td class="payment-total">{money(order.total, order.currency)}</td>' in html


def test_another_visitors_order_is_a_404_on_the_host_and_on_the_remote(client: Client, checkout) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()
    other = other_visitor()
    for path in (f"/account/orders/{order.pk}/", f"/remotes/payment/orders/{order.pk}/"):
        response = other.get(path)
        assert response.status_code == 404, path
        assert f"There is no order {order.pk} of yours." in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, catalog: int) -> None:
    response = client.get("/account/orders/7/")
    assert (response.status_code, response["Location"]) == (302, "/login/?next=/account/orders/7/")
    assert "Log in to see your order." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("path", ["/account/orders/{}/", "/checkout/thanks/{}/"])
def test_a_login_that_has_ended_is_said_with_a_way_back(
    client: Client, checkout, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    pay(client, checkout["key"])
    order = Order.objects.get()

    def ended(*args: object, **kwargs: object) -> None:
        raise SessionExpired()

    monkeypatch.setattr(components, "order_get", ended)
    html = client.get(path.format(order.pk)).content.decode()
    assert "Your session has expired. Please log in again." in html
    assert re.search(r'<a href="/login/\?next=[^"]*">Log in again</a> — your bag is kept.', html)
