"""The first journey, in Chromium against the live server: browse, open a product, reach the bag and back."""

import re

import pytest
from playwright.sync_api import Page, expect

from api.models import Product

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def test_browse_to_a_product_and_to_the_bag_and_back(page: Page, shop: str) -> None:
    page.goto(f"{shop}/")
    cards = page.locator(".product-card")
    expect(cards).to_have_count(24)

    product = Product.objects.order_by("name").first()
    page.get_by_role("link", name=product.name).click()
    expect(page).to_have_url(f"{shop}/product/{product.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(product.name)
    expect(page.locator(".product-detail .product-price")).to_have_text(f"€{product.price}")

    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("link", name="Bag").click()
    expect(page).to_have_url(f"{shop}/bag/")
    expect(page.get_by_text("Your bag is empty")).to_be_visible()

    nav.get_by_role("link", name="Products").click()
    expect(page).to_have_url(f"{shop}/")
    expect(cards).to_have_count(24)


def test_unknown_product_shows_the_404_page(page: Page, shop: str) -> None:
    response = page.goto(f"{shop}/product/999999/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_text("There is no product with id 999999.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page).to_have_title(re.compile("Not found"))
