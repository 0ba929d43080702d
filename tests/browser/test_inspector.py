"""The pattern inspector in Chromium: what a learner sees while clicking through the shop."""

import re
import time
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings
from rest_framework_simplejwt.tokens import AccessToken

from api.models import Product
from api.services import demo_user_ensure
from tests.browser.pages import add_to_bag, submit_login

pytestmark = pytest.mark.browser

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]+")


@pytest.fixture
def inspector(settings: Settings) -> None:
    settings.INSPECTOR = {"ENABLED": True}


def test_the_inspector_shows_actions_events_and_remotes(page: Page, shop: str, inspector: None) -> None:
    product = Product.objects.order_by("name").first()
    page.goto(f"{shop}/")
    expect(page.locator("body")).to_have_class(re.compile("inspector-on"))
    page.get_by_text("Pattern inspector").click()
    add_to_bag(page, product.name)

    log = page.locator("#inspector-log")
    expect(log).to_contain_text("action cart/addItem from products, changed cart")
    expect(page.locator("#inspector-events")).to_contain_text(
        f'cart:item-added {{"product_id":{product.pk},"quantity":1}}'
    )
    expect(page.locator("#inspector-state")).to_contain_text(f'"product_id": {product.pk}')
    assert page.locator("[data-mount]").count() >= 4  # outlined by CSS: products, cart badge, user menu, tracker


def test_a_token_refresh_shows_as_one_refresh_and_one_retry(
    page: Page, shop: str, inspector: None, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.SIMPLE_JWT = {**settings.SIMPLE_JWT, "ACCESS_TOKEN_LIFETIME": timedelta(seconds=1)}
    monkeypatch.setattr(AccessToken, "lifetime", timedelta(seconds=1))
    demo_user_ensure()
    page.goto(f"{shop}/login/")
    submit_login(page)
    time.sleep(1.5)
    page.goto(f"{shop}/account/orders/")
    log = page.locator("#inspector-log")
    expect(log.locator(".inspector-api").filter(has_text="api refresh")).to_have_count(1)
    expect(log.locator(".inspector-api").filter(has_text="api retry")).to_have_count(1)
    assert not JWT.search(page.content())
