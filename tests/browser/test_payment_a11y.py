"""The payment step for a keyboard, a screen reader, a phone and a browser without JavaScript (issue 15)."""

import re

import pytest
from playwright.sync_api import Page, expect

from api.client import cards, money
from api.models import Order, Product
from api.services import demo_user_ensure
from tests.browser.pages import HeldRequests, expect_badge, product_card, submit_login

pytestmark = pytest.mark.browser

CARD_FIELDS = ("Name on card", "Card number", "Expiry (MM/YY)", "CVC")


def empty_the_card(page: Page) -> None:
    """Every card field empty, whatever the form offered (the tutorial's chapter 5 fills in the shopper's name)."""
    for label in CARD_FIELDS:
        page.get_by_label(label, exact=True).fill("")


def to_payment(page: Page, shop: str) -> Product:
    """Log in, put one product in the bag and go to payment: every step works with or without JavaScript."""
    demo_user_ensure()
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/login/")
    submit_login(page)
    page.goto(f"{shop}/")
    product_card(page, product.name).get_by_role("button", name="Add to cart").click()
    expect_badge(page, 1)
    page.goto(f"{shop}/bag/")
    page.get_by_role("button", name="Go to payment", exact=True).click()
    expect(page).to_have_url(f"{shop}/checkout/payment/")
    return product


def fill_card(page: Page, number: str, cvc: str = "123") -> None:
    page.get_by_label("Name on card").fill("Demo Shopper")
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiry (MM/YY)").fill("12/39")
    page.get_by_label("CVC").fill(cvc)


def pay_button(page: Page):
    return page.get_by_role("button", name=re.compile(r"^Pay €"))


def expect_each_error_tied_to_its_field(page: Page, labels: tuple[str, ...], message: str) -> None:
    """Each field is marked invalid and described by its own error, which exists on the page."""
    for label in labels:
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        described_by = field.get_attribute("aria-describedby") or ""
        assert described_by, f"{label} names no description"
        for element_id in described_by.split():
            expect(page.locator(f"#{element_id}")).to_have_count(1)
        expect(field).to_have_accessible_description(message)


def test_a_declined_card_without_javascript_keeps_the_name_and_expiry_and_shows_the_error(
    no_js_page: Page, shop: str
) -> None:
    page = no_js_page
    to_payment(page, shop)
    fill_card(page, "4000 0000 0000 0002", cvc="987")
    pay_button(page).click()
    expect(page).to_have_url(f"{shop}/checkout/payment/")
    problems = page.locator("#payment-problems")
    expect(problems).to_contain_text("Your card was declined.")
    expect(problems).to_be_focused()  # at the top of the form, where a screen reader starts reading
    expect(page.get_by_label("Name on card")).to_have_value("Demo Shopper")
    expect(page.get_by_label("Expiry (MM/YY)")).to_have_value("12/39")
    expect(page.get_by_label("Card number")).to_have_value("")
    expect(page.get_by_label("CVC")).to_have_value("")
    html = page.content()
    assert cards.DECLINED not in html
    assert "987" not in html
    assert not Order.objects.exists()


def test_an_empty_submit_without_javascript_says_what_to_fix_next_to_each_field(no_js_page: Page, shop: str) -> None:
    page = no_js_page
    to_payment(page, shop)
    empty_the_card(page)
    pay_button(page).click()
    expect(page).to_have_url(f"{shop}/checkout/payment/")
    expect(page.locator("#payment-problems")).to_be_focused()
    expect(page.get_by_role("alert")).to_have_count(1)
    expect_each_error_tied_to_its_field(page, CARD_FIELDS, "This field is required.")
    page.get_by_role("link", name="Card number: This field is required.").click()
    expect(page.get_by_label("Card number")).to_be_focused()  # the summary leads to the field


