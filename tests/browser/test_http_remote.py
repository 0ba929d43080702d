"""The cart served by its own server and mounted by URL, in Chromium: the journey, an outage, the recovery."""

import time

import pytest
from playwright.sync_api import Browser, Page, expect

from api.models import Product
from tests.browser.pages import add_to_bag, expect_badge
from tests.conftest import ServedRemote
from tests.host.test_http_remotes import cooled

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_add_to_cart_then_bag_through_the_host_survives_the_remote_going_away(
    page: Page, shop: str, cart_over_http: ServedRemote, app_requests
) -> None:
    first, second = Product.objects.order_by("name")[:2]
    page.goto(f"{shop}/")
    add_to_bag(page, first.name, second.name)  # the badge comes from the cart's server, through the host
    page.get_by_role("link", name="Bag, 2 items", exact=True).click()
    expect(page).to_have_url(f"{shop}/bag/")
    expect(page.locator(".bag-line")).to_have_count(2)  # the bag comes from the cart's server too
    page.wait_for_load_state("networkidle")

    before = len(app_requests())
    page.get_by_label(f"Quantity of {first.name}").fill("3")
    page.get_by_label(f"Quantity of {first.name}").press("Enter")
    expect_badge(page, 4)
    expect(page.get_by_text(f"Quantity of {first.name} is now 3.")).to_be_visible()
    assert app_requests()[before:] == [f"POST {shop}/remotes/cart/lines/{first.pk}/quantity/"]  # one round trip

    cart_over_http.stop()
    started = time.monotonic()
    page.reload()
    expect(page.get_by_text("The cart part of the shop is unavailable right now.").first).to_be_visible()
    assert time.monotonic() - started < 3  # refused at once; a hanging remote costs at most its 1 s timeout
    expect(page.get_by_role("link", name="Products", exact=True)).to_be_visible()  # the rest of the shop is there

    cart_over_http.start()
    cooled(cart_over_http)  # its breaker's cooling period passes: the next page probes it
    page.reload()
    expect(page.get_by_label(f"Quantity of {first.name}")).to_have_value("3")  # nothing was lost
    expect_badge(page, 4)


def test_three_visitors_in_turn_each_change_their_own_bag_through_the_remote(
    browser: Browser, shop: str, cart_over_http: ServedRemote
) -> None:
    """Issue 14, finding 1: no visitor's cookie rides along with another's exchanges with the cart's server, so
    every visitor's bag form carries their own CSRF token and works (they were refused with 403 in turn)."""
    product = Product.objects.order_by("name").first()
    for _ in range(3):
        visitor = browser.new_context()  # a browser of its own: its own session and CSRF secret
        page = visitor.new_page()
        page.goto(f"{shop}/")
        add_to_bag(page, product.name)
        page.get_by_role("link", name="Bag, 1 item", exact=True).click()
        page.get_by_label(f"Quantity of {product.name}").fill("2")
        page.get_by_label(f"Quantity of {product.name}").press("Enter")
        expect_badge(page, 2)
        expect(page.get_by_text(f"Quantity of {product.name} is now 2.")).to_be_visible()
        visitor.close()
