"""What the browser tests do again and again on the shop's pages."""

import re
import time

from playwright.sync_api import Locator, Page, Route, expect


def product_card(page: Page, name: str) -> Locator:
    """The card of one product on the list page."""
    return page.locator(".product-card").filter(has=page.get_by_role("heading", name=name, exact=True))


def submit_login(page: Page, username: str = "demo", password: str = "mfe-demo-pass") -> None:
    """Fill in and send the login form the page shows."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


PAY = re.compile(r"^Pay\b")  # "Pay", or "Pay €12.00" where the button shows the amount; not "Paying…"


def pay_with_card(page: Page, number: str) -> None:
    """On the payment page: the card form filled in with `number`, and "Pay" pressed."""
    page.get_by_label("Name on card").fill("Demo Shopper")
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiry (MM/YY)").fill("12/39")
    page.get_by_label("CVC").fill("123")
    page.get_by_role("button", name=PAY).click()


def pay_with_a_good_card(page: Page) -> None:
    """On the payment page: the test card that is accepted, "Pay", and the thank-you page."""
    pay_with_card(page, "4242 4242 4242 4242")
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()


def expect_badge(page: Page, items: int) -> None:
    expect(page.get_by_role("link", name=f"Bag, {items} item{'' if items == 1 else 's'}", exact=True)).to_be_visible()


def add_to_bag(page: Page, *names: str) -> None:
    """On the product list, click "Add to cart" on each product, waiting for the badge after each click."""
    for count, name in enumerate(names, start=1):
        product_card(page, name).get_by_role("button", name="Add to cart").click()
        expect_badge(page, count)


class HeldRequests:
    """Requests matching `pattern`, held until the test lets each go: the action stays in flight meanwhile.

    Playwright hands a held request to Python in its own event loop, which runs only while the test waits on
    the page: a request the browser has sent may not be in `routes` yet. `wait_for` waits for it.
    """

    def __init__(self, page: Page, pattern: str | re.Pattern[str]) -> None:
        self.page = page
        self.routes: list[Route] = []
        page.route(pattern, lambda route: self.routes.append(route))

    def wait_for(self, count: int = 1, timeout: float = 5) -> None:
        """Until `count` requests are held (more may be: the test then says how many it expected)."""
        deadline = time.monotonic() + timeout
        while len(self.routes) < count:
            assert time.monotonic() < deadline, f"{len(self.routes)} request(s) held, {count} expected"
            self.page.wait_for_timeout(20)

    def release(self) -> None:
        """Let the first held request go on to the server."""
        self.wait_for(1)
        self.routes.pop(0).continue_()

    def release_all(self) -> None:
        while self.routes:
            self.routes.pop(0).continue_()


# What a screen reader would be told: the text each change adds inside a live region (aria-live, or the roles
# alert and status), buttons' own text aside. Recorded from now on, for `announcements` to read.
_LISTEN = """() => {
    window.__said = [];
    const live = (node) => node.closest?.('[aria-live]:not([aria-live="off"]), [role="alert"], [role="status"]');
    new MutationObserver((changes) => {
        for (const change of changes) {
            for (const node of change.addedNodes) {
                const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
                if (!element || element.closest("[aria-hidden=true]")) continue;
                // Added inside a live region; or an alert arriving with what was added (an error in a new form).
                const told = live(element) ? [node] : [...(node.querySelectorAll?.('[role="alert"]') ?? [])];
                for (const part of told) {
                    const copy = part.cloneNode(true);
                    copy.querySelectorAll?.("button").forEach((button) => button.remove());
                    const text = copy.textContent.replace(/\\s+/g, " ").trim();
                    if (text) window.__said.push(text);
                }
            }
        }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
}"""


def listen_to_live_regions(page: Page) -> None:
    """From now on, record what the page's live regions are told (see `announcements`)."""
    page.evaluate(_LISTEN)


def announcements(page: Page) -> list[str]:
    """What the live regions were told since `listen_to_live_regions`, in order."""
    return page.evaluate("window.__said")
