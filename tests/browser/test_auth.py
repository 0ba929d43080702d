"""Logging in, a token refresh the visitor never notices, and no token anywhere in the browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from api.services import demo_user_ensure
from tests.browser.pages import expect_badge, submit_login
from tests.helpers import past_the_access_tokens_lifetime

pytestmark = [pytest.mark.browser, pytest.mark.postgres]

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


def log_in(page: Page, shop: str) -> None:
    page.goto(f"{shop}/")
    page.get_by_role("link", name="Log in").click()
    submit_login(page)
    expect(page.get_by_text("Logged in as Demo Shopper")).to_be_visible()


def test_an_expired_access_token_is_refreshed_once_and_never_reaches_the_browser(
    page: Page, shop: str, api_calls: list[str]
) -> None:
    demo_user_ensure()
    log_in(page, shop)
    api_calls.clear()

    with past_the_access_tokens_lifetime():
        page.get_by_role("link", name="Your orders").click()
        expect(page.get_by_text("Signed in as Demo Shopper (demo@example.com).")).to_be_visible()
    assert api_calls.count("refresh") == 1
    assert api_calls.count("retry") == 1

    assert not JWT.search(page.content())
    for cookie in page.context.cookies():
        assert not JWT.search(cookie["value"]), cookie["name"]
    assert next(c for c in page.context.cookies() if c["name"] == "sessionid")["httpOnly"]
    storage = page.evaluate("JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")
    assert not JWT.search(storage)


def test_logging_out_updates_the_header_and_badge_in_place(page: Page, shop: str) -> None:
    demo_user_ensure()
    log_in(page, shop)
    page.locator(".product-card").first.get_by_role("button", name="Add to cart").click()
    expect_badge(page, 1)
    page.evaluate("window.notReloaded = true")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    expect_badge(page, 0)
    expect(page.locator("#toasts")).to_contain_text("You have been logged out.")
    assert page.evaluate("window.notReloaded") is True


def test_a_wrong_password_says_so(page: Page, shop: str) -> None:
    demo_user_ensure()
    page.goto(f"{shop}/login/")
    submit_login(page, password="not-it")
    expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username and password")
    expect(page.get_by_label("Username")).to_have_value("demo")
