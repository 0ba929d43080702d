"""Chapter 2, your turn: the products remote exposes a second component, and the host mounts it by name."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

from api.models import Product
from host.mount import component

pytestmark = pytest.mark.django_db


def test_the_products_remote_exposes_catalog_intro() -> None:
    try:
        component("products/CatalogIntro")
    except ImproperlyConfigured as exc:
        pytest.fail(f'{exc} Add "CatalogIntro" to the exposes of apps/products/apps.py.')


def test_the_home_page_mounts_it_beside_the_list(client: Client, catalog: int) -> None:
    html = client.get("/").content.decode()
    assert 'data-mount="products/CatalogIntro"' in html, "Give the home page an aside: its row in host/pages.py."
    intro = html.split('data-mount="products/CatalogIntro"')[1].split("</aside>")[0]
    assert 'class="catalog-intro"' in intro
    assert 'href="/bag/"' in intro  # the host's bag_href prop, never a path written in the remote


def test_only_the_home_page_has_it(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    assert product is not None
    assert "products/CatalogIntro" not in client.get(f"/product/{product.pk}/").content.decode()


def test_the_host_checks_still_pass() -> None:
    call_command("check", fail_level="ERROR")  # every exposed name resolves
