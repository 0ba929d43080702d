"""Chapter 7, your turn: a `cart:quantity-changed` event, emitted by the cart and heard by the analytics remote."""

import json

import pytest
from django.test import Client

from api.models import Product
from apps.analytics.models import AnalyticsEvent
from federation.events import CATALOG

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/bag/"}


@pytest.fixture
def in_the_bag(client: Client, catalog: int) -> Product:
    product = Product.objects.order_by("pk").first()
    assert product is not None
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    return product


def test_the_catalog_declares_it() -> None:
    assert "cart:quantity-changed" in CATALOG, "Add an EventSpec to CATALOG in federation/events.py."
    assert dict(CATALOG["cart:quantity-changed"].payload) == {"product_id": int, "quantity": int}


def test_changing_a_quantity_emits_it(client: Client, in_the_bag: Product) -> None:
    response = client.post(f"/remotes/cart/lines/{in_the_bag.pk}/quantity/", {"quantity": 3}, headers=HTMX)
    events = json.loads(response.headers.get("HX-Trigger", "{}"))
    assert events.get("cart:quantity-changed") == {"product_id": in_the_bag.pk, "quantity": 3}


def test_a_refused_quantity_emits_nothing(client: Client, in_the_bag: Product) -> None:
    response = client.post(f"/remotes/cart/lines/{in_the_bag.pk}/quantity/", {"quantity": -1}, headers=HTMX)
    assert "cart:quantity-changed" not in response.headers.get("HX-Trigger", "")


def test_the_analytics_remote_listens_and_keeps_it(client: Client, in_the_bag: Product) -> None:
    assert "cart:quantity-changed" in client.get("/").content.decode()  # the tracker's list of names
    report = {"name": "cart:quantity-changed", "payload": {"product_id": in_the_bag.pk, "quantity": 3}, "path": "/bag/"}
    response = client.post("/remotes/analytics/events/", report, content_type="application/json")
    assert response.status_code == 204
    assert AnalyticsEvent.objects.filter(name="cart:quantity-changed").count() == 1
