"""A remote served by its own server and mounted by URL (host/over_http/, federation/over_http/served.py).

Each test starts the cart as a second server process on loopback (the `cart_over_http` fixture).
"""

import json
import re
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import httpx
import pytest
from django.test import Client, RequestFactory

import shared_store
from api.models import Product
from api.services import catalog_seed
from federation.events import CATALOG, event_emitted
from federation.over_http.wire import CONTEXT_HEADER, SIGNATURE_HEADER, read_context, seal_context, sign_answer
from host.over_http import exchange
from host.over_http import manifest as manifests
from host.over_http.errors import RemoteIncompatible
from host.registry import remotes
from tests.conftest import ServedRemote
from tests.fake_remote import cart_manifest
from tests.helpers import badge_label, htmx_headers, oob_mounts

pytestmark = pytest.mark.postgres

BAG_PAGE = ("/bag/", "cart/Bag", "cart/CartBadge", "host/CheckoutSummary")


@pytest.fixture
def products(cart_over_http: ServedRemote) -> list[Product]:
    catalog_seed(count=4)
    return list(Product.objects.order_by("pk")[:2])


@pytest.fixture
def failures() -> Iterator[list[str]]:
    """What became of every exchange with a remote's server from now on: "None" for an answer, else the failure."""
    seen: list[str] = []

    def record(*, failure: Exception | None, **kwargs: object) -> None:
        seen.append(str(failure))

    exchange.remote_exchanged.connect(record)
    yield seen
    exchange.remote_exchanged.disconnect(record)


def fake_cart(settings, monkeypatch: pytest.MonkeyPatch, answer: Callable[[httpx.Request], httpx.Response]) -> None:
    """Mount the cart by URL from a server that is `answer` (httpx's MockTransport), not a real process."""
    fake = httpx.Client(base_url="http://cart.invalid", transport=httpx.MockTransport(answer))
    monkeypatch.setattr(exchange, "client", lambda remote: fake)
    remotes_ = {**settings.FEDERATION["REMOTES"]}
    remotes_["cart"] = {**remotes_["cart"], "URL": "http://cart.invalid"}
    settings.FEDERATION = {**settings.FEDERATION, "REMOTES": remotes_}


def add(client: Client, product: Product, quantity: int = 1):
    return client.post(
        f"/remotes/products/{product.pk}/add-to-cart/",
        {"quantity": quantity},
        headers=htmx_headers("/", "cart/CartBadge"),
    )


def test_pages_mount_the_remote_components_its_server_renders(client: Client, products: list[Product]) -> None:
    home = client.get("/").content.decode()
    assert badge_label(home) == "Bag, 0 items"
    assert '<link rel="stylesheet" href="/remotes/cart/static/cart/badge.css">' in home  # from its manifest
    assert client.get("/remotes/cart/static/cart/badge.css").status_code == 200  # proxied to its server

    response = add(client, products[0], 2)  # products is in-process; the badge it re-renders is not
    assert oob_mounts(response.content.decode()) == ["remote-cart-CartBadge"]
    assert badge_label(response.content.decode()) == "Bag, 2 items"

    bag = client.get("/bag/").content.decode()
    assert f'<a href="/product/{products[0].pk}/">{products[0].name}</a>' in bag  # the host's link prop
    assert 'hx-post="/remotes/cart/lines/' in bag
    assert '<input type="hidden" name="next" value="/bag/">' in bag  # the host's page, from the sealed context


