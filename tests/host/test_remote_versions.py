"""A remote's new version is seen without restarting the host, and a version the host cannot use falls back,
says why once, shows in the status, and recovers by itself when a fixed one is deployed
(host/over_http/manifest.py). The remote here is a fake server whose manifest and answers a test changes."""

import json
import logging
from dataclasses import dataclass, field

import httpx
import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory

import shared_store
from api.services import catalog_seed
from federation.over_http.wire import CONTEXT_HEADER, SIGNATURE_HEADER, VERSION_HEADER, read_context, sign_answer
from host.over_http import exchange
from host.over_http import manifest as manifests
from tests.helpers import badge_label

pytestmark = pytest.mark.django_db

BADGE = '<a class="cart-badge" href="/bag/"><span class="cart-badge-name">Bag, 0 items</span></a>'


@dataclass
class CartVersion:
    """What a cart server of one version serves: its components (name → the props they need) and stylesheets."""

    version: str
    components: dict[str, list[str]] = field(default_factory=lambda: {"CartBadge": [], "Bag": []})
    stylesheets: list[str] = field(default_factory=lambda: ["/remotes/cart/static/cart/badge.css"])
    shared: dict[str, str] = field(default_factory=dict)

    def manifest(self) -> dict[str, object]:
        components = {
            name: {"subscribes": ["cart"], "needs": needs, "stylesheets": self.stylesheets}
            for name, needs in self.components.items()
        }
        return {
            "remote": "cart",
            "components": components,
            "stylesheets": self.stylesheets,
            "shared": self.shared,
            "version": self.version,
        }