def test_a_declined_card_paid_with_the_keyboard_moves_the_focus_to_the_error(page: Page, shop: str) -> None:
    to_payment(page, shop)
    fill_card(page, "4000 0000 0000 0002")
    page.get_by_label("CVC").press("Tab")
    expect(pay_button(page)).to_be_focused()
    page.keyboard.press("Enter")
    problems = page.locator("#payment-problems")
    expect(problems).to_contain_text("Your card was declined.")
    expect(problems).to_be_focused()
    assert page.evaluate("document.activeElement.id") == "payment-problems"
    expect(page.get_by_label("Name on card")).to_have_value("Demo Shopper")
    expect(page.get_by_label("Expiry (MM/YY)")).to_have_value("12/39")
    expect(page.get_by_label("Card number")).to_have_value("")
    expect(page.get_by_label("CVC")).to_have_value("")


def test_an_empty_submit_fires_one_alert_and_ties_each_error_to_its_field(page: Page, shop: str) -> None:
    to_payment(page, shop)
    empty_the_card(page)
    pay_button(page).click()
    expect(page.locator("#payment-problems")).to_be_focused()
    expect(page.get_by_role("alert")).to_have_count(1)
    expect_each_error_tied_to_its_field(page, CARD_FIELDS, "This field is required.")


def test_a_card_the_api_refuses_is_tied_to_its_field(page: Page, shop: str) -> None:
    to_payment(page, shop)
    fill_card(page, "4242 4242 4242 4241")  # fails the API's checksum
    pay_button(page).click()
    expect(page.get_by_role("alert")).to_have_count(1)
    expect_each_error_tied_to_its_field(page, ("Card number",), "That card number is not valid.")


def test_the_pay_button_says_how_much_and_that_it_is_paying(page: Page, shop: str) -> None:
    product = to_payment(page, shop)
    expect(page.get_by_role("button", name=f"Pay {money(product.price, 'EUR')}", exact=True)).to_be_visible()
    held = HeldRequests(page, "**/remotes/payment/pay/")  # in flight until released
    fill_card(page, "4242 4242 4242 4242")
    pay_button(page).click()
    paying = page.get_by_role("button", name="Paying…", exact=True)
    expect(paying).to_be_visible()
    expect(paying).to_be_disabled()
    held.wait_for(1)
    assert len(held.routes) == 1
    held.release()
    expect(page).to_have_url(re.compile(r"/checkout/thanks/\d+/$"))


def mount_fits(page: Page, component: str) -> None:
    """Nothing in the component's mount point reaches past the viewport, or scrolls sideways inside it.

    The mount point, not the whole document: the host's header is the host's to fit (tests of the layout).
    """
    overflow = page.evaluate(
        """(name) => {
            const mount = document.querySelector(`[data-mount="${name}"]`);
            const wide = [mount, ...mount.querySelectorAll("*")]
                .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
                .map((e) => `${e.tagName}.${e.className}`);
            return {wide, scrolls: mount.scrollWidth - mount.clientWidth};
        }""",
        component,
    )
    assert overflow == {"wide": [], "scrolls": 0}, overflow


def test_payment_thanks_and_orders_fit_a_320_px_phone(page: Page, shop: str) -> None:
    page.set_viewport_size({"width": 320, "height": 720})
    Product.objects.filter(pk=Product.objects.order_by("name").first().pk).update(
        name="An exceptionally long product name that goes on and on"
    )
    to_payment(page, shop)
    mount_fits(page, "payment/Payment")
    pay_button(page).click()  # the errors make the form longer, not wider
    expect(page.locator("#payment-problems")).to_be_focused()
    mount_fits(page, "payment/Payment")
    fill_card(page, "4242 4242 4242 4242")
    pay_button(page).click()
    expect(page).to_have_url(re.compile(r"/checkout/thanks/\d+/$"))
    mount_fits(page, "payment/Thanks")
    page.goto(f"{shop}/account/orders/")
    mount_fits(page, "payment/Orders")
