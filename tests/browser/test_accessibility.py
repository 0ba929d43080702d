"""Every page a shopper sees, in both shops, on a desktop and on a 320 px phone (the monolith at 390 px too): no
WCAG 2.2 A/AA violation that axe-core finds, and nothing that makes the page scroll sideways (WCAG 1.4.10 Reflow).

One journey per shop and width walks through the pages in a shopper's order and audits each on the way; the
problems of every page are gathered and asserted once, so a failure lists them all.
"""

import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from api.models import Product
from api.services import demo_user_ensure
from monolith.models import Product as MonolithProduct
from tests.browser.audit import Audit
from tests.browser.pages import PAY, expect_badge, pay_with_card, submit_login

pytestmark = pytest.mark.browser

DECLINED = "4000 0000 0000 0002"
ACCEPTED = "4242 4242 4242 4242"


def journey(page: Page, shop: str, audit: Audit, products: list[str]) -> None:
    """Catalog, bag, login, payment (empty, declined, paid), thanks, orders, an order, 404: `products` are the
    ids of three products, `shop` where the shop's pages are."""
    demo_user_ensure()
    audit.visit(f"{shop}/", "product list")
    audit.visit(f"{shop}/product/{products[0]}/", "product detail")
    audit.visit(f"{shop}/bag/", "empty bag")
    audit.visit(f"{shop}/login/", "login")
    audit.visit(f"{shop}/product/999999/", "404")

    # Each product from its own page, freshly loaded: a toast left by the last click covers nothing here.
    for count, product in enumerate(products, start=1):
        page.goto(f"{shop}/product/{product}/")
        page.get_by_role("button", name="Add to cart").click()
        expect_badge(page, count)
    audit.visit(f"{shop}/bag/", "full bag")

    page.get_by_role("button", name="Go to payment").click()
    submit_login(page)
    expect(page).to_have_url(f"{shop}/checkout/payment/")
    audit.check("payment")
    page.get_by_role("button", name=PAY).click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    audit.check("payment after an empty submit")
    pay_with_card(page, DECLINED)
    expect(page.get_by_text("Your card was declined").first).to_be_visible()
    audit.check("payment after a declined card")

    pay_with_card(page, ACCEPTED)
    expect(page).to_have_url(re.compile(r"/checkout/thanks/\d+/$"))
    audit.check("thanks")
    audit.visit(f"{shop}/account/orders/", "orders")
    page.get_by_role("link", name=re.compile(r"^Order #")).first.click()
    expect(page.get_by_role("heading", name=re.compile(r"^Order #"))).to_be_visible()
    audit.check("an order")


def federated_journey(page: Page, shop: str, audit: Audit) -> None:
    journey(page, shop, audit, [product.pk for product in Product.objects.order_by("name")[:3]])


def monolith_journey(page: Page, shop: str, audit: Audit) -> None:
    """The monolith at /monolith/: the same pages (tests/monolith/test_parity.py), so the same journey."""
    call_command("loaddata", "monolith_catalog", verbosity=0)
    journey(page, f"{shop}/monolith", audit, [product.pk for product in MonolithProduct.objects.order_by("name")[:3]])


JOURNEYS: dict[str, Callable[[Page, str, Audit], None]] = {
    "federated": federated_journey,
    "monolith": monolith_journey,
}


# The monolith at a phone's usual width too (390 px), between the desktop and the narrowest phone.
@pytest.mark.parametrize(
    ("journey", "width"),
    [("federated", 1280), ("federated", 320), ("monolith", 1280), ("monolith", 390), ("monolith", 320)],
)
def test_every_page_passes_axe_and_fits_the_width(page: Page, shop: str, journey: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    audit = Audit(page)
    JOURNEYS[journey](page, shop, audit)
    found = len(audit.problems)  # a count, so that pytest prints the report below rather than the list again
    assert found == 0, audit.report()