def test_an_action_is_proxied_and_its_effects_replayed_in_one_answer(client: Client, products: list[Product]) -> None:
    add(client, products[0])
    add(client, products[1])
    response = client.post(
        f"/remotes/cart/lines/{products[0].pk}/quantity/",
        {"quantity": 5},
        headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Total (6 items)" in html  # the remote's fragment
    assert oob_mounts(html) == ["remote-cart-CartBadge", "remote-host-CheckoutSummary"]  # store + callback
    assert badge_label(html) == "Bag, 6 items"
    assert f"Quantity of {products[0].name} is now 5." in html  # on_show_toast, replayed
    assert "set-cookie" not in {name.lower() for name in response.headers}  # the remote's cookies stay there


def test_a_page_asks_a_remote_server_once_for_all_of_its_fragments(client: Client, products: list[Product]) -> None:
    add(client, products[0], 2)
    paths: list[str] = []

    def record(*, path: str, failure: Exception | None, **kwargs: object) -> None:
        paths.append(f"{path} {failure}")

    exchange.remote_exchanged.connect(record)
    try:
        bag = client.get("/bag/").content.decode()
    finally:
        exchange.remote_exchanged.disconnect(record)
    assert paths == ["/_federation/render/ None"]  # the bag and the badge, in one round trip
    assert badge_label(bag) == "Bag, 2 items"
    assert f'<a href="/product/{products[0].pk}/">{products[0].name}</a>' in bag
    assert 'data-failed="true"' not in bag


def test_a_fragment_that_fails_in_a_pages_exchange_falls_back_alone(
    client: Client, settings, monkeypatch: pytest.MonkeyPatch, catalog: int
) -> None:
    manifest = cart_manifest("Bag", "CartBadge")
    fragments = {
        "Bag": {"status": 500, "html": "", "not_found": False},
        "CartBadge": {"status": 200, "html": '<a href="/bag/">Bag, 0 items</a>', "not_found": False},
    }

    def answer(request: httpx.Request) -> httpx.Response:
        body = manifest if request.url.path.endswith("manifest.json") else {"fragments": fragments}
        assert request.url.path != "/_federation/render/Bag/"  # never asked again alone
        return signed_answer(request, json.dumps(body).encode(), "application/json")

    fake_cart(settings, monkeypatch, answer)
    page = client.get("/bag/")
    html = page.content.decode()
    assert page.status_code == 503  # the page's own content failed
    assert html.count('data-failed="true"') == 1
    assert "The cart part of the shop is unavailable right now." in html
    assert "Bag, 0 items" in html  # the badge, from the same exchange, stands


@pytest.mark.parametrize("body", [b"not json", b'{"fragments": "nonsense"}', b'{"fragments": {"Bag": {}}}'])
def test_a_pages_exchange_whose_answer_is_not_readable_falls_back_and_never_errs(
    client: Client, settings, monkeypatch: pytest.MonkeyPatch, catalog: int, body: bytes
) -> None:
    manifest = cart_manifest("Bag", "CartBadge")

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("manifest.json"):
            return signed_answer(request, json.dumps(manifest).encode(), "application/json")
        return signed_answer(request, body, "application/json")

    fake_cart(settings, monkeypatch, answer)
    page = client.get("/bag/")
    assert page.status_code == 503  # the page's own content is the cart's, and it did not come
    assert page.content.decode().count('data-failed="true"') == 2


def test_the_host_tells_its_own_receivers_of_the_events_a_remote_server_emitted(
    client: Client, products: list[Product]
) -> None:
    heard: list[dict] = []

    def receiver(sender: object, *, payload: dict, **kwargs: object) -> None:
        heard.append(payload)

    # Connected in this process, the host's: the cart emits cart:item-removed in its own server's process.
    event_emitted.connect(receiver, sender=CATALOG["cart:item-removed"])
    try:
        add(client, products[0])
        headers = htmx_headers(*BAG_PAGE, target="remote-cart-Bag")
        response = client.post(f"/remotes/cart/lines/{products[0].pk}/remove/", headers=headers)
    finally:
        event_emitted.disconnect(receiver, sender=CATALOG["cart:item-removed"])
    assert response.status_code == 200
    assert heard == [{"product_id": products[0].pk}]


def test_bad_input_is_the_remotes_message_and_changes_nothing(client: Client, products: list[Product]) -> None:
    add(client, products[0], 2)
    response = client.post(
        f"/remotes/cart/lines/{products[0].pk}/quantity/",
        {"quantity": "lots"},
        headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"),
    )
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


def test_the_remote_trusts_only_a_sealed_context(cart_over_http: ServedRemote) -> None:
    render = f"{cart_over_http.url}/_federation/render/CartBadge/"
    assert httpx.get(render).status_code == 403  # no context: only a host renders components
    forged = httpx.get(render, headers={CONTEXT_HEADER: "eyJzIjoiYWJjIn0:forged"})
    assert (forged.status_code, forged.text) == (400, "The forwarded context is not sealed by the host.")
    elsewhere = seal_context(
        method="GET", path="/_federation/render/Bag/", session_key="x", csrf_secret="y", props={"bag_href": "/bag/"}
    )
    assert httpx.get(render, headers={CONTEXT_HEADER: elsewhere}).status_code == 400
    # Unsigned headers claiming a user or a session get nothing: the badge is an empty visitor's.
    spoofed = httpx.get(
        f"{cart_over_http.url}/remotes/cart/bag/",
        headers={"HX-Request": "true", "X-Remote-User": "demo", "Cookie": "sessionid=guess"},
    )
    assert "Your bag is empty" in spoofed.text


def test_a_remote_that_is_down_or_hangs_leaves_its_fallback_within_the_timeout(
    client: Client, products: list[Product], cart_over_http: ServedRemote, failures: list[str]
) -> None:
    add(client, products[0], 2)
    cart_over_http.pause()  # it hangs: the host waits TIMEOUT (1 s) for the whole page, no longer
    failures.clear()
    page = client.get("/bag/")
    # One exchange for both slots (bag and badge), with one budget: it waits the timeout out once.
    assert [failure.split(": ")[-1] for failure in failures] == ["ReadTimeout timed out"]
    assert page.status_code == 503  # the page's own content is the cart's
    html = page.content.decode()
    assert html.count('data-failed="true"') == 2
    assert "Products" in html  # the rest of the layout is there

    cart_over_http.resume()
    cart_over_http.stop()  # down: connection refused, at once
    assert client.get("/").status_code == 200  # a page whose main content is not the cart's
    action = client.post(
        f"/remotes/cart/lines/{products[0].pk}/quantity/",
        {"quantity": 5},
        headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"),
    )
    assert (action.status_code, action.headers["X-Remote-Failed"]) == (200, "cart")  # the fallback, swapped in
    assert "Your change was not saved." in action.content.decode()  # refused: it never got there
    plain = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5})
    assert plain.status_code == 503
    assert "is not answering. Nothing was changed" in plain.content.decode()

    cart_over_http.start()
    cooled(cart_over_http)
    bag = client.get("/bag/")
    assert bag.status_code == 200
    assert badge_label(bag.content.decode()) == "Bag, 2 items"  # nothing was lost, nothing half-written


