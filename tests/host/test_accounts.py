"""Tests of logging in and out of the site (host/accounts.py) and the user menu (host/components.py)."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from api.models import Product, TokenFamily
from shared_store.models import StoreRecord
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from tests.helpers import badge_label, htmx_headers, oob_mounts

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


def log_in(client: Client, password: str = "mfe-demo-pass", next_url: str = "/") -> object:
    return client.post("/login/", {"username": "demo", "password": password, "next": next_url})


def add_to_cart(client: Client, quantity: int) -> None:
    """Add the first product of the catalog (its id depends on the database's sequence, not on the test)."""
    product = Product.objects.order_by("pk").first()
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity})


def stored_user(client: Client) -> dict:
    return StoreRecord.objects.get(store_id=client.session[STORE_SESSION_KEY]).state["user"]


def test_login_puts_the_user_and_their_tokens_in_the_store(client: Client, demo_user) -> None:
    response = log_in(client, next_url="/bag/")
    assert response.status_code == 302
    assert response["Location"] == "/bag/"
    state = stored_user(client)
    assert state["username"] == "demo"
    assert state["display_name"] == "Demo Shopper"
    assert JWT.fullmatch(state["tokens"]["access"])
    assert JWT.fullmatch(state["tokens"]["refresh"])
    assert TokenFamily.objects.filter(user=demo_user).count() == 1


def test_the_header_shows_who_is_logged_in(client: Client, demo_user) -> None:
    assert "Log in" in client.get("/").content.decode()
    log_in(client)
    html = client.get("/").content.decode()
    assert "Logged in as <strong>Demo Shopper</strong>" in html
    assert "Welcome back, Demo Shopper." in html


def test_tokens_never_reach_the_browser(client: Client, demo_user) -> None:
    responses = [log_in(client)]
    responses += [client.get(path) for path in ("/", "/bag/", "/account/orders/", "/checkout/payment/")]
    for response in responses:
        assert not JWT.search(response.content.decode())
        assert not JWT.search(str(response.headers))
    assert set(client.cookies) <= {"sessionid", "csrftoken", "messages"}
    assert client.cookies["sessionid"]["httponly"]
    assert not any(JWT.search(cookie.value) for cookie in client.cookies.values())


def test_a_cart_filled_before_login_is_still_there_after(client: Client, demo_user, catalog: int) -> None:
    add_to_cart(client, 2)
    log_in(client)
    assert badge_label(client.get("/").content.decode()) == "Bag, 2 items"


def test_wrong_password_shows_the_form_error_and_stores_nothing(client: Client, demo_user) -> None:
    response = log_in(client, password="wrong")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not TokenFamily.objects.exists()


def test_login_requires_csrf(demo_user) -> None:
    assert log_in(Client(enforce_csrf_checks=True)).status_code == 403


def test_orders_page_requires_login(client: Client) -> None:
    response = client.get("/account/orders/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/account/orders/"


def test_orders_page_reads_the_authenticated_api(client: Client, demo_user) -> None:
    log_in(client)
    html = client.get("/account/orders/").content.decode()
    assert "Signed in as <strong>Demo Shopper</strong> (demo@example.com)." in html
    assert "No orders yet." in html


def test_logout_revokes_the_tokens_and_clears_user_data_everywhere(client: Client, demo_user, catalog: int) -> None:
    log_in(client)
    add_to_cart(client, 1)
    client.get("/")
    store_id = client.session[STORE_SESSION_KEY]
    response = client.post("/logout/", headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag", "host/UserMenu"))
    html = response.content.decode()
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-cart-Bag", "remote-host-UserMenu"]
    assert badge_label(html) == "Bag, 0 items"
    assert 'href="/login/?next=/bag/"' in html  # the user menu now offers to log in
    state = StoreRecord.objects.get(store_id=store_id).state
    assert state["user"]["tokens"] is None
    assert state["cart"]["lines"] == []
    family = TokenFamily.objects.get(user=demo_user)
    assert family.revoked_reason == "logged out"
    assert SESSION_KEY not in client.session
