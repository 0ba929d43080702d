"""Chapter 12, your turn: the product page says how many of it are in the bag, and keeps saying it as it changes."""

import pytest
from django.test import Client

from api.models import Product
from tests.helpers import htmx_headers

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(catalog: int) -> Product:
    found = Product.objects.order_by("pk").first()
    assert found is not None
    return found


def test_the_product_page_counts_what_is_in_the_bag(client: Client, product: Product) -> None:
    assert "in your bag" not in client.get(f"/product/{product.pk}/").content.decode()
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 2})
    assert "2 in your bag" in client.get(f"/product/{product.pk}/").content.decode()


def test_adding_from_the_product_page_updates_it_in_the_same_answer(client: Client, product: Product) -> None:
    headers = htmx_headers(f"/product/{product.pk}/")
    url = f"/remotes/products/{product.pk}/add-to-cart/"
    client.post(url, {"quantity": 1, "with_quantity": "1"}, headers=headers)
    answer = client.post(url, {"quantity": 2, "with_quantity": "1"}, headers=headers).content.decode()
    assert "3 in your bag" in answer  # the form htmx puts back in place of the one that was sent


def test_the_list_leaves_it_out(client: Client, product: Product) -> None:
    client.post(f"/remotes/products/{product.pk}/add-to-cart/", {"quantity": 1})
    assert "in your bag" not in client.get("/").content.decode()
