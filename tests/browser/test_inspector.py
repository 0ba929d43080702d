"""The pattern inspector in Chromium: what a learner sees while clicking through the shop."""

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from api.models import Product
from api.services import demo_user_ensure
from tests.browser.audit import Audit
from tests.browser.pages import add_to_bag, expect_badge, submit_login
from tests.helpers import past_the_access_tokens_lifetime

pytestmark = pytest.mark.browser

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


@pytest.fixture
def inspector(settings: Settings) -> None:
    settings.INSPECTOR = {"ENABLED": True}


def test_the_inspector_shows_actions_events_and_remotes(page: Page, shop: str, inspector: None) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    page.get_by_text("Pattern inspector").click()
    expect(page.locator("html")).to_have_class(re.compile("inspector-open"))
    add_to_bag(page, product.name)

    log = page.locator("#inspector-log")
    expect(log).to_contain_text("action cart/addItem from products, changed cart")
    expect(page.locator("#inspector-events")).to_contain_text(
        f'cart:item-added {{"product_id":{product.pk},"quantity":1}}'
    )
    expect(page.locator("#inspector-state")).to_contain_text(f'"product_id": {product.pk}')
    assert page.locator("[data-mount]").count() >= 4  # outlined by CSS: products, cart badge, user menu, tracker


def test_a_token_refresh_shows_as_one_refresh_and_one_retry(page: Page, shop: str, inspector: None) -> None:
    demo_user_ensure()
    page.goto(f"{shop}/login/")
    submit_login(page)
    with past_the_access_tokens_lifetime():
        page.goto(f"{shop}/account/orders/")
    log = page.locator("#inspector-log")
    expect(log.locator(".inspector-api").filter(has_text="api refresh")).to_have_count(1)
    expect(log.locator(".inspector-api").filter(has_text="api retry")).to_have_count(1)
    assert not JWT.search(page.content())


# Issue 18, defect 4: the inspector must not get in the way of the shop it explains.

OUTLINE_AND_LABEL = """(el) => ({
    outline: getComputedStyle(el).outlineStyle,
    label: getComputedStyle(el, "::before").content,
})"""

# Whether the element's centre, as the browser hit-tests it, is the element itself or inside it (not covered).
# The middle of its first line box: a link that wraps has a bounding box whose middle may fall between its lines.
NOT_COVERED = """(el) => {
    const box = el.getClientRects()[0];
    return el.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
}"""


def toggle_inspector(page: Page) -> None:
    page.get_by_text("Pattern inspector", exact=True).click()


def expect_inspector_open(page: Page, is_open: bool) -> None:
    """The panel's content is shown (open) or not (closed)."""
    expect(page.locator("#inspector-state")).to_be_visible(visible=is_open)


def fill_bag(page: Page, shop: str) -> Product:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/product/{product.pk}/")
    page.get_by_role("button", name="Add to cart").click()
    expect_badge(page, 1)
    return product


def go_to_payment(page: Page, shop: str) -> None:
    """From the bag to the payment page, logging in on the way if asked to."""
    demo_user_ensure()
    page.goto(f"{shop}/bag/")
    page.get_by_role("button", name="Go to payment", exact=True).click()
    page.wait_for_url(re.compile(r"/(login|checkout/payment)/"))
    if "/login/" in page.url:
        submit_login(page)
    expect(page).to_have_url(f"{shop}/checkout/payment/")


def test_the_inspector_stays_open_or_closed_across_pages(page: Page, shop: str, inspector: None) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    expect_inspector_open(page, False)  # closed until the learner opens it
    toggle_inspector(page)
    expect_inspector_open(page, True)
    page.goto(f"{shop}/product/{product.pk}/")
    expect_inspector_open(page, True)
    page.get_by_role("link", name="Bag, 0 items").click()  # a link followed, not only an address typed
    expect(page).to_have_url(f"{shop}/bag/")
    expect_inspector_open(page, True)

    toggle_inspector(page)
    expect_inspector_open(page, False)
    page.goto(f"{shop}/")
    expect_inspector_open(page, False)


