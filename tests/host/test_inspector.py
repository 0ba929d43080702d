"""Tests of the pattern inspector (host/inspector.py): what it shows, what it hides, and that it can be off."""

import re

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from api.models import Product
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


@pytest.fixture
def inspector_on(settings: Settings) -> None:
    settings.INSPECTOR = {"ENABLED": True}


def test_off_it_adds_nothing_to_the_page(client: Client, catalog: int) -> None:
    html = client.get("/").content.decode()
    assert 'id="inspector"' not in html
    assert "inspector.js" not in html
    assert "inspector.css" not in html


def test_on_the_page_has_the_panel_with_the_store_state(client: Client, catalog: int, inspector_on: None) -> None:
    html = client.get("/").content.decode()
    assert 'id="inspector"' in html
    assert "host/inspector.js" in html
    assert "&quot;lines&quot;: []" in html  # the cart slice, as JSON


def test_an_action_shows_its_origin_app_and_the_slices_it_changed(
    client: Client, catalog: int, inspector_on: None
) -> None:
    product = Product.objects.first()
    response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/"))
    html = response.content.decode()
    assert 'hx-swap-oob="beforeend:#inspector-log"' in html
    assert "<strong>action</strong> <code>cart/addItem</code> from <em>products</em>, changed cart" in html
    assert f"<code>GET /api/products/{product.pk}/</code> → 200" in html
    assert '<pre id="inspector-state" hx-swap-oob="true">' in html


def test_tokens_are_masked_and_card_numbers_never_shown(client: Client, catalog: int, demo_user, inspector_on) -> None:
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    product = Product.objects.first()
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.post("/remotes/cart/checkout/")
    page = client.get("/checkout/payment/").content.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    card = {"name": "D", "number": "4000 0000 0000 0002", "expiry": "12/39", "cvc": "123", "key": key}
    response = client.post("/remotes/payment/pay/", card, headers=htmx_headers("/checkout/payment/"))
    for html in (page, response.content.decode(), client.get("/").content.decode()):
        assert not JWT.search(html)
        assert "4000000000000002" not in html
        assert 'value="4000' not in html  # the typed number is not sent back in the form
        inspector = html[html.find('id="inspector') :]  # the panel, or the out-of-band update of it
        assert "4000 0000 0000 0002" not in inspector
    assert "&quot;access&quot;: &quot;••••••&quot;" in page
    assert "<strong>handoff consume</strong> <code>checkout</code> by <em>payment</em>" in page


def test_what_an_answer_that_navigates_did_shows_on_the_next_page(
    client: Client, catalog: int, demo_user, inspector_on: None
) -> None:
    """'Go to payment' answers with HX-Location, which htmx never swaps: its handoff write shows on arrival."""
    client.force_login(demo_user)
    product = Product.objects.first()
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.get("/bag/")  # this page showed the add-to-cart's entries (a plain post redirects here)
    response = client.post("/remotes/cart/checkout/", headers=htmx_headers("/bag/"))
    assert "HX-Location" in response or "HX-Redirect" in response
    page = client.get("/checkout/payment/").content.decode()
    log = page.split('id="inspector-log"')[1].split("</ol>")[0]
    write = log.index("<strong>handoff write</strong> <code>checkout</code> by <em>cart</em>")
    consume = log.index("<strong>handoff consume</strong> <code>checkout</code> by <em>payment</em>")
    assert write < consume
    assert "cart/addItem" not in log  # already shown on the bag page
    assert log.count("handoff write") == 1
    assert client.get("/").content.decode().count("handoff write") == 0  # shown once, then gone
