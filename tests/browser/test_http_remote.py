"""The cart served by its own server and mounted by URL, in Chromium: the journey, an outage, the recovery."""

import time

import pytest
from playwright.sync_api import Page, expect

from api.models import Product
from tests.browser.pages import add_to_bag, expect_badge
from tests.conftest import ServedRemote

pytestmark = pytest.mark.browser


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
    expect(page.get_by_text("Quantity updated.")).to_be_visible()
    assert app_requests()[before:] == [f"POST {shop}/remotes/cart/lines/{first.pk}/quantity/"]  # one round trip

    cart_over_http.stop()
    started = time.monotonic()
    page.reload()
    expect(page.get_by_text("The cart part of the shop is unavailable right now.").first).to_be_visible()
    assert time.monotonic() - started < 3  # refused at once; a hanging remote costs at most its 1 s timeout
    expect(page.get_by_role("link", name="Products")).to_be_visible()  # the rest of the shop is there

    cart_over_http.start()
    page.reload()
    expect(page.get_by_label(f"Quantity of {first.name}")).to_have_value("3")  # nothing was lost
    expect_badge(page, 4)
