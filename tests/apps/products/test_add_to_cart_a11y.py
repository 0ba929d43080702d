"""The "Add to cart" answer for keyboards and screen readers: where focus goes, errors tied to their field."""

import pytest
from django.test import Client

from api.models import Product
from tests.apps.products.markup import tags
from tests.apps.products.test_add_to_cart import add_url
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db


def test_an_htmx_answer_gives_the_focus_back_to_the_button(client: Client, product: Product) -> None:
    """The button was disabled in flight, so the browser dropped its focus: the new one takes it."""
    html = client.post(
        add_url(product.pk), {"quantity": 1, "with_quantity": "1"}, headers=htmx_headers("/")
    ).content.decode()
    [form] = tags(html, "form")
    [quantity] = [field for field in tags(html, "input") if field["type"] == "number"]
    [button] = [button for button in tags(html, "button") if button.get("type") == "submit"]  # not a toast's
    # In flight there is nothing to edit (the answer replaces the form) nor to click again.
    assert form["hx-disabled-elt"] == "find input[type='number'], find button"
    assert (button["id"], "autofocus" in button) == (f"add-to-cart-{product.pk}", True)
    assert "autofocus" not in quantity
    assert "aria-invalid" not in quantity


def test_a_quantity_error_is_tied_to_the_quantity_which_takes_the_focus(client: Client, product: Product) -> None:
    html = client.post(
        add_url(product.pk), {"quantity": product.stock + 1, "with_quantity": "1"}, headers=htmx_headers("/")
    ).content.decode()
    [error] = tags(html, "p")
    [quantity] = [field for field in tags(html, "input") if field["type"] == "number"]
    [button] = tags(html, "button")
    assert (error["id"], error["role"]) == (f"add-to-cart-{product.pk}-error", "alert")
    assert f">Only {product.stock} in stock.</p>" in html
    assert quantity["value"] == str(product.stock + 1)  # what was typed is kept
    assert (quantity["aria-invalid"], quantity["aria-describedby"]) == ("true", error["id"])
    assert "autofocus" in quantity
    assert "autofocus" not in button
    assert "aria-describedby" not in button


def test_an_error_without_a_quantity_field_is_tied_to_the_button(client: Client, product: Product) -> None:
    html = client.post(add_url(product.pk), {"quantity": product.stock + 1}, headers=htmx_headers("/")).content.decode()
    [form] = tags(html, "form")
    [error] = tags(html, "p")
    [button] = tags(html, "button")
    assert form["hx-disabled-elt"] == "find button"
    assert button["aria-describedby"] == error["id"] == f"add-to-cart-{product.pk}-error"
    assert "autofocus" in button
