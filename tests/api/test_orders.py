"""Tests of /api/me/ and /api/orders/ (api/views.py, api/services.py): scoped to the token's user."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from api.models import Order, Product

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def bearer(account) -> dict[str, str]:
    return {"Authorization": f"Bearer {AccessToken.for_user(account)}"}


@pytest.fixture
def products(catalog: int) -> list[Product]:
    return list(Product.objects.order_by("pk")[:3])


def place(client: Client, account, lines: list[dict]) -> object:
    return client.post("/api/orders/", {"lines": lines}, content_type="application/json", headers=bearer(account))


def test_anonymous_requests_are_401(client: Client) -> None:
    for path in ("/api/me/", "/api/orders/", "/api/orders/1/"):
        response = client.get(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


def test_order_is_priced_by_the_catalog(client: Client, demo_user, products: list[Product]) -> None:
    first, second, _ = products
    stock = first.stock
    lines = [
        {"product_id": first.pk, "quantity": 2},
        {"product_id": second.pk, "quantity": 1, "unit_price": str(second.price)},
    ]
    response = place(client, demo_user, lines)
    assert response.status_code == 201
    body = response.json()
    assert body["total"] == str(first.price * 2 + second.price)
    assert [(line["product_id"], line["quantity"], line["unit_price"]) for line in body["lines"]] == [
        (first.pk, 2, str(first.price)),
        (second.pk, 1, str(second.price)),
    ]
    first.refresh_from_db()
    assert first.stock == stock - 2


def test_orders_are_scoped_to_their_owner(client: Client, demo_user, products: list[Product]) -> None:
    other = get_user_model().objects.create_user("other", password="x")
    mine = place(client, demo_user, [{"product_id": products[0].pk, "quantity": 1}]).json()
    theirs = place(client, other, [{"product_id": products[1].pk, "quantity": 1}]).json()
    listing = client.get("/api/orders/", headers=bearer(demo_user)).json()
    assert [order["id"] for order in listing["results"]] == [mine["id"]]
    assert client.get(f"/api/orders/{mine['id']}/", headers=bearer(demo_user)).status_code == 200
    response = client.get(f"/api/orders/{theirs['id']}/", headers=bearer(demo_user))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        ([], "lines", "This list may not be empty."),
        ([{"product_id": 999999, "quantity": 1}], "lines", "No product with id 999999."),
        ([{"product_id": "x", "quantity": 1}], "lines.0.product_id", "A valid integer is required."),
        ([{"product_id": 1, "quantity": 0}], "lines.0.quantity", "greater than or equal to 1"),
        ([{"product_id": 1, "quantity": 10000}], "lines.0.quantity", "less than or equal to 99"),
        ([{"product_id": 1, "quantity": 90}], "lines", "Not enough stock"),
        ([{"product_id": 1, "quantity": 1}, {"product_id": 1, "quantity": 2}], "lines", "List each product once."),
        ([{"product_id": n, "quantity": 1} for n in range(1000, 1051)], "lines", "at most 50 different products"),
    ],
)
def test_bad_orders_are_400_with_field_errors_and_write_nothing(
    client: Client, demo_user, products: list[Product], lines: list[dict], field: str, message: str
) -> None:
    lines = [{**line, "product_id": products[0].pk} if line.get("product_id") == 1 else line for line in lines]
    stock_before = list(Product.objects.order_by("pk").values_list("stock", flat=True))
    response = place(client, demo_user, lines)
    assert response.status_code == 400
    error = response.json()["error"]
    assert message in " ".join(error["fields"][field])
    assert not Order.objects.exists()
    assert list(Product.objects.order_by("pk").values_list("stock", flat=True)) == stock_before


def test_malformed_json_is_a_400(client: Client, demo_user) -> None:
    response = client.post("/api/orders/", "{not json", content_type="application/json", headers=bearer(demo_user))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "parse_error"


def test_a_tampered_price_is_refused_and_nothing_is_written(client: Client, demo_user, products: list[Product]) -> None:
    first = products[0]
    response = place(client, demo_user, [{"product_id": first.pk, "quantity": 1, "unit_price": "0.01"}])
    assert response.status_code == 400
    assert f"{first.name} now costs {first.price} (not 0.01)" in response.json()["error"]["message"]
    assert not Order.objects.exists()
