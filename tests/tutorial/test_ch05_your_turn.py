"""Chapter 5, your turn: the payment form's "Name on card" starts as the shopper's name, asked of the API."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework.response import Response

from api.client import api_called
from api.models import Product
from api.views import MeView

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_payment(client: Client, catalog: int, demo_user) -> Client:
    """A logged-in shopper with a checkout handed over, about to open the payment page."""
    get_user_model().objects.filter(pk=demo_user.pk).update(first_name="Ada", last_name="Lovelace")
    product = Product.objects.order_by("pk").first()
    assert product is not None
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.post("/remotes/cart/checkout/")
    client.post("/login/", {"username": "demo", "password": "mfe-demo-pass"})
    return client


def name_on_card(html: str) -> str | None:
    field = re.search(r'<input[^>]*name="name"[^>]*>', html)
    assert field, "no Name on card field on the page"
    value = re.search(r'value="([^"]*)"', field.group(0))
    return value.group(1) if value else None


def test_name_on_card_is_the_shoppers_name_from_the_api(at_payment: Client) -> None:
    urls: list[str] = []
    receiver = lambda *, url, **kwargs: urls.append(str(url))  # noqa: E731
    api_called.connect(receiver)
    try:
        html = at_payment.get("/checkout/payment/").content.decode()
    finally:
        api_called.disconnect(receiver)
    assert name_on_card(html) == "Ada Lovelace"
    assert any(url.endswith("/api/me/") for url in urls), "ask /api/me/ through api_client(request)"


def test_when_the_api_fails_the_field_is_empty_and_the_page_still_works(
    at_payment: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MeView, "get", lambda self, request: Response({"detail": "Down."}, status=503))
    response = at_payment.get("/checkout/payment/")
    assert response.status_code == 200
    assert name_on_card(response.content.decode()) in (None, "")
