"""Tests of the products components alone, with fake props (apps/products/components.py)."""

import socket
from typing import Any

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404
from django.test import RequestFactory
from django.utils.html import escape
from pytest_django.fixtures import Settings

from api.models import Product
from apps.products import components
from apps.products.props import ProductDetailProps, ProductListProps
from tests.apps.products.markup import tags

pytestmark = pytest.mark.django_db


class VisitorRequests(RequestFactory):
    """Requests as the middleware hands them to a component: with a session, where the store and handoffs live."""

    def request(self, **request: Any) -> WSGIRequest:
        made = super().request(**request)
        made.session = SessionStore()
        return made


@pytest.fixture
def rf() -> RequestFactory:
    return VisitorRequests()


class RecordingHref:
    """A fake `product_href` prop that records what it was asked for."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, product_id: int) -> str:
        self.calls.append(product_id)
        return f"/fake/{product_id}"


def test_list_links_each_card_through_the_prop(rf: RequestFactory, catalog: int) -> None:
    href = RecordingHref()
    html = components.product_list(rf.get("/"), ProductListProps(product_href=href))
    assert sorted(href.calls) == sorted(Product.objects.values_list("pk", flat=True))
    assert html.count('href="/fake/') == 24


def test_list_paginates_through_the_api(rf: RequestFactory, db: None) -> None:
    from api.services import catalog_seed

    catalog_seed(count=30)
    href = RecordingHref()
    html = components.product_list(rf.get("/", {"page": "2"}), ProductListProps(product_href=href))
    assert len(href.calls) == 6
    assert 'rel="prev"' in html
    assert "Page 2 · 30 products" in html


def test_detail_shows_the_product(rf: RequestFactory, catalog: int) -> None:
    product = Product.objects.first()
    props = ProductDetailProps(product_numeric_id=product.pk, products_href="/everything/")
    html = components.product_detail(rf.get("/"), props)
    assert product.name in html
    assert f"€{product.price}" in html
    assert 'href="/everything/"' in html


def test_list_loads_the_first_row_of_images_at_once_the_first_one_first(rf: RequestFactory, catalog: int) -> None:
    html = components.product_list(rf.get("/"), ProductListProps(product_href=RecordingHref()))
    images = tags(html, "img")
    assert [image["loading"] for image in images] == ["eager"] * components.EAGER_IMAGES + ["lazy"] * 20
    assert [image.get("fetchpriority") for image in images] == ["high"] + [None] * 23


def test_detail_loads_its_image_at_once_and_first(rf: RequestFactory, catalog: int) -> None:
    product = Product.objects.first()
    html = components.product_detail(rf.get("/"), ProductDetailProps(product_numeric_id=product.pk, products_href="/"))
    [image] = tags(html, "img")
    assert (image["loading"], image["fetchpriority"]) == ("eager", "high")


def test_a_page_renders_the_forms_without_autofocus(rf: RequestFactory, catalog: int) -> None:
    """Only an htmx answer moves the focus (after its own action), never a page as it loads."""
    product = Product.objects.first()
    props = ProductDetailProps(product_numeric_id=product.pk, products_href="/")
    detail = components.product_detail(rf.get("/"), props)
    listed = components.product_list(rf.get("/"), ProductListProps(product_href=RecordingHref()))
    assert "autofocus" not in detail + listed
    [button] = tags(detail, "button")
    assert button["id"] == f"add-to-cart-{product.pk}"


def test_detail_of_a_missing_product_is_a_404(rf: RequestFactory, catalog: int) -> None:
    with pytest.raises(Http404, match="no product with id 424242"):
        components.product_detail(rf.get("/"), ProductDetailProps(product_numeric_id=424242, products_href="/"))


def test_unreachable_api_is_rendered_as_a_message(rf: RequestFactory, settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.API_CLIENT = {"BASE_URL": f"http://127.0.0.1:{port}", "TIMEOUT": 1}
    html = components.product_list(rf.get("/"), ProductListProps(product_href=RecordingHref()))
    assert escape(components.UNAVAILABLE) in html
    detail = components.product_detail(rf.get("/"), ProductDetailProps(product_numeric_id=1, products_href="/"))
    assert escape(components.UNAVAILABLE) in detail


def test_products_app_never_touches_the_api_models() -> None:
    from pathlib import Path

    import apps.products

    source = "\n".join(p.read_text() for p in Path(apps.products.__file__).parent.rglob("*.py"))
    assert "api.models" not in source
