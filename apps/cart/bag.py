"""Reads for the bag: lines from the shared store, product details through the shared API client."""

from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpRequest

from api.client import ApiClient
from api.money import money
from shared_store import select
from shared_store.slices import cart


@dataclass(frozen=True)
class BagLine:
    """One line of the bag as this app shows it."""

    product_id: int
    quantity: int
    unit_price: Decimal
    currency: str
    name: str | None  # None when the product has left the catalog
    image_url: str | None
    available: int

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def unit_price_display(self) -> str:
        return money(self.unit_price, self.currency)

    @property
    def total_display(self) -> str:
        return money(self.total, self.currency)


@dataclass(frozen=True)
class Bag:
    lines: list[BagLine]

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_display(self) -> str:
        currency = self.lines[0].currency if self.lines else "EUR"
        return money(sum((line.total for line in self.lines), Decimal("0")), currency)


def bag_get(request: HttpRequest, client: ApiClient) -> Bag:
    """The visitor's bag: one store read and, if it has lines, one API call for all their products."""
    lines = select(request, cart.select_lines)
    if not lines:
        return Bag(lines=[])
    ids = [line["product_id"] for line in lines]
    params = {"ids": ",".join(map(str, ids)), "page_size": len(ids)}
    data = client.get("/api/products/", params=params, authenticated=False)
    products = {item["id"]: item for item in data["results"]}
    return Bag(
        lines=[
            BagLine(
                product_id=line["product_id"],
                quantity=line["quantity"],
                unit_price=Decimal(line["unit_price"]),
                currency=line["currency"],
                name=products.get(line["product_id"], {}).get("name"),
                image_url=products.get(line["product_id"], {}).get("image_url"),
                available=products.get(line["product_id"], {}).get("stock", 0),
            )
            for line in lines
        ]
    )
