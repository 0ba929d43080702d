"""Tests of the host's htmx composition (the out-of-band re-renders of host/subscribers.py), the badge slot and logout
(host/accounts.py)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from api.models import Product
from shared_store.models import StoreRecord
from shared_store.store import SESSION_KEY as STORE_SESSION_KEY
from shared_store.store import account_store_id
from tests.helpers import badge_label, htmx_headers, oob_mounts, run_concurrently

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopper(client: Client, catalog: int) -> Client:
    for product in Product.objects.order_by("pk")[:2]:
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.get("/")  # deliver the queued toasts
    return client


def test_every_page_has_the_badge_in_its_slot(shopper: Client) -> None:
    for path in ("/", "/bag/", "/product/1/", "/no/such/page/"):
        html = shopper.get(path).content.decode()
        assert 'id="cart-badge-slot"' in html
        assert badge_label(html) == "Bag, 2 items"


def test_anonymous_badge_says_zero(client: Client) -> None:
    assert badge_label(client.get("/").content.decode()) == "Bag, 0 items"


def test_nothing_is_added_when_no_slice_changed(shopper: Client) -> None:
    product = Product.objects.order_by("pk").first()
    response = shopper.post(
        f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 0}, headers=htmx_headers("/", "cart/CartBadge")
    )
    assert oob_mounts(response.content.decode()) == []


def test_full_page_posts_get_no_out_of_band_parts(shopper: Client) -> None:
    product = Product.objects.order_by("pk").first()
    response = shopper.post(
        f"/remotes/products/{product.pk}/add-to-cart/",
        {"quantity": 1},
        headers={"X-Mounted-Components": "cart/CartBadge"},
    )
    assert response.status_code == 303
    assert response.content == b""


def test_route_params_of_the_page_reach_out_of_band_renders(shopper: Client) -> None:
    # A subscriber re-rendered out of band gets the same props as when the page first rendered it,
    # including the page's route parameters (here the bag links each line through the host's product route).
    product = Product.objects.order_by("pk").first()
    response = shopper.post(
        f"/remotes/products/{product.pk}/add-to-cart/",
        {"quantity": 1},
        headers=htmx_headers(f"/product/{product.pk}/", "cart/Bag"),
    )
    html = response.content.decode()
    assert oob_mounts(html) == ["remote-cart-Bag"]
    assert f'href="/product/{product.pk}/"' in html


def test_logout_clears_user_data_everywhere_in_one_response(shopper: Client) -> None:
    user = get_user_model().objects.create_user("ada", password="ada-pass-123")
    store_id = shopper.session[STORE_SESSION_KEY]
    shopper.post("/login/", {"username": "ada", "password": "ada-pass-123"})
    assert shopper.session[STORE_SESSION_KEY] == store_id  # login rotated the session, the store came along
    assert badge_label(shopper.get("/").content.decode()) == "Bag, 2 items"  # the bag came along to the account
    response = shopper.post("/logout/", headers=htmx_headers("/bag/", "cart/CartBadge", "cart/Bag"))
    html = response.content.decode()
    assert response.status_code == 200
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-cart-Bag"]
    assert badge_label(html) == "Bag, 0 items"
    assert "Your bag is empty." in html
    assert "You have been logged out." in html
    assert "_auth_user_id" not in shopper.session
    assert STORE_SESSION_KEY not in shopper.session  # this browser starts over
    assert len(StoreRecord.objects.get(store_id=account_store_id(user.pk)).state["cart"]["lines"]) == 2


def test_logout_without_javascript_redirects_home(shopper: Client) -> None:
    response = shopper.post("/logout/")
    assert response.status_code == 303
    assert badge_label(shopper.get(response["Location"]).content.decode()) == "Bag, 0 items"


def test_logout_needs_post_and_csrf(shopper: Client) -> None:
    assert shopper.get("/logout/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = shopper.cookies
    assert strict.post("/logout/").status_code == 403
    assert badge_label(shopper.get("/").content.decode()) == "Bag, 2 items"


@pytest.mark.django_db(transaction=True)
def test_a_new_visitors_first_two_simultaneous_adds_are_both_kept(catalog: int) -> None:
    """Finding 15: the page gives a brand-new visitor a session and a store, so two quick clicks share them."""
    browser = Client()
    assert browser.get("/").status_code == 200
    first, second = Product.objects.order_by("pk")[:2]

    def click(product: Product) -> str:
        tab = Client()
        tab.cookies = browser.cookies
        tab.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/"))
        return tab.cookies["sessionid"].value

    products = iter([first, second])
    lock = threading.Lock()

    def next_click() -> str:
        with lock:
            product = next(products)
        return click(product)

    sessions = run_concurrently(2, next_click)
    assert len(set(sessions)) == 1  # whichever answer the browser keeps, it is the same session
    assert badge_label(browser.get("/").content.decode()) == "Bag, 2 items"
