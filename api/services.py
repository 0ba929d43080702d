"""Writes of the backend: the catalog, the demo account and orders."""

import random
from decimal import Decimal
from itertools import product as cartesian
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from rest_framework.exceptions import ValidationError

from api.models import Order, OrderLine, Product

MAX_LINE_QUANTITY = 99
MAX_ORDER_LINES = 50
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "mfe-demo-pass"

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


def demo_user_ensure() -> Any:
    """The demo account named in the README (created once; its password is reset to the documented one)."""
    user, _ = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"first_name": "Demo", "last_name": "Shopper", "email": "demo@example.com"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


@transaction.atomic
def order_create(*, user: Any, lines: list[dict[str, int]]) -> Order:
    """Place an order at the catalog's current prices, taking the quantities out of stock.

    Raises ValidationError (nothing written) for an unknown product, mixed currencies or too little stock.
    """
    wanted = {line["product_id"]: line["quantity"] for line in lines}
    products = {p.pk: p for p in Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk")}
    unknown = sorted(set(wanted) - set(products))
    if unknown:
        raise ValidationError({"lines": [f"No product with id {', '.join(map(str, unknown))}."]})
    currencies = {product.currency for product in products.values()}
    if len(currencies) > 1:
        raise ValidationError({"lines": ["An order is paid in one currency."]})
    short = [f"only {p.stock} of {p.name} left" for pk, p in products.items() if p.stock < wanted[pk]]
    if short:
        raise ValidationError({"lines": [f"Not enough stock: {'; '.join(short)}."]})
    for pk, quantity in wanted.items():
        Product.objects.filter(pk=pk).update(stock=F("stock") - quantity)
    order = Order.objects.create(
        user=user,
        currency=currencies.pop(),
        total=sum((products[pk].price * quantity for pk, quantity in wanted.items()), Decimal("0")),
    )
    OrderLine.objects.bulk_create(
        OrderLine(order=order, product=products[pk], name=products[pk].name, quantity=quantity,
                  unit_price=products[pk].price)
        for pk, quantity in wanted.items()
    )  # fmt: skip
    return order
