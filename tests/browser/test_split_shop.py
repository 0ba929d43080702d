"""The shop split for real, in Chromium: the host and every remote on a server of its own, started both ways the
README gives (each remote by its own command, runserver with DEBUG=1 and the development key; and all of them by
`manage.py demo --split`). A whole purchase works as it does in one process: no request of a page fails,
nothing goes to the console as an error, every remote's stylesheet applies, and the analytics remote records
what the shopper did."""

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from importlib import import_module

import httpx
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from playwright.sync_api import Locator, Page, expect
from pytest_django.fixtures import Settings
from pytest_django.live_server_helper import LiveServer
from rest_framework_simplejwt.tokens import AccessToken

from api.models import Order, Product
from api.services import DEMO_PASSWORD, catalog_seed, demo_user_ensure
from apps.analytics.models import AnalyticsEvent
from shared_store import dispatch, select
from shared_store.slices import user
from tests.browser.conftest import leave_the_shop
from tests.browser.pages import add_to_bag, expect_badge, product_card, submit_login
from tests.browser.test_events import recorded
from tests.conftest import ServedRemote, mounted_by_url
from tests.servers import ROOT, free_ports, server_environment, stop, wait_until_serving

pytestmark = [
    pytest.mark.browser,
    pytest.mark.server,
    pytest.mark.postgres,
    pytest.mark.xdist_group("split-shop"),  # one set of servers per run, on one worker
]

REMOTES = ["products", "cart", "payment", "analytics"]
# What is tested here is that the split shop works, not how fast: a busy test machine's servers, rendering their
# first pages, get more time than a visitor's 2 seconds.
TIMEOUT = 10


