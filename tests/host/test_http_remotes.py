"""A remote served by its own server and mounted by URL (host/http_remotes.py, federation/served.py).

Each test starts the cart as a second server process on loopback (the `cart_over_http` fixture).
"""

import time

import httpx
import pytest
from django.test import Client

from api.models import Product
from api.services import catalog_seed
from federation.wire import CONTEXT_HEADER, sign_context
from host import http_remotes
from tests.conftest import ServedRemote
from tests.helpers import badge_label, htmx_headers, oob_mounts

BAG_PAGE = ("/bag/", "cart/Bag", "cart/CartBadge", "host/CheckoutSummary")


@pytest.fixture
def products(cart_over_http: ServedRemote) -> list[Product]:
    catalog_seed(count=4)
    return list(Product.objects.order_by("pk")[:2])


def add(client: Client, product: Product, quantity: int = 1):
    return client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": quantity},
                       headers=htmx_headers("/", "cart/CartBadge"))  # fmt: skip


def test_pages_mount_the_remote_components_its_server_renders(client: Client, products: list[Product]) -> None:
    home = client.get("/").content.decode()
    assert badge_label(home) == "Bag, 0 items"
    assert '<link rel="stylesheet" href="/remotes/cart/static/cart/cart.css">' in home  # from its manifest
    assert client.get("/remotes/cart/static/cart/cart.css").status_code == 200  # proxied to its server

    response = add(client, products[0], 2)  # products is in-process; the badge it re-renders is not
    assert oob_mounts(response.content.decode()) == ["remote-cart-CartBadge"]
    assert badge_label(response.content.decode()) == "Bag, 2 items"

    bag = client.get("/bag/").content.decode()
    assert f'<a href="/product/{products[0].pk}/">{products[0].name}</a>' in bag  # the host's link prop
    assert 'hx-post="/remotes/cart/lines/' in bag
    assert '<input type="hidden" name="next" value="/bag/">' in bag  # the host's page, from the signed context


def test_an_action_is_proxied_and_its_effects_replayed_in_one_answer(client: Client, products: list[Product]) -> None:
    add(client, products[0])
    add(client, products[1])
    response = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5},
                           headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"))  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Total (6 items)" in html  # the remote's fragment
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-host-CheckoutSummary"]  # store + callback
    assert badge_label(html) == "Bag, 6 items"
    assert '<p class="toast toast-success">Quantity updated.</p>' in html  # on_show_toast, replayed
    assert "set-cookie" not in {name.lower() for name in response.headers}  # the remote's cookies stay there


def test_bad_input_is_the_remotes_message_and_changes_nothing(client: Client, products: list[Product]) -> None:
    add(client, products[0], 2)
    response = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": "lots"},
                           headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"))  # fmt: skip
    assert response.status_code == 422
    assert "Enter the quantity as a whole number, e.g. 2." in response.content.decode()
    assert badge_label(client.get("/").content.decode()) == "Bag, 2 items"


def test_the_host_checks_csrf_before_anything_is_forwarded(products: list[Product]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    response = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5})
    assert response.status_code == 403


def test_go_to_payment_hands_over_through_the_shared_backing_services(
    client: Client, products: list[Product], demo_user
) -> None:
    """The remote writes the handoff in its process; the host's callback navigates; payment reads it here."""
    client.force_login(demo_user)
    add(client, products[0], 3)
    response = client.post("/remotes/cart/checkout/", headers=htmx_headers(*BAG_PAGE))
    assert response.headers["HX-Redirect"] == "/checkout/payment/"  # on_go_to_payment, the host's answer
    payment = client.get("/checkout/payment/").content.decode()
    assert f'<tr class="payment-line"><th scope="row">{products[0].name}</th><td>3</td>' in payment


def test_the_remote_trusts_only_a_signed_context(cart_over_http: ServedRemote) -> None:
    render = f"{cart_over_http.url}/_federation/render/CartBadge/"
    assert httpx.get(render).status_code == 403  # no context: only a host renders components
    forged = httpx.get(render, headers={CONTEXT_HEADER: "eyJzIjoiYWJjIn0:forged"})
    assert (forged.status_code, forged.text) == (400, "The forwarded context is not signed by the host.")
    elsewhere = sign_context(method="GET", path="/_federation/render/Bag/", session_key="x", csrf_secret="y",
                             props={"bag_href": "/bag/"})  # fmt: skip
    assert httpx.get(render, headers={CONTEXT_HEADER: elsewhere}).status_code == 400
    # Unsigned headers claiming a user or a session get nothing: the badge is an empty visitor's.
    spoofed = httpx.get(f"{cart_over_http.url}/remotes/cart/bag/", headers={"HX-Request": "true",
                        "X-Remote-User": "demo", "Cookie": "sessionid=guess"})  # fmt: skip
    assert "Your bag is empty" in spoofed.text


def test_a_remote_that_is_down_or_hangs_leaves_its_fallback_within_the_timeout(
    client: Client, products: list[Product], cart_over_http: ServedRemote
) -> None:
    add(client, products[0], 2)
    cart_over_http.pause()  # it hangs: the host waits TIMEOUT (1 s), no longer
    started = time.monotonic()
    page = client.get("/bag/")
    assert time.monotonic() - started < 4  # two slots (bag and badge), one second each at most
    assert page.status_code == 503  # the page's own content is the cart's
    html = page.content.decode()
    assert html.count('data-failed="true"') == 2
    assert "Products" in html  # the rest of the layout is there

    cart_over_http.resume()
    cart_over_http.stop()  # down: connection refused, at once
    assert client.get("/").status_code == 200  # a page whose main content is not the cart's
    action = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5},
                         headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"))  # fmt: skip
    assert (action.status_code, action.headers["X-Remote-Failed"]) == (200, "cart")  # the fallback, swapped in
    plain = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5})
    assert plain.status_code == 503
    assert "is not answering" in plain.content.decode()

    cart_over_http.start()
    bag = client.get("/bag/")
    assert bag.status_code == 200
    assert badge_label(bag.content.decode()) == "Bag, 2 items"  # nothing was lost, nothing half-written


def test_a_remote_pinning_a_store_version_the_host_lacks_is_not_mounted(
    client: Client, settings, monkeypatch: pytest.MonkeyPatch, catalog: int
) -> None:
    """The singleton pin, over HTTP: checked when the manifest arrives, and the slot shows its fallback."""
    manifest = {"remote": "cart", "components": {"CartBadge": {"subscribes": ["cart"]}}, "stylesheets": [],
                "shared": {"shared_store": ">=2,<3"}}  # fmt: skip
    fetched: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        return httpx.Response(200, json=manifest)

    fake = httpx.Client(base_url="http://cart.invalid", transport=httpx.MockTransport(answer))
    monkeypatch.setattr(http_remotes, "client", lambda remote: fake)
    remotes = {**settings.FEDERATION["REMOTES"]}
    remotes["cart"] = {**remotes["cart"], "URL": "http://cart.invalid"}
    settings.FEDERATION = {**settings.FEDERATION, "REMOTES": remotes}
    html = client.get("/").content.decode()
    assert '<div id="remote-cart-CartBadge" class="remote remote-cart"' in html
    assert 'data-failed="true"' in html
    assert "The cart part of the shop is unavailable right now." in html
    assert fetched == ["http://cart.invalid/_federation/manifest.json"]  # asked once, not again at once
    with pytest.raises(http_remotes.RemoteIncompatible, match=r"needs shared_store>=2,<3; this host has 1\.0\.0"):
        http_remotes._check_shared("cart", manifest["shared"])
