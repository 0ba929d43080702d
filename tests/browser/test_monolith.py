"""The monolith in Chromium: with JavaScript, htmx makes each action one request that updates the page; without
it, every click is a full page load, and the shop still works end to end, with the focus where a keyboard user
needs it."""

import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from api.services import demo_user_ensure
from monolith.models import Order, Product
from tests.browser.pages import expect_badge, pay_with_card, product_card, submit_login

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture
def monolith(live_server: LiveServer, transactional_db: None) -> str:
    call_command("loaddata", "monolith_catalog", verbosity=0)
    demo_user_ensure()
    return f"{live_server.url}/monolith"


def test_browse_add_change_and_pay_with_full_page_loads(no_js_page: Page, monolith: str) -> None:
    page = no_js_page
    first, second, third = Product.objects.all()[:3]
    page.goto(f"{monolith}/")
    product_card(page, first.name).get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(f"{monolith}/")  # back on the page it was added from
    expect(page.locator("#toasts")).to_contain_text(f"Added {first.name} to your bag, now 1 item, €{first.price}.")
    expect_badge(page, 1)

    page.goto(f"{monolith}/product/{second.pk}/")
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect_badge(page, 3)
    page.goto(f"{monolith}/product/{third.pk}/")
    page.get_by_role("button", name="Add to cart").click()

    page.get_by_role("link", name="Bag, 4 items").click()
    page.get_by_label(f"Quantity of {second.name}").fill("3")
    page.get_by_label(f"Quantity of {second.name}").press("Enter")
    expect(page.locator("#toasts")).to_contain_text(f"Quantity of {second.name} is now 3.")
    page.get_by_role("button", name=f"Remove {third.name}").click()
    expect(page.locator(".bag-line")).to_have_count(2)
    page.get_by_label(f"Pay now for {first.name}").uncheck()
    page.get_by_role("button", name="Update selection").click()
    expect(page.get_by_text("3 of 4 items selected")).to_be_visible()
    expect(page.locator(".bag-due-total")).to_have_text(f"€{second.price * 3}")

    page.get_by_role("button", name="Go to payment").click()
    expect(page).to_have_url(re.compile(r"/monolith/login/\?next=/monolith/checkout/payment/$"))
    expect(page.get_by_text("Log in to pay.")).to_be_visible()
    submit_login(page)
    expect(page.locator(".payment-line")).to_have_count(1)

    pay_with_card(page, "4000 0000 0000 0002")
    expect(page.get_by_role("alert")).to_contain_text("declined")
    assert not Order.objects.exists()
    pay_with_card(page, "4242 4242 4242 4242")

    order = Order.objects.get()
    expect(page).to_have_url(f"{monolith}/checkout/thanks/{order.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you!")
    expect_badge(page, 1)  # the unticked line stays in the bag
    page.get_by_role("link", name="Your orders").click()
    page.get_by_role("link", name=f"Order #{order.pk}").click()
    expect(page.get_by_text("Paid with the card •••• 4242")).to_be_visible()


def test_the_focus_goes_where_the_problem_is_without_scripts(no_js_page: Page, monolith: str) -> None:
    page = no_js_page
    product = Product.objects.first()
    page.goto(f"{monolith}/product/{product.pk}/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # More than the stock: the server refuses it (the browser itself refuses less than 1 or more than 99).
    page.get_by_label("Quantity").fill(str(product.stock + 1))
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("alert")).to_have_text(f"Only {product.stock} in stock.")
    expect(page.get_by_label("Quantity")).to_be_focused()  # autofocus, as the refused page loads

    page.get_by_label("Quantity").fill("1")
    page.get_by_role("button", name="Add to cart").click()
    page.goto(f"{monolith}/bag/")
    page.get_by_label(f"Quantity of {product.name}").fill(str(product.stock + 1))
    page.get_by_label(f"Quantity of {product.name}").press("Enter")
    expect(page.get_by_label(f"Quantity of {product.name}")).to_be_focused()
    expect(page.get_by_label(f"Quantity of {product.name}")).to_have_accessible_description(
        f"Only {product.stock} in stock."
    )

    page.get_by_role("button", name="Go to payment").click()
    submit_login(page)
    page.get_by_role("button", name=re.compile(r"^Pay €")).click()
    expect(page.locator("#payment-problems")).to_be_focused()
    page.get_by_role("link", name="Name on card: This field is required.").click()
    expect(page.get_by_label("Name on card")).to_be_focused()


def test_with_javascript_an_add_to_cart_is_one_request_and_no_page_load(
    page: Page, monolith: str, app_requests: Callable[[], list[str]]
) -> None:
    """htmx posts the form; the answer swaps it and, out of band, the badge and the toast: no page load."""
    first = Product.objects.order_by("name").first()
    page.goto(f"{monolith}/")
    page.evaluate("window.notReloaded = true")
    before = len(app_requests())
    product_card(page, first.name).get_by_role("button", name="Add to cart").click()
    expect_badge(page, 1)
    expect(page.locator("#toasts")).to_contain_text(f"Added {first.name} to your bag, now 1 item")
    expect(product_card(page, first.name).get_by_role("button", name="Add to cart")).to_be_focused()
    page.wait_for_load_state("networkidle")
    assert app_requests()[before:] == [f"POST {monolith}/product/{first.pk}/add/"]
    assert page.evaluate("window.notReloaded") is True
