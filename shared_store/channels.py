"""The handoff channels' catalog: each channel's name, who writes and who reads it, and the shape of its message.

Like the custom events' catalog (federation/events.py), it is the contract between two apps that never import
each other: the writer's message is checked against the shape before it is written, and the reader's after it
is read, so neither side can drift from the other unnoticed::

    CHECKOUT.write(request, summary)         # the cart
    summary = CHECKOUT.consume(request)      # the payment app: a CheckoutSummary, or None
"""

import types
from dataclasses import dataclass
from typing import Any, TypedDict, get_args, get_origin, get_type_hints, is_typeddict

from django.http import HttpRequest

from shared_store.handoff import HandoffInvalid, handoff_consume, handoff_write


class CheckoutLine(TypedDict):
    """One line the shopper chose to pay for, at the price they saw (decimals as strings)."""

    product_id: int
    name: str
    quantity: int
    unit_price: str
    line_total: str


class CheckoutSummary(TypedDict):
    """What the cart hands over on "Go to payment"."""

    lines: list[CheckoutLine]
    currency: str
    items: int
    total: str
    total_display: str


@dataclass(frozen=True)
class Channel[T]:
    """A handoff channel of the catalog: its message is a `schema` (a TypedDict)."""

    name: str
    description: str
    schema: type[T]
    unreadable: str = "That message could not be read. Please try again."
    """What the reader's visitor is told when the message is not of the schema."""

    def write(self, request: HttpRequest, message: T) -> None:
        """Leave `message` for the reader; a message not of the schema is the writer's bug (ValueError)."""
        problem = mismatch(message, self.schema)
        if problem:
            raise ValueError(f"The {self.name!r} handoff is not a {self.schema.__name__}: {problem}.")
        handoff_write(request, self.name, dict(message))  # type: ignore[call-overload]

    def consume(self, request: HttpRequest) -> T | None:
        """The unread message, read once; None if there is none. Raises HandoffError as handoff_consume does,
        and HandoffInvalid for a message not of the schema."""
        message = handoff_consume(request, self.name)
        if message is None:
            return None
        if mismatch(message, self.schema):
            raise HandoffInvalid(self.unreadable)
        return message  # type: ignore[return-value]  # checked against the schema just now


def mismatch(value: Any, schema: Any) -> str | None:
    """What keeps `value` from being a `schema` (a TypedDict, a list of one, int, str…), or None if it is one."""
    if is_typeddict(schema):
        if not isinstance(value, dict):
            return f"{value!r} is not an object"
        fields = get_type_hints(schema)
        if set(value) != set(fields):
            return f"it has {sorted(value)}, not {sorted(fields)}"
        return next((f"{key}: {p}" for key, kind in fields.items() if (p := mismatch(value[key], kind))), None)
    if get_origin(schema) is list:
        if not isinstance(value, list):
            return f"{value!r} is not a list"
        (item,) = get_args(schema)
        return next((problem for each in value if (problem := mismatch(each, item))), None)
    if isinstance(schema, type) and not isinstance(schema, types.GenericAlias):
        # bool is an int in Python, but `true` is no product id.
        if not isinstance(value, schema) or (schema is int and isinstance(value, bool)):
            return f"{value!r} is not a {schema.__name__}"
        return None
    raise TypeError(f"A channel's schema cannot use {schema!r}.")


CHECKOUT = Channel(
    "checkout",
    "The lines the shopper chose in the bag, for the payment step: cart → payment.",
    CheckoutSummary,
    unreadable="That checkout could not be read. Please go to payment again from your bag.",
)

CHANNELS: dict[str, Channel[Any]] = {channel.name: channel for channel in (CHECKOUT,)}
"""Every channel the shop's apps use, by name."""
