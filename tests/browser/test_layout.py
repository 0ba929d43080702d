"""The host layout in Chromium for a keyboard, a phone and a screen reader: skip link, toasts, live regions,
actions in flight, and a logout that takes private data off the screen."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from api.models import Product
from api.services import demo_user_ensure
from tests.browser.pages import HeldRequests, expect_badge, product_card, submit_login

pytestmark = pytest.mark.browser


def log_in(page: Page, shop: str) -> None:
    demo_user_ensure()
    page.goto(f"{shop}/login/")
    submit_login(page)
    expect(page.get_by_text("Logged in as Demo Shopper")).to_be_visible()


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page: Page, shop: str) -> None:
    page.goto(f"{shop}/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown when focused, off screen otherwise
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is the content's first link, not the header's
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_logging_out_on_a_private_page_takes_its_data_off_the_screen(page: Page, shop: str) -> None:
    log_in(page, shop)
    page.get_by_role("link", name="Your orders").click()
    expect(page.get_by_text("Signed in as Demo Shopper (demo@example.com).")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{shop}/")
    expect(page.get_by_text("demo@example.com")).to_have_count(0)
    expect(page.locator("#toasts")).to_contain_text("You have been logged out.")
    # Nor does "Back" bring it back, from the browser's cache or htmx's: the page asks for a login again.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/login/\?next=/account/orders/"))
    expect(page.get_by_text("demo@example.com")).to_have_count(0)
    assert "demo@example.com" not in page.evaluate("JSON.stringify(Object.entries(localStorage))")


def test_a_toast_never_catches_a_tap_meant_for_what_it_covers(browser: Browser, shop: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 700}, has_touch=True)
    page = context.new_page()
    try:
        first = Product.objects.order_by("name").first()
        page.goto(f"{shop}/")
        product_card(page, first.name).get_by_role("button", name="Add to cart").click()
        toast = page.locator(".toast").last
        expect(toast).to_be_visible()
        # Hold the toast at its fullest, half-way through its life, however slow the machine is today.
        toast.evaluate("(el) => el.getAnimations().forEach((a) => { a.pause(); a.currentTime = 3000; })")
        box = toast.bounding_box()
        # Bring another product's button under the toast, then tap where both are.
        target = page.locator(".product-card").nth(3).get_by_role("button", name="Add to cart")
        target_box = target.bounding_box()
        x, y = target_box["x"] + target_box["width"] / 2, box["y"] + box["height"] / 2
        assert box["x"] < x < box["x"] + box["width"]
        page.evaluate("(dy) => window.scrollBy(0, dy)", target_box["y"] + target_box["height"] / 2 - y)
        covering = toast.evaluate(
            """(el, [x, y]) => { const r = el.getBoundingClientRect(), shown = getComputedStyle(el).opacity > 0.5;
                return shown && r.left < x && x < r.right && r.top < y && y < r.bottom; }""",
            [x, y],
        )
        assert covering  # the toast is there, on top ...
        assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('.add-to-cart') !== null", [x, y])
        page.touchscreen.tap(x, y)  # ... and the tap reaches the button it covers
        expect_badge(page, 2)
    finally:
        context.close()


def test_without_javascript_a_faded_toast_is_gone(browser: Browser, shop: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 700})
    page = context.new_page()
    try:
        first = Product.objects.order_by("name").first()
        page.goto(f"{shop}/")
        product_card(page, first.name).get_by_role("button", name="Add to cart").click()
        toast = page.locator(".toast")
        expect(toast).to_be_visible()
        # The fade is a CSS animation (once the stylesheet is in): run it to its end, as six seconds would.
        page.wait_for_function("document.querySelector('.toast').getAnimations().length > 0")
        page.evaluate("document.getAnimations().forEach((animation) => animation.finish())")
        expect(toast).to_be_hidden()
        box = toast.evaluate(
            "(el) => { const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"
        )
        assert page.evaluate("([x, y]) => !document.elementFromPoint(x, y).closest('.toast')", box)  # taps go through
    finally:
        context.close()


@pytest.fixture
def held_actions(page: Page) -> Iterator[HeldRequests]:
    """POSTs to the app held back until the test lets them go: a slow server, seen from the browser."""
    held = HeldRequests(page, re.compile(r".*/add-to-cart/$"))
    yield held
    held.release_all()


def test_an_action_in_flight_is_busy_until_its_answer(page: Page, shop: str, held_actions: HeldRequests) -> None:
    first = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    form = product_card(page, first.name).locator("form.add-to-cart")
    form.get_by_role("button", name="Add to cart").click()
    expect(form).to_have_attribute("aria-busy", "true")
    held_actions.wait_for(1)
    assert len(held_actions.routes) == 1
    held_actions.release()
    expect_badge(page, 1)
    expect(product_card(page, first.name).locator("form.add-to-cart")).not_to_have_attribute("aria-busy", "true")


def test_the_badge_and_the_summary_change_silently_in_place(page: Page, shop: str) -> None:
    """The action's toast says what changed, once (tests/browser/test_announcements.py): the badge and the
    checkout summary, replaced out of band, are not live regions that would say it again."""
    first, second = Product.objects.order_by("name")[:2]
    page.goto(f"{shop}/")
    page.evaluate("document.getElementById('cart-badge-slot').dataset.kept = 'yes'")
    product_card(page, first.name).get_by_role("button").click()
    expect_badge(page, 1)
    product_card(page, second.name).get_by_role("button").click()
    expect_badge(page, 2)
    slot = page.locator("#cart-badge-slot")
    expect(slot).to_have_attribute("data-kept", "yes")  # the badge is replaced inside the slot
    assert slot.evaluate("(el) => el.closest('[aria-live]')") is None

    page.goto(f"{shop}/bag/")
    summary = page.locator(".page-aside")
    expect(summary).to_contain_text("2 of 2 items selected")
    page.get_by_label(f"Pay now for {first.name}").uncheck()
    expect(summary).to_contain_text("1 of 2 items selected")
    assert summary.evaluate("(el) => el.querySelector('[aria-live]') ?? el.closest('[aria-live]')") is None


@pytest.mark.parametrize("width", [390, 320])
def test_on_a_phone_the_header_is_one_row_with_one_link_to_the_bag(page: Page, shop: str, width: int) -> None:
    """Issue 27.10: "Bag" and the badge side by side, and logged in at 390 px three rows (~140 px)."""
    page.set_viewport_size({"width": width, "height": 760})
    header = page.locator(".site-header")
    for logged_in in (False, True):
        if logged_in:
            log_in(page, shop)
        page.goto(f"{shop}/")
        expect(header.locator('a[href="/bag/"]')).to_have_count(1)
        expect(header.get_by_role("link", name="Bag, 0 items")).to_be_visible()
        tops = header.locator("a:visible, button:visible").evaluate_all(
            "(all) => all.map((el) => Math.round(el.getBoundingClientRect().top))"
        )
        height = header.evaluate("(el) => el.getBoundingClientRect().height")
        assert height < 64, (logged_in, height, tops)
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    # What a phone does not show is still said: the account's name, the brand's first word.
    expect(page.get_by_role("link", name="Django MFE Shop")).to_be_visible()
    expect(page.get_by_role("link", name="Your orders")).to_be_visible()
    expect(header).to_contain_text("Logged in as Demo Shopper")
