"""The shop under its Content Security Policy: every page carries a nonce, and nothing is refused in Chromium."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from api.models import Product
from tests.browser.pages import add_to_bag, expect_badge
from tests.browser.test_checkout import fill_bag_and_go_to_payment, fill_card

pytestmark = pytest.mark.browser

NONCE = re.compile(r"script-src 'self' 'nonce-([\w+/=-]+)'")


@pytest.fixture
def violations(page: Page) -> list[str]:
    """What Chromium refused because of the policy (it reports each refusal on the console)."""
    refused: list[str] = []

    def check(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", check)
    return refused


@pytest.fixture
def documents(page: Page) -> list[Response]:
    """Every page (document) the browser loaded, not counting redirects."""
    loaded: list[Response] = []
    page.on(
        "response",
        lambda response: (
            loaded.append(response)
            if response.request.resource_type == "document" and response.status not in {301, 302, 303, 307, 308}
            else None
        ),
    )
    return loaded


def test_every_page_works_under_the_policy_with_a_fresh_nonce(
    page: Page, shop: str, violations: list[str], documents: list[Response]
) -> None:
    call_command("loaddata", "monolith_catalog", verbosity=0)
    first, _ = fill_bag_and_go_to_payment(page, shop)  # products, htmx add to cart, bag, selection, login
    fill_card(page, "4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay €")).click()
    expect(page.get_by_role("heading", name="Thank you!")).to_be_visible()
    page.get_by_role("link", name="Your orders").click()
    expect(page.get_by_role("heading", name="Your orders")).to_be_visible()
    page.goto(f"{shop}/product/{first.pk}/")
    page.get_by_role("button", name="Add to cart").click()
    expect_badge(page, 2)
    page.goto(f"{shop}/no-such-page/")
    page.goto(f"{shop}/api/docs/")
    expect(page.get_by_text("django-mfe shop API")).to_be_visible()  # Swagger UI ran: its script is allowed
    page.goto(f"{shop}/monolith/")
    page.get_by_role("button", name="Add to cart").first.click()
    expect_badge(page, 1)

    assert violations == []
    nonces = []
    for response in documents:
        policy = response.headers.get("content-security-policy", "")
        assert "style-src 'self';" in policy, response.url
        assert "object-src 'none'" in policy, response.url
        # Every shop page carries its nonce. Swagger UI's page and the monolith's have no script of ours
        # to give one to: Django leaves an unused nonce out, and then no inline script may run at all.
        if "/api/docs/" not in response.url and "/monolith/" not in response.url:
            found = NONCE.search(policy)
            assert found, (response.url, policy)
            nonces.append(found.group(1))
    assert len(documents) >= 10
    assert len(set(nonces)) == len(nonces)  # a new nonce for every page


def test_an_inline_script_without_the_nonce_is_refused(page: Page, shop: str, violations: list[str]) -> None:
    """The policy is enforced, not just sent: a script injected into the page does not run."""
    page.goto(f"{shop}/")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "document.body.dataset.injected = 'ran'";
        document.head.append(script);
    }""")
    assert page.evaluate("document.body.dataset.injected") is None
    assert any("script-src" in message for message in violations)


def test_the_bag_still_works_without_inline_styles(page: Page, shop: str, violations: list[str]) -> None:
    names = list(Product.objects.order_by("name").values_list("name", flat=True)[:2])
    page.goto(f"{shop}/")
    add_to_bag(page, *names)
    page.goto(f"{shop}/bag/")
    page.get_by_label(f"Quantity of {names[0]}").fill("3")
    page.get_by_label(f"Quantity of {names[0]}").press("Enter")
    expect_badge(page, 4)
    assert violations == []
