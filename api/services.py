"""Writes to the catalog."""

import random
from decimal import Decimal
from itertools import product as cartesian

from django.utils.text import slugify

from api.models import Product

_ADJECTIVES = [
    "Linen", "Walnut", "Copper", "Wool", "Ceramic", "Canvas", "Oak", "Brass",
    "Cotton", "Slate", "Leather", "Glass", "Cedar", "Felt", "Marble", "Bamboo",
]  # fmt: skip
_THINGS = [
    "Tote Bag", "Desk Lamp", "Notebook", "Mug", "Plant Pot", "Throw Blanket",
    "Serving Board", "Candle", "Wall Clock", "Pencil Case", "Water Bottle", "Backpack",
]  # fmt: skip


def catalog_seed(*, count: int = 24) -> int:
    """Create or refresh `count` demo products (idempotent: keyed by slug); return how many were written."""
    names = [f"{adjective} {thing}" for adjective, thing in cartesian(_ADJECTIVES, _THINGS)]
    random.Random(2024).shuffle(names)  # a fixed seed: the same varied catalog on every machine
    products = []
    for index in range(count):
        base = names[index] if index < len(names) else f"Demo Product {index + 1}"
        products.append(
            Product(
                name=base,
                slug=slugify(base),
                description=f"A {base.lower()} from the demo catalog, made to show micro-frontends at work.",
                # Deterministic but varied prices and stock, so totals in the demo are easy to check by hand.
                price=Decimal(5 + (index * 7) % 60) + Decimal("0.99"),
                currency="EUR",
                stock=(index * 3) % 25 + 5,
            )
        )
    Product.objects.bulk_create(
        products,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=["name", "description", "price", "currency", "stock"],
    )
    return len(products)
