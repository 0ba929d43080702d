"""Tests of the cart's selection and "Go to payment" (apps/cart/selection.py, checkout.py, views.py)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory

from api.models import Product
from apps.cart import components
from apps.cart.props import BagProps
from shared_store.handoff import handoff_consume
from shared_store.models import Handoff, StoreRecord
from tests.helpers import htmx_headers, oob_mounts

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(client: Client, catalog: int) -> list[Product]:
    products = list(Product.objects.order_by("pk")[:2])
    for product in products:
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.get("/")
    return products


def test_the_bag_reports_its_lines_all_selected_by_default(rf: RequestFactory, client: Client, two) -> None:
    request = rf.get("/")
    request.session = SessionStore(client.session.session_key)
    reported: list[list] = []
    components.bag(request, BagProps(products_href="/", on_selected_items_change=reported.append))
    [items] = reported
    assert [(item.product_id, item.selected) for item in items] == [(two[0].pk, True), (two[1].pk, True)]


def test_deselecting_updates_the_bag_and_the_hosts_summary_in_one_response(client: Client, two) -> None:
    response = client.post("/remotes/cart/selection/", {"selected": [two[1].pk]},
                           headers=htmx_headers("/bag/", "cart/Bag", "host/CheckoutSummary",
                                                target="remote-cart-Bag"))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 of 2 items selected" in html
    assert oob_mounts(html) == ["remote-host-CheckoutSummary"]
    # The selection is the cart's own state, not the shared store's.
    assert client.session["cart.deselected"] == [two[0].pk]
    assert "deselected" not in str(StoreRecord.objects.get().state)


def test_go_to_payment_hands_over_the_selected_lines_and_navigates(client: Client, two) -> None:
    client.post("/remotes/cart/selection/", {"selected": [two[1].pk]})
    response = client.post("/remotes/cart/checkout/", headers=htmx_headers("/bag/"))
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/checkout/payment/"
    request = RequestFactory().get("/")
    request.session = SessionStore(client.session.session_key)
    summary = handoff_consume(request, "checkout")
    assert [line["product_id"] for line in summary["lines"]] == [two[1].pk]
    assert summary["total"] == str(two[1].price)
    assert summary["items"] == 1


def test_go_to_payment_without_javascript_is_a_303(client: Client, two) -> None:
    response = client.post("/remotes/cart/checkout/")
    assert (response.status_code, response["Location"]) == (303, "/checkout/payment/")


def test_go_to_payment_with_nothing_selected_says_so_and_hands_over_nothing(client: Client, two) -> None:
    client.post("/remotes/cart/selection/", {})
    response = client.post("/remotes/cart/checkout/", headers=htmx_headers("/bag/", target="remote-cart-Bag"))
    assert response.status_code == 422
    assert "Select at least one line to pay for." in response.content.decode()
    assert not Handoff.objects.exists()


def test_the_cart_calls_its_props_and_never_a_host_route(rf: RequestFactory, client: Client, two) -> None:
    request = rf.post("/")
    request.session = SessionStore(client.session.session_key)
    request.htmx = False
    calls: list[str] = []
    props = BagProps(products_href="/", on_go_to_payment=lambda: calls.append("go") or HttpResponse("went"))
    html = components.bag(request, props)
    assert "Go to payment" in html
    standalone = components.bag(request, BagProps(products_href="/"))
    assert "Go to payment" not in standalone  # no host to pay with: no button
    assert calls == []
