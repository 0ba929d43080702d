"""Tests of the host layout for every shopper (host/templates/host/base.html, host/views.py, host/accounts.py):
what the page links, what it tells a screen reader, and what it leaves behind after a logout."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from pytest_django.fixtures import Settings

from api.client import money
from api.models import Product
from host.context_processors import layout_components
from tests.helpers import htmx_headers
from tests.host.test_accounts import add_to_cart, log_in
from tests.servers import ROOT

pytestmark = pytest.mark.django_db

STYLESHEET = re.compile(r'<link rel="stylesheet" href="/static/([^"]+)">')


def linked_stylesheets(html: str) -> list[str]:
    return STYLESHEET.findall(html)


def test_the_components_the_layout_mounts_are_read_from_it() -> None:
    written = re.findall(r'{% mount "([^"]+)" %}', (ROOT / "host/templates/host/base.html").read_text())
    assert layout_components() == tuple(written)
    assert {"cart/CartBadge", "host/UserMenu", "analytics/Tracker"} <= set(written)


def declared_stylesheets(component: str) -> list[str]:
    """What a component's app declares it needs (`stylesheets` in its RemoteConfig, for all or per component)."""
    remote, _, name = component.partition("/")
    declared = getattr(apps.get_app_config(remote), "stylesheets", [])
    return list(declared.get(name, [])) if isinstance(declared, dict) else list(declared)


def test_a_component_mounted_in_the_layout_gets_its_stylesheet_on_every_page(
    client: Client, catalog: int, settings: Settings, tmp_path: Path
) -> None:
    """Issue 28.3: a new remote's header component also had to be listed by hand, or its CSS was never linked."""
    base = (ROOT / "host/templates/host/base.html").read_text()
    (tmp_path / "host").mkdir()
    (tmp_path / "host/base.html").write_text(base.replace("</footer>", '{% mount "cart/Bag" %}</footer>'))
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    assert "cart/Bag" in layout_components()
    assert "cart/cart.css" in linked_stylesheets(client.get("/login/").content.decode())


@pytest.mark.parametrize(
    ("path", "shows", "leaves_out"),
    [
        ("/", ["products/products.css", "cart/badge.css"], ["cart/cart.css"]),
        ("/bag/", ["cart/cart.css", "cart/badge.css"], ["products/products.css"]),
        ("/login/", ["cart/badge.css"], ["cart/cart.css", "products/products.css"]),
        ("/no-such-page/", ["cart/badge.css"], ["cart/cart.css", "products/products.css"]),
    ],
)
def test_a_page_links_only_the_css_of_the_components_it_shows(
    client: Client, catalog: int, path: str, shows: list[str], leaves_out: list[str]
) -> None:
    """Exactly the host's sheet and those the page's components declare, each once (a remote the tutorial adds
    declares its own), the host's first."""
    html = client.get(path).content.decode()
    linked = linked_stylesheets(html)
    needed = {css for component in re.findall(r'data-mount="([^"]+)"', html) for css in declared_stylesheets(component)}
    assert linked[0] == "host/host.css"
    assert sorted(linked[1:]) == sorted(needed)
    assert set(shows) <= set(linked)
    assert not set(leaves_out) & set(linked)


def test_the_payment_page_links_the_payment_css_and_not_the_catalogs(client: Client, demo_user, catalog: int) -> None:
    log_in(client)
    add_to_cart(client, 1)
    client.post("/remotes/cart/checkout/", {"next": "/bag/"})
    html = client.get("/checkout/payment/").content.decode()
    assert "payment/payment.css" in linked_stylesheets(html)
    assert "products/products.css" not in linked_stylesheets(html)
    assert "cart/cart.css" not in linked_stylesheets(html)  # the badge's own CSS, not the bag's


def test_every_page_has_a_skip_link_a_description_and_an_icon(client: Client, catalog: int) -> None:
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<main id="main" class="site-main" tabindex="-1">' in html
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    assert '<link rel="icon" href="/static/host/favicon.svg" type="image/svg+xml">' in html
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301
    assert icon["Location"] == "/static/host/favicon.svg"