def breaker_of(served: ServedRemote):
    return exchange.breaker(remotes()["cart"])


def cooled(served: ServedRemote) -> None:
    """Let the cart's breaker's cooling period pass (its clock jumps ahead, nobody waits)."""
    later = time.monotonic() + 3600
    breaker_of(served).clock = lambda: later


def test_each_visitors_forms_carry_their_own_token_and_no_cookie_crosses_between_visitors(
    products: list[Product], cart_over_http: ServedRemote
) -> None:
    """Three visitors in turn, each with their own session: every one's bag form works (finding 1)."""
    for visitor in (Client(enforce_csrf_checks=True) for _ in range(3)):
        home = visitor.get("/").content.decode()
        token = home.split('"X-CSRFToken": "')[1].split('"')[0]
        visitor.post(
            f"/remotes/products/{products[0].pk}/add-to-cart/", {"quantity": 1}, headers={"X-CSRFToken": token}
        )
        bag = visitor.get("/bag/").content.decode()
        form_token = bag.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        response = visitor.post(
            f"/remotes/cart/lines/{products[0].pk}/quantity/",
            urlencode({"quantity": 2, "csrfmiddlewaretoken": form_token}),
            content_type="application/x-www-form-urlencoded",
        )  # as a browser sends the form
        assert response.status_code == 303, response.content.decode()[:300]
        assert badge_label(visitor.get("/bag/").content.decode()) == "Bag, 2 items"
    assert not exchange.client(remotes()["cart"]).cookies  # nothing kept from any exchange


