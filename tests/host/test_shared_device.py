"""One browser, two shoppers: what one leaves behind must never reach the next (docs/store.md, "Who owns it").

Alice and Bob share a browser (one test client): each login's bag is its account's, and the end of a login,
whichever way it ends, leaves the browser with an empty bag and no pending checkout.
"""

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client, RequestFactory

from api.models import Product
from shared_store import select
from shared_store.slices import user
from tests.helpers import badge_label

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def people(catalog: int) -> None:
    for name in ("alice", "bob"):
        get_user_model().objects.create_user(name, password=f"{name}-pass-123")


def log_in(browser: Client, name: str) -> None:
    response = browser.post("/login/", {"username": name, "password": f"{name}-pass-123"})
    assert response.status_code == 302, response.content.decode()


def add(browser: Client, product: Product, quantity: int = 1) -> None:
    browser.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity})


def badge(browser: Client) -> str:
    return badge_label(browser.get("/").content.decode())


def alice_starts_a_checkout(browser: Client) -> list[Product]:
    first, second = Product.objects.order_by("pk")[:2]
    log_in(browser, "alice")
    add(browser, first, 2)
    add(browser, second)
    browser.post("/remotes/cart/checkout/")
    assert first.name in browser.get("/checkout/payment/").content.decode()  # her pending checkout
    return [first, second]


def bob_finds_nothing_of_alices(browser: Client, alices: list[Product]) -> None:
    assert badge(browser) == "Bag, 0 items"
    log_in(browser, "bob")
    assert badge(browser) == "Bag, 0 items"
    bag = browser.get("/bag/").content.decode()
    assert all(product.name not in bag for product in alices)
    payment = browser.get("/checkout/payment/", follow=True)
    assert payment.redirect_chain[-1][0] == "/bag/"  # nothing to pay: her checkout is not his
    assert "nothing to pay yet" in payment.content.decode()


def test_after_alice_logs_out_bob_gets_an_empty_bag_and_no_checkout(client: Client, people: None) -> None:
    alices = alice_starts_a_checkout(client)
    client.post("/logout/")
    bob_finds_nothing_of_alices(client, alices)


def test_after_alices_login_expires_bob_gets_an_empty_bag_and_no_checkout(client: Client, people: None) -> None:
    alices = alice_starts_a_checkout(client)
    # Her login is signed out elsewhere (revoked): the shop finds out on its next API call and ends it here.
    request = RequestFactory().get("/")
    request.session = client.session
    tokens = select(request, user.select_tokens)
    assert (
        client.post(
            "/api/token/blacklist/", {"refresh": tokens["refresh"]}, content_type="application/json"
        ).status_code
        == 204
    )
    expired = client.get("/account/orders/").content.decode()
    assert "Your session has expired" in expired
    bob_finds_nothing_of_alices(client, alices)


def test_a_checkout_left_in_a_session_whose_login_ended_is_not_the_next_accounts(client: Client, people: None) -> None:
    """However Alice's login ended, a checkout she started stays hers: Bob never sees it, she finds it again."""
    alices = alice_starts_a_checkout(client)
    session = client.session
    del session[SESSION_KEY]  # her login ended without a logout (e.g. her password was changed elsewhere)
    session.save()
    log_in(client, "bob")
    assert alices[0].name not in client.get("/checkout/payment/", follow=True).content.decode()


def test_alice_finds_her_bag_again_on_her_next_login_merged_with_what_she_chose_meanwhile(
    client: Client, people: None
) -> None:
    _, second = alice_starts_a_checkout(client)
    client.post("/logout/")
    add(client, second, 2)  # anonymous again, in the same browser
    log_in(client, "alice")
    assert badge(client) == "Bag, 5 items"  # her 3 from before, and the 2 she added before logging in
    other = Client()
    log_in(other, "alice")
    assert badge(other) == "Bag, 5 items"  # the same bag on her other device
