"""Reads of the catalog, through the shared API client only: this app never touches the API's models."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from api.client import ApiClient, money

# At or below this many, a product's stock is shown where a shopper decides (the list, the product page).
LOW_STOCK = 5


@dataclass(frozen=True)
class Product:
    """A product as this app sees it."""

    id: int
    name: str
    description: str
    price: Decimal
    currency: str
    stock: int
    image_url: str

    @classmethod
    def from_api(cls, data: dict[str, Any]) -> "Product":
        return cls(
            id=data["id"],
            name=data["name"],
            description=data["description"],
            price=Decimal(data["price"]),
            currency=data["currency"],
            stock=data["stock"],
            image_url=data["image_url"],
        )

    @property
    def price_display(self) -> str:
        return money(self.price, self.currency)

    @property
    def stock_note(self) -> str | None:
        """What a shopper choosing this product needs to know of its stock: none left, or only a few."""
        if self.stock <= 0:
            return "Out of stock"
        return f"Only {self.stock} left" if self.stock <= LOW_STOCK else None


@dataclass(frozen=True)
class ProductPage:
    """One page of the catalog."""

    products: list[Product]
    number: int
    count: int
    has_next: bool
    has_previous: bool


def product_page(client: ApiClient, *, number: int) -> ProductPage:
    """The catalog page `number` (from 1); raises ApiNotFound past the last page."""
    data = client.get("/api/products/", params={"page": number}, authenticated=False)
    return ProductPage(
        products=[Product.from_api(item) for item in data["results"]],
        number=number,
        count=data["count"],
        has_next=data["next"] is not None,
        has_previous=data["previous"] is not None,
    )


def product_get(client: ApiClient, *, product_id: int) -> Product:
    """One product; raises ApiNotFound when there is none."""
    return Product.from_api(client.get(f"/api/products/{product_id}/", authenticated=False))
