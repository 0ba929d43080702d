"""Paying for an order (api/payments.py) and idempotency keys (api/services.py::order_place)."""

from collections import Counter

import pytest
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from api.client import cards
from api.models import IdempotencyKey, Order, Product
from tests.helpers import run_concurrently

pytestmark = pytest.mark.postgres

CARD = {"number": cards.APPROVED, "expiry": "12/39", "cvc": "123"}


def bearer(account) -> dict[str, str]:
    return {"Authorization": f"Bearer {AccessToken.for_user(account)}"}


def pay(client: Client, account, product: Product, *, key: str | None = None, quantity: int = 1, card=CARD):
    headers = bearer(account) | ({"Idempotency-Key": key} if key else {})
    body = {"lines": [{"product_id": product.pk, "quantity": quantity, "unit_price": str(product.price)}], "card": card}
    return client.post("/api/orders/", body, content_type="application/json", headers=headers)


@pytest.fixture
def product(catalog: int) -> Product:
    return Product.objects.order_by("pk").first()


@pytest.mark.django_db
def test_a_paid_order_records_the_card_ending(client: Client, demo_user, product: Product) -> None:
    response = pay(client, demo_user, product)
    assert response.status_code == 201
    assert response.json()["paid_with"] == "•••• 4242"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "status", "code"),
    [(cards.DECLINED, 402, "card_declined"), (cards.PROVIDER_ERROR, 502, "provider_unavailable")],
)
def test_a_failed_payment_changes_nothing(client: Client, demo_user, product: Product, number, status, code) -> None:
    stock = product.stock
    response = pay(client, demo_user, product, key="attempt-0001", card={**CARD, "number": number})
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert "Nothing was charged" in response.json()["error"]["message"]
    assert not Order.objects.exists()
    product.refresh_from_db()
    assert product.stock == stock
    assert not IdempotencyKey.objects.exists()  # the key is free for the next attempt
    assert pay(client, demo_user, product, key="attempt-0001").status_code == 201


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("card", "field", "message"),
    [
        ({**CARD, "number": "4242424242424241"}, "card.number", "not valid"),
        ({**CARD, "number": "4242"}, "card.number", "digits"),
        ({**CARD, "expiry": "13/30"}, "card.expiry", "MM/YY"),
        ({**CARD, "expiry": "01/20"}, "card.expiry", "expired"),
        ({**CARD, "cvc": "1"}, "card.cvc", "3 or 4 digits"),
    ],
)
def test_bad_cards_are_400_with_field_errors(client: Client, demo_user, product: Product, card, field, message) -> None:
    response = pay(client, demo_user, product, card=card)
    assert response.status_code == 400
    assert message in " ".join(response.json()["error"]["fields"][field])
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_same_key_and_body_give_the_same_order(client: Client, demo_user, product: Product) -> None:
    first = pay(client, demo_user, product, key="checkout-abc123")
    again = pay(client, demo_user, product, key="checkout-abc123")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_same_key_with_another_body_is_422(client: Client, demo_user, product: Product) -> None:
    pay(client, demo_user, product, key="checkout-abc123")
    response = pay(client, demo_user, product, key="checkout-abc123", quantity=2)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_a_request_still_in_flight_is_409(client: Client, demo_user, product: Product) -> None:
    pay(client, demo_user, product, key="checkout-abc123")
    IdempotencyKey.objects.update(order=None)  # as if the first request were still placing its order
    response = pay(client, demo_user, product, key="checkout-abc123")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "request_in_progress"


@pytest.mark.django_db
def test_keys_belong_to_their_user(client: Client, demo_user, product: Product) -> None:
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user("other", password="x")
    assert pay(client, demo_user, product, key="checkout-abc123").status_code == 201
    assert pay(client, other, product, key="checkout-abc123").status_code == 201
    assert Order.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["short", "has spaces in it", "x" * 81])
def test_malformed_keys_are_400(client: Client, demo_user, product: Product, key: str) -> None:
    assert pay(client, demo_user, product, key=key).status_code == 400


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_pays_with_one_key_make_one_order(demo_user, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()

    def attempt() -> tuple[int, int | str]:
        response = pay(Client(), demo_user, product, key="checkout-concurrent")
        body = response.json()
        return response.status_code, body["id"] if "id" in body else body["error"]["code"]

    results = Counter(run_concurrently(10, attempt))
    order_id = Order.objects.get().pk
    # One request places the order; each other one either replays it (200, the same order) or finds the first
    # still running (409). Which of the two depends on timing, so only their total is fixed.
    assert results[201, order_id] == 1
    assert set(results) <= {(201, order_id), (200, order_id), (409, "request_in_progress")}
    assert results.total() == 10


@pytest.mark.django_db
def test_a_key_freed_by_a_failed_attempt_between_our_insert_and_our_read_is_claimed_again(
    client: Client, demo_user, product: Product, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14, finding 7, made to happen every time: another attempt holds the key when this one tries to claim
    it, and fails (freeing the key) before this one reads who holds it. That read finds nothing: a 500 once."""
    IdempotencyKey.objects.create(user=demo_user, key="checkout-raced", request_hash="another attempt's")
    real_select_related = IdempotencyKey.objects.select_related
    raced: list[bool] = []

    def read_after_the_other_attempt_failed(*fields: str) -> object:
        if not raced:  # the read that follows our failed insert: the other attempt has just freed the key
            raced.append(True)
            IdempotencyKey.objects.filter(key="checkout-raced").delete()
        return real_select_related(*fields)

    monkeypatch.setattr(IdempotencyKey.objects, "select_related", read_after_the_other_attempt_failed)
    declined = {**CARD, "number": cards.DECLINED}
    response = pay(client, demo_user, product, key="checkout-raced", card=declined)
    assert raced
    assert response.status_code == 402  # this attempt claimed the key, and its own card was declined
    assert not IdempotencyKey.objects.exists()  # and freed it in turn


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_pays_with_one_key_and_a_declined_card_never_fail_the_server(demo_user, catalog: int) -> None:
    product = Product.objects.order_by("pk").first()
    declined = {**CARD, "number": cards.DECLINED}
    statuses = run_concurrently(
        10, lambda: pay(Client(), demo_user, product, key="checkout-declined", card=declined).status_code
    )
    assert set(statuses) <= {402, 409}, statuses  # declined, or another attempt still at it: never a 500
    assert not Order.objects.exists()
