"""The products remote for every shopper, in Chromium: keyboard focus, a visible request in flight, phones."""

import pytest
from playwright.sync_api import Page, expect

from api.models import Product
from api.services import catalog_seed
from tests.browser.pages import HeldRequests, expect_badge, product_card

pytestmark = pytest.mark.browser


def test_keyboard_add_to_cart_on_the_list_keeps_focus_on_the_button(page: Page, shop: str) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    product_card(page, product.name).get_by_role("button", name="Add to cart").focus()
    page.keyboard.press("Enter")
    expect_badge(page, 1)
    # The replacement has the focus: the button that was pressed is gone with the form it was in.
    expect(page.locator(f"#add-to-cart-{product.pk}")).to_be_focused()
    page.keyboard.press("Enter")  # and the keyboard goes on from there
    expect_badge(page, 2)
    expect(page.locator(f"#add-to-cart-{product.pk}")).to_be_focused()


def test_an_add_made_the_moment_the_answer_is_in_is_htmxs_and_keeps_the_focus(page: Page, shop: str) -> None:
    """The new form works as soon as it is in the page: a keyboard user's quick second Enter (the new button
    has the focus at once) is htmx's request, never a full page load that sends the focus to the top."""
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.resource_type) if request.method == "POST" else None)
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    button = product_card(page, product.name).get_by_role("button", name="Add to cart")
    # Once the first answer is swapped in, its form is sent again in the very next task.
    page.evaluate(
        """(id) => document.addEventListener("htmx:afterSwap", () => setTimeout(() =>
            document.getElementById(id).form.requestSubmit()), {once: true})""",
        f"add-to-cart-{product.pk}",
    )
    button.click()
    expect_badge(page, 2)
    assert posts == ["xhr", "xhr"], "a full page load: htmx had not taken up the new form yet"
    expect(page.locator(f"#add-to-cart-{product.pk}")).to_be_focused()


def test_keyboard_add_to_cart_on_the_product_page_keeps_focus_on_the_button(page: Page, shop: str) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/product/{product.pk}/")
    page.get_by_role("button", name="Add to cart").focus()
    page.keyboard.press("Enter")
    expect_badge(page, 1)
    expect(page.get_by_role("button", name="Add to cart")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == f"add-to-cart-{product.pk}"


def test_enter_in_the_quantity_adds_and_leaves_focus_on_add_to_cart(page: Page, shop: str) -> None:
    """The quantity is disabled in flight and comes back as 1: focus goes to the button, not to <body>."""
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/product/{product.pk}/")
    quantity = page.get_by_role("spinbutton", name="Quantity")
    quantity.fill("2")
    quantity.press("Enter")
    expect_badge(page, 2)
    expect(page.get_by_role("button", name="Add to cart")).to_be_focused()
    expect(page.get_by_role("spinbutton", name="Quantity")).to_have_value("1")


def test_a_quantity_error_moves_focus_to_the_quantity_that_names_it(page: Page, shop: str) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/product/{product.pk}/")
    page.get_by_role("spinbutton", name="Quantity").fill(str(product.stock + 1))
    page.get_by_role("button", name="Add to cart").focus()
    page.keyboard.press("Enter")
    error = page.get_by_role("alert").filter(has_text=f"Only {product.stock} in stock.")
    expect(error).to_be_visible()
    quantity = page.get_by_role("spinbutton", name="Quantity")
    expect(quantity).to_be_focused()
    expect(quantity).to_have_attribute("aria-invalid", "true")
    expect(quantity).to_have_accessible_description(f"Only {product.stock} in stock.")
    expect(quantity).to_have_value(str(product.stock + 1))  # what was typed is kept
    expect_badge(page, 0)

    quantity.fill("1")  # corrected, the error and the invalid state go
    quantity.press("Enter")
    expect_badge(page, 1)
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("spinbutton", name="Quantity")).not_to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("button", name="Add to cart")).to_be_focused()


@pytest.fixture
def held_adds(page: Page) -> HeldRequests:
    """Every "Add to cart" POST, held until the test continues it: a server that takes its time."""
    return HeldRequests(page, "**/add-to-cart/")


@pytest.mark.parametrize("where", ["list", "detail"])
def test_add_to_cart_shows_it_is_in_flight_and_takes_one_click(
    page: Page, shop: str, held_adds: HeldRequests, where: str
) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/" if where == "list" else f"{shop}/product/{product.pk}/")
    form = page.locator(f"form:has(#add-to-cart-{product.pk})")
    button = form.get_by_role("button", name="Add to cart")
    indicator = form.get_by_text("Adding…")
    expect(indicator).to_be_hidden()

    button.click()
    expect(button).to_be_disabled()
    if where == "detail":
        expect(form.get_by_role("spinbutton", name="Quantity")).to_be_disabled()  # an edit now would be lost
    expect(indicator).to_be_visible()
    button.click(force=True)  # a second click while the first is in flight does nothing, visibly
    page.wait_for_timeout(200)
    held_adds.wait_for(1)
    assert len(held_adds.routes) == 1

    held_adds.release()
    expect_badge(page, 1)
    expect(button).to_be_enabled()
    expect(indicator).to_be_hidden()
    assert held_adds.routes == []  # one POST only: none came after it


def test_the_catalog_has_two_columns_and_no_sideways_scroll_at_320_px(page: Page, shop: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{shop}/")
    first, second = (page.locator(".product-card").nth(i).bounding_box() or {} for i in range(2))
    assert first["y"] == second["y"]  # side by side
    assert second["x"] >= first["x"] + first["width"]
    assert_fits(page, "#main")


def test_a_product_page_fits_320_px(page: Page, shop: str) -> None:
    product = Product.objects.order_by("-name").first()
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{shop}/product/{product.pk}/")
    assert_fits(page, "#main")


def assert_fits(page: Page, region: str) -> None:
    """Nothing in `region` is wider than the window or sticks out past its right edge."""
    # The whole document's scrollWidth also counts the host's header, which the host makes fit.
    widths = page.evaluate(
        """(selector) => {
            const region = document.querySelector(selector);
            const right = Math.max(...[...region.querySelectorAll("*")].map((el) => el.getBoundingClientRect().right));
            return {scroll: region.scrollWidth, right: Math.ceil(right), window: window.innerWidth};
        }""",
        region,
    )
    assert widths["scroll"] <= widths["window"], widths
    assert widths["right"] <= widths["window"], widths


IN_A_SENTENCE = """(element) => element.tagName === "A" && element.parentElement.tagName === "P"
    && element.parentElement.textContent.trim() !== element.textContent.trim()"""


@pytest.mark.parametrize("width", [320, 1280])
def test_controls_are_at_least_24_px_and_show_keyboard_focus(page: Page, shop: str, width: int) -> None:
    catalog_seed(count=30)  # two pages: the pagination's links too
    product = Product.objects.order_by("name").first()
    page.set_viewport_size({"width": width, "height": 800})
    for path in ["/", "/?page=2", f"/product/{product.pk}/"]:
        page.goto(f"{shop}{path}")
        controls = page.locator("#main").locator("a, button, input:not([type=hidden])")
        for index in range(controls.count()):
            if controls.nth(index).evaluate(IN_A_SENTENCE):
                continue  # WCAG 2.5.8's inline exception: a link in running text is as tall as its line
            box = controls.nth(index).bounding_box()
            assert box is not None
            assert min(box["width"], box["height"]) >= 24, (path, controls.nth(index).inner_text(), box)
        page.get_by_role("button", name="Add to cart").first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in {"none", "auto"}, outline
