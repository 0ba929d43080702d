"""Reads of the visitor's account and orders, through the shared API client (authenticated endpoints)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from api.client import ApiClient, money


@dataclass(frozen=True)
class OrderSummary:
    id: int
    created_at: datetime
    items: int
    total: Decimal
    currency: str

    @property
    def total_display(self) -> str:
        return money(self.total, self.currency)


@dataclass(frozen=True)
class OrderLine:
    name: str
    quantity: int
    unit_price_display: str
    total_display: str


@dataclass(frozen=True)
class Order:
    """One order with its lines, as the thank-you page and the order's own page show it."""

    id: int
    created_at: datetime
    lines: list[OrderLine]
    total_display: str
    paid_with: str

    @property
    def status(self) -> str:
        return f"Paid with the card {self.paid_with}" if self.paid_with else "Not paid"


@dataclass(frozen=True)
class OrderHistory:
    display_name: str
    email: str
    orders: list[OrderSummary]


def orders_get(client: ApiClient) -> OrderHistory:
    """Who the token belongs to (`/api/me/`) and their orders (`/api/orders/`, first page)."""
    me = client.get("/api/me/")
    page = client.get("/api/orders/")
    return OrderHistory(
        display_name=me["display_name"], email=me["email"], orders=[_summary(order) for order in page["results"]]
    )


def _summary(order: dict[str, Any]) -> OrderSummary:
    return OrderSummary(
        id=order["id"],
        created_at=datetime.fromisoformat(order["created_at"]),
        items=sum(line["quantity"] for line in order["lines"]),
        total=Decimal(order["total"]),
        currency=order["currency"],
    )


def order_get(client: ApiClient, order_id: int) -> Order:
    """One of the token user's orders (`/api/orders/<id>/`); another user's is ApiNotFound."""
    order = client.get(f"/api/orders/{order_id}/")
    currency = order["currency"]
    lines = [
        OrderLine(
            name=line["name"],
            quantity=line["quantity"],
            unit_price_display=money(Decimal(line["unit_price"]), currency),
            total_display=money(Decimal(line["unit_price"]) * line["quantity"], currency),
        )
        for line in order["lines"]
    ]
    return Order(
        id=order["id"],
        created_at=datetime.fromisoformat(order["created_at"]),
        lines=lines,
        total_display=money(Decimal(order["total"]), currency),
        paid_with=order["paid_with"],
    )
