"""Tests of the cart components alone, with fake props (apps/cart/components.py)."""

from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from apps.cart import components
from apps.cart.props import BagProps


def test_empty_bag_links_back_through_the_prop(rf: RequestFactory) -> None:
    request = rf.get("/")
    request.session = SessionStore()
    html = components.bag(request, BagProps(products_href="/shop/"))
    assert "Your bag is empty" in html
    assert 'href="/shop/"' in html
