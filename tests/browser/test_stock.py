"""Stock where a shopper decides, in Chromium at 1280 and 320 px: low and out of stock said on the list and the
product page, what cannot succeed disabled, and an error under one card that moves no other card."""

import pytest
from playwright.sync_api import Page, expect

from api.models import Product
from tests.browser.pages import expect_badge, product_card

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_list_says_which_are_low_or_out_of_stock_and_offers_no_add_for_these(
    page: Page, shop: str, width: int
) -> None:
    """Issue 27.6: the list showed no stock; "Add to cart" waited to fail."""
    page.set_viewport_size({"width": width, "height": 800})
    low, out, plenty = Product.objects.order_by("name")[:3]
    Product.objects.filter(pk=low.pk).update(stock=3)
    Product.objects.filter(pk=out.pk).update(stock=0)
    Product.objects.filter(pk=plenty.pk).update(stock=40)
    page.goto(f"{shop}/")
    expect(product_card(page, low.name)).to_contain_text("Only 3 left")
    expect(product_card(page, plenty.name)).not_to_contain_text("left")
    unavailable = product_card(page, out.name).get_by_role("button")
    expect(unavailable).to_be_disabled()
    expect(unavailable).to_have_accessible_description("Out of stock")
    expect(product_card(page, low.name).get_by_role("button")).to_be_enabled()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_out_of_stock_product_page_offers_no_quantity_and_no_add(page: Page, shop: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    product = Product.objects.order_by("name").first()
    Product.objects.filter(pk=product.pk).update(stock=0)
    page.goto(f"{shop}/product/{product.pk}/")
    expect(page.get_by_text("Out of stock")).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Quantity")).to_have_count(0)
    add = page.get_by_role("button", name=f"Add to cart {product.name}")
    expect(add).to_be_disabled()
    expect(add).to_have_accessible_description("Out of stock")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_error_under_one_card_moves_no_button(page: Page, shop: str, width: int) -> None:
    """Issue 27.6: the inline error pushed the other buttons of its row down by 24 px."""
    page.set_viewport_size({"width": width, "height": 800})
    product = Product.objects.order_by("name").first()
    Product.objects.filter(pk=product.pk).update(stock=1)
    page.goto(f"{shop}/")
    buttons = page.locator(".product-card button[type=submit]")

    def tops() -> list[float]:
        return buttons.evaluate_all("(all) => all.map((b) => b.getBoundingClientRect().top + window.scrollY)")

    product_card(page, product.name).get_by_role("button").click()
    expect_badge(page, 1)
    before = tops()
    product_card(page, product.name).get_by_role("button").click()  # one more than the stock
    expect(product_card(page, product.name).get_by_role("alert")).to_contain_text("Only 1 in stock.")
    after = tops()
    row = [index for index, top in enumerate(before) if top == before[0]]  # the first card's row
    assert len(row) >= 2, "the first card shares its row"
    assert [after[index] for index in row] == [before[index] for index in row]  # rows below make room, as text does


def test_each_add_button_names_its_product(page: Page, shop: str) -> None:
    """Issue 27.11: 24 buttons named "Add to cart" alike."""
    page.goto(f"{shop}/")
    names = page.locator(".product-card button[type=submit]").evaluate_all(
        "(all) => all.map((b) => b.getAttribute('aria-labelledby').split(' ')"
        ".map((id) => document.getElementById(id).textContent.trim()).join(' '))"
    )
    products = [product.name for product in Product.objects.order_by("name")[:24]]
    assert sorted(names) == sorted(f"Add to cart {name}" for name in products)
    first = products[0]
    expect(page.get_by_role("button", name=f"Add to cart {first}", exact=True)).to_have_count(1)
