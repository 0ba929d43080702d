"""What a screen reader is told, in Chromium at 1280 and 320 px: one clear announcement per action, naming the
product and the new total (issue 27.9: a quantity change was announced three times, the total never)."""

import pytest
from playwright.sync_api import Page, expect

from api.client import money
from api.models import Product
from tests.browser.pages import (
    add_to_bag,
    announcements,
    expect_badge,
    listen_to_live_regions,
    pay_with_a_good_card,
    product_card,
)
from tests.browser.test_payment_a11y import to_payment

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


def euros(amount) -> str:
    return money(amount, "EUR")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_add_is_announced_once_with_the_bags_new_total(page: Page, shop: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    first = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    listen_to_live_regions(page)
    product_card(page, first.name).get_by_role("button").click()
    expect_badge(page, 1)
    expect(page.locator(".toast")).to_have_count(1)
    assert announcements(page) == [f"Added {first.name} to your bag, now 1 item, {euros(first.price)}."]


@pytest.mark.parametrize("width", WIDTHS)
def test_each_change_in_the_bag_is_announced_once_naming_the_product_and_the_total(
    page: Page, shop: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    first, second = Product.objects.order_by("name")[:2]
    page.goto(f"{shop}/")
    add_to_bag(page, first.name, second.name)
    page.goto(f"{shop}/bag/")
    listen_to_live_regions(page)

    quantity = page.get_by_label(f"Quantity of {first.name}")
    quantity.fill("3")
    quantity.press("Enter")
    expect_badge(page, 4)
    total = first.price * 3 + second.price
    expect(page.locator(".toast")).to_contain_text("is now 3")
    assert announcements(page) == [f"Quantity of {first.name} is now 3. Bag total {euros(total)} (4 items)."]

    page.evaluate("window.__said = []")
    page.get_by_label(f"Pay now for {second.name}").uncheck()
    expect(page.locator(".checkout-summary")).to_contain_text("3 of 4 items selected")
    expect(page.locator(".toast-announce")).to_have_count(1)
    assert announcements(page) == [f"To pay now: {euros(first.price * 3)}, 3 of 4 items."]
    expect(page.locator(".toast-announce")).not_to_be_in_viewport()  # said, not shown

    page.evaluate("window.__said = []")
    page.get_by_role("button", name=f"Remove {first.name}").click()
    expect_badge(page, 1)
    expect(page.locator(".toast:not(.toast-announce)")).to_contain_text("Removed")
    assert announcements(page) == [f"Removed {first.name} from your bag. Bag total {euros(second.price)} (1 item)."]


def test_the_thank_you_page_says_it_once(page: Page, shop: str) -> None:
    """Its heading and a toast said the same thing."""
    to_payment(page, shop)
    pay_with_a_good_card(page)
    expect(page.locator(".toast")).to_have_count(0)