def test_the_badge_is_the_navs_one_link_to_the_bag_replaced_inside_its_slot(client: Client, catalog: int) -> None:
    page = client.get("/").content.decode()
    header = page[page.index('<header class="site-header">') : page.index("</header>")]
    assert header.count('href="/bag/"') == 1  # the badge: "Bag" beside it was a second stop to the same page
    assert '<li id="cart-badge-slot" class="slot">' in header
    assert "aria-live" not in header  # the action's toast says what changed; the badge would say it again
    product = Product.objects.order_by("pk").first()
    answer = client.post(
        f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/", "cart/CartBadge")
    ).content.decode()
    # The out-of-band swap replaces the badge's mount point, inside the slot: the slot stays.
    assert 'id="cart-badge-slot"' not in answer
    assert 'id="remote-cart-CartBadge"' in answer
    assert 'hx-swap-oob="true"' in answer


def test_a_new_selection_is_said_once_and_the_summary_changes_silently(client: Client, catalog: int) -> None:
    kept, dropped = Product.objects.order_by("pk")[:2]
    for product in (kept, dropped):
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    html = client.get("/bag/").content.decode()
    aside = re.search(r'<aside class="page-aside"[^>]*>(.*?)</aside>', html, re.DOTALL)
    assert aside
    assert "2 of 2 items selected" in aside.group(1)
    assert "aria-live" not in aside.group(1)
    answer = client.post(
        "/remotes/cart/selection/",
        {"selected": [kept.pk], "selection": "1"},
        headers=htmx_headers("/bag/", "cart/Bag", "host/CheckoutSummary"),
    ).content.decode()
    assert "1 of 2 items selected" in answer
    said = f"To pay now: {money(kept.price, 'EUR')}, 1 of 2 items."
    assert f'<p class="toast toast-info toast-announce">{said}</p>' in answer  # to a screen reader only


@pytest.mark.parametrize(
    ("next_path", "reason"),
    [
        ("/checkout/payment/", "Log in to pay. Your bag is kept"),
        ("/account/orders/", "Log in to see your orders."),
        ("/", None),
    ],
)
def test_the_login_page_says_why_a_page_sent_the_visitor_there(
    client: Client, next_path: str, reason: str | None
) -> None:
    html = client.get("/login/", {"next": next_path}).content.decode()
    if reason:
        assert f'<p class="notice">{reason}' in html
    else:
        assert '<p class="notice">' not in html


def test_go_to_payment_logged_out_lands_on_a_login_page_that_says_why(client: Client, catalog: int) -> None:
    add_to_cart(client, 1)
    response = client.post("/remotes/cart/checkout/", {"next": "/bag/"}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/?next=/checkout/payment/")
    assert "Log in to pay. Your bag is kept" in response.content.decode()


@pytest.mark.parametrize("path", ["/checkout/payment/", "/account/orders/"])
def test_private_pages_are_never_stored_by_the_browser(client: Client, demo_user, catalog: int, path: str) -> None:
    log_in(client)
    add_to_cart(client, 1)
    client.post("/remotes/cart/checkout/", {"next": "/bag/"})
    response = client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert 'hx-history="false"' in response.content.decode()
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_logging_out_with_htmx_from_a_private_page_leaves_it(client: Client, demo_user) -> None:
    log_in(client)
    headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/account/orders/"}
    response = client.post("/logout/", headers=headers)
    assert response["HX-Redirect"] == "/"
    assert "Demo Shopper" not in response.content.decode()


def test_logging_out_with_htmx_from_a_public_page_stays_on_it(client: Client, demo_user) -> None:
    log_in(client)
    headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/bag/"}
    response = client.post("/logout/", headers=headers)
    assert response.status_code == 200
    assert "HX-Redirect" not in response


def test_a_product_page_is_titled_after_the_product(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    html = client.get(f"/product/{product.pk}/").content.decode()
    assert f"<title>{product.name} · Django MFE Shop</title>" in html
    assert "<title>Your bag · Django MFE Shop</title>" in client.get("/bag/").content.decode()


def test_the_product_remote_alone_titles_its_page_after_the_product_too(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    html = client.get(f"/remotes/products/{product.pk}/").content.decode()
    assert f"<title>{product.name} · products (standalone)</title>" in html
