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
