"""What the browser tests do again and again on the shop's pages."""

from playwright.sync_api import Locator, Page, expect


def product_card(page: Page, name: str) -> Locator:
    """The card of one product on the list page."""
    return page.locator(".product-card").filter(has=page.get_by_role("heading", name=name, exact=True))


def submit_login(page: Page, username: str = "demo", password: str = "mfe-demo-pass") -> None:
    """Fill in and send the login form the page shows."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def expect_badge(page: Page, items: int) -> None:
    expect(page.get_by_role("link", name=f"Bag, {items} item{'' if items == 1 else 's'}", exact=True)).to_be_visible()


def add_to_bag(page: Page, *names: str) -> None:
    """On the product list, click "Add to cart" on each product, waiting for the badge after each click."""
    for count, name in enumerate(names, start=1):
        product_card(page, name).get_by_role("button", name="Add to cart").click()
        expect_badge(page, count)
