"""Fixtures of the products remote's tests."""

import pytest

from api.models import Product


@pytest.fixture
def product(catalog: int) -> Product:
    """The catalog's first product (its id depends on the database's sequence, not on the test)."""
    return Product.objects.order_by("pk").first()
