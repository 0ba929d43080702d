"""Tests of api/services.py."""

import pytest

from api.models import Product
from api.services import catalog_seed

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_seed_creates_the_requested_number_of_distinct_products() -> None:
    assert catalog_seed(count=24) == 24
    assert Product.objects.count() == 24
    assert Product.objects.values("name").distinct().count() == 24


def test_seed_is_idempotent() -> None:
    catalog_seed(count=24)
    first = list(Product.objects.values_list("slug", "price"))
    catalog_seed(count=24)
    assert list(Product.objects.values_list("slug", "price")) == first


def test_seed_scales_past_the_named_combinations() -> None:
    catalog_seed(count=250)
    assert Product.objects.count() == 250
    assert Product.objects.filter(slug="demo-product-250").exists()
