"""Details that make the shop look finished (issue 27.11), in Chromium at 1280 and 320 px: amounts aligned on their
right edge, text beside a control centred on it, the summary above the button it qualifies, the footer at the
bottom of a short page, and orders that open."""

import pytest
from playwright.sync_api import Page, expect

from api.models import Order, Product
from tests.browser.pages import add_to_bag, pay_with_a_good_card
from tests.browser.test_checkout import fill_bag_and_go_to_payment

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


def alignments(page: Page, selector: str) -> set[str]:
    return set(page.locator(selector).evaluate_all("(all) => all.map((el) => getComputedStyle(el).textAlign)"))


def centre_y(page: Page, selector: str) -> float:
    return page.locator(selector).first.evaluate(
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
            const box = [...range.getClientRects()].at(0) ?? el.getBoundingClientRect();
            return box.top + box.height / 2; }"""
    )


def test_amounts_line_up_on_their_right_edge_and_text_is_centred_beside_controls(page: Page, shop: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    first, second = Product.objects.order_by("name")[:2]
    page.goto(f"{shop}/")
    add_to_bag(page, first.name, second.name)
    page.goto(f"{shop}/bag/")
    assert alignments(page, '.bag-lines td[data-label="Price"], .bag-line-total, .bag-total') == {"right"}
    assert alignments(page, ".bag-lines thead th:nth-child(3), .bag-lines thead th:nth-child(5)") == {"right"}
    # The product's name and its price sit on the middle line of the quantity box beside them.
    row = f'.bag-line[data-product-id="{first.pk}"]'
    box = page.locator(f"{row} input[type=number]").bounding_box()
    middle = box["y"] + box["height"] / 2
    for cell in (f"{row} .bag-line-name a", f'{row} td[data-label="Price"]'):
        assert abs(centre_y(page, cell) - middle) <= 3, cell


@pytest.mark.parametrize("width", WIDTHS)
def test_the_summary_comes_before_the_button_it_qualifies(page: Page, shop: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    first, second = Product.objects.order_by("name")[:2]
    page.goto(f"{shop}/")
    add_to_bag(page, first.name, second.name)
    page.goto(f"{shop}/bag/")
    summary = page.locator(".checkout-summary").bounding_box()
    button = page.get_by_role("button", name="Go to payment", exact=True).bounding_box()
    assert summary["y"] + summary["height"] <= button["y"]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_footer_sits_at_the_bottom_of_a_short_page(page: Page, shop: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{shop}/bag/")  # empty: a short page
    footer = page.locator(".site-footer").bounding_box()
    assert footer["y"] + footer["height"] == pytest.approx(900, abs=1)


@pytest.mark.parametrize("width", WIDTHS)
def test_each_order_opens_on_a_page_with_its_lines_and_status(page: Page, shop: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    first, _ = fill_bag_and_go_to_payment(page, shop)
    pay_with_a_good_card(page)
    order = Order.objects.get()
    page.get_by_role("link", name="Your orders").click()
    # The click starts a navigation; read styles only once the orders table is the page shown.
    expect(page).to_have_url(f"{shop}/account/orders/")
    expect(page.get_by_role("link", name=f"Order #{order.pk}")).to_be_visible()
    assert alignments(page, ".orders-table td:nth-child(3), .orders-table td:nth-child(4)") == {"right"}
    page.get_by_role("link", name=f"Order #{order.pk}").click()
    expect(page).to_have_url(f"{shop}/account/orders/{order.pk}/")
    expect(page).to_have_title(f"Order #{order.pk} · Django MFE Shop")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Order #{order.pk}")
    expect(page.locator(".order-facts")).to_contain_text("Paid with the card")
    expect(page.get_by_role("row").filter(has_text=first.name)).to_contain_text(f"€{first.price}")
    assert alignments(page, ".payment-summary td") == {"right"}
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="All your orders").click()
    expect(page).to_have_url(f"{shop}/account/orders/")
