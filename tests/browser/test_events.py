"""Custom events in Chromium: they arrive on document, and the analytics remote records them."""

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from api.models import Product
from apps.analytics.models import AnalyticsEvent
from tests.browser.pages import add_to_bag

pytestmark = pytest.mark.browser


def recorded(name: str, timeout: float = 5.0) -> list[AnalyticsEvent]:
    """The recorded events of that name, waiting a little for the beacon to land."""
    deadline = time.monotonic() + timeout
    while not (found := list(AnalyticsEvent.objects.filter(name=name))) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_adding_to_cart_fires_cart_item_added_once_and_analytics_records_it(page: Page, shop: str) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    page.evaluate(
        """window.seen = [];
        document.addEventListener("cart:item-added",
          (event) => window.seen.push({product_id: event.detail.product_id, quantity: event.detail.quantity}));"""
    )
    add_to_bag(page, product.name)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.seen") == [{"product_id": product.pk, "quantity": 1}]

    page.goto(f"{shop}/bag/")  # leaving the page sends what the listener queued
    [event] = recorded("cart:item-added")
    assert event.payload == {"product_id": product.pk, "quantity": 1}
    assert event.path == "/"
    # The home page's view, once, in the same beacon (the bag page's own may follow once its quiet spell is over).
    assert [e.payload for e in AnalyticsEvent.objects.filter(name="host:page-view", path="/")] == [{"path": "/"}]


def test_telemetry_costs_an_action_no_request_and_is_sent_in_one_beacon_when_the_page_is_left(
    page: Page, shop: str, settings
) -> None:
    settings.ANALYTICS = {"QUIET_MS": 600_000}  # a slow machine's pauses never send the queue: only leaving does
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    sent: list[str] = []
    page.on(
        "request",
        lambda request: (
            sent.append(f"{request.method} {urlsplit(request.url).path}")
            if not urlsplit(request.url).path.startswith(
                "/static/"
            )  # files (the icon, scripts), not the shop's answers
            and request.resource_type not in {"image", "stylesheet", "script", "font"}
            else None
        ),
    )
    add_to_bag(page, product.name)
    page.wait_for_timeout(1000)  # everything the click set off is over, well within the listener's quiet spell
    assert sent == [f"POST /remotes/products/{product.pk}/add-to-cart/"]  # one action, one request
    # Its events wait in the page's queue. (Only this page's are looked for: a page an earlier test left may
    # still be sending its own.)
    assert not AnalyticsEvent.objects.filter(path="/").exists()

    page.goto(f"{shop}/bag/")  # leaving the page: the queue goes out in one beacon, nothing is lost
    assert [e.payload for e in recorded("cart:item-added")] == [{"product_id": product.pk, "quantity": 1}]
    assert [e.payload for e in AnalyticsEvent.objects.filter(name="host:page-view", path="/")] == [{"path": "/"}]
    beacons = [request for request in sent if request.endswith("/remotes/analytics/events/")]
    assert len(beacons) <= 1  # Chromium may not report a beacon sent while the page unloads; never two


def test_a_quiet_spell_sends_the_queue_without_leaving_the_page(page: Page, shop: str, settings) -> None:
    settings.ANALYTICS = {"QUIET_MS": 300}
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    add_to_bag(page, product.name)
    [event] = recorded("cart:item-added")
    assert event.payload == {"product_id": product.pk, "quantity": 1}
