"""The bag as this app shows it: lines from the shared store, product details and prices through the API client."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.http import HttpRequest

from api.client import ApiClient, money
from shared_store import dispatch, select
from shared_store.slices import cart

# How a sentence names a product the catalog no longer has.
NO_LONGER_SOLD = "a product that is no longer sold"


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
class PriceChange:
    """A line whose catalog price is no longer the one the shopper was shown."""

    product_id: int
    name: str
    was: Decimal
    now: Decimal
    currency: str

    @property
    def was_display(self) -> str:
        return money(self.was, self.currency)

    @property
    def now_display(self) -> str:
        return money(self.now, self.currency)


@dataclass(frozen=True)
class Bag:
    lines: list[BagLine]
    price_changes: list[PriceChange] = field(default_factory=list)
    """Lines repriced from the catalog just now: the shopper must be told."""

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def total_display(self) -> str:
        currency = self.lines[0].currency if self.lines else "EUR"
        return money(sum((line.total for line in self.lines), Decimal("0")), currency)

    @property
    def summary(self) -> str:
        """The bag in a few words, as a toast says it after a change: "Bag total €36.00 (3 items)."."""
        if not self.lines:
            return "Your bag is empty."
        return f"Bag total {self.total_display} ({self.count} item{'' if self.count == 1 else 's'})."

    def name_of(self, product_id: int) -> str:
        """A line's product as a sentence names it."""
        line = next((line for line in self.lines if line.product_id == product_id), None)
        return line.name if line is not None and line.name is not None else NO_LONGER_SOLD

    def payable(self, deselected: set[int]) -> "Bag":
        """The lines "Go to payment" hands over: those not unticked whose product is still sold."""
        return Bag(lines=[line for line in self.lines if line.product_id not in deselected and line.name is not None])


def bag_get(request: HttpRequest, client: ApiClient) -> Bag:
    """The visitor's bag at the catalog's current prices: one store read and, if it has lines, one API call for all
    their products. Lines whose price changed since the shopper last saw it are repriced in the store (so the
    change is reported once) and listed in `price_changes`."""
    lines = select(request, cart.select_lines)
    if not lines:
        return Bag(lines=[])
    ids = [line["product_id"] for line in lines]
    params = {"ids": ",".join(map(str, ids)), "page_size": len(ids)}
    data = client.get("/api/products/", params=params, authenticated=False)
    products = {item["id"]: item for item in data["results"]}
    shown = [
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
    return _repriced(request, shown, products)


def _repriced(request: HttpRequest, lines: list[BagLine], products: dict[int, dict]) -> Bag:
    """The lines at the catalog's prices; the changes dispatched to the store and reported."""
    changes = [
        PriceChange(
            product_id=line.product_id,
            name=line.name or "",
            was=line.unit_price,
            now=Decimal(products[line.product_id]["price"]),
            currency=line.currency,
        )
        for line in lines
        if line.product_id in products and Decimal(products[line.product_id]["price"]) != line.unit_price
    ]
    if not changes:
        return Bag(lines=lines)
    dispatch(request, cart.LinesRepriced(prices=tuple((change.product_id, str(change.now)) for change in changes)))
    new_prices = {change.product_id: change.now for change in changes}
    return Bag(
        lines=[replace(line, unit_price=new_prices.get(line.product_id, line.unit_price)) for line in lines],
        price_changes=changes,
    )
