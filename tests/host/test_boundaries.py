"""Error boundaries (host/boundaries.py): a failing remote shows its fallback, the rest of the page renders."""

import logging
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from api.models import Product
from host import mount as mounting
from tests.helpers import badge_label, htmx_headers

pytestmark = pytest.mark.django_db


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], None]]:
    """Make a component raise: fault("apps.cart.components", "cart_badge")."""

    def inject(module: str, function: str) -> None:
        def broken(request, props, **kwargs):  # the same signature a host calls
            raise RuntimeError(f"{function} is broken")

        original = __import__(module, fromlist=[function])
        broken.__annotations__ = getattr(original, function).__annotations__
        monkeypatch.setattr(original, function, broken)
        mounting.component.cache_clear()

    yield inject
    mounting.component.cache_clear()


def heal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()
    mounting.component.cache_clear()


def test_a_failing_slot_shows_its_fallback_and_the_page_renders(
    client: Client, catalog: int, fault, caplog: pytest.LogCaptureFixture
) -> None:
    fault("apps.cart.components", "cart_badge")
    with caplog.at_level(logging.ERROR, logger="host.boundaries"):
        response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-mount="cart/CartBadge" data-failed="true"' in html
    assert "The cart part of the shop is unavailable right now." in html
    assert html.count('class="product-card"') == 24  # the products region is intact
    assert "Remote 'cart' failed to render cart/CartBadge" in caplog.text
    assert caplog.records[0].remote == "cart"


@pytest.mark.parametrize(
    ("module", "function", "path", "remote"),
    [
        ("apps.products.components", "product_list", "/", "products"),
        ("apps.products.components", "product_detail", "/product/{product}/", "products"),
        ("apps.cart.components", "bag", "/bag/", "cart"),
        ("apps.payment.components", "orders", "/account/orders/", "payment"),
    ],
)
def test_a_failing_page_keeps_the_layout_and_answers_500(
    client: Client, catalog: int, demo_user, fault, module: str, function: str, path: str, remote: str
) -> None:
    client.force_login(demo_user)
    fault(module, function)
    response = client.get(path.format(product=Product.objects.first().pk))
    html = response.content.decode()
    assert response.status_code == 500
    assert f"The {remote} part of the shop is unavailable right now." in html
    assert '<nav class="site-nav"' in html
    assert badge_label(html) == "Bag, 0 items"  # the other remotes on the page still render


def test_try_again_re_renders_the_fragment_once_the_fault_is_gone(
    client: Client, catalog: int, fault, monkeypatch: pytest.MonkeyPatch
) -> None:
    fault("apps.cart.components", "cart_badge")
    html = client.get("/").content.decode()
    assert 'hx-get="/fragments/cart/CartBadge/"' in html
    assert "fallback" in client.get("/fragments/cart/CartBadge/", headers=htmx_headers("/")).content.decode()
    heal(monkeypatch)
    again = client.get("/fragments/cart/CartBadge/", headers=htmx_headers("/")).content.decode()
    assert again.startswith('<div id="remote-cart-CartBadge"')
    assert badge_label(again) == "Bag, 0 items"


def test_fragments_of_login_pages_need_a_login_and_unknown_ones_are_404(client: Client) -> None:
    assert client.get("/fragments/payment/Orders/").status_code == 403
    assert client.get("/fragments/nope/Nothing/").status_code == 404


def test_debug_fallbacks_say_why(client: Client, catalog: int, fault, settings: Settings) -> None:
    settings.DEBUG = True
    fault("apps.cart.components", "cart_badge")
    assert "DEBUG: RuntimeError: cart_badge is broken" in client.get("/").content.decode()
    settings.DEBUG = False
    assert "DEBUG:" not in client.get("/").content.decode()


def test_a_failing_htmx_action_gets_a_fallback_fragment(
    client: Client, catalog: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from apps.products import services

    def broken(*args, **kwargs):
        raise RuntimeError("add to cart is broken")

    monkeypatch.setattr(services, "cart_add", broken)
    product = Product.objects.first()
    with caplog.at_level(logging.ERROR, logger="host.boundaries"):
        response = client.post(
            f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/")
        )
    assert response.status_code == 200  # so htmx swaps it in
    assert response["X-Remote-Failed"] == "products"
    assert "The products part of the shop is unavailable right now." in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert "Remote 'products' failed" in caplog.text


def test_the_analytics_slot_fails_quietly(client: Client, catalog: int, fault) -> None:
    fault("apps.analytics.components", "tracker")
    response = client.get("/")
    assert response.status_code == 200
    assert 'data-mount="analytics/Tracker" data-failed="true"' in response.content.decode()