def test_the_remote_ignores_cookies_on_a_forwarded_request_and_sets_none(cart_over_http: ServedRemote) -> None:
    """Even a host that sent cookies along could not make the remote use them, nor get any back."""
    path = "/_federation/render/CartBadge/"
    context = seal_context(method="GET", path=path, session_key="", csrf_secret="s" * 32, props={"bag_href": "/bag/"})
    response = httpx.get(
        f"{cart_over_http.url}{path}",
        headers={CONTEXT_HEADER: context, "Cookie": "csrftoken=" + "x" * 32 + "; sessionid=someone-elses"},
    )
    assert response.status_code == 200
    assert "set-cookie" not in response.headers


def test_a_captured_context_cannot_be_replayed_nor_sent_with_another_body(
    client: Client, products: list[Product], cart_over_http: ServedRemote
) -> None:
    add(client, products[0], 2)
    path = f"/remotes/cart/lines/{products[0].pk}/quantity/"
    body = b"quantity=3"
    context = seal_context(
        method="POST", path=path, session_key=client.session.session_key, csrf_secret="s" * 32, props={}, body=body
    )
    headers = {CONTEXT_HEADER: context, "Content-Type": "application/x-www-form-urlencoded"}
    other_body = httpx.post(f"{cart_over_http.url}{path}", content=b"quantity=50", headers=headers)
    assert (other_body.status_code, other_body.text) == (400, "The forwarded context was made for another request.")
    assert httpx.post(f"{cart_over_http.url}{path}", content=body, headers=headers).status_code != 400
    replayed = httpx.post(f"{cart_over_http.url}{path}", content=body, headers=headers)
    assert (replayed.status_code, replayed.text) == (400, "The forwarded context was already used.")


def test_a_hung_remote_is_asked_no_more_once_its_breaker_opens_and_one_request_probes_after_cooling(
    client: Client, products: list[Product], cart_over_http: ServedRemote, failures: list[str]
) -> None:
    """Finding 2: after FAILURES failures in a row the breaker answers at once; recovery is one probe away."""
    try:
        cart_over_http.pause()
        for _ in range(3):  # three pages, each spending its one budget on the badge: three failures in a row
            assert 'data-failed="true"' in client.get("/").content.decode()
        assert breaker_of(cart_over_http).state == "open"
        attempts = len(failures)
        for _ in range(5):
            assert 'data-failed="true"' in client.get("/").content.decode()
        refused = failures[attempts:]
        assert len(refused) >= 5  # every page asked (the badge, its stylesheets) and was refused at once:
        assert all("failed 3 times in a row" in failure for failure in refused)  # none waited on the remote
        cart_over_http.resume()
        cooled(cart_over_http)
        assert badge_label(client.get("/").content.decode()) == "Bag, 0 items"  # the probe succeeded
        assert breaker_of(cart_over_http).state == "closed"
    finally:
        cart_over_http.resume()


def test_a_write_that_timed_out_is_reported_as_maybe_saved_and_the_next_page_shows_the_truth(
    client: Client, products: list[Product], cart_over_http: ServedRemote
) -> None:
    """Finding 3: the remote got the change but hung before answering. The host cannot know, so it says so."""
    add(client, products[0], 2)
    cart_over_http.pause()
    action = client.post(
        f"/remotes/cart/lines/{products[0].pk}/quantity/",
        {"quantity": 5},
        headers=htmx_headers(*BAG_PAGE, target="remote-cart-Bag"),
    )
    html = action.content.decode()
    assert action.headers["X-Remote-Failed"] == "cart"
    assert "your change may have been saved" in html
    assert "not saved" not in html
    plain = client.post(f"/remotes/cart/lines/{products[0].pk}/quantity/", {"quantity": 5})
    assert plain.status_code == 503
    assert "Your change may have been saved" in plain.content.decode()
    cart_over_http.resume()  # the remote wakes up and applies what it had received
    cooled(cart_over_http)
    deadline = time.monotonic() + 10
    while badge_label(client.get("/bag/").content.decode()) != "Bag, 5 items" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert badge_label(client.get("/bag/").content.decode()) == "Bag, 5 items"  # the real state, not a guess


