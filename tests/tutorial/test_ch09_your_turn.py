"""Chapter 9, your turn: the cart's own fallback, which tells the shopper their bag is safe when a cart slot fails."""

from collections.abc import Callable, Iterator

import pytest
from django.test import Client

from host import mount

pytestmark = pytest.mark.django_db
SAFE = "Nothing in your bag is lost."


@pytest.fixture
def fault(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, str], None]]:
    """Make a component raise: fault("apps.cart.components", "cart_badge")."""

    def inject(module: str, function: str) -> None:
        original = __import__(module, fromlist=[function])

        def broken(request, props, **kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError(f"{function} is broken")

        broken.__annotations__ = getattr(original, function).__annotations__
        monkeypatch.setattr(original, function, broken)
        mount.component.cache_clear()

    yield inject
    mount.component.cache_clear()


def slot(html: str, name: str) -> str:
    return html.split(f'data-mount="{name}" data-failed="true"')[1].split("</header>")[0]


def test_a_failing_cart_slot_says_the_bag_is_safe(client: Client, catalog: int, fault) -> None:
    fault("apps.cart.components", "cart_badge")
    html = client.get("/").content.decode()
    badge = slot(html, "cart/CartBadge")
    assert SAFE in badge
    assert "The cart part of the shop is unavailable right now." in badge  # the host's words are kept
    assert 'role="status"' in badge
    assert "Try again" in badge


def test_other_remotes_keep_the_hosts_fallback(client: Client, catalog: int, fault) -> None:
    fault("apps.products.components", "product_list")
    html = client.get("/").content.decode()
    assert "The products part of the shop is unavailable right now." in html
    assert SAFE not in html