@pytest.fixture(scope="module")
def split_servers(django_db_setup: None) -> Iterator[dict[str, ServedRemote]]:
    """Each remote on a server of its own, on the test database, as the README's development setup runs it."""
    servers = {name: ServedRemote(f"apps.{name}", development=True) for name in REMOTES}
    for server in servers.values():
        server.launch()
    for server in servers.values():
        server.wait_until_serving()
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="module")
def split_demo(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`manage.py demo --split`, the one command, on the test database: its host's URL."""
    port = free_ports(1 + len(REMOTES))
    env = server_environment(REMOTE_TIMEOUT=str(TIMEOUT))
    command = [sys.executable, "manage.py", "demo", "--split", f"127.0.0.1:{port}"]
    log = tmp_path_factory.mktemp("split-demo") / "log.txt"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    host = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(process, f"{host}/", timeout=90)
        for offset in range(1, 1 + len(REMOTES)):
            wait_until_serving(process, f"http://127.0.0.1:{port + offset}/_federation/manifest.json")
    except RuntimeError as exc:
        raise RuntimeError(f"{exc}\n{log.read_text()}") from exc
    yield host
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    finally:
        stop(process)


@pytest.fixture(params=["the README's commands", "manage.py demo --split"])
def split_shop(request: pytest.FixtureRequest, transactional_db: None, settings: Settings) -> Iterator[str]:
    """The shop split, started either way, with the demo catalog and account: the host's URL.

    With the README's commands, each remote runs as they start it and the live server is the host; with the one
    command, every server is its own process."""
    # The demo account with a password hash every server can check: theirs have Django's usual hashers, not the
    # quick one the tests use.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", *settings.PASSWORD_HASHERS]
    shopper = demo_user_ensure()
    shopper.set_password(DEMO_PASSWORD)
    shopper.save(update_fields=["password"])
    if request.param == "manage.py demo --split":
        url = request.getfixturevalue("split_demo")
        catalog_seed(count=24)
        warmed_up(url)
        yield url
        if "page" in request.fixturenames and not (page := request.getfixturevalue("page")).is_closed():
            page.goto("about:blank")  # the page sends its analytics queue now, while the catalog is there
            page.wait_for_timeout(300)
        return
    live_server: LiveServer = request.getfixturevalue("live_server")
    servers: dict[str, ServedRemote] = request.getfixturevalue("split_servers")
    traffic = request.getfixturevalue("traffic")
    with mounted_by_url(servers, timeout=TIMEOUT):
        catalog_seed(count=24)
        warmed_up(live_server.url)
        yield live_server.url
        leave_the_shop(request, traffic)


def warmed_up(url: str) -> None:
    """Until the shop's pages render whole: each server has loaded what its first pages need (a moment on a busy
    machine), so the journey's first page does not meet a remote's fallback."""
    deadline = time.monotonic() + 60
    for path in ("/", "/bag/"):
        while 'data-failed="true"' in httpx.get(f"{url}{path}", timeout=30, verify=False).text:
            assert time.monotonic() < deadline, f"{url}{path} still shows a fallback"
            time.sleep(0.5)


def watch(page: Page) -> list[str]:
    """Every failed request, error answer and console error of the page, as it happens."""
    problems: list[str] = []
    # Not ERR_ABORTED: that is the browser cancelling a request itself, as it does with a favicon still loading
    # when the test moves on to the next page; a server that failed shows as any other error, or a status.
    page.on(
        "requestfailed",
        lambda r: (
            problems.append(f"failed: {r.method} {r.url} ({r.failure})")
            if "ERR_ABORTED" not in (r.failure or "")
            else None
        ),
    )
    page.on(
        "response", lambda r: problems.append(f"{r.status}: {r.request.method} {r.url}") if r.status >= 400 else None
    )
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def style(locator: Locator, prop: str) -> str:
    """The element's computed style, once its page has loaded its stylesheets (a page reached by a click may not
    have yet)."""
    locator.page.wait_for_load_state("load")
    return locator.first.evaluate("(element, prop) => getComputedStyle(element)[prop]", prop)


def expire_the_access_token(page: Page) -> None:
    """The visitor's access token, as it is an hour on: the next API call gets a 401 and must refresh. Written
    into their store (the shared store, read by every server), not waited for: the remotes' clocks are their own."""
    session_key = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    visitor = RequestFactory().get("/")
    visitor.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    tokens = select(visitor, user.select_user)["tokens"]
    shopper = get_user_model().objects.get(username="demo")  # not demo_user_ensure(): a new password logs out
    with time_machine.travel(-timedelta(hours=1)):
        expired = str(AccessToken.for_user(shopper))
    dispatch(visitor, user.TokensRefreshed(access_token=expired, refresh_token=tokens["refresh"]))


def test_a_whole_purchase_on_the_split_shop(page: Page, split_shop: str) -> None:
    problems = watch(page)
    first, second, third = Product.objects.order_by("name")[:3]

    page.goto(f"{split_shop}/")
    # Each remote's stylesheet, fetched through the host from its server, applies.
    assert style(page.locator(".product-grid"), "display") == "grid"  # products
    assert style(page.locator(".cart-badge-name"), "position") == "absolute"  # the cart's badge: a hidden name
    add_to_bag(page, first.name, second.name, third.name)

    page.get_by_role("link", name="Bag, 3 items", exact=True).click()
    expect(page.locator(".bag-line")).to_have_count(3)
    assert style(page.locator(".bag-lines"), "borderCollapse") == "collapse"  # the cart's bag
    page.get_by_label(f"Quantity of {first.name}").fill("2")
    page.get_by_label(f"Quantity of {first.name}").press("Enter")
    expect_badge(page, 4)
    page.get_by_role("button", name=f"Remove {third.name}").click()
    expect(page.locator(".bag-line")).to_have_count(2)
    expect_badge(page, 3)
    page.get_by_role("checkbox", name=f"Pay now for {second.name}").uncheck()
    expect(page.get_by_text("2 of 3 items selected")).to_be_visible()  # the first product's two

    page.get_by_role("button", name="Go to payment", exact=True).click()
    submit_login(page)
    expect(page).to_have_url(f"{split_shop}/checkout/payment/")
    assert style(page.locator(".payment-form"), "borderTopStyle") == "solid"  # payment
    page.get_by_label("Name on card").fill("Demo Shopper")
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry (MM/YY)").fill("12/39")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=re.compile(r"^Pay €")).click()
    expect(page).to_have_url(re.compile(r"/checkout/thanks/\d+/$"))
    order = Order.objects.get()
    assert [(line.product_id, line.quantity) for line in order.lines.all()] == [(first.pk, 2)]
    expect_badge(page, 1)  # what was not paid for stays in the bag

    expire_the_access_token(page)
    page.get_by_role("link", name="Your orders").click()
    expect(page.get_by_role("row").filter(has_text=f"#{order.pk}")).to_be_visible()  # the payment server refreshed

    page.goto(f"{split_shop}/")  # leaving the page sends the analytics queue
    added = recorded("cart:item-added")
    assert sorted(event.payload["product_id"] for event in added) == sorted([first.pk, second.pk, third.pk])
    assert AnalyticsEvent.objects.filter(name="cart:item-removed", payload__product_id=third.pk).exists()
    assert problems == []


def test_a_remotes_own_page_behind_a_login_sends_an_anonymous_visitor_to_the_hosts_login(split_shop: str) -> None:
    """The payment server has no login page of its own: its login_required page must not answer 500."""
    answer = httpx.get(f"{split_shop}/remotes/payment/orders/")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/login/?next=")


def test_adding_to_the_bag_without_javascript_on_the_split_shop(no_js_page: Page, split_shop: str) -> None:
    product = Product.objects.order_by("name").first()
    page = no_js_page
    problems = watch(page)
    page.goto(f"{split_shop}/")
    product_card(page, product.name).get_by_role("button", name="Add to cart").click()
    expect_badge(page, 1)  # a full page: the form posted through the host to the products server
    assert style(page.locator(".product-grid"), "display") == "grid"
    assert problems == []
