"""Tests of the cart's selection and "Go to payment" (apps/cart/selection.py, checkout.py, views.py)."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import Client, RequestFactory

from api.models import Product
from apps.cart import components
from apps.cart.props import BagProps
from shared_store.channels import CHECKOUT
from shared_store.handoff import handoff_consume
from shared_store.models import Handoff, StoreRecord
from tests.helpers import htmx_headers, oob_mounts

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


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
    response = client.post(
        "/remotes/cart/selection/",
        {"selected": [two[1].pk]},
        headers=htmx_headers("/bag/", "cart/Bag", "host/CheckoutSummary", target="remote-cart-Bag"),
    )
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
    assert not Handoff.objects.filter(channel=CHECKOUT.name).exists()


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


def handed_over(client: Client) -> list[int]:
    request = RequestFactory().get("/")
    request.session = SessionStore(client.session.session_key)
    return [line["product_id"] for line in handoff_consume(request, "checkout")["lines"]]


def test_go_to_payment_saves_the_ticks_it_is_sent_then_hands_them_over(client: Client, two) -> None:
    """Issue 15, defect 1: without JavaScript the boxes post with "Go to payment", never pressed "Update selection"
    first; what is ticked is what is handed over."""
    response = client.post("/remotes/cart/checkout/", {"selection": "1", "selected": [two[1].pk]})
    assert (response.status_code, response["Location"]) == (303, "/checkout/payment/")
    assert client.session["cart.deselected"] == [two[0].pk]
    assert handed_over(client) == [two[1].pk]


def test_go_to_payment_with_every_box_unticked_hands_over_nothing(client: Client, two) -> None:
    """No `selected` at all, but the marker: the shopper unticked everything (not: sent no selection)."""
    response = client.post(
        "/remotes/cart/checkout/", {"selection": "1"}, headers=htmx_headers("/bag/", target="remote-cart-Bag")
    )
    assert response.status_code == 422
    assert "Select at least one line to pay for." in response.content.decode()
    assert client.session["cart.deselected"] == [two[0].pk, two[1].pk]
    assert not Handoff.objects.filter(channel=CHECKOUT.name).exists()


def test_go_to_payment_with_an_unreadable_selection_changes_and_hands_over_nothing(client: Client, two) -> None:
    client.post("/remotes/cart/selection/", {"selected": [two[0].pk]})
    response = client.post(
        "/remotes/cart/checkout/",
        {"selection": "1", "selected": "²"},
        headers=htmx_headers("/bag/", target="remote-cart-Bag"),
    )
    assert response.status_code == 400
    assert "That selection could not be read" in response.content.decode()
    assert client.session["cart.deselected"] == [two[1].pk]
    assert not Handoff.objects.filter(channel=CHECKOUT.name).exists()


def test_the_boxes_and_go_to_payment_are_one_form(client: Client, two) -> None:
    html = client.get("/bag/").content.decode()
    form = html.split('<form id="bag-selection"')[1].split("</form>")[0]
    assert 'action="/remotes/cart/checkout/"' in form
    assert '<input type="hidden" name="selection" value="1">' in form
    assert "Go to payment" in form
    assert 'formaction="/remotes/cart/selection/">Update selection</button>' in form
    assert html.count('form="bag-selection"') == 2  # each line's box belongs to it


def test_go_to_payment_stays_usable_with_nothing_ticked(client: Client, two) -> None:
    """Without JavaScript a box ticked on this page is only sent by the button: disabled, it could not be."""
    client.post("/remotes/cart/selection/", {})
    html = client.get("/bag/").content.decode()
    button = html.split('<button type="submit" id="bag-go"')[1].split(">")[0]
    assert button == ' class="bag-go" aria-describedby="bag-none-selected"'
    assert '<p id="bag-none-selected" class="hint">Select at least one line to pay for.</p>' in html


def test_the_bag_shows_what_is_to_pay_for_the_ticked_lines(client: Client, two) -> None:
    """Issue 15, defect 10: the total counted every line, ticked or not, above "Go to payment"."""
    assert "To pay now" not in client.get("/bag/").content.decode()  # all ticked: the total is what is paid
    client.post("/remotes/cart/selection/", {"selected": [two[1].pk]})
    html = client.get("/bag/").content.decode()
    assert f'To pay now (1 item)</th><td class="bag-due-total" colspan="2">€{two[1].price}</td>' in html
    assert f'<td class="bag-total" colspan="2">€{two[0].price + two[1].price}</td>' in html
