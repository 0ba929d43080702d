"""Toasts in Chromium (host/static/host/host.js, host.css): one at a time, dismissible, held while hovered, errors
kept until dismissed, out of the way of the control just used, and the focus kept on it when an action fails."""

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from api.models import Product
from api.services import demo_user_ensure
from tests.browser.pages import expect_badge, product_card, submit_login

pytestmark = pytest.mark.browser

WIDTHS = [1280, 320]


def add_button(page: Page, name: str):
    return product_card(page, name).locator("button[type=submit]")


def finish_animations(page: Page) -> None:
    """Run every CSS animation to its end, as its seconds would."""
    page.evaluate("document.getAnimations().forEach((animation) => animation.finish())")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_failed_add_keeps_the_focus_and_its_error_until_dismissed(page: Page, shop: str, width: int) -> None:
    """Issue 27.7: the focus dropped to <body>, and the error faded after six seconds."""
    page.set_viewport_size({"width": width, "height": 800})
    first = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    failures = ["network", "server"]  # the network is gone; then the server breaks

    def fail(route: Route) -> None:
        if failures.pop(0) == "network":
            route.abort()
        else:
            route.fulfill(status=500, body="broken")

    page.route("**/add-to-cart/", fail)
    button = add_button(page, first.name)
    button.focus()
    page.keyboard.press("Enter")
    error = page.get_by_role("alert")
    expect(error).to_contain_text("The shop can't be reached.")
    expect(button).to_be_focused()
    finish_animations(page)
    expect(error).to_be_visible()  # kept, however long the shopper needs

    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Something went wrong.")  # the new error replaces the old
    expect(page.locator(".toast")).to_have_count(1)
    expect(button).to_be_focused()

    dismiss = page.locator(".toast").get_by_role("button", name="Dismiss")
    dismiss.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".toast")).to_have_count(0)
    expect(button).to_be_focused()  # back to where the shopper was


def test_quick_adds_show_one_toast_that_the_pointer_holds(page: Page, shop: str) -> None:
    """Issue 27.8: four quick adds stacked four toasts, and none waited for the reader."""
    page.set_viewport_size({"width": 1280, "height": 800})
    products = list(Product.objects.order_by("name")[:4])
    page.goto(f"{shop}/")
    for count, product in enumerate(products, start=1):
        add_button(page, product.name).click()
        expect_badge(page, count)
    toast = page.locator(".toast")
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text(f"Added {products[-1].name} to your bag, now 4 items")
    box = toast.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)  # over its text (it takes no pointer events)
    assert toast.evaluate("(el) => getComputedStyle(el).animationPlayState") == "paused"
    page.mouse.move(0, 0)
    assert toast.evaluate("(el) => getComputedStyle(el).animationPlayState") == "running"
    page.keyboard.press("Tab")  # nothing focused inside it: Escape there would not concern it
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_a_toast_never_covers_the_control_just_used(browser: Browser, shop: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 700}, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{shop}/")
        for count, card in enumerate([1, 6], start=1):  # one high on the screen, one at its bottom edge
            button = page.locator(".product-card").nth(card).locator("button[type=submit]")
            button.scroll_into_view_if_needed()
            box = button.bounding_box()
            page.evaluate("(dy) => window.scrollBy(0, dy)", box["y"] + box["height"] - (700 - 30) if count == 2 else 0)
            button.tap()
            expect_badge(page, count)
            toast = page.locator(".toast")
            expect(toast).to_have_count(1)
            toast.evaluate("(el) => el.getAnimations().forEach((a) => { a.pause(); a.currentTime = 3000; })")
            shown, used = toast.bounding_box(), button.bounding_box()
            overlap = min(shown["y"] + shown["height"], used["y"] + used["height"]) - max(shown["y"], used["y"])
            assert overlap <= 0, (shown, used)
    finally:
        context.close()


def test_a_full_pages_own_toast_can_be_dismissed(page: Page, shop: str) -> None:
    demo_user_ensure()
    page.goto(f"{shop}/login/")
    submit_login(page)  # a form post, then a full page with its welcome
    toast = page.locator(".toast")
    expect(toast).to_contain_text("Welcome back, Demo Shopper.")
    toast.get_by_role("button", name="Dismiss").click()
    expect(toast).to_have_count(0)
