"""Tests of how an answer is composed (host/answer.py): every part, in the order its contributors are listed."""

import json

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from api.models import Product
from host import answer, events
from tests.helpers import htmx_headers, oob_mounts

pytestmark = pytest.mark.django_db


def test_the_contributors_are_listed_in_the_order_they_run() -> None:
    assert (
        answer.changed_components,
        answer.queued_toasts,
        events.deliver,
        answer.what_the_patterns_did,  # last: it shows what the others did
    ) == answer.CONTRIBUTORS


def test_an_add_answers_with_every_part_in_that_order(client: Client, catalog: int, settings: Settings) -> None:
    settings.INSPECTOR = {"ENABLED": True}
    product = Product.objects.order_by("pk").first()
    response = client.post(
        f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1}, headers=htmx_headers("/", "cart/CartBadge")
    )
    html = response.content.decode()
    assert oob_mounts(html) == ["remote-cart-CartBadge"]
    badge, toast, panel = (
        html.index('id="remote-cart-CartBadge"'),
        html.index("beforeend:#toasts"),
        html.index("inspector"),
    )
    assert badge < toast < panel
    assert "cart:item-added" in json.loads(response["HX-Trigger"])


def test_an_answer_that_navigates_carries_no_out_of_band_part(client: Client, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1, "next": "/"})
    assert response.status_code == 303
    assert response.content == b""
