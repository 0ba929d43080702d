"""Requests per user action, counted in Chromium, the federated shop's beside the monolith's (both answer with htmx).

Both shops are served by one gunicorn with the production settings (throughput.servers). Counted: every
request the page makes to the shop (documents, htmx and fetch requests, beacons), telemetry included; not static
files, not images. The analytics remote's events go out in one beacon when the page is left or after a quiet
spell (docs/events.md), so an action's count shows whether its telemetry cost a request of its own.
"""

import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Locator, Page, Request, expect, sync_playwright

# As the browser tests launch Chromium (tests/prerequisites.py).
CHROMIUM_FLAGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",  # no calls home: the machine has no network but loopback
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
USERNAME, PASSWORD = "demo", "mfe-demo-pass"
QUIET = 0.3  # seconds without a request: the action and everything it set off are over


@dataclass(frozen=True)
class Action:
    """The requests one action made in each shop ("POST /path"), and the page it sent the browser to, apart."""

    composed: tuple[str, ...]
    monolith: tuple[str, ...]
    leads_to: str = ""  # the page the action sends the browser to, e.g. "the payment page"
    composed_then: tuple[str, ...] = ()  # that page's requests
    monolith_then: tuple[str, ...] = ()


class Recorder:
    """Every request the page makes to the shop; the requests of one action, once the page has settled."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.seen: list[str] = []
        self.pending: set[Request] = set()
        self.last = time.monotonic()
        page.on("request", self.started)
        page.on("requestfinished", self.ended)
        page.on("requestfailed", self.ended)

    def started(self, request: Request) -> None:
        self.pending.add(request)
        self.last = time.monotonic()
        if request.resource_type not in {"document", "xhr", "fetch", "ping", "other"}:
            return
        url = urlsplit(request.url)
        if "/static/" in url.path:
            return
        self.seen.append(f"{request.method} {url.path}" + (f"?{url.query}" if url.query else ""))

    def ended(self, request: Request) -> None:
        self.pending.discard(request)
        self.last = time.monotonic()

    def settle(self, timeout: float = 30) -> None:
        """Wait until no request of any kind is in flight and none started for QUIET seconds.

        Stricter than Playwright's "networkidle", which a page reaches once: after an htmx action it is
        already reached and would not wait for a request the answer triggers.
        """
        deadline = time.monotonic() + timeout
        while self.pending or time.monotonic() - self.last < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"Requests still in flight after {timeout} s: {[r.url for r in self.pending]}")
            self.page.wait_for_timeout(50)  # Playwright delivers the page's events while it waits

    def during(self, action: Callable[[], None]) -> list[str]:
        """The requests `action` made, from the moment it started until the page settled."""
        self.settle()
        start = len(self.seen)
        action()
        self.settle()
        return self.seen[start:]


def product_card(page: Page, name: str) -> Locator:
    """A product's card on either shop's list (both are `.product-card` with the name as a heading)."""
    return page.locator(".product-card").filter(has=page.get_by_role("heading", name=name, exact=True))


def log_in(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_label("Username").fill(USERNAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def shop_actions(browser: Browser, shop: str, first: str, second: str) -> dict[str, list[str]]:
    """Each action's requests in the shop at `shop`: the federated shop's root, or the monolith's (/monolith).
    The two are the same pages (tests/monolith/test_parity.py), so the same clicks do the same things."""
    context = browser.new_context()
    page = context.new_page()
    recorder = Recorder(page)
    log_in(page, f"{shop}/login/?next={urlsplit(shop).path}/")
    expect(page).to_have_url(f"{shop}/")
    counted: dict[str, list[str]] = {}

    def add(name: str) -> None:
        product_card(page, name).get_by_role("button", name="Add to cart").click()
        expect(page.locator("#toasts")).to_contain_text(f"Added {name} to your bag, now")

    counted["Add to cart"] = recorder.during(lambda: add(first))
    recorder.during(lambda: add(second))

    def open_bag() -> None:
        page.get_by_role("link", name=re.compile(r"^Bag, \d+ items?$")).click()
        expect(page).to_have_url(f"{shop}/bag/")
        expect(page.locator(".bag-line")).to_have_count(2)

    counted["Open the bag"] = recorder.during(open_bag)

    def change_quantity() -> None:
        page.get_by_label(f"Quantity of {first}").fill("2")
        page.get_by_label(f"Quantity of {first}").press("Enter")
        expect(page.get_by_text(f"Quantity of {first} is now 2.")).to_be_visible()

    counted["Change a quantity"] = recorder.during(change_quantity)

    def remove() -> None:
        page.get_by_role("button", name=f"Remove {second}").click()
        expect(page.locator(".bag-line")).to_have_count(1)

    counted["Remove a line"] = recorder.during(remove)

    def go_to_payment() -> None:
        page.get_by_role("button", name="Go to payment", exact=True).click()
        expect(page).to_have_url(f"{shop}/checkout/payment/")
        expect(page.locator(".payment-line")).to_have_count(1)

    counted["Go to payment"] = recorder.during(go_to_payment)
    context.close()
    return counted


def requests_per_action(base: str) -> dict[str, Action]:
    """Each action's requests in both shops, served at `base` on the suite's database."""
    from api.models import Product
    from api.services import demo_user_ensure

    # The database before the browser: Playwright's sync API runs an event loop, under which the ORM refuses.
    demo_user_ensure()
    first, second = Product.objects.order_by("name", "pk").values_list("name", flat=True)[:2]
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            composed = shop_actions(browser, base, first, second)
            monolith = shop_actions(browser, f"{base}/monolith", first, second)
        finally:
            browser.close()

    actions = {}
    for name, made in composed.items():
        if name != "Go to payment":
            actions[name] = Action(tuple(made), tuple(monolith[name]))
            continue
        # The htmx POST answers HX-Redirect; the browser then loads the payment page, a page of its own.
        (composed_action, composed_then), (monolith_action, monolith_then) = (
            _apart(requests, "GET ", "/checkout/payment/") for requests in (made, monolith[name])
        )
        actions[name] = Action(composed_action, monolith_action, "the payment page", composed_then, monolith_then)
    return actions


def _apart(requests: list[str], method: str, path_end: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`requests` split in two: those that are not `method` on a path ending in `path_end`, and those that are."""
    then = tuple(r for r in requests if r.startswith(method) and r.endswith(path_end))
    return tuple(r for r in requests if r not in then), then