def test_an_answer_not_signed_with_the_shared_key_is_never_inserted(
    client: Client, settings, monkeypatch: pytest.MonkeyPatch, catalog: int
) -> None:
    """Finding 13: what the host inserts into its page is what the remote sent, or the fallback."""
    manifest = cart_manifest("CartBadge")

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("manifest.json"):
            return signed_answer(request, json.dumps(manifest).encode(), "application/json")
        response = signed_answer(request, b"<p>Bag, 0 items</p>", "text/html")
        return httpx.Response(200, content=b'<img src=x onerror="steal()">', headers=response.headers)

    fake_cart(settings, monkeypatch, answer)
    html = client.get("/").content.decode()
    assert "steal()" not in html
    assert "The cart part of the shop is unavailable right now." in html


def signed_answer(request: httpx.Request, body: bytes, content_type: str) -> httpx.Response:
    """What a remote's server answers to a host's request: `body`, signed for that request
    (federation/over_http/served.py)."""
    as_received = RequestFactory().generic(
        request.method,
        request.url.raw_path.decode(),  # with its query: the context signs it
        data=request.content,
        headers={CONTEXT_HEADER: request.headers[CONTEXT_HEADER]},
    )
    nonce = read_context(as_received)["n"]
    headers = {"Content-Type": content_type}
    return httpx.Response(
        200, content=body, headers={**headers, SIGNATURE_HEADER: sign_answer(nonce, 200, headers.items(), body)}
    )


def test_a_remote_pinning_a_store_version_the_host_lacks_is_not_mounted(
    client: Client, settings, monkeypatch: pytest.MonkeyPatch, catalog: int
) -> None:
    """The singleton pin, over HTTP: checked when the manifest arrives, and the slot shows its fallback."""
    manifest = {
        "remote": "cart",
        "components": {"CartBadge": {"subscribes": ["cart"]}},
        "stylesheets": [],
        "shared": {"shared_store": ">=2,<3"},
    }
    fetched: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        return signed_answer(request, json.dumps(manifest).encode(), "application/json")

    fake_cart(settings, monkeypatch, answer)
    html = client.get("/").content.decode()
    assert '<div id="remote-cart-CartBadge" class="remote remote-cart"' in html
    assert 'data-failed="true"' in html
    assert "The cart part of the shop is unavailable right now." in html
    assert fetched == ["http://cart.invalid/_federation/manifest.json"]  # asked once, not again at once
    with pytest.raises(
        RemoteIncompatible, match=rf"needs shared_store>=2,<3; this host has {re.escape(shared_store.__version__)}"
    ):
        manifests.manifest(remotes()["cart"])
    assert fetched == ["http://cart.invalid/_federation/manifest.json"]  # the reason is kept, not asked again


def test_the_inspector_shows_each_exchange_with_a_remote_server_and_its_breaker(
    client: Client, products: list[Product], cart_over_http: ServedRemote, settings
) -> None:
    settings.INSPECTOR = {"ENABLED": True}
    html = client.get("/").content.decode()
    assert "<strong>remote cart</strong> <code>GET /_federation/render/CartBadge/</code> → 200; breaker closed" in html
    cart_over_http.pause()
    try:
        for _ in range(3):
            client.get("/")
        assert "breaker open: answering with the fallback, probing again in" in client.get("/").content.decode()
    finally:
        cart_over_http.resume()
