"""The `cart` slice: the lines in the visitor's bag, each with the price the shopper was last shown.

While someone is logged in, this slice belongs to their account (see Store): the same bag on every device.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import TypedDict

from shared_store.actions import Action, ActionRejected

NAME = "cart"
MAX_LINE_QUANTITY = 99
MAX_LINES = 50


class CartLine(TypedDict):
    product_id: int
    quantity: int
    unit_price: str  # a Decimal as text: exact, and JSON-safe
    currency: str


class CartState(TypedDict):
    lines: list[CartLine]


def initial_state() -> CartState:
    return {"lines": []}


@dataclass(frozen=True, kw_only=True)
class AddItem(Action):
    """Add `quantity` of a product; `available` is its stock when the action was made."""

    type = "cart/addItem"
    product_id: int
    quantity: int
    unit_price: Decimal
    currency: str
    available: int


@dataclass(frozen=True, kw_only=True)
class SetQuantity(Action):
    """Set a line's quantity; `available` is the product's stock."""

    type = "cart/setQuantity"
    product_id: int
    quantity: int
    available: int


@dataclass(frozen=True, kw_only=True)
class RemoveItem(Action):
    """Take a product out of the bag."""

    type = "cart/removeItem"
    product_id: int


@dataclass(frozen=True, kw_only=True)
class RemoveItems(Action):
    """Take several products out of the bag at once (e.g. the ones just bought)."""

    type = "cart/removeItems"
    product_ids: tuple[int, ...]


@dataclass(frozen=True, kw_only=True)
class LinesMerged(Action):
    """At login: the lines an anonymous visitor had, joined to the account's bag."""

    type = "cart/linesMerged"
    lines: tuple[CartLine, ...]


@dataclass(frozen=True, kw_only=True)
class LinesRepriced(Action):
    """The catalog's prices changed since the lines were added: the bag now shows (and charges) these."""

    type = "cart/linesRepriced"
    prices: tuple[tuple[int, str], ...]
    """(product id, new unit price as text) for each line whose price changed."""


def merge_action(anonymous: CartState) -> Action | None:
    """The action that adds an anonymous visitor's bag to the account's at login (None for an empty bag)."""
    return LinesMerged(lines=tuple(anonymous["lines"])) if anonymous["lines"] else None


def reducer(state: CartState, action: Action) -> CartState:
    """Pure: the next cart state for `action`; raises ActionRejected for an action that cannot apply."""
    lines = state["lines"]
    match action:
        case AddItem(product_id=product_id, quantity=quantity, available=available):
            if quantity < 1:
                raise ActionRejected("Choose a quantity of at least 1.")
            current = _find(lines, product_id)
            wanted = quantity + (current["quantity"] if current else 0)
            _check_quantity(wanted, available)
            if current is None:
                _check_new_line(lines, action)
                line: CartLine = {
                    "product_id": product_id,
                    "quantity": wanted,
                    "unit_price": str(action.unit_price),
                    "currency": action.currency,
                }
                return {"lines": [*lines, line]}
            return {"lines": [{**line, "quantity": wanted} if line is current else line for line in lines]}
        case SetQuantity(product_id=product_id, quantity=quantity, available=available):
            current = _find(lines, product_id)
            if current is None:
                raise ActionRejected("That product is not in your bag.")
            _check_quantity(quantity, available)
            return {"lines": [{**line, "quantity": quantity} if line is current else line for line in lines]}
        case RemoveItem(product_id=product_id):
            return {"lines": [line for line in lines if line["product_id"] != product_id]}
        case RemoveItems(product_ids=product_ids):
            return {"lines": [line for line in lines if line["product_id"] not in product_ids]}
        case LinesMerged(lines=incoming):
            return {"lines": _merged(lines, incoming)}
        case LinesRepriced(prices=prices):
            new = dict(prices)
            return {
                "lines": [{**line, "unit_price": new.get(line["product_id"], line["unit_price"])} for line in lines]
            }
        case _:
            return state


def _merged(lines: list[CartLine], incoming: tuple[CartLine, ...]) -> list[CartLine]:
    """The account's lines with the anonymous ones added: quantities of a product in both add up (to the limit of
    one line); new products join while the bag has room and they are in its currency; the rest is left out."""
    merged = [line.copy() for line in lines]
    by_product = {line["product_id"]: line for line in merged}
    for line in incoming:
        current = by_product.get(line["product_id"])
        if current is not None:
            current["quantity"] = min(current["quantity"] + line["quantity"], MAX_LINE_QUANTITY)
        elif len(merged) < MAX_LINES and (not merged or merged[0]["currency"] == line["currency"]):
            merged.append(line.copy())
            by_product[line["product_id"]] = merged[-1]
    return merged


def _find(lines: list[CartLine], product_id: int) -> CartLine | None:
    return next((line for line in lines if line["product_id"] == product_id), None)


def _check_quantity(quantity: int, available: int) -> None:
    if quantity < 1:
        raise ActionRejected("Choose a quantity of at least 1.")
    if quantity > available:
        raise ActionRejected(f"Only {available} in stock." if available else "This product is out of stock.")
    if quantity > MAX_LINE_QUANTITY:
        raise ActionRejected(f"You can have at most {MAX_LINE_QUANTITY} of one product in your bag.")


def _check_new_line(lines: list[CartLine], action: AddItem) -> None:
    if len(lines) >= MAX_LINES:
        raise ActionRejected(f"Your bag can hold at most {MAX_LINES} different products.")
    if lines and lines[0]["currency"] != action.currency:
        raise ActionRejected(f"Your bag is priced in {lines[0]['currency']}; this product is in {action.currency}.")


def select_lines(state: dict) -> list[CartLine]:
    return state[NAME]["lines"]


def select_count(state: dict) -> int:
    """How many items, counting quantities."""
    return sum(line["quantity"] for line in state[NAME]["lines"])


def select_quantity(state: dict, product_id: int) -> int:
    line = _find(state[NAME]["lines"], product_id)
    return line["quantity"] if line else 0


def select_total(state: dict) -> Decimal:
    """The bag's total at the prices the lines were added with."""
    return sum((Decimal(line["unit_price"]) * line["quantity"] for line in state[NAME]["lines"]), Decimal("0"))
