"""The monolith in Chromium: every click is a full page load, and the shop still works end to end."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from api.services import demo_user_ensure
from monolith.models import Order, Product

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


@pytest.fixture
def monolith(live_server: LiveServer, transactional_db: None) -> str:
    call_command("loaddata", "monolith_catalog", verbosity=0)
    demo_user_ensure()
    return f"{live_server.url}/monolith"


def test_browse_add_change_and_pay_with_full_page_loads(page: Page, monolith: str) -> None:
    first, second = Product.objects.all()[:2]
    page.goto(f"{monolith}/")
    page.get_by_role("listitem").filter(has_text=first.name).get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("status")).to_have_text(f"{first.name} is in your cart.")
    expect(page.get_by_role("link", name="Cart (1)")).to_be_visible()

    page.goto(f"{monolith}/product/{second.pk}/")
    page.get_by_label("Quantity").fill("0")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("Ensure this value is greater than or equal to 1.")).to_be_visible()
    page.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_role("link", name="Cart (3)")).to_be_visible()

    page.get_by_role("link", name="Cart (3)").click()
    page.get_by_label(f"Quantity of {second.name}").fill("3")
    page.get_by_label(f"Quantity of {second.name}").press("Enter")
    expect(page.get_by_role("link", name="Cart (4)")).to_be_visible()
    expect(page.locator(".total")).to_have_text(f"€{first.price + second.price * 3}")

    page.get_by_role("link", name="Check out").click()
    expect(page).to_have_url(re.compile(r"/monolith/login/\?next=/monolith/checkout/$"))
    page.get_by_label("Username").fill("demo")
    page.get_by_label("Password").fill("mfe-demo-pass")
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Card number").fill("4000 0000 0000 0002")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(page.get_by_role("alert")).to_contain_text("declined")
    assert not Order.objects.exists()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()

    order = Order.objects.get()
    expect(page).to_have_url(f"{monolith}/checkout/thanks/{order.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your order")
    expect(page.get_by_role("link", name="Cart (0)")).to_be_visible()
