"""Tests of the host's page table (host/pages.py): one declaration that the routes, the login guard, the login
page, the fragments and the props all read."""

import pytest
from django.test import Client
from django.urls import reverse

from host.pages import PAGES, needs_login, page_at
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db


def test_every_page_is_routed_under_its_name() -> None:
    for declared in PAGES:
        kwargs = {"product_numeric_id": 1} if "product_numeric_id" in declared.route else {}
        kwargs |= {"order_numeric_id": 1} if "order_numeric_id" in declared.route else {}
        found = page_at(reverse(declared.name, kwargs=kwargs))
        assert found is declared


def test_only_host_pages_are_pages() -> None:
    assert page_at("/remotes/cart/") is None  # a remote's own endpoint
    assert page_at("/api/products/") is None
    assert page_at("/login/") is None


@pytest.mark.parametrize("declared", [page for page in PAGES if page.login_required], ids=lambda page: page.name)
def test_a_page_behind_a_login_sends_an_anonymous_visitor_to_log_in_and_says_why(client: Client, declared) -> None:
    path = reverse(declared.name, kwargs={"order_numeric_id": 1} if "order_numeric_id" in declared.route else {})
    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('login')}?next={path}"
    assert declared.login_reason in response.content.decode()


def test_the_fragments_of_a_page_behind_a_login_need_one_and_no_others(client: Client, catalog: int) -> None:
    assert needs_login("payment/Payment")
    assert not needs_login("products/ProductList")
    assert client.get("/fragments/payment/Payment/").status_code == 403
    assert client.get("/fragments/cart/Bag/", headers=htmx_headers("/bag/")).status_code == 200


def test_a_pages_route_parameters_are_its_props(client: Client, catalog: int) -> None:
    """The product page's id reaches the fragment asked from it, through the table, not a marked view."""
    from api.models import Product

    product = Product.objects.order_by("pk").first()
    answer = client.get("/fragments/products/ProductDetail/", headers=htmx_headers(f"/product/{product.pk}/"))
    assert answer.status_code == 200
    assert product.name in answer.content.decode()
