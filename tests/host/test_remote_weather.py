"""A remote's server that drips its answer, sends one without end, or is read on the wire: the host's page stays
within its time budget, its memory does not grow with the answer, and the wire shows no usable session key."""

import contextlib
import json
import time
import tracemalloc
from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from api.services import catalog_seed
from federation.over_http.wire import CONTEXT_HEADER
from host.over_http import exchange
from host.registry import remotes
from tests.fake_remote import Answer, FakeRemoteServer, Received, cart_manifest

pytestmark = pytest.mark.django_db

BUDGET = 1.0  # the page's time for the cart's server (REMOTE_TIMEOUT), in seconds
# What the host may take past it to render the fallback on a busy test machine (CI's two cores run a browser
# and servers beside this). Still far below what a page waited without a deadline for the whole exchange: the
# drip below takes 10 s.
MARGIN = 2.0
BADGE = b'<a class="cart-badge" href="/bag/"><span class="cart-badge-name">Bag, 0 items</span></a>' + b" " * 40
# The real, signed answer, its last 20 bytes one every half second: each read comes well within the budget, so
# only a deadline for the whole exchange stops waiting for it.
DRIP = Answer(BADGE, drip=20, interval=0.5)


@pytest.fixture
def mount_cart(settings) -> Iterator[Callable[[FakeRemoteServer], None]]:
    """Mount the cart from a fake server's URL, with a budget of BUDGET seconds."""
    started: list[FakeRemoteServer] = []

    def mount(server: FakeRemoteServer) -> None:
        started.append(server.__enter__())
        remotes_ = {**settings.FEDERATION["REMOTES"]}
        remotes_["cart"] = {**remotes_["cart"], "URL": server.url, "TIMEOUT": BUDGET, "MAX_BYTES": 256 * 1024}
        settings.FEDERATION = {**settings.FEDERATION, "REMOTES": remotes_}

    yield mount
    for server in started:
        server.__exit__()


def answering(badge: Answer) -> Callable[[Received], Answer]:
    """A cart server whose manifest is right and whose badge is `badge`."""

    def answer(request: Received) -> Answer:
        if request.path.endswith("manifest.json"):
            return Answer(json.dumps(cart_manifest("CartBadge")).encode(), "application/json")
        return badge

    return answer


def timed_home(client: Client) -> tuple[float, str]:
    started = time.monotonic()
    html = client.get("/").content.decode()
    return time.monotonic() - started, html


def test_a_remote_that_drips_its_answer_falls_back_at_the_budget_and_counts_as_a_failure(
    client: Client, mount_cart: Callable[[FakeRemoteServer], None]
) -> None:
    """Its real, signed answer, but the last 20 bytes one every half second: each read is quick, the whole is not."""
    catalog_seed(count=4)
    mount_cart(FakeRemoteServer(answering(DRIP)))
    client.get("/")  # the manifest, fetched once
    breaker = exchange.breaker(remotes()["cart"])
    failures_before = breaker.failures

    took, html = timed_home(client)
    assert took < BUDGET + MARGIN, f"the page waited {took:.1f} s for a dripping remote"
    assert 'data-failed="true"' in html
    assert "The cart part of the shop is unavailable right now." in html
    assert breaker.failures == failures_before + 1  # a failure for the breaker, not a success


def test_the_breaker_opens_after_dripping_answers_and_pages_stop_waiting(
    client: Client, mount_cart: Callable[[FakeRemoteServer], None]
) -> None:
    catalog_seed(count=4)
    server = FakeRemoteServer(answering(DRIP))
    mount_cart(server)
    for _ in range(3):
        client.get("/")
    assert exchange.breaker(remotes()["cart"]).state == "open"
    asked = len(server.received)
    html = client.get("/").content.decode()
    assert len(server.received) == asked  # not asked at all while it cools, so nothing to wait for
    assert 'data-failed="true"' in html


@pytest.mark.parametrize("declared", [300 * 1024 * 1024, None], ids=["declared", "not declared"])
def test_an_answer_over_the_size_limit_is_refused_as_it_arrives(
    client: Client, mount_cart: Callable[[FakeRemoteServer], None], declared: int | None
) -> None:
    """300 MB (or a body that never ends, its size unsaid): the host stops reading at its limit (256 KiB
    here), never holds the answer in memory, and the page shows the fallback within the budget."""
    catalog_seed(count=4)
    server = FakeRemoteServer(answering(Answer(endless=True, declared=declared)))
    mount_cart(server)
    client.get("/")  # the manifest; the page fills the process's caches
    breaker = exchange.breaker(remotes()["cart"])
    failures_before = breaker.failures
    tracemalloc.start()
    try:
        took, html = timed_home(client)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"{peak / 1e6:.0f} MB held for one page"
    assert took < BUDGET + MARGIN
    assert 'data-failed="true"' in html
    assert breaker.failures == failures_before + 1
    # What the fake managed to write before the host hung up: the limit, and what the sockets' buffers take.
    assert server.sent < 16 * 1024 * 1024


def test_the_wire_shows_no_usable_session_key(client: Client, mount_cart: Callable[[FakeRemoteServer], None]) -> None:
    """Someone reading the traffic between host and remote finds the context, but not the visitor's session key
    nor their CSRF secret: not in clear, not after undoing base64 and compression."""
    catalog_seed(count=4)
    server = FakeRemoteServer(answering(Answer(BADGE)))
    mount_cart(server)
    client.get("/")
    client.get("/")
    session_key = client.session.session_key
    csrf_secret = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    [render] = [request for request in server.received if "render" in request.path][-1:]
    assert CONTEXT_HEADER.lower() in render.headers
    for secret in filter(None, [session_key, csrf_secret]):
        assert secret.encode() not in render.raw
        assert secret.encode() not in readable(render.headers[CONTEXT_HEADER.lower()])


def readable(token: str) -> bytes:
    """Everything a reader of the wire can make of a token: its parts, undone from base64 and zlib if they are."""
    import base64
    import zlib

    found = token.encode()
    for part in token.replace(".", ":").split(":"):
        for candidate in (part, part.lstrip(".")):
            try:
                decoded = base64.urlsafe_b64decode(candidate + "=" * (-len(candidate) % 4))
            except ValueError:
                continue
            found += b"\n" + decoded
            with contextlib.suppress(zlib.error):
                found += b"\n" + zlib.decompress(decoded)
    return found