def test_the_toggle_is_a_button_that_says_whether_the_panel_is_open_and_traps_no_focus(
    page: Page, shop: str, inspector: None
) -> None:
    page.goto(f"{shop}/")
    toggle = page.get_by_role("button", name="Pattern inspector", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect_inspector_open(page, True)
    expect(toggle).to_be_focused()
    page.keyboard.press("Tab")  # into the panel, which the keyboard can scroll ...
    expect(page.locator("#inspector-panel")).to_be_focused()
    page.keyboard.press("Tab")  # ... and out of it
    assert page.evaluate("document.activeElement.closest('#inspector') === null")
    toggle.focus()
    page.keyboard.press("Shift+Tab")  # back into the page: the footer's link comes just before the inspector
    expect(page.get_by_role("link", name="API docs")).to_be_focused()
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect_inspector_open(page, False)


def test_components_are_outlined_and_labelled_only_while_the_inspector_is_open(
    page: Page, shop: str, inspector: None
) -> None:
    page.goto(f"{shop}/")
    mounted = page.locator("[data-mount]")
    expect(mounted.first).to_be_attached()
    for index in range(mounted.count()):
        assert mounted.nth(index).evaluate(OUTLINE_AND_LABEL) == {"outline": "none", "label": "none"}

    toggle_inspector(page)
    for index in range(mounted.count()):
        drawn = mounted.nth(index).evaluate(OUTLINE_AND_LABEL)
        assert drawn["outline"] == "dashed"
        assert drawn["label"] != "none"

    toggle_inspector(page)
    assert mounted.first.evaluate(OUTLINE_AND_LABEL) == {"outline": "none", "label": "none"}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 320, "height": 640}], ids=["1280", "320"]
)
def test_the_inspector_open_or_closed_passes_axe_and_never_makes_a_page_scroll_sideways(
    page: Page, shop: str, inspector: None, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    product = fill_bag(page, shop)
    pages = {"home": "/", "product": f"/product/{product.pk}/", "bag": "/bag/"}
    audit = Audit(page)  # axe-core's WCAG 2.2 A/AA rules, and document.documentElement.scrollWidth <= innerWidth
    # Logged out first (a short user menu at the right edge), then logged in, with the payment page.
    for visitor in ("logged out", "logged in"):
        if visitor == "logged in":
            go_to_payment(page, shop)  # logs in on the way; the page can then be loaded again
            pages["payment"] = "/checkout/payment/"
        for is_open in (False, True):
            for name, path in pages.items():
                page.goto(f"{shop}{path}")
                if page.locator("#inspector-state").is_visible() != is_open:
                    toggle_inspector(page)
                expect_inspector_open(page, is_open)
                audit.check(f"{name}, {visitor}, inspector {'open' if is_open else 'closed'}")
    found = len(audit.problems)  # a count, so that pytest prints the report below rather than the list again
    assert found == 0, audit.report()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 320, "height": 640}], ids=["1280", "320"]
)
def test_the_open_inspector_covers_nothing_one_can_click_on_the_payment_page(
    page: Page, shop: str, inspector: None, viewport: dict[str, int]
) -> None:
    page.set_viewport_size(viewport)
    fill_bag(page, shop)
    go_to_payment(page, shop)
    toggle_inspector(page)
    expect_inspector_open(page, True)
    back = page.get_by_role("link", name="Back to your bag")
    back.scroll_into_view_if_needed()
    assert back.evaluate(NOT_COVERED), "the panel covers Back to your bag"
    # Nor anything else one can click, down to the footer's link: each can be brought into view above the panel.
    clickable = page.locator("main a:visible, main button:visible, main input:visible, footer a")
    covered = []
    for index in range(clickable.count()):
        target = clickable.nth(index)
        target.scroll_into_view_if_needed()
        if not target.evaluate(NOT_COVERED):
            covered.append(target.evaluate("(el) => el.outerHTML.slice(0, 80)"))
    assert not covered, f"the panel covers {covered}"
