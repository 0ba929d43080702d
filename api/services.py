"""Writes of the backend: the catalog, the demo account and orders."""

import hashlib
import json
import random
from decimal import Decimal
from itertools import product as cartesian
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from rest_framework.exceptions import APIException, ValidationError

from api import payments
from api.client import cache as api_cache
from api.models import IdempotencyKey, Order, OrderLine, Product
from api.pagination import catalog_changed

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "mfe-demo-pass"
# How many times order_place tries to claim an idempotency key that other attempts keep taking and freeing.
CLAIM_ATTEMPTS = 5

_ADJECTIVES = [
    "Linen",
    "Walnut",
    "Copper",
    "Wool",
    "Ceramic",
    "Canvas",
    "Oak",
    "Brass",
    "Cotton",
    "Slate",
    "Leather",
    "Glass",
    "Cedar",
    "Felt",
    "Marble",
    "Bamboo",
]
_THINGS = [
    "Tote Bag",
    "Desk Lamp",
    "Notebook",
    "Mug",
    "Plant Pot",
    "Throw Blanket",
    "Serving Board",
    "Candle",
    "Wall Clock",
    "Pencil Case",
    "Water Bottle",
    "Backpack",
]


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
    # bulk_create sends no post_save: the cached totals and the client's cached answers are forgotten here.
    catalog_changed()
    api_cache.invalidate(api_cache.CATALOG)
    return len(products)


def product_changed(*, instance: Product, **kwargs: object) -> None:
    """What the client's cache holds of this product is read afresh (Product's post_save and post_delete)."""
    api_cache.products_changed(instance.pk)


def demo_user_ensure() -> Any:
    """The demo account named in the README (created once; its password is reset to the documented one)."""
    user, _ = get_user_model().objects.get_or_create(
        username=DEMO_USERNAME, defaults={"first_name": "Demo", "last_name": "Shopper", "email": "demo@example.com"}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


class PaymentRefused(APIException):
    status_code = 402
    default_code = "card_declined"


class ProviderDown(APIException):
    status_code = 502
    default_code = "provider_unavailable"


class KeyReused(APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = "This idempotency key was already used for a different order."


class StillProcessing(APIException):
    status_code = 409
    default_code = "request_in_progress"
    default_detail = "An order with this idempotency key is still being placed. Try again in a moment."


def order_place(
    *, user: Any, lines: list[dict[str, Any]], card: dict[str, str] | None = None, idempotency_key: str | None = None
) -> tuple[Order, bool]:
    """Place an order once per idempotency key; returns the order and whether it was an earlier one (a replay).

    Same key and body: the order placed the first time. Same key, other body: KeyReused (422). Same key while
    the first request is still running: StillProcessing (409). A failed attempt frees its key.
    """
    if idempotency_key is None:
        return order_create(user=user, lines=lines, card=card), False
    digest = _request_digest(lines, card)
    record = None
    for _ in range(CLAIM_ATTEMPTS):
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=user, key=idempotency_key, request_hash=digest)
            break
        except IntegrityError:
            earlier = IdempotencyKey.objects.select_related("order").filter(user=user, key=idempotency_key).first()
        if earlier is None:
            continue  # a failed attempt freed the key between our insert and our read: claim it again
        if earlier.request_hash != digest:
            raise KeyReused()
        if earlier.order is None:
            raise StillProcessing()
        return earlier.order, True
    if record is None:
        raise StillProcessing()  # the key kept changing hands: other attempts are still at work
    try:
        with transaction.atomic():
            order = order_create(user=user, lines=lines, card=card)
            IdempotencyKey.objects.filter(pk=record.pk).update(order=order)
    except Exception:
        record.delete()
        raise
    return order, False


def _request_digest(lines: list[dict[str, Any]], card: dict[str, str] | None) -> str:
    canonical = json.dumps({"lines": lines, "card": card}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def order_create(*, user: Any, lines: list[dict[str, Any]], card: dict[str, str] | None = None) -> Order:
    """Place an order at the catalog's current prices, take the quantities out of stock, and charge the card.

    Raises (nothing written, nothing charged) ValidationError for an unknown product, mixed currencies, too
    little stock or a price the customer saw that is no longer the catalog's; PaymentRefused or ProviderDown
    when the card is not charged.
    """
    wanted = {line["product_id"]: line["quantity"] for line in lines}
    products = {p.pk: p for p in Product.objects.select_for_update().filter(pk__in=wanted).order_by("pk")}
    unknown = sorted(set(wanted) - set(products))
    if unknown:
        raise ValidationError({"lines": [f"No product with id {', '.join(map(str, unknown))}."]})
    changed = [
        f"{products[line['product_id']].name} now costs {products[line['product_id']].price} (not {line['unit_price']})"
        for line in lines
        if line.get("unit_price") is not None and Decimal(line["unit_price"]) != products[line["product_id"]].price
    ]
    if changed:
        raise ValidationError({"lines": [f"Prices have changed: {'; '.join(changed)}. Please review your order."]})
    currencies = {product.currency for product in products.values()}
    if len(currencies) > 1:
        raise ValidationError({"lines": ["An order is paid in one currency."]})
    short = [f"only {p.stock} of {p.name} left" for pk, p in products.items() if p.stock < wanted[pk]]
    if short:
        raise ValidationError({"lines": [f"Not enough stock: {'; '.join(short)}."]})
    currency = currencies.pop()
    total = sum((products[pk].price * quantity for pk, quantity in wanted.items()), Decimal("0"))
    paid_with = ""
    if card is not None:
        try:
            paid_with = "•••• " + payments.charge(card_number=card["number"], amount=total, currency=currency).last4
        except payments.CardDeclined as exc:
            raise PaymentRefused(exc.message) from exc
        except payments.ProviderUnavailable as exc:
            raise ProviderDown(exc.message) from exc
    for pk, quantity in wanted.items():
        Product.objects.filter(pk=pk).update(stock=F("stock") - quantity)
    api_cache.products_changed(*wanted)  # update() sends no post_save: their new stock is shown from here on
    order = Order.objects.create(user=user, currency=currency, total=total, paid_with=paid_with)
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order, product=products[pk], name=products[pk].name, quantity=quantity, unit_price=products[pk].price
        )
        for pk, quantity in wanted.items()
    )
    return order
