"""The template context worked out once per request (federation/context_processors.py)."""

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token, rotate_token
from django.test import Client, RequestFactory

from api.models import Product

pytestmark = pytest.mark.django_db

TOKENS = re.compile(r'(?:"X-CSRFToken": "|name="csrfmiddlewaretoken" value="|data-csrf-token=")([A-Za-z0-9]{64})')


def test_every_template_of_a_page_carries_the_same_masked_token(client: Client, catalog: int) -> None:
    for product in Product.objects.order_by("pk")[:2]:
        client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers={"HX-Request": "true"})
    html = client.get("/bag/").content.decode()
    tokens = TOKENS.findall(html)
    # The layout's htmx headers, the tracker, the bag's forms, the logout form: all rendered by separate templates.
    assert len(tokens) >= 4
    assert len(set(tokens)) == 1
    assert _unmask_cipher_token(tokens[0]) == client.cookies["csrftoken"].value


def test_a_secret_rotated_within_the_request_gets_a_token_of_its_own() -> None:
    request = RequestFactory().get("/")
    first = str(_token(request))
    assert _unmask_cipher_token(first) == request.META["CSRF_COOKIE"]
    assert str(_token(request)) == first  # masked once for the request
    rotate_token(request)  # what a login does
    second = str(_token(request))
    assert second != first
    assert _unmask_cipher_token(second) == request.META["CSRF_COOKIE"]


def _token(request: object) -> object:
    from federation.context_processors import csrf

    return csrf(request)["csrf_token"]
