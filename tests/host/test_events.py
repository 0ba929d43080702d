"""Delivering custom events (host/events.py): HX-Trigger on htmx answers, JSON on full pages, kept across redirects."""

import json
import re

import pytest
from django.test import Client

from api.models import Product
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db


def page_events(html: str) -> list:
    match = re.search(r'<script id="mfe-events" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the page carries no events script"
    return json.loads(match.group(1))


def test_a_full_page_carries_its_events(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    events = page_events(client.get(f"/product/{product.pk}/").content.decode())
    assert events == [
        ["host:page-view", {"path": f"/product/{product.pk}/"}],
        ["products:viewed", {"product_id": product.pk}],
    ]


def test_an_htmx_answer_carries_its_events_in_hx_trigger(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 2}, headers=htmx_headers("/"))
    assert json.loads(response["HX-Trigger"]) == {"cart:item-added": {"product_id": product.pk, "quantity": 2}}


def test_a_refused_action_fires_nothing(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 0}, headers=htmx_headers("/"))
    assert "HX-Trigger" not in response


def test_events_of_a_plain_post_fire_on_the_page_it_redirects_to(client: Client, catalog: int) -> None:
    product = Product.objects.first()
    response = client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1, "next": "/"})
    assert response.status_code == 303
    events = page_events(client.get("/").content.decode())
    assert events == [["cart:item-added", {"product_id": product.pk, "quantity": 1}], ["host:page-view", {"path": "/"}]]
    assert page_events(client.get("/").content.decode()) == [["host:page-view", {"path": "/"}]]  # only once


def test_removing_a_line_and_logging_out_fire_their_events(client: Client, catalog: int, demo_user) -> None:
    product = Product.objects.first()
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    client.get("/")
    response = client.post(f"/remotes/cart/lines/{product.pk}/remove/", headers=htmx_headers("/bag/"))
    assert json.loads(response["HX-Trigger"]) == {"cart:item-removed": {"product_id": product.pk}}
    client.force_login(demo_user)
    response = client.post("/logout/", headers=htmx_headers("/"))
    assert json.loads(response["HX-Trigger"]) == {"user:logged-out": {}}
