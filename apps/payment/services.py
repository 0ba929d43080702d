"""What the payment app changes: it pays the pending checkout through the API, then empties the bought lines.

`checkout_pay` is the whole Pay, top to bottom; the view only shows what came of it (apps/payment/views.py).
"""

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from api.client import ApiBadRequest, ApiError, SessionExpired, api_client
from apps.payment.checkout import PendingCheckout, checkout_paid
from apps.payment.forms import CardForm
from shared_store import dispatch
from shared_store.slices import cart

CHANGED = "This checkout changed in another tab. Check the order again, then pay."
UNDER_WAY = (
    "This payment is already under way (a second click, or another tab). Wait a moment and pay again: "
    "you will get the same order, never a second charge."
)
FAILED = "The payment could not be made. Please try again."


@dataclass(frozen=True)
class Paid:
    """The order is placed and paid; the bought lines left the bag."""

    order: dict[str, Any]


@dataclass(frozen=True)
class Refused:
    """The payment step again: the form with its errors, and what went wrong."""

    form: CardForm
    error: str | None


@dataclass(frozen=True)
class LoginEnded:
    """The login ended during the payment; this checkout went with it (the account keeps the bag)."""

    message: str


def checkout_pay(request: HttpRequest, pending: PendingCheckout, form: CardForm) -> Paid | Refused | LoginEnded:
    """Pay the pending checkout with the card of `form`, once, whatever the number of clicks.

    The idempotency key was made when the payment page first rendered: a second submit of the same checkout
    gets the first one's order, and one that arrives while the first is still running is told so (409) rather
    than kept waiting.
    """
    if not form.is_valid():
        return Refused(form, CHANGED if "key" in form.errors else None)
    if form.cleaned_data["key"] != pending.key:
        return Refused(form, CHANGED)
    # The prices the visitor saw: the API refuses an order whose prices changed.
    lines = [{"product_id": l.product_id, "quantity": l.quantity, "unit_price": l.unit_price} for l in pending.lines]  # noqa: E741
    body = {"lines": lines, "card": form.card()}
    try:
        order = api_client(request).post("/api/orders/", json=body, headers={"Idempotency-Key": pending.key})
    except SessionExpired as exc:
        return LoginEnded(exc.message)
    except ApiBadRequest as exc:
        if exc.status_code == 409:
            return Refused(form, UNDER_WAY)
        return Refused(_with_card_errors(form, exc), exc.message)
    except ApiError as exc:
        return Refused(form, exc.message or FAILED)
    dispatch(request, cart.RemoveItems(product_ids=pending.product_ids))
    checkout_paid(request, pending, order["id"])
    return Paid(order)


def _with_card_errors(form: CardForm, exc: ApiBadRequest) -> CardForm:
    """Put the API's card field errors ("card.number") on the form's fields."""
    fields = exc.payload.get("fields", {}) if isinstance(exc.payload, dict) else {}
    for name, messages in fields.items():
        field = name.removeprefix("card.")
        if field in form.fields:
            for message in messages:
                form.add_error(field, message)
    return form
