"""Custom events in Chromium: they arrive on document, and the analytics remote records them."""

import time

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

    [event] = recorded("cart:item-added")
    assert event.payload == {"product_id": product.pk, "quantity": 1}
    assert event.path == "/"
    assert [e.payload for e in recorded("host:page-view")] == [{"path": "/"}]