@dataclass
class FakeCart:
    """A cart server deployed at `deployed`; it counts the manifests asked of it."""

    deployed: CartVersion
    manifests_asked: int = 0

    def answer(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("manifest.json"):
            self.manifests_asked += 1
            return signed(request, json.dumps(self.deployed.manifest()).encode(), "application/json", self.deployed)
        return signed(request, BADGE.encode(), "text/html; charset=utf-8", self.deployed)


def signed(request: httpx.Request, body: bytes, content_type: str, version: CartVersion) -> httpx.Response:
    """The remote's answer, naming its version, signed for the host's request as a remote's server signs it."""
    as_received = RequestFactory().generic(
        request.method,
        request.url.raw_path.decode(),
        data=request.content,
        headers={CONTEXT_HEADER: request.headers[CONTEXT_HEADER]},
    )
    context = read_context(as_received)
    assert context is not None
    headers = {"Content-Type": content_type, VERSION_HEADER: version.version}
    signature = sign_answer(context["n"], 200, headers.items(), body)
    return httpx.Response(200, content=body, headers={**headers, SIGNATURE_HEADER: signature})


@pytest.fixture
def cart(settings, monkeypatch: pytest.MonkeyPatch) -> FakeCart:
    """The cart mounted by URL from a fake server, deployed at version "v1"."""
    fake = FakeCart(CartVersion("v1"))
    client = httpx.Client(base_url="http://cart.invalid", transport=httpx.MockTransport(fake.answer))
    monkeypatch.setattr(exchange, "client", lambda remote: client)
    remotes = {**settings.FEDERATION["REMOTES"]}
    remotes["cart"] = {**remotes["cart"], "URL": "http://cart.invalid"}
    settings.FEDERATION = {**settings.FEDERATION, "REMOTES": remotes}
    catalog_seed(count=4)
    return fake


def stylesheets(html: str) -> list[str]:
    return [line.split('href="')[1].split('"')[0] for line in html.splitlines() if 'rel="stylesheet"' in line]


def test_a_new_version_is_fetched_once_and_used_without_restarting_the_host(client: Client, cart: FakeCart) -> None:
    assert "/remotes/cart/static/cart/badge.css" in stylesheets(client.get("/").content.decode())
    assert cart.manifests_asked == 1

    cart.deployed = CartVersion(
        "v2", stylesheets=["/remotes/cart/static/cart/badge.css", "/remotes/cart/static/cart/bag-v2.css"]
    )
    pages = [client.get("/").content.decode() for _ in range(5)]
    # The first answer of v2 names it; the manifest is fetched again once, and the pages after link its CSS.
    assert "/remotes/cart/static/cart/bag-v2.css" in stylesheets(pages[1])
    assert cart.manifests_asked == 2  # one fetch for the new version, not one per page
    assert manifests.remote_status()["cart"]["version"] == "v2"


def test_a_version_without_a_component_the_host_mounts_falls_back_says_why_once_and_recovers(
    client: Client, cart: FakeCart, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get("/")
    cart.deployed = CartVersion("v2", components={"Bag": []})  # CartBadge, which every page mounts, is gone
    with caplog.at_level(logging.ERROR, logger="host.over_http.versions"):
        pages = [client.get("/").content.decode() for _ in range(4)]
    assert all('data-failed="true"' in page for page in pages[1:])
    said = [record.getMessage() for record in caplog.records if record.name == "host.over_http.versions"]
    assert said == [
        "Remote 'cart' version v2 cannot be used by this host: it no longer exposes CartBadge, which this host mounts."
    ]
    status = manifests.remote_status()["cart"]
    assert (status["state"], status["version"]) == ("skewed", "v2")
    assert "no longer exposes CartBadge" in status["problems"]["CartBadge"]

    cart.deployed = CartVersion("v3")  # fixed; nothing asks the cart for its badge meanwhile
    asked = cart.manifests_asked
    assert 'data-failed="true"' in client.get("/").content.decode()
    assert cart.manifests_asked == asked  # not asked again on every page
    later = manifests.clock() + manifests.RECHECK_SECONDS
    monkeypatch.setattr(manifests, "clock", lambda: later)
    assert badge_label(client.get("/").content.decode()) == "Bag, 0 items"  # checked again, and it fits
    assert manifests.remote_status()["cart"]["state"] == "ok"


def test_a_version_needing_a_prop_the_host_does_not_give_falls_back_with_the_reason(
    client: Client, cart: FakeCart, caplog: pytest.LogCaptureFixture
) -> None:
    client.get("/")
    cart.deployed = CartVersion("v2", components={"CartBadge": ["loyalty_points"], "Bag": []})
    with caplog.at_level(logging.ERROR, logger="host.over_http.versions"):
        pages = [client.get("/").content.decode() for _ in range(3)]
    assert 'data-failed="true"' in pages[-1]
    said = [record.getMessage() for record in caplog.records if record.name == "host.over_http.versions"]
    assert len(said) == 1
    assert (
        "version v2 cannot be used by this host: cart/CartBadge needs props nobody supplies: ['loyalty_points']"
        in said[0]
    )


def test_an_incompatible_pin_falls_back_and_a_fixed_version_is_mounted_again_by_itself(
    client: Client, cart: FakeCart, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get("/")
    cart.deployed = CartVersion("v2", shared={"shared_store": ">=2,<3"})
    pages = [client.get("/").content.decode() for _ in range(3)]
    assert 'data-failed="true"' in pages[-1]
    status = manifests.remote_status()["cart"]
    assert status["state"] == "incompatible"
    assert status["problems"]["*"] == f"it needs shared_store>=2,<3; this host has {shared_store.__version__}"
    asked = cart.manifests_asked

    cart.deployed = CartVersion("v3")  # fixed; nothing asks the cart meanwhile, so no answer names it
    assert 'data-failed="true"' in client.get("/").content.decode()
    assert cart.manifests_asked == asked  # not asked again at once
    later = manifests.clock() + manifests.RECHECK_SECONDS
    monkeypatch.setattr(manifests, "clock", lambda: later)
    assert badge_label(client.get("/").content.decode()) == "Bag, 0 items"
    assert manifests.remote_status()["cart"]["state"] == "ok"


def test_the_status_of_the_remotes_is_for_staff(client: Client, cart: FakeCart) -> None:
    client.get("/")
    assert client.get("/status/remotes/").status_code in (302, 403)  # anyone else is sent to log in
    staff = get_user_model().objects.create_user("operator", password="operator-pass", is_staff=True)
    client.force_login(staff)
    status = client.get("/status/remotes/").json()
    assert status["cart"] == {
        "served": "http://cart.invalid",
        "version": "v1",
        "announced": "v1",
        "state": "ok",
        "problems": {},
        "breaker": "closed",
    }
    assert status["products"] == {"served": "in process"}
